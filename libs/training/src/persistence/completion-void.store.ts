import type { EntityManager } from 'typeorm';

/*
 * The only writer of `training_completion_void` (append-only): a completion recorded in error
 * stops counting but stays in the history (API.md "Training"). One row per completion: a second
 * void finds the key taken.
 */

export interface CompletionVoid {
  voidedAt: Date;
  voidedBy: string;
  reason: string;
}

/** The void's row, or null when the completion was already voided (the first void stands). */
export async function insertCompletionVoid(
  manager: EntityManager,
  completionId: string,
  entry: { reason: string; voidedBy: string; organizationId: string | null },
): Promise<CompletionVoid | null> {
  const [row] = await manager.query<{ voided_at: Date; voided_by: string; reason: string }[]>(
    `INSERT INTO training_completion_void (completion_id, reason, voided_by, voided_by_organization_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (completion_id) DO NOTHING
     RETURNING voided_at, voided_by, reason`,
    [completionId, entry.reason, entry.voidedBy, entry.organizationId],
  );
  return row ? { voidedAt: row.voided_at, voidedBy: row.voided_by, reason: row.reason } : null;
}

/** SQL condition: the completion `alias` counts (was not voided). */
export const counts = (alias: string) => `NOT EXISTS (SELECT 1 FROM training_completion_void v WHERE v.completion_id = ${alias}.id)`;
