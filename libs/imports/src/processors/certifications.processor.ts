import { Injectable } from '@nestjs/common';
import { CertificationImportService, CertificationToImport } from '@app/certification';
import { OfficerImportService } from '@app/officers';
import type { CertificationRow } from '../domain/row-rules';
import { knownSources } from '../persistence/import.store';
import { changedSinceImport, CheckedRow, ChunkContext, ChunkOutcome, contentHash, officerKey, unknownOfficer } from './chunk';
import { resolveOfficers } from './officer-references';

/**
 * Certifications: the imported status, term and first certification land on an officer whose
 * certification nothing has happened to yet (`certification_exists` otherwise), with a history
 * row of basis `import`. The same record imported again is `unchanged`.
 */
@Injectable()
export class CertificationsProcessor {
  constructor(
    private readonly officers: OfficerImportService,
    private readonly certifications: CertificationImportService,
  ) {}

  async process(ctx: ChunkContext, rows: CheckedRow<CertificationRow>[], outcome: ChunkOutcome): Promise<void> {
    const officerIds = await resolveOfficers(
      ctx.manager,
      this.officers,
      rows.map((r) => r.value.officer),
    );
    const resolved: { row: CheckedRow<CertificationRow>; officerId: string; hash: string }[] = [];
    for (const row of rows) {
      const officerId = officerIds.get(officerKey(row.value.officer));
      if (!officerId) outcome.reject(row, unknownOfficer(row.value.officer));
      else {
        const { officer: _reference, ...fields } = row.value;
        resolved.push({ row, officerId, hash: contentHash({ ...fields, officerId }) });
      }
    }
    const known = await knownSources(
      ctx.manager,
      'certifications',
      resolved.map((r) => r.officerId),
    );
    const fresh = resolved.filter((item) => {
      const before = known.get(item.officerId);
      if (before && before.contentHash === item.hash) outcome.unchanged.push(item.row.row);
      else if (before) outcome.reject(item.row, changedSinceImport('status'));
      return !before;
    });
    const toImport: CertificationToImport[] = fresh.map((item) => ({
      key: item.row.row,
      officerId: item.officerId,
      fallbackEffectiveOn: ctx.today,
      ...item.row.value,
    }));
    const refused = await this.certifications.importStatuses(ctx.manager, ctx.importId, ctx.actor.id, toImport, { dryRun: ctx.dryRun });
    for (const item of fresh) {
      if (refused.has(item.row.row)) {
        outcome.reject(item.row, {
          field: 'status',
          reason: 'certification_exists',
          message: 'the registry already holds a certification history for this officer',
        });
        continue;
      }
      outcome.accepted.push(item.row.row);
      if (ctx.dryRun) continue;
      outcome.created.push([item.row.row, item.officerId]);
      outcome.sources.push({ row: item.row.row, sourceKey: item.officerId, contentHash: item.hash, entityId: item.officerId });
    }
  }
}
