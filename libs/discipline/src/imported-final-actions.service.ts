import { Injectable } from '@nestjs/common';
import type { Actor, IsoDate } from '@app/core';
import { NoticesService, recordOfficerEvents } from '@app/notifications';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';

export interface ImportedFinalAction {
  officerId: string;
  sourceId: string;
  type: 'revocation' | 'suspension' | 'retraining';
  effectiveOn: IsoDate;
  endsOn: IsoDate | null;
  decidedOn: IsoDate;
  jurisdiction: string;
  /** Another state decided it: it bars hiring (a revocation) and stays restricted. */
  outOfState: boolean;
  agencyId: string | null;
  groundCategory: string | null;
  caseReference: string;
}

/**
 * Final actions decided before the registry, here or in another state (DOMAIN.md "Onboarding
 * a state's existing records"), written in bulk by the context that owns them, inside the
 * caller's transaction. `DisciplineFactsService` reads them with the cases: an in-state order
 * is public like a final case's; an out-of-state revocation is `revoked_in_other_jurisdiction`.
 * The certification's own change (an in-state revocation or suspension) is the certification context's.
 */
@Injectable()
export class ImportedFinalActionsService {
  constructor(private readonly notices: NoticesService) {}

  /**
   * Inserts the actions (append-only) and, as a case's final action does, writes each one's
   * `officer.final_action` event to the outbox and its notice to the officer
   * (`imported_final_action`, 555 CMR 12.00), all in the caller's transaction (the import's
   * chunk). Their ids in input order.
   */
  async recordImportedFinalActions(manager: EntityManager, importId: string, actor: Actor, rows: readonly ImportedFinalAction[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const ids = rows.map(() => randomUUID());
    const column = <T>(pick: (a: ImportedFinalAction) => T) => rows.map(pick);
    await manager.query(
      `INSERT INTO imported_final_action (id, officer_id, source_id, type, effective_on, ends_on, decided_on, jurisdiction, out_of_state, agency_id, ground_category, case_reference, import_id)
       SELECT t.*, $13::uuid
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::date[], $6::date[], $7::date[], $8::text[], $9::boolean[], $10::uuid[], $11::text[], $12::text[])
              AS t(id, officer_id, source_id, type, effective_on, ends_on, decided_on, jurisdiction, out_of_state, agency_id, ground_category, case_reference)`,
      [
        ids,
        column((a) => a.officerId),
        column((a) => a.sourceId),
        column((a) => a.type),
        column((a) => a.effectiveOn),
        column((a) => a.endsOn),
        column((a) => a.decidedOn),
        column((a) => a.jurisdiction),
        column((a) => a.outOfState),
        column((a) => a.agencyId),
        column((a) => a.groundCategory),
        column((a) => a.caseReference),
        importId,
      ],
    );
    await recordOfficerEvents(
      manager,
      rows.map((a) => ({
        type: 'officer.final_action' as const,
        officerId: a.officerId,
        data: { type: a.type, effectiveOn: a.effectiveOn, endsOn: a.endsOn },
      })),
    );
    await this.notices.recordMany(
      manager,
      actor,
      rows.map((a, i) => ({
        officerId: a.officerId,
        kind: 'imported_final_action' as const,
        subject: { type: 'imported_final_action', id: ids[i] },
        submittedBy: actor.organizationId || null,
        reference: a.caseReference,
      })),
    );
    return ids;
  }
}
