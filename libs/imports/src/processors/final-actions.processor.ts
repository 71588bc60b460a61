import { Injectable } from '@nestjs/common';
import { CertificationImportService } from '@app/certification';
import { ImportedFinalAction, ImportedFinalActionsService } from '@app/discipline';
import { OfficerImportService } from '@app/officers';
import { OrganizationsService } from '@app/organizations';
import type { FinalActionRow, RowError } from '../domain/row-rules';
import { knownSources } from '../persistence/import.store';
import { changedSinceImport, CheckedRow, ChunkContext, ChunkOutcome, contentHash, officerKey, unknownOfficer } from './chunk';
import { resolveOfficers } from './officer-references';

/**
 * Final actions decided before the registry (DOMAIN.md "Onboarding"): stored by discipline, with
 * the officer's notice and the agencies' event; an in-state revocation also revokes the
 * certification (not hireable, public) and a running in-state suspension suspends it, through
 * the certification context. A `jurisdiction` other than this state's is another state's decision:
 * a revocation bars hiring (`revoked_in_other_jurisdiction`) and stays restricted.
 */
@Injectable()
export class FinalActionsProcessor {
  constructor(
    private readonly officers: OfficerImportService,
    private readonly organizations: OrganizationsService,
    private readonly finalActions: ImportedFinalActionsService,
    private readonly certifications: CertificationImportService,
  ) {}

  async process(ctx: ChunkContext, rows: CheckedRow<FinalActionRow>[], outcome: ChunkOutcome): Promise<void> {
    const officerIds = await resolveOfficers(
      ctx.manager,
      this.officers,
      rows.map((r) => r.value.officer),
    );
    const agencyIds = await this.organizations.idsByCode(
      ctx.manager,
      'agency',
      rows.flatMap((r) => (r.value.agencyCode ? [r.value.agencyCode] : [])),
    );
    const resolved: { row: CheckedRow<FinalActionRow>; action: ImportedFinalAction; hash: string }[] = [];
    for (const row of rows) {
      const v = row.value;
      const officerId = officerIds.get(officerKey(v.officer));
      const agencyId = v.agencyCode ? agencyIds.get(v.agencyCode) : null;
      const errors: RowError[] = [];
      if (!officerId) errors.push(unknownOfficer(v.officer));
      if (agencyId === undefined) errors.push({ field: 'agencyCode', reason: 'unknown_agency', message: `no agency has code ${v.agencyCode}` });
      if (errors.length > 0) {
        outcome.reject(row, ...errors);
        continue;
      }
      const action: ImportedFinalAction = {
        officerId: officerId!,
        sourceId: v.sourceId,
        type: v.type,
        effectiveOn: v.effectiveOn,
        endsOn: v.endsOn,
        decidedOn: v.decidedOn,
        jurisdiction: v.jurisdiction,
        outOfState: v.jurisdiction !== ctx.jurisdiction,
        agencyId: agencyId ?? null,
        groundCategory: v.groundCategory,
        caseReference: v.caseReference,
      };
      resolved.push({ row, action, hash: contentHash(action) });
    }
    const known = await knownSources(
      ctx.manager,
      'final_actions',
      resolved.map((r) => r.action.sourceId),
    );
    const insert = resolved.filter((item) => {
      const before = known.get(item.action.sourceId);
      if (before && before.contentHash === item.hash) outcome.unchanged.push(item.row.row);
      else if (before) outcome.reject(item.row, changedSinceImport('sourceId'));
      return !before;
    });
    for (const item of insert) outcome.accepted.push(item.row.row);
    if (ctx.dryRun) return;
    const actions = insert.map((i) => i.action);
    // The certification first, then the actions with their events and notices: a case's order.
    await this.certifications.applyImportedFinalActions(
      ctx.manager,
      ctx.importId,
      ctx.actor.id,
      actions.filter((a) => !a.outOfState),
      ctx.today,
    );
    const ids = await this.finalActions.recordImportedFinalActions(ctx.manager, ctx.importId, ctx.actor, actions);
    insert.forEach((item, index) => {
      outcome.created.push([item.row.row, ids[index]]);
      outcome.sources.push({ row: item.row.row, sourceKey: item.action.sourceId, contentHash: item.hash, entityId: ids[index] });
    });
  }
}
