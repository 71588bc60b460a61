import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DisputeSubjectType, markKey } from './domain/dispute';
import { openDisputeKeys, openSubjectTypesByOfficer } from './persistence/dispute.queries';

/** Which records of a read carry an open dispute: `has(type, id)`; identity and certification by the officer's id. */
export interface DisputedRecords {
  has(type: DisputeSubjectType, id: string): boolean;
}

const NONE: DisputedRecords = { has: () => false };

/**
 * The `disputed: true` mark (API.md "Officers' own accounts"): while a dispute is open, the
 * record it names says so wherever agencies and the commission read it. A read asks once for
 * its whole page (one query, never one per row), inside its own transaction when it has one.
 */
@Injectable()
export class DisputeMarks {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * `records`: the ids of completions, employments or reports on the page; `officers`: the
   * officers whose identity or certification the page shows.
   */
  async among(
    query: { types: readonly DisputeSubjectType[]; records?: readonly string[]; officers?: readonly string[] },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DisputedRecords> {
    if (query.types.length === 0 || ((query.records?.length ?? 0) === 0 && (query.officers?.length ?? 0) === 0)) return NONE;
    const keys = new Set(await openDisputeKeys(manager, { types: query.types, subjectIds: query.records, officerIds: query.officers }));
    return { has: (type, id) => keys.has(markKey(type, id, id)) };
  }

  /** For each officer, the parts of the record under an open dispute (a hiring check's `disputed` warning); one query. */
  async subjectTypesByOfficer(officerIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, DisputeSubjectType[]>> {
    if (officerIds.length === 0) return new Map();
    return openSubjectTypesByOfficer(manager, officerIds);
  }
}
