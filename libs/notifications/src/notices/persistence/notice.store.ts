import { EntityManager } from 'typeorm';
import { NoticeEntity } from './notice.entity';

/** While one attempt runs (the transport's timeouts are 10 s), no other worker takes the same notice. */
export const SEND_LEASE_SECONDS = 30;

/**
 * Takes a queued notice for one attempt: counts the attempt and stamps it, committed before the
 * mail goes out, so a crash mid-send is seen as an attempt. None when the notice is no longer
 * queued or another worker holds its lease.
 */
export async function claimForAttempt(manager: EntityManager, noticeId: string): Promise<{ attempts: number } | 'not_queued' | 'leased'> {
  const claimed = await manager
    .createQueryBuilder()
    .update(NoticeEntity)
    .set({ attempts: () => 'attempts + 1', lastAttemptAt: () => 'now()' })
    .where(`id = :noticeId AND status = 'queued'`, { noticeId })
    .andWhere('(last_attempt_at IS NULL OR last_attempt_at < now() - make_interval(secs => :lease))', { lease: SEND_LEASE_SECONDS })
    .returning(['attempts'])
    .execute();
  const rows = claimed.raw as { attempts: number }[];
  if (rows.length > 0) return { attempts: Number(rows[0].attempts) };
  const [current] = await manager.query<{ status: string }[]>(`SELECT status FROM notice WHERE id = $1`, [noticeId]);
  return current?.status === 'queued' ? 'leased' : 'not_queued';
}

export type AttemptOutcome =
  { status: 'sent'; sentAt: Date } | { status: 'queued' | 'failed'; failure: string } | { status: 'no_transport' } | { status: 'no_address' };

/** Writes what the attempt gave. */
export async function recordAttemptOutcome(manager: EntityManager, noticeId: string, outcome: AttemptOutcome): Promise<void> {
  switch (outcome.status) {
    case 'sent':
      await manager.update(NoticeEntity, { id: noticeId }, { status: 'sent', sentAt: outcome.sentAt, lastFailure: null });
      return;
    case 'queued':
    case 'failed':
      await manager.update(NoticeEntity, { id: noticeId }, { status: outcome.status, lastFailure: outcome.failure });
      return;
    case 'no_transport':
      await manager.update(NoticeEntity, { id: noticeId }, { status: 'no_transport' });
      return;
    case 'no_address':
      // The address was removed after the notice was written: it waits in the portal.
      await manager.update(NoticeEntity, { id: noticeId }, { status: 'no_address', channel: 'portal' });
      return;
  }
}

/**
 * A merge (API.md "Identity changes and merges"): the duplicate's notices become the survivor's,
 * inside the merge's transaction. A notice not yet sent is mailed to the survivor's address.
 */
export async function reassignOfficerNotices(manager: EntityManager, duplicateId: string, survivorId: string): Promise<number> {
  const result = await manager.update(NoticeEntity, { officerId: duplicateId }, { officerId: survivorId });
  return result.affected ?? 0;
}
