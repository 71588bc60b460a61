import { Injectable } from '@nestjs/common';
import { ImportedEmployment, OfficerImportService } from '@app/officers';
import { OrganizationsService } from '@app/organizations';
import type { EmploymentRow } from '../domain/row-rules';
import { knownSources } from '../persistence/import.store';
import { changedSinceImport, CheckedRow, ChunkContext, ChunkOutcome, contentHash, officerKey, unknownOfficer } from './chunk';
import { resolveOfficers } from './officer-references';

/** What an imported employment without a position reads as. */
export const POSITION_NOT_RECORDED = 'not recorded';

/**
 * Employments: the officer and the agency must exist; at most one open employment per officer
 * and agency (`employment_one_open_per_agency`); the same (officer, agency, start) imported
 * again is `unchanged`, or `changed_since_import` with other content. A separation under
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
    const resolved: { row: CheckedRow<EmploymentRow>; employment: ImportedEmployment; key: string; hash: string }[] = [];
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
      resolved.push({ row, employment, key: `${officerId}|${agencyId}|${fields.startDate}`, hash: contentHash(employment) });
    }
    const known = await knownSources(
      ctx.manager,
      'employments',
      resolved.map((r) => r.key),
    );
    const open = await this.officers.openEmployments(
      ctx.manager,
      resolved.filter((r) => r.employment.endDate === null).map((r) => r.employment),
    );
    const insert: typeof resolved = [];
    for (const item of resolved) {
      const before = known.get(item.key);
      if (before && before.contentHash === item.hash) outcome.unchanged.push(item.row.row);
      else if (before) outcome.reject(item.row, changedSinceImport('startDate'));
      else if (item.employment.endDate === null && open.has(`${item.employment.officerId}|${item.employment.agencyId}`)) {
        outcome.reject(item.row, { field: 'endDate', reason: 'already_employed', message: 'the officer already has an open employment at this agency' });
      } else {
        if (item.employment.endDate === null) open.add(`${item.employment.officerId}|${item.employment.agencyId}`);
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
      if (ctx.dryRun) return;
      outcome.created.push([item.row.row, ids[index]]);
      outcome.sources.push({ row: item.row.row, sourceKey: item.key, contentHash: item.hash, entityId: ids[index] });
    });
  }
}
