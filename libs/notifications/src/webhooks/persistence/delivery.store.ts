import type { EntityManager } from 'typeorm';
import type { EndpointStatus } from '../domain/retry-schedule';

/* The relay's and the deliveries' statements (notifications owns outbox_event and the webhook tables). Each runs in the caller's transaction. */

export interface WaitingEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
  occurred_at: Date;
}

/**
 * Up to `limit` committed events not yet relayed, oldest first, locked: another process's relay
 * skips them (SKIP LOCKED) instead of waiting, so many processes relay in parallel and none
 * relays an event twice.
 */
export function lockWaitingEvents(manager: EntityManager, limit: number): Promise<WaitingEvent[]> {
  return manager.query<WaitingEvent[]>(
    `SELECT id, type, data, occurred_at FROM outbox_event WHERE dispatched_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit],
  );
}

/**
 * The endpoints each event goes to (API.md): those of the agencies that employed the officer when
 * the event happened, or had separated the officer within the 12 months before (in the
 * registry's calendar), subscribed to the event's type, not deleted nor disabled.
 */
export function routesOf(manager: EntityManager, eventIds: readonly string[], timeZone: string): Promise<{ event_id: string; endpoint_id: string }[]> {
  return manager.query<{ event_id: string; endpoint_id: string }[]>(
    `SELECT DISTINCT e.id AS event_id, w.id AS endpoint_id
       FROM outbox_event e
       JOIN employment emp ON emp.officer_id = e.officer_id
        AND (emp.end_date IS NULL OR emp.end_date >= ((e.occurred_at AT TIME ZONE $2)::date - interval '12 months')::date)
       JOIN webhook_endpoint w ON w.organization_id = emp.agency_id AND w.deleted_at IS NULL
        AND w.status IN ('active', 'failing') AND e.type = ANY (w.events)
      WHERE e.id = ANY ($1::uuid[])`,
    [eventIds, timeZone],
  );
}

export async function markRelayed(manager: EntityManager, eventIds: readonly string[]): Promise<void> {
  await manager.query(`UPDATE outbox_event SET dispatched_at = now() WHERE id = ANY ($1::uuid[])`, [eventIds]);
}

/** An attempt claimed by this process, with what it sends. */
export interface ClaimedAttempt {
  id: string;
  message_id: string;
  endpoint_id: string;
  attempt: number;
  body: string;
}

/**
 * Messages (one per event and endpoint; one already there is kept) and their first attempt,
 * pending now; leased to the caller for `leaseSeconds` (the relay delivers them itself at once),
 * or not leased (null: the next process that claims due attempts makes it).
 */
export function insertMessages(
  manager: EntityManager,
  messages: readonly { id: string; endpointId: string; eventId: string | null; type: string; body: string }[],
  leaseSeconds: number | null,
): Promise<ClaimedAttempt[]> {
  if (messages.length === 0) return Promise.resolve([]);
  return manager.query<ClaimedAttempt[]>(
    `WITH m AS (
       INSERT INTO webhook_message (id, endpoint_id, event_id, type, body)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $5::text[])
       ON CONFLICT (event_id, endpoint_id) DO NOTHING
       RETURNING id, endpoint_id, body
     ), a AS (
       INSERT INTO webhook_attempt (message_id, endpoint_id, attempt, status, scheduled_at, leased_until)
       SELECT id, endpoint_id, 1, 'pending', now(), now() + make_interval(secs => $6::int) FROM m
       RETURNING id, message_id, endpoint_id, attempt
     )
     SELECT a.id, a.message_id, a.endpoint_id, a.attempt, m.body FROM a JOIN m ON m.id = a.message_id`,
    [
      messages.map((m) => m.id),
      messages.map((m) => m.endpointId),
      messages.map((m) => m.eventId),
      messages.map((m) => m.type),
      messages.map((m) => m.body),
      leaseSeconds,
    ],
  );
}

/**
 * Up to `limit` pending attempts that are due (their time has come, and no process holds them:
 * never leased, or the lease of a process that died ran out), leased to the caller.
 */
export function claimDueAttempts(manager: EntityManager, limit: number, leaseSeconds: number): Promise<ClaimedAttempt[]> {
  return manager.query<ClaimedAttempt[]>(
    `WITH due AS (
       SELECT id FROM webhook_attempt
        WHERE status = 'pending' AND scheduled_at <= now() AND (leased_until IS NULL OR leased_until <= now())
        ORDER BY scheduled_at LIMIT $1 FOR UPDATE SKIP LOCKED
     ), claimed AS (
       UPDATE webhook_attempt a SET leased_until = now() + make_interval(secs => $2) FROM due WHERE a.id = due.id
       RETURNING a.id, a.message_id, a.endpoint_id, a.attempt
     )
     SELECT c.id, c.message_id, c.endpoint_id, c.attempt, m.body FROM claimed c JOIN webhook_message m ON m.id = c.message_id`,
    [limit, leaseSeconds],
  );
}

/** What an attempt needs of its endpoint. */
export interface DeliveryEndpoint {
  id: string;
  url: string;
  status: EndpointStatus;
  failing_since: Date | null;
  sealed_secret: Buffer;
  deleted_at: Date | null;
}

export function deliveryEndpoints(manager: EntityManager, ids: readonly string[], lock = false): Promise<DeliveryEndpoint[]> {
  return manager.query<DeliveryEndpoint[]>(
    `SELECT id, url, status, failing_since, sealed_secret, deleted_at FROM webhook_endpoint WHERE id = ANY ($1::uuid[]) ORDER BY id${lock ? ' FOR NO KEY UPDATE' : ''}`,
    [ids],
  );
}

export interface AttemptResult {
  id: string;
  status: 'succeeded' | 'failed';
  responseStatus: number | null;
  durationMs: number;
  error: string | null;
  attemptedAt: Date;
  nextAttemptAt: Date | null;
}

/**
 * Settles attempts still pending (one settled meanwhile, by a manual retry's race or a process
 * whose lease had run out, is left as it is) and adds each failed one's next attempt, pending
 * until its time. Returns the ids settled here.
 */
export async function settleAttempts(manager: EntityManager, results: readonly AttemptResult[]): Promise<Set<string>> {
  if (results.length === 0) return new Set();
  const rows = await manager.query<{ id: string }[]>(
    `WITH r AS (
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::int[], $5::text[], $6::timestamptz[], $7::timestamptz[])
         AS r(id, status, response_status, duration_ms, error, attempted_at, next_attempt_at)
     ), settled AS (
       UPDATE webhook_attempt a
          SET status = r.status, response_status = r.response_status, duration_ms = r.duration_ms, error = r.error,
              attempted_at = r.attempted_at, next_attempt_at = r.next_attempt_at, leased_until = NULL
         FROM r WHERE a.id = r.id AND a.status = 'pending'
       RETURNING a.id, a.message_id, a.endpoint_id, a.attempt, a.next_attempt_at
     ), next AS (
       INSERT INTO webhook_attempt (message_id, endpoint_id, attempt, status, scheduled_at)
       SELECT message_id, endpoint_id, attempt + 1, 'pending', next_attempt_at FROM settled WHERE next_attempt_at IS NOT NULL
       ON CONFLICT (message_id, attempt) DO NOTHING
     )
     SELECT id FROM settled`,
    [
      results.map((r) => r.id),
      results.map((r) => r.status),
      results.map((r) => r.responseStatus),
      results.map((r) => r.durationMs),
      results.map((r) => r.error),
      results.map((r) => r.attemptedAt),
      results.map((r) => r.nextAttemptAt),
    ],
  );
  return new Set(rows.map((row) => row.id));
}
