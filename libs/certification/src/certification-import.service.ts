import { Injectable } from '@nestjs/common';
import type { IsoDate } from '@app/core';
import { copyRows } from '@app/database';
import { recordOfficerEvents } from '@app/notifications';
import type { AuditService } from '@app/audit';
import { DataSource, EntityManager } from 'typeorm';
import { CertificationStatus } from './domain';
import { IMPORT_BASIS, ImportedCertificationState, importedCertificationOutcome, importedRevocation, importedSuspension } from './domain/certification-import';

/** Due imported effects applied per transaction by the settlement. */
const DUE_EFFECTS_PAGE = 500;

export interface CertificationToImport extends ImportedCertificationState {
  key: number;
  officerId: string;
  /** The day the imported status took effect when the record names none. */
  fallbackEffectiveOn: IsoDate;
}

/** An imported in-state final action, as far as the certification is concerned. */
export interface ImportedFinalActionEffect {
  officerId: string;
  type: 'revocation' | 'suspension' | 'retraining';
  effectiveOn: IsoDate;
  endsOn: IsoDate | null;
}

export interface ImportedStatusChange {
  officerId: string;
  from: CertificationStatus;
  to: CertificationStatus;
  reason: 'imported_revocation' | 'imported_suspension';
  effectiveOn: IsoDate;
}

/**
 * Certifications written in bulk for imports (API.md "Imports"), by the context that owns
 * `certification` and its history, inside the caller's transaction (rows locked in officer
 * order, so two writers cannot deadlock). History rows carry `basis: "import"` and the import id.
 */
@Injectable()
export class CertificationImportService {
  /**
   * Applies each imported status where the rules allow; returns the keys refused with
   * `certification_exists`. Set-wise: the statuses to apply land in one UPDATE whose WHERE is
   * the rule (`importedCertificationOutcome`: a `not_certified` certification without history),
   * so the statement locks, checks and writes each row at once (re-checked under a concurrent
   * writer, as PostgreSQL re-evaluates an UPDATE's WHERE on a row changed meanwhile); the rows it
   * did not write are the refused ones. A dry run and imported `not_certified` rows only read.
   */
  async importStatuses(
    manager: EntityManager,
    importId: string,
    actorId: string | null,
    rows: readonly CertificationToImport[],
    options: { dryRun: boolean } = { dryRun: false },
  ): Promise<Set<number>> {
    const refused = new Set<number>();
    if (rows.length === 0) return refused;
    // One row per officer: a second row about the same officer (by another reference) finds a certification already imported.
    const first: CertificationToImport[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      if (seen.has(row.officerId)) refused.add(row.key);
      else first.push(row);
      seen.add(row.officerId);
    }
    const readOnly = options.dryRun ? first : first.filter((r) => r.status === 'not_certified');
    if (readOnly.length > 0) {
      const current = await this.lock(
        manager,
        readOnly.map((r) => r.officerId),
        false,
      );
      for (const row of readOnly) {
        const state = current.get(row.officerId);
        if (!state || importedCertificationOutcome(state, row) === 'certification_exists') refused.add(row.key);
      }
    }
    if (options.dryRun) return refused;
    const apply = first.filter((r) => r.status !== 'not_certified');
    if (apply.length === 0) return refused;
    const column = <T>(pick: (r: CertificationToImport) => T) => apply.map(pick);
    const updated = await manager.query<{ officer_id: string }[]>(
      // In a WITH, so that the driver answers the rows (an UPDATE's answer through TypeORM is [rows, count]).
      `WITH written AS (
       UPDATE certification c
          SET status = t.status, issued_on = t.issued_on, expires_on = t.expires_on, first_certified_on = t.first_certified_on,
              version = c.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::date[], $4::date[], $5::date[]) AS t(officer_id, status, issued_on, expires_on, first_certified_on)
        WHERE c.officer_id = t.officer_id
          AND c.status = 'not_certified'
          AND NOT EXISTS (SELECT 1 FROM certification_history h WHERE h.officer_id = c.officer_id)
        RETURNING c.officer_id)
       SELECT officer_id FROM written`,
      [column((r) => r.officerId), column((r) => r.status), column((r) => r.issuedOn), column((r) => r.expiresOn), column((r) => r.firstCertifiedOn)],
    );
    const written = new Set(updated.map((r) => r.officer_id));
    for (const row of apply) if (!written.has(row.officerId)) refused.add(row.key);
    const applied = apply.filter((r) => written.has(r.officerId));
    if (applied.length === 0) return refused;
    await this.appendHistory(
      manager,
      importId,
      actorId,
      applied.map((r) => ({
        officerId: r.officerId,
        from: 'not_certified',
        to: r.status,
        reason: 'imported_status',
        effectiveOn: r.issuedOn ?? r.fallbackEffectiveOn,
      })),
    );
    return refused;
  }

  /**
   * Imported in-state final actions that bind the certification, in the order they took effect:
   * a revocation makes it `revoked` (not hireable, public) whatever it was; a suspension still
   * running today makes it `suspended` over the status it hides, which the settlement brings back
   * at `endsOn` (DOMAIN.md "Onboarding": imported records act like native ones). Each change gets
   * a history row naming the import and its `officer.certification_changed` event in the outbox,
   * as a case's change does. Returns the changes.
   */
  async applyImportedFinalActions(
    manager: EntityManager,
    importId: string,
    actorId: string | null,
    actions: readonly ImportedFinalActionEffect[],
    today: IsoDate,
  ): Promise<ImportedStatusChange[]> {
    const binds = (a: ImportedFinalActionEffect) => a.type === 'revocation' || a.type === 'suspension';
    // Dated after today: the settlement applies it on its day (certification_import_effect).
    await this.deferEffects(
      manager,
      importId,
      actions.filter((a) => binds(a) && a.effectiveOn > today),
    );
    const binding = actions.filter((a) => binds(a) && a.effectiveOn <= today);
    if (binding.length === 0) return [];
    const current = await this.lock(
      manager,
      binding.map((a) => a.officerId),
    );
    const changes: ImportedStatusChange[] = [];
    const rows = new Map<
      string,
      { status: CertificationStatus; suspension?: { before: CertificationStatus; endsOn: IsoDate | null }; revokedOver?: CertificationStatus }
    >();
    for (const action of [...binding].sort((a, b) => (a.effectiveOn < b.effectiveOn ? -1 : a.effectiveOn > b.effectiveOn ? 1 : 0))) {
      const state = current.get(action.officerId);
      if (!state) continue;
      const row = rows.get(action.officerId) ?? { status: state.status };
      if (action.type === 'revocation') {
        const change = importedRevocation(row.status);
        if (!change) continue;
        rows.set(action.officerId, { ...row, status: 'revoked', revokedOver: change.statusBeforeRevocation });
        changes.push({ officerId: action.officerId, from: change.from, to: 'revoked', reason: 'imported_revocation', effectiveOn: action.effectiveOn });
      } else {
        const change = importedSuspension(row.status, action, today);
        if (!change) continue;
        rows.set(action.officerId, { ...row, status: 'suspended', suspension: { before: change.statusBeforeSuspension, endsOn: action.endsOn } });
        changes.push({ officerId: action.officerId, from: change.from, to: 'suspended', reason: 'imported_suspension', effectiveOn: action.effectiveOn });
      }
      current.set(action.officerId, { status: rows.get(action.officerId)!.status, hasHistory: true });
    }
    if (changes.length === 0) return [];
    const updated = [...rows];
    const column = <T>(pick: (row: (typeof updated)[number][1], officerId: string) => T) => updated.map(([officerId, row]) => pick(row, officerId));
    await manager.query(
      `UPDATE certification c
          SET status = t.status,
              status_before_suspension = CASE WHEN t.suspended THEN t.before_suspension ELSE c.status_before_suspension END,
              suspension_case_id = CASE WHEN t.suspended THEN NULL ELSE c.suspension_case_id END,
              suspension_ends_on = CASE WHEN t.suspended THEN t.suspension_ends_on ELSE c.suspension_ends_on END,
              status_before_revocation = CASE WHEN t.revoked THEN t.before_revocation ELSE c.status_before_revocation END,
              revocation_case_id = CASE WHEN t.revoked THEN NULL ELSE c.revocation_case_id END,
              version = c.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::boolean[], $4::text[], $5::date[], $6::boolean[], $7::text[])
              AS t(officer_id, status, suspended, before_suspension, suspension_ends_on, revoked, before_revocation)
        WHERE c.officer_id = t.officer_id`,
      [
        column((_, officerId) => officerId),
        column((row) => row.status),
        column((row) => row.suspension !== undefined),
        column((row) => row.suspension?.before ?? null),
        column((row) => row.suspension?.endsOn ?? null),
        column((row) => row.revokedOver !== undefined),
        column((row) => row.revokedOver ?? null),
      ],
    );
    await this.appendHistory(manager, importId, actorId, changes);
    // Agencies learn of these changes as of a case's (saveAndAudit), in the chunk's transaction.
    await recordOfficerEvents(
      manager,
      changes.map((c) => ({
        type: 'officer.certification_changed' as const,
        officerId: c.officerId,
        data: { from: c.from, to: c.to, effectiveOn: c.effectiveOn },
      })),
    );
    return changes;
  }

  /**
   * The imported revocations and suspensions whose day has come by `today` and that no run has
   * applied yet, applied as on the import's day (`applyImportedFinalActions`: history of basis
   * `import` naming the import, the outbox event), a page of DUE_EFFECTS_PAGE per transaction
   * with one audit entry (`certification.import_effect`, the system's) and `applied_at` set in
   * the same transaction: each effect once, whichever process runs the settlement. Returns how
   * many effects were taken (applied, or changing nothing: a revocation already in force).
   */
  async applyDueEffects(dataSource: DataSource, audit: AuditService, today: IsoDate): Promise<number> {
    let taken = 0;
    for (;;) {
      const count = await dataSource.transaction(async (manager) => {
        const due = await manager.query<
          { id: string; officer_id: string; import_id: string; type: 'revocation' | 'suspension'; effective_on: string; ends_on: string | null }[]
        >(
          `SELECT id, officer_id, import_id, type, to_char(effective_on, 'YYYY-MM-DD') AS effective_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on
             FROM certification_import_effect
            WHERE applied_at IS NULL AND effective_on <= $1
            ORDER BY effective_on, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [today, DUE_EFFECTS_PAGE],
        );
        if (due.length === 0) return 0;
        const changes: ImportedStatusChange[] = [];
        for (const importId of [...new Set(due.map((d) => d.import_id))]) {
          const effects = due
            .filter((d) => d.import_id === importId)
            .map((d) => ({ officerId: d.officer_id, type: d.type, effectiveOn: d.effective_on, endsOn: d.ends_on }));
          changes.push(...(await this.applyImportedFinalActions(manager, importId, null, effects, today)));
        }
        await manager.query(`UPDATE certification_import_effect SET applied_at = now() WHERE id = ANY($1::bigint[])`, [due.map((d) => d.id)]);
        await audit.record(manager, null, {
          action: 'certification.import_effect',
          entityType: 'certification',
          details: {
            basis: IMPORT_BASIS,
            effects: due.length,
            changes: changes.map((c) => ({ officerId: c.officerId, from: c.from, to: c.to, reason: c.reason, effectiveOn: c.effectiveOn })),
          },
        });
        return due.length;
      });
      taken += count;
      if (count < DUE_EFFECTS_PAGE) return taken;
    }
  }

  private async deferEffects(manager: EntityManager, importId: string, actions: readonly ImportedFinalActionEffect[]): Promise<void> {
    if (actions.length === 0) return;
    await manager.query(
      `INSERT INTO certification_import_effect (officer_id, import_id, type, effective_on, ends_on)
       SELECT t.officer_id, $5, t.type, t.effective_on, t.ends_on FROM unnest($1::uuid[], $2::text[], $3::date[], $4::date[]) AS t(officer_id, type, effective_on, ends_on)`,
      [actions.map((a) => a.officerId), actions.map((a) => a.type), actions.map((a) => a.effectiveOn), actions.map((a) => a.endsOn), importId],
    );
  }

  private async lock(
    manager: EntityManager,
    officerIds: readonly string[],
    forUpdate = true,
  ): Promise<Map<string, { status: CertificationStatus; hasHistory: boolean }>> {
    const rows = await manager.query<{ officer_id: string; status: CertificationStatus; has_history: boolean }[]>(
      `SELECT c.officer_id, c.status, EXISTS (SELECT 1 FROM certification_history h WHERE h.officer_id = c.officer_id) AS has_history
         FROM certification c WHERE c.officer_id = ANY($1::uuid[]) ORDER BY c.officer_id ${forUpdate ? 'FOR UPDATE OF c' : ''}`,
      [[...new Set(officerIds)]],
    );
    return new Map(rows.map((r) => [r.officer_id, { status: r.status, hasHistory: r.has_history }]));
  }

  private async appendHistory(
    manager: EntityManager,
    importId: string,
    actorId: string | null,
    rows: readonly { officerId: string; from: CertificationStatus; to: CertificationStatus; reason: string; effectiveOn: IsoDate }[],
  ): Promise<void> {
    await copyRows(
      manager,
      'certification_history',
      ['officer_id', 'from_status', 'to_status', 'reason', 'basis', 'actor_id', 'effective_on', 'import_id'],
      rows.map((r) => [r.officerId, r.from, r.to, r.reason, IMPORT_BASIS, actorId, r.effectiveOn, importId]),
    );
  }
}
