import { canonicalJson } from '@app/core';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { idempotencyKeyReused, invalidIdempotencyKey } from './domain/database.errors';

/** What identifies one creating request for replay: who, which key, what was asked. */
export interface IdempotentRequest {
  organizationId: string;
  /** The `Idempotency-Key` header; absent means no replay protection was asked for. */
  key: string | undefined;
  method: string;
  /** The operation, e.g. `/misconduct-reports/:id/amendments` with the id filled in. */
  path: string;
  body: unknown;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * API.md promises at least 24 hours; a week covers a client that retries after a weekend's
 * outage. Not longer: a key's stored response can hold restricted data (a hiring check's
 * answer) that its own record already keeps, so the copy is data kept for nothing.
 */
export const IDEMPOTENCY_KEY_RETENTION_HOURS = 7 * 24;

/**
 * API.md "Creating requests accept an Idempotency-Key": the same key with the same body gets
 * the original response, a different body a 409. The key row is written in the same
 * transaction as the effect (reliability.md §3.3), so a request that fails stores no key and
 * may be retried; a concurrent duplicate waits on the key's unique index until the first
 * commits, then replays it. Keys are kept for IDEMPOTENCY_KEY_RETENTION_HOURS, then pruned
 * (IdempotencyKeyPruningJob).
 *
 * The replayed response is the JSON the first request stored: `work` must return plain JSON.
 * `onReplay` runs, in the same transaction, when the stored response is returned instead: a
 * replay that hands out restricted data is a read, and is audited as one.
 */
export async function withIdempotency<T>(
  manager: EntityManager,
  request: IdempotentRequest,
  work: () => Promise<T>,
  onReplay?: (response: T) => Promise<void>,
): Promise<T> {
  if (request.key === undefined) return work();
  if (!KEY_PATTERN.test(request.key)) {
    throw invalidIdempotencyKey();
  }
  const requestHash = fingerprint(request.body);
  const inserted = await manager.query<unknown[]>(
    `INSERT INTO idempotency_key (organization_id, key, method, path, request_hash) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (organization_id, key) DO NOTHING RETURNING key`,
    [request.organizationId, request.key, request.method, request.path, requestHash],
  );
  if (inserted.length === 0) {
    const stored = await replay<T>(manager, request, requestHash);
    await onReplay?.(stored);
    return stored;
  }

  const result = await work();
  await manager.query(`UPDATE idempotency_key SET response_status = $3, response_body = $4 WHERE organization_id = $1 AND key = $2`, [
    request.organizationId,
    request.key,
    201,
    JSON.stringify(result),
  ]);
  return result;
}

async function replay<T>(manager: EntityManager, request: IdempotentRequest, requestHash: string): Promise<T> {
  const [stored] = await manager.query<{ method: string; path: string; request_hash: string; response_body: T | null }[]>(
    `SELECT method, path, request_hash, response_body FROM idempotency_key WHERE organization_id = $1 AND key = $2`,
    [request.organizationId, request.key],
  );
  if (stored.method !== request.method || stored.path !== request.path || stored.request_hash !== requestHash || stored.response_body === null) {
    throw idempotencyKeyReused();
  }
  return stored.response_body;
}

/**
 * Deletes the keys created before `cutoff`; a retry with a deleted key is a new request. The
 * rows are not records (each effect keeps its own row and audit entry), so no audit entry.
 * In batches: each statement stays far inside the service's statement time limit however many
 * keys a day brought, so the pruning cannot start failing daily as the registry grows.
 */
export async function pruneIdempotencyKeys(manager: EntityManager, cutoff: Date, batchSize = 10_000): Promise<number> {
  let pruned = 0;
  for (;;) {
    const [{ count }] = await manager.query<{ count: number }[]>(
      `WITH pruned AS (
         DELETE FROM idempotency_key WHERE ctid = ANY(ARRAY(SELECT ctid FROM idempotency_key WHERE created_at < $1 LIMIT $2)) RETURNING 1)
       SELECT count(*)::int AS count FROM pruned`,
      [cutoff, batchSize],
    );
    pruned += count;
    if (count < batchSize) return pruned;
  }
}

/** sha256 of the body with its object keys sorted, so that key order does not matter. */
function fingerprint(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}
