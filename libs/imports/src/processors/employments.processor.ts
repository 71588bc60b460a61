import { Injectable } from '@nestjs/common';
import { ImportedEmployment, OfficerImportService } from '@app/officers';
import { OrganizationsService } from '@app/organizations';
import type { EmploymentRow } from '../domain/row-rules';
import { changedSinceImport, CheckedRow, ChunkContext, ChunkOutcome, officerKey, unknownOfficer } from './chunk';
import { resolveOfficers } from './officer-references';

/** What an imported employment without a position reads as. */
export const POSITION_NOT_RECORDED = 'not recorded';

/**
 * Employments: the officer and the agency must exist; at most one open employment per officer
 * and agency (`employment_one_open_per_agency`); an employment already recorded with the same
 * (officer, agency, start date), its natural key, is `unchanged` with the same content, or
 * `changed_since_import` with other content (compared with the table itself, not `import_source`). A separation under
 * investigation is stored as a native one is, so every later hiring check warns of it.
 */
@Injectable()
export class EmploymentsProcessor {
  constructor(
    private readonly officers: OfficerImportService,
    private readonly organizations: OrganizationsService,
  ) {}

  async process(ctx: ChunkContext, rows: CheckedRow<EmploymentRow>[], outcome: ChunkOutcome): Promise<void> {
    const officerIds = await resolveOfficers(
      ctx.manager,
      this.officers,
      rows.map((r) => r.value.officer),
    );
    const agencyIds = await this.organizations.idsByCode(
      ctx.manager,
      'agency',
      rows.map((r) => r.value.agencyCode),
    );
    const resolved: { row: CheckedRow<EmploymentRow>; employment: ImportedEmployment; key: string }[] = [];
    for (const row of rows) {
      const officerId = officerIds.get(officerKey(row.value.officer));
      const agencyId = agencyIds.get(row.value.agencyCode);
      const errors = [
        ...(officerId ? [] : [unknownOfficer(row.value.officer)]),
        ...(agencyId ? [] : [{ field: 'agencyCode', reason: 'unknown_agency', message: `no agency has code ${row.value.agencyCode}` }]),
      ];
      if (errors.length > 0) {
        outcome.reject(row, ...errors);
        continue;
      }
      const { officer: _reference, ...fields } = row.value;
      const employment: ImportedEmployment = { ...fields, officerId: officerId!, agencyId: agencyId!, position: fields.position ?? POSITION_NOT_RECORDED };
      resolved.push({ row, employment, key: naturalKey(employment) });
    }
    // The pairs' employments, in one read: the natural key finds a record made before (by an earlier import or
    // natively), the open ones are what the unique index allows once. No `import_source` row is read or written.
    const existing = await this.officers.employmentsOfPairs(
      ctx.manager,
      resolved.map((r) => r.employment),
    );
    const before = new Map(existing.map((e) => [naturalKey(e), e]));
    const open = new Set(existing.filter((e) => e.endDate === null).map(pairKey));
    const insert: typeof resolved = [];
    for (const item of resolved) {
      const recorded = before.get(item.key);
      if (recorded && sameEmployment(recorded, item.employment)) outcome.unchanged.push(item.row.row);
      else if (recorded) outcome.reject(item.row, changedSinceImport('startDate'));
      else if (item.employment.endDate === null && open.has(pairKey(item.employment))) {
        outcome.reject(item.row, { field: 'endDate', reason: 'already_employed', message: 'the officer already has an open employment at this agency' });
      } else {
        if (item.employment.endDate === null) open.add(pairKey(item.employment));
        insert.push(item);
      }
    }
    const ids = ctx.dryRun
      ? []
      : await this.officers.recordImportedEmployments(
          ctx.manager,
          ctx.importId,
          insert.map((i) => i.employment),
        );
    insert.forEach((item, index) => {
      outcome.accepted.push(item.row.row);
      if (!ctx.dryRun) outcome.created.push([item.row.row, ids[index]]);
    });
  }
}

const pairKey = (e: ImportedEmployment) => `${e.officerId}|${e.agencyId}`;
/** The employment's identity: the same officer at the same agency from the same day is one record. */
const naturalKey = (e: ImportedEmployment) => `${e.officerId}|${e.agencyId}|${e.startDate}`;

/** The same record again (`unchanged`): every field a row carries, as stored. */
function sameEmployment(a: ImportedEmployment, b: ImportedEmployment): boolean {
  return (
    a.position === b.position &&
    a.endDate === b.endDate &&
    a.separationNature === b.separationNature &&
    (a.separationReason ?? null) === (b.separationReason ?? null) &&
    (a.underInvestigation ?? null) === (b.underInvestigation ?? null)
  );
}
