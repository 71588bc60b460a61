import type { KeysetCursor } from '@app/core';
import type { EntityManager } from 'typeorm';
import type { EndpointStatus } from '../domain/retry-schedule';

/* The webhooks' tables (notifications owns them). Every function runs in the caller's transaction. */

export interface EndpointRow {
  id: string;
  organization_id: string;
  url: string;
  events: string[];
  description: string | null;
  status: EndpointStatus;
  failing_since: Date | null;
  disabled_at: Date | null;
  created_at: Date;
}

const ENDPOINT_COLUMNS = `id, organization_id, url, events, description, status, failing_since, disabled_at, created_at`;

export async function insertEndpoint(
  manager: EntityManager,
  endpoint: { organizationId: string; url: string; events: string[]; description: string | null; sealedSecret: Buffer; createdBy: string },
): Promise<EndpointRow> {
  const [row] = await manager.query<EndpointRow[]>(
    `INSERT INTO webhook_endpoint (organization_id, url, events, description, sealed_secret, created_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${ENDPOINT_COLUMNS}`,
    [endpoint.organizationId, endpoint.url, endpoint.events, endpoint.description, endpoint.sealedSecret, endpoint.createdBy],
  );
  return row;
}

/** The organization's endpoint, not deleted; `lock` takes it FOR UPDATE. */
export async function findEndpoint(manager: EntityManager, organizationId: string, id: string, lock = false): Promise<EndpointRow | undefined> {
  const [row] = await manager.query<EndpointRow[]>(
    `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoint WHERE id = $1 AND organization_id = $2 AND deleted_at IS NULL${lock ? ' FOR UPDATE' : ''}`,
    [id, organizationId],
  );
  return row;
}

export function listEndpoints(manager: EntityManager, organizationId: string, after: KeysetCursor | undefined, limit: number): Promise<EndpointRow[]> {
  return manager.query<EndpointRow[]>(
    `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoint
      WHERE organization_id = $1 AND deleted_at IS NULL
        AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
      ORDER BY created_at DESC, id DESC LIMIT $4`,
    [organizationId, after?.at ?? null, after?.id ?? null, limit],
  );
}

export async function markEndpointDeleted(manager: EntityManager, id: string): Promise<void> {
  await manager.query(`UPDATE webhook_endpoint SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL`, [id]);
}

export async function updateEndpointHealth(manager: EntityManager, id: string, health: { status: EndpointStatus; failingSince: Date | null }): Promise<void> {
  await manager.query(
    `UPDATE webhook_endpoint SET status = $2, failing_since = $3, disabled_at = CASE WHEN $2 = 'disabled' THEN coalesce(disabled_at, now()) ELSE disabled_at END
      WHERE id = $1 AND (status IS DISTINCT FROM $2 OR failing_since IS DISTINCT FROM $3)`,
    [id, health.status, health.failingSince],
  );
}

export interface AttemptRow {
  id: string;
  message_id: string;
  endpoint_id: string;
  event_id: string | null;
  type: string;
  attempt: number;
  status: 'pending' | 'succeeded' | 'failed';
  response_status: number | null;
  duration_ms: number | null;
  scheduled_at: Date;
  attempted_at: Date | null;
  next_attempt_at: Date | null;
  created_at: Date;
}

const ATTEMPT_COLUMNS = `a.id, a.message_id, a.endpoint_id, m.event_id, m.type, a.attempt, a.status, a.response_status, a.duration_ms,
  a.scheduled_at, a.attempted_at, a.next_attempt_at, a.created_at`;

export function listAttempts(manager: EntityManager, endpointId: string, after: KeysetCursor | undefined, limit: number): Promise<AttemptRow[]> {
  return manager.query<AttemptRow[]>(
    `SELECT ${ATTEMPT_COLUMNS} FROM webhook_attempt a JOIN webhook_message m ON m.id = a.message_id
      WHERE a.endpoint_id = $1 AND ($2::timestamptz IS NULL OR (a.created_at, a.id) < ($2::timestamptz, $3::uuid))
      ORDER BY a.created_at DESC, a.id DESC LIMIT $4`,
    [endpointId, after?.at ?? null, after?.id ?? null, limit],
  );
}

export async function findAttempt(manager: EntityManager, endpointId: string, id: string): Promise<AttemptRow | undefined> {
  const [row] = await manager.query<AttemptRow[]>(
    `SELECT ${ATTEMPT_COLUMNS} FROM webhook_attempt a JOIN webhook_message m ON m.id = a.message_id WHERE a.id = $1 AND a.endpoint_id = $2`,
    [id, endpointId],
  );
  return row;
}

/** The next attempt of a message, pending until `scheduledAt`. Null when that attempt already exists (a manual retry raced the schedule). */
export async function insertNextAttempt(
  manager: EntityManager,
  messageId: string,
  endpointId: string,
  attempt: number,
  scheduledAt: Date,
): Promise<string | null> {
  const [row] = await manager.query<{ id: string }[]>(
    `INSERT INTO webhook_attempt (message_id, endpoint_id, attempt, status, scheduled_at) VALUES ($1, $2, $3, 'pending', $4)
     ON CONFLICT (message_id, attempt) DO NOTHING RETURNING id`,
    [messageId, endpointId, attempt, scheduledAt],
  );
  return row?.id ?? null;
}

/** The message's latest attempt number and whether one is still pending. */
export async function latestAttemptOf(manager: EntityManager, messageId: string): Promise<{ id: string; attempt: number; status: string } | undefined> {
  const [row] = await manager.query<{ id: string; attempt: number; status: string }[]>(
    `SELECT id, attempt, status FROM webhook_attempt WHERE message_id = $1 ORDER BY attempt DESC LIMIT 1 FOR UPDATE`,
    [messageId],
  );
  return row;
}

export async function rescheduleAttempt(manager: EntityManager, attemptId: string, scheduledAt: Date): Promise<void> {
  await manager.query(`UPDATE webhook_attempt SET scheduled_at = $2 WHERE id = $1 AND status = 'pending'`, [attemptId, scheduledAt]);
}
