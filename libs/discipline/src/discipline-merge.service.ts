import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CaseEntity } from './persistence/case.entity';
import { MisconductReportEntity } from './persistence/misconduct-report.entity';

/**
 * Discipline's side of a merge (API.md "Identity changes and merges"), inside the merge's
 * transaction: the duplicate's cases (open ones go on against the survivor) and misconduct
 * reports become the survivor's. Their timelines and report versions hang on the case and the
 * report, not on the officer, and stay as written; imported final actions, append-only, stay on
 * the record they were imported for and are read through `officer_lineage`.
 */
@Injectable()
export class DisciplineMergeService {
  async reassignOfficer(manager: EntityManager, duplicateId: string, survivorId: string): Promise<{ cases: number; reports: number }> {
    const cases = await manager.update(CaseEntity, { officerId: duplicateId }, { officerId: survivorId });
    const reports = await manager.update(MisconductReportEntity, { officerId: duplicateId }, { officerId: survivorId });
    return { cases: cases.affected ?? 0, reports: reports.affected ?? 0 };
  }
}
