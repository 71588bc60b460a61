import { Injectable } from '@nestjs/common';
import type { IsoDate } from '@app/core';
import { EntityManager } from 'typeorm';
import { CertificationStatus } from './domain';
import { IMPORT_BASIS, ImportedCertificationState, importedCertificationOutcome, importedRevocation } from './domain/certification-import';

export interface CertificationToImport extends ImportedCertificationState {
  key: number;
  officerId: string;
  /** The day the imported status took effect when the record names none. */
  fallbackEffectiveOn: IsoDate;
}

export interface ImportedRevocation {
  officerId: string;
  effectiveOn: IsoDate;
}

/**
 * Certifications written in bulk for imports (API.md "Imports"), by the context that owns
 * `certification` and its history, inside the caller's transaction (rows locked in officer
 * order, so two writers cannot deadlock). History rows carry `basis: "import"` and the import id.
 */
@Injectable()
export class CertificationImportService {
  /** Applies each imported status where the rules allow; returns the keys refused with `certification_exists`. */
  async importStatuses(
    manager: EntityManager,
    importId: string,
    actorId: string | null,
    rows: readonly CertificationToImport[],
    options: { dryRun: boolean } = { dryRun: false },
  ): Promise<Set<number>> {
    const refused = new Set<number>();
    if (rows.length === 0) return refused;
    const current = await this.lock(
      manager,
      rows.map((r) => r.officerId),
      !options.dryRun,
    );
    const apply: CertificationToImport[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      const state = current.get(row.officerId);
      const outcome = state && !seen.has(row.officerId) ? importedCertificationOutcome(state, row) : 'certification_exists';
      if (outcome === 'certification_exists') refused.add(row.key);
      if (outcome === 'apply') apply.push(row);
      seen.add(row.officerId);
    }
    if (apply.length === 0 || options.dryRun) return refused;
    const column = <T>(pick: (r: CertificationToImport) => T) => apply.map(pick);
    await manager.query(
      `UPDATE certification c
          SET status = t.status, issued_on = t.issued_on, expires_on = t.expires_on, first_certified_on = t.first_certified_on,
              version = c.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::date[], $4::date[], $5::date[]) AS t(officer_id, status, issued_on, expires_on, first_certified_on)
        WHERE c.officer_id = t.officer_id`,
      [column((r) => r.officerId), column((r) => r.status), column((r) => r.issuedOn), column((r) => r.expiresOn), column((r) => r.firstCertifiedOn)],
    );
    await this.appendHistory(
      manager,
      importId,
      actorId,
      apply.map((r) => ({
        officerId: r.officerId,
        from: 'not_certified',
        to: r.status,
        reason: 'imported_status',
        effectiveOn: r.issuedOn ?? r.fallbackEffectiveOn,
      })),
    );
    return refused;
  }

  /** Imported in-state revocations: the certification becomes `revoked` (not hireable, public) with a history row naming the import. */
  async recordImportedRevocations(manager: EntityManager, importId: string, actorId: string | null, revocations: readonly ImportedRevocation[]): Promise<void> {
    if (revocations.length === 0) return;
    const current = await this.lock(
      manager,
      revocations.map((r) => r.officerId),
    );
    const changes: { officerId: string; from: CertificationStatus; effectiveOn: IsoDate }[] = [];
    for (const revocation of revocations) {
      const state = current.get(revocation.officerId);
      const change = state ? importedRevocation(state.status) : null;
      if (!change) continue;
      changes.push({ officerId: revocation.officerId, from: change.from, effectiveOn: revocation.effectiveOn });
      current.set(revocation.officerId, { status: 'revoked', hasHistory: true });
    }
    if (changes.length === 0) return;
    await manager.query(
      `UPDATE certification c
          SET status_before_revocation = c.status, status = 'revoked', revocation_case_id = NULL, version = c.version + 1, updated_at = now()
        WHERE c.officer_id = ANY($1::uuid[])`,
      [changes.map((c) => c.officerId)],
    );
    await this.appendHistory(
      manager,
      importId,
      actorId,
      changes.map((c) => ({ officerId: c.officerId, from: c.from, to: 'revoked', reason: 'imported_revocation', effectiveOn: c.effectiveOn })),
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
    const column = <T>(pick: (r: (typeof rows)[number]) => T) => rows.map(pick);
    await manager.query(
      `INSERT INTO certification_history (officer_id, from_status, to_status, reason, basis, actor_id, effective_on, import_id)
       SELECT t.officer_id, t.from_status, t.to_status, t.reason, $6, $7, t.effective_on, $8
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[]) AS t(officer_id, from_status, to_status, reason, effective_on)`,
      [
        column((r) => r.officerId),
        column((r) => r.from),
        column((r) => r.to),
        column((r) => r.reason),
        column((r) => r.effectiveOn),
        IMPORT_BASIS,
        actorId,
        importId,
      ],
    );
  }
}
