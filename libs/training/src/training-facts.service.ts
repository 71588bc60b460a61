import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { counts } from './persistence/completion-void.store';

/** What the certification rules need to know about an officer's training (c. 6E §4(f), renewal hours). */
export interface TrainingFact {
  courseKind: 'basic' | 'in_service' | 'specialized';
  result: 'pass' | 'fail';
  completedOn: string;
  hours: number;
}

@Injectable()
export class TrainingFactsService {
  /**
   * Every completion that counts for one officer, inside the caller's transaction: a voided one
   * does not (API.md "Training"); those of records merged into this one do (officer_lineage).
   */
  async completionFacts(manager: EntityManager, officerId: string): Promise<TrainingFact[]> {
    const rows = await manager.query<{ course_kind: TrainingFact['courseKind']; result: TrainingFact['result']; completed_on: string; hours: number }[]>(
      `SELECT c.kind AS course_kind, t.result, to_char(t.completed_on, 'YYYY-MM-DD') AS completed_on, t.hours::float8 AS hours
         FROM training_completion t JOIN course c ON c.id = t.course_id
        WHERE t.officer_id = ANY(officer_lineage($1)) AND ${counts('t')} ORDER BY t.completed_on`,
      [officerId],
    );
    return rows.map((r) => ({ courseKind: r.course_kind, result: r.result, completedOn: r.completed_on, hours: r.hours }));
  }
}
