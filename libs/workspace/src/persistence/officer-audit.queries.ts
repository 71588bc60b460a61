import type { EntityManager } from 'typeorm';

/**
 * The audit entries about one officer, whatever the entity (API.md "Audit": officer,
 * certification, training, employment, report, case, hiring check, notice, dispute, duplicate pair), newest
 * first, as `seq`s. An entry is about the officer when it names a record of theirs (entity type
 * and id), names the officer in its details (`postId`, or `officerIds` for entries about many
 * officers at once), whichever context wrote it. The records are found first (each by its
 * officer index), then each one's entries by `audit_log_entity`, newest first and at most a
 * page: the cost follows the officer's records, not the log's size.
 */
const LINKED_RECORDS = `
  SELECT 'officer' AS entity_type, $1::text AS entity_id
  UNION ALL SELECT 'certification', $1::text
  UNION ALL SELECT 'training_completion', t.id::text FROM training_completion t WHERE t.officer_id = $1::uuid
  UNION ALL SELECT 'employment', e.id::text FROM employment e WHERE e.officer_id = $1::uuid
  UNION ALL SELECT 'misconduct_report', r.id::text FROM misconduct_report r WHERE r.officer_id = $1::uuid
  UNION ALL SELECT 'case', k.id::text FROM commission_case k WHERE k.officer_id = $1::uuid
  UNION ALL SELECT 'hiring_check', h.id::text FROM hiring_check h WHERE h.matched_officer_ids @> ARRAY[$1::uuid]
  UNION ALL SELECT 'notice', n.id::text FROM notice n WHERE n.officer_id = $1::uuid
  UNION ALL SELECT 'possible_duplicate', p.id::text FROM possible_duplicate p WHERE p.officer_id = $1::uuid OR p.other_officer_id = $1::uuid
  UNION ALL SELECT 'dispute', d.id::text FROM dispute d WHERE d.officer_id = $1::uuid
  UNION ALL SELECT 'certification_condition', cc.id::text FROM certification_condition cc WHERE cc.officer_id = $1::uuid`;

export async function officerAuditSeqs(
  manager: EntityManager,
  officer: { id: string | null; postId: string },
  page: { beforeSeq?: number; limit: number },
): Promise<number[]> {
  const rows = await manager.query<{ seq: string }[]>(
    `SELECT seq FROM (
       (SELECT a.seq FROM (${LINKED_RECORDS}) AS l
          CROSS JOIN LATERAL (SELECT a.seq FROM audit_log a
                               WHERE a.entity_type = l.entity_type AND a.entity_id = l.entity_id AND ($3::bigint IS NULL OR a.seq < $3::bigint)
                               ORDER BY a.seq DESC LIMIT $4) AS a
         WHERE $1::uuid IS NOT NULL)
       UNION
       (SELECT a.seq FROM audit_log a
         WHERE a.details ? 'postId' AND a.details ->> 'postId' = $2::text AND ($3::bigint IS NULL OR a.seq < $3::bigint)
         ORDER BY a.seq DESC LIMIT $4)
       UNION
       (SELECT a.seq FROM audit_log a
         WHERE $1::uuid IS NOT NULL AND a.details ? 'officerIds' AND a.details -> 'officerIds' ? $1::text AND ($3::bigint IS NULL OR a.seq < $3::bigint)
         ORDER BY a.seq DESC LIMIT $4)
     ) AS s ORDER BY seq DESC LIMIT $4`,
    [officer.id, officer.postId, page.beforeSeq ?? null, page.limit],
  );
  return rows.map((row) => Number(row.seq));
}

/** The officer's id for a POST ID (null: unknown; entries may still name the POST ID, as refusals do). */
export async function officerIdByPostId(manager: EntityManager, postId: string): Promise<string | null> {
  const [row] = await manager.query<{ id: string }[]>(`SELECT id FROM officer WHERE post_id = $1`, [postId]);
  return row?.id ?? null;
}
