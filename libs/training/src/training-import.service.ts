import { Injectable } from '@nestjs/common';
import type { IsoDate } from '@app/core';
import { copyRows } from '@app/database';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';

export interface ImportedCompletion {
  academyId: string;
  officerId: string;
  courseId: string;
  completedOn: IsoDate;
  hours: number;
  result: 'pass' | 'fail';
  externalRef: string;
}

export interface ImportedCompletionContent {
  id: string;
  officerId: string;
  courseId: string;
  completedOn: IsoDate;
  hours: number;
  result: 'pass' | 'fail';
}

/**
 * Training completions written in bulk for imports (API.md "Imports"), by the context that owns
 * `training_completion`, inside the caller's transaction. They count toward certification and
 * renewal like any other (the training facts read the table, whatever wrote a row).
 */
@Injectable()
export class TrainingImportService {
  /** The courses with these codes: id, kind and hours (a completion's hours never exceed its course's). */
  async coursesByCode(manager: EntityManager, codes: readonly string[]): Promise<Map<string, { id: string; kind: string; hours: number }>> {
    if (codes.length === 0) return new Map();
    const rows = await manager.query<{ id: string; code: string; kind: string; hours: number }[]>(
      `SELECT id, code, kind, hours::float8 AS hours FROM course WHERE code = ANY($1::text[])`,
      [[...new Set(codes)]],
    );
    return new Map(rows.map((row) => [row.code, { id: row.id, kind: row.kind, hours: row.hours }]));
  }

  /** Completions already recorded under these (academy, externalRef) keys, by `academyId|externalRef`. */
  async existing(manager: EntityManager, keys: readonly { academyId: string; externalRef: string }[]): Promise<Map<string, ImportedCompletionContent>> {
    if (keys.length === 0) return new Map();
    const rows = await manager.query<
      {
        id: string;
        academy_id: string;
        external_ref: string;
        officer_id: string;
        course_id: string;
        completed_on: string;
        hours: number;
        result: 'pass' | 'fail';
      }[]
    >(
      `SELECT c.id, c.academy_id, c.external_ref, c.officer_id, c.course_id, to_char(c.completed_on, 'YYYY-MM-DD') AS completed_on, c.hours::float8 AS hours, c.result
         FROM training_completion c
         JOIN unnest($1::uuid[], $2::text[]) AS k(academy_id, external_ref) ON k.academy_id = c.academy_id AND k.external_ref = c.external_ref`,
      [keys.map((k) => k.academyId), keys.map((k) => k.externalRef)],
    );
    return new Map(
      rows.map((r) => [
        `${r.academy_id}|${r.external_ref}`,
        { id: r.id, officerId: r.officer_id, courseId: r.course_id, completedOn: r.completed_on, hours: r.hours, result: r.result },
      ]),
    );
  }

  /** Inserts the completions (the caller has set aside every key already taken), by COPY; ids in input order. */
  async recordImportedCompletions(manager: EntityManager, importId: string, rows: readonly ImportedCompletion[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const ids = rows.map(() => randomUUID());
    await copyRows(
      manager,
      'training_completion',
      ['id', 'academy_id', 'officer_id', 'course_id', 'completed_on', 'hours', 'result', 'external_ref', 'import_id'],
      rows.map((c, i) => [ids[i], c.academyId, c.officerId, c.courseId, c.completedOn, c.hours, c.result, c.externalRef, importId]),
    );
    return ids;
  }
}
