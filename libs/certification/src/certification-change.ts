import type { AuditService } from '@app/audit';
import type { Actor } from '@app/core';
import { recordOfficerEvents } from '@app/notifications';
import type { EntityManager } from 'typeorm';
import type { CertificationTransition } from './domain';
import type { CertificationEntity } from './persistence/certification.entity';
import { saveTransition, SYSTEM_ACTOR_ID } from './persistence/certification.store';

/** One change to a locked certification row, as every write use case ends: what to store and what to audit. */
export interface CertificationChange {
  /** The row the use case locked (SELECT … FOR UPDATE) before calling the state machine. */
  row: CertificationEntity;
  transition: CertificationTransition;
  /** Who decided; null for what time did (settlement), every history row then the system's. */
  actor: Actor | null;
  recordedAt: Date;
  /** `certification.<what happened>`. */
  action: string;
  details: Record<string, unknown>;
}

/**
 * Persists the transition (state row version + 1, history rows appended) and writes its audit
 * entry, inside the caller's transaction (DESIGN.md rule 4: a write and its audit entry commit
 * together or not at all). History rows before the command's own record what time did before
 * the command and are attributed to the system, not to the person whose request noticed them.
 * Each change of status also writes its `officer.certification_changed` event to the outbox.
 */
export async function saveAndAudit(manager: EntityManager, audit: AuditService, change: CertificationChange): Promise<void> {
  const { row, transition, actor } = change;
  await saveTransition(manager, row, transition.next, transition.history, {
    actorId: actor?.id ?? SYSTEM_ACTOR_ID,
    recordedAt: change.recordedAt,
    systemRows: actor === null ? transition.history.length : transition.history.length - 1,
  });
  // Agencies learn of every change of status (a renewal keeps it and says nothing), before the
  // audit entry so that the chain's lock is held no longer than it was.
  await recordOfficerEvents(
    manager,
    transition.history
      .filter((entry) => entry.from !== entry.to)
      .map((entry) => ({
        type: 'officer.certification_changed' as const,
        officerId: row.officerId,
        data: { from: entry.from, to: entry.to, effectiveOn: entry.effectiveOn },
      })),
  );
  await audit.record(manager, actor, { action: change.action, entityType: 'certification', entityId: row.officerId, details: change.details });
}
