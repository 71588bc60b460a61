import { IsoDate } from '@app/core';
import { EntityManager } from 'typeorm';
import { NoticeEntity } from './notice.entity';

export interface NoticeListFilter {
  officerId?: string;
  /** With today: only notices not sent by their `dueBy` (or, false, the others). */
  overdue?: { value: boolean; today: IsoDate };
  after?: { at: string; id: string };
  limit: number;
}

export interface NoticeRow {
  notice: NoticeEntity;
  postId: string;
}

/**
 * SQL twin of the pure `isOverdue` (notice-rules.ts), so the filter runs in the database on the
 * partial index of unsent notices; the e2e test checks both agree.
 */
const OVERDUE_SQL = `(n.status <> 'sent' AND n.due_by < :today::date)`;

/** Newest first, (created_at, id); with the officer's POST ID. */
export async function findNotices(manager: EntityManager, filter: NoticeListFilter): Promise<NoticeRow[]> {
  const qb = manager
    .createQueryBuilder(NoticeEntity, 'n')
    .innerJoin('officer', 'o', 'o.id = n.officer_id')
    .addSelect('o.post_id', 'post_id')
    .orderBy('n.createdAt', 'DESC')
    .addOrderBy('n.id', 'DESC')
    .limit(filter.limit);
  if (filter.officerId) qb.andWhere('n.officerId = :officerId', { officerId: filter.officerId });
  if (filter.overdue) qb.andWhere(filter.overdue.value ? OVERDUE_SQL : `NOT ${OVERDUE_SQL}`, { today: filter.overdue.today });
  if (filter.after) qb.andWhere('(n.createdAt, n.id) < (:at::timestamptz, :id::uuid)', filter.after);
  const { entities, raw } = await qb.getRawAndEntities<{ post_id: string }>();
  return entities.map((notice, i) => ({ notice, postId: raw[i].post_id }));
}

/** What the sending job needs to write one notice's mail; the address is read here, at send time, never copied. */
export interface NoticeToSend {
  id: string;
  kind: NoticeEntity['kind'];
  status: NoticeEntity['status'];
  attempts: number;
  createdAt: Date;
  reference: string | null;
  postId: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  suffix: string | null;
  /** Restricted: goes to the transport, never to a log, an error or the audit log. */
  email: string | null;
  submittedByName: string | null;
}

export async function findNoticeToSend(manager: EntityManager, noticeId: string): Promise<NoticeToSend | null> {
  const rows = await manager.query<NoticeToSend[]>(
    `SELECT n.id, n.kind, n.status, n.attempts, n.created_at AS "createdAt", n.reference,
            o.post_id AS "postId", o.first_name AS "firstName", o.middle_name AS "middleName", o.last_name AS "lastName", o.suffix,
            o.email, org.name AS "submittedByName"
       FROM notice n
       JOIN officer o ON o.id = n.officer_id
       LEFT JOIN organization org ON org.id = n.submitted_by
      WHERE n.id = $1`,
    [noticeId],
  );
  return rows[0] ?? null;
}

/**
 * Queued notices nobody is working on: tried, but not for `idleSeconds`; or never tried and
 * created before `createdBefore` (a younger one is its own job's to send). The sweep's backstop
 * for a job lost or out of retries.
 */
export async function findStaleQueuedNotices(manager: EntityManager, filter: { idleSeconds: number; createdBefore: Date; limit: number }): Promise<string[]> {
  const rows = await manager.query<{ id: string }[]>(
    `SELECT id FROM notice
      WHERE status = 'queued'
        AND (last_attempt_at < now() - make_interval(secs => $1) OR (last_attempt_at IS NULL AND created_at < $2))
      ORDER BY due_by, id LIMIT $3`,
    [filter.idleSeconds, filter.createdBefore, filter.limit],
  );
  return rows.map((row) => row.id);
}
