import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { preparedQuery } from '@app/database';
import type { IsoDate } from '@app/core';
import {
  CONDITION_DUE_WITHIN_DAYS,
  EXPIRING_WITHIN_DAYS,
  LATE_REPORT_WINDOW_DAYS,
  PartAfter,
  partAfter,
  WorkItemKind,
  WorkItemRow,
  WorkQueuePosition,
} from '../domain/work-queue';

export interface WorkQueueClocks {
  appealWindowDays: number;
  interimHearingMaxDays: number;
}

/**
 * One SQL part per kind (per clock for cases), each selecting (kind, reason, due_on, subject_type,
 * subject_id, officer_id, reference, item_key) in (due_on, item_key) order from its own index,
 * limited to one page: the queue is their merge, so no part reads further than a page however
 * large the registry. `$1` today, `$2` the page size + 1, `$3` the registry's time zone, `$4`/`$5`
 * the clocks; `{after}` is replaced by the cursor's condition on the part's (order, key) expressions.
 */
interface Part {
  kind: WorkItemKind;
  /** The expression the part's index orders by: its due date, or the day its clock runs from. */
  order: string;
  /** The clock's length in days (a parameter) when `order` is the day it runs from: due = order + shift. */
  shift?: string;
  /** The tie-breaker the index orders by, in the same order as the item key (a uuid, or a case id before a constant clock name). */
  key: string;
  /** How the cursor's item key compares with the part's rows: as a uuid, or as the text `<case id>/<clock>` in "C". */
  itemKey: { uuid: true } | { text: string };
  sql: string;
}

/**
 * A case's clocks (DOMAIN.md "Cases"), one part each from its partial expression index (migration
 * 1767000050000): the officer's response window, a scheduled hearing, a requested interim
 * hearing's last day (c. 6E §9) and the end of the appeal window (c. 30A §14). The conditions are
 * the index predicates word for word (the planner matches them) and the pure rules'
 * (libs/discipline; test/e2e/work-queue-clocks.e2e-spec.ts compares the two in every status).
 */
const caseClock = (reason: string, from: string, where: string, shift?: string): Part => {
  const due = shift ? `${from} + ${shift}` : from;
  const itemKey = `(k.id::text || '/${reason}')`;
  return {
    kind: 'case_deadline',
    order: from,
    shift,
    key: 'k.id',
    itemKey: { text: itemKey },
    sql: `SELECT 'case_deadline' AS kind, '${reason}' AS reason, ${due} AS due_on, 'case' AS subject_type, k.id::text AS subject_id,
                 k.officer_id, k.case_number AS reference, NULL::uuid AS reference_officer_id, NULL::uuid AS reference_org_id, ${itemKey} AS item_key
            FROM commission_case k
           WHERE ${where} AND ${from} IS NOT NULL {after}`,
  };
};

const PARTS: Part[] = [
  caseClock(
    'response_due',
    `registry_iso_date(k.state -> 'notice' ->> 'responseDueOn')`,
    `k.status = 'notice_issued' AND jsonb_typeof(k.state -> 'response') IS DISTINCT FROM 'object'`,
  ),
  caseClock('hearing', `registry_iso_date(k.state -> 'hearing' ->> 'hearingOn')`, `k.status = 'hearing_scheduled'`),
  caseClock(
    'interim_hearing',
    `registry_iso_date(k.state -> 'interimSuspension' ->> 'suspendedOn')`,
    `k.status IN ('open', 'notice_issued', 'hearing_scheduled', 'heard', 'decided', 'appealed')
             AND jsonb_typeof(k.state -> 'interimSuspension') = 'object'
             AND k.state -> 'interimSuspension' ->> 'endedOn' IS NULL
             AND k.state -> 'interimSuspension' ->> 'hearingRequestedOn' IS NOT NULL
             AND k.state -> 'interimSuspension' ->> 'hearingHeldOn' IS NULL
             AND (k.state -> 'interimSuspension' ->> 'hearingWaived')::boolean IS NOT TRUE`,
    '$5::int',
  ),
  caseClock('appeal_window', `registry_iso_date(k.state -> 'decision' ->> 'decidedOn')`, `k.status = 'decided'`, '$4::int'),
  {
    // c. 6E §4(f)(3): terms ending within 60 days (an ended one already reads lapsed).
    kind: 'certification_expiring',
    order: 'c.expires_on',
    key: 'c.officer_id',
    itemKey: { uuid: true },
    sql: `SELECT 'certification_expiring' AS kind, 'certification_expiring' AS reason, c.expires_on AS due_on, 'certification' AS subject_type,
                 c.officer_id::text AS subject_id, c.officer_id, NULL AS reference, NULL::uuid AS reference_officer_id, NULL::uuid AS reference_org_id,
                 c.officer_id::text AS item_key
            FROM certification c
           WHERE c.status = 'certified' AND c.expires_on > $1::date AND c.expires_on <= $1::date + ${EXPIRING_WITHIN_DAYS} {after}`,
  },
  {
    // c. 6E §8(b): reports filed after the deadline, until a case takes them up.
    kind: 'late_report',
    order: 'r.due_on',
    key: 'r.id',
    itemKey: { uuid: true },
    sql: `SELECT 'late_report' AS kind, 'late_report' AS reason, r.due_on, 'misconduct_report' AS subject_type, r.id::text AS subject_id,
                 r.officer_id, NULL AS reference, NULL::uuid AS reference_officer_id, r.agency_id AS reference_org_id, r.id::text AS item_key
            FROM misconduct_report r
           WHERE r.late AND r.filed_on >= $1::date - ${LATE_REPORT_WINDOW_DAYS}
             AND NOT EXISTS (SELECT 1 FROM case_report cr WHERE cr.report_id = r.id) {after}`,
  },
  {
    // 555 CMR 12.00: notices not sent by their dueBy.
    kind: 'notice_overdue',
    order: 'n.due_by',
    key: 'n.id',
    itemKey: { uuid: true },
    sql: `SELECT 'notice_overdue' AS kind, 'notice_overdue' AS reason, n.due_by AS due_on, 'notice' AS subject_type, n.id::text AS subject_id,
                 n.officer_id, n.kind AS reference, NULL::uuid AS reference_officer_id, NULL::uuid AS reference_org_id, n.id::text AS item_key
            FROM notice n
           WHERE n.status <> 'sent' AND n.due_by < $1::date {after}`,
  },
  {
    // Pairs that may be one person: due the day they were found (a missed duplicate is the recycled officer).
    kind: 'possible_duplicate',
    order: '(p.created_at AT TIME ZONE $3::text)::date',
    key: 'p.id',
    itemKey: { uuid: true },
    sql: `SELECT 'possible_duplicate' AS kind, 'possible_duplicate' AS reason, (p.created_at AT TIME ZONE $3::text)::date AS due_on,
                 'possible_duplicate' AS subject_type, p.id::text AS subject_id, p.officer_id, NULL AS reference, p.other_officer_id AS reference_officer_id,
                 NULL::uuid AS reference_org_id, p.id::text AS item_key
            FROM possible_duplicate p
           WHERE p.status = 'open' {after}`,
  },
  {
    // 555 CMR 7.04, 9.10: an open condition due within 30 days, or past due (then the adjudicator may admin_suspend).
    kind: 'condition_due',
    order: 'cc.due_on',
    key: 'cc.id',
    itemKey: { uuid: true },
    sql: `SELECT 'condition_due' AS kind, 'condition_due' AS reason, cc.due_on, 'certification_condition' AS subject_type, cc.id::text AS subject_id,
                 cc.officer_id, left(cc.description, 100) AS reference, NULL::uuid AS reference_officer_id, NULL::uuid AS reference_org_id, cc.id::text AS item_key
            FROM certification_condition cc
           WHERE cc.status = 'open' AND cc.due_on <= $1::date + ${CONDITION_DUE_WITHIN_DAYS} {after}`,
  },
  {
    // The officer disputes part of the record: due the day it was opened (it marks the record disputed until resolved).
    kind: 'dispute_open',
    order: '(ds.opened_at AT TIME ZONE $3::text)::date',
    key: 'ds.id',
    itemKey: { uuid: true },
    sql: `SELECT 'dispute_open' AS kind, 'dispute_open' AS reason, (ds.opened_at AT TIME ZONE $3::text)::date AS due_on, 'dispute' AS subject_type,
                 ds.id::text AS subject_id, ds.officer_id, ds.subject_type AS reference, NULL::uuid AS reference_officer_id, NULL::uuid AS reference_org_id,
                 ds.id::text AS item_key
            FROM dispute ds
           WHERE ds.status = 'open' {after}`,
  },
  {
    // An endpoint failing for 24 hours: due the day it was marked.
    kind: 'webhook_failing',
    order: '(w.failing_since AT TIME ZONE $3::text)::date',
    key: 'w.id',
    itemKey: { uuid: true },
    sql: `SELECT 'webhook_failing' AS kind, 'webhook_failing' AS reason, (w.failing_since AT TIME ZONE $3::text)::date AS due_on,
                 'webhook' AS subject_type, w.id::text AS subject_id, NULL::uuid AS officer_id, NULL AS reference, NULL::uuid AS reference_officer_id,
                 w.organization_id AS reference_org_id, w.id::text AS item_key
            FROM webhook_endpoint w
           WHERE w.status = 'failing' AND w.deleted_at IS NULL {after}`,
  },
];

/**
 * The cursor's condition on a part: its day (less the clock's length when the part orders by the
 * day the clock runs from) as an index bound, and on that day the key after the cursor's.
 */
function afterSql(part: Part, after: PartAfter, params: unknown[]): string {
  if (after.op === 'none') return '';
  params.push(after.dueOn);
  const day = part.shift ? `($${params.length}::date - ${part.shift})` : `$${params.length}::date`;
  if (after.op === 'after_day') return `AND ${part.order} > ${day}`;
  if (after.op === 'from_day') return `AND ${part.order} >= ${day}`;
  params.push(after.itemKey);
  const key = 'uuid' in part.itemKey ? `${part.key} > $${params.length}::uuid` : `${part.itemKey.text} COLLATE "C" > $${params.length}::text`;
  return `AND ${part.order} >= ${day} AND (${part.order} > ${day} OR ${key})`;
}

export async function workQueueRows(
  manager: EntityManager,
  query: { today: IsoDate; timeZone: string; clocks: WorkQueueClocks; after?: WorkQueuePosition; limit: number },
): Promise<WorkItemRow[]> {
  const params: unknown[] = [query.today, query.limit, query.timeZone, query.clocks.appealWindowDays, query.clocks.interimHearingMaxDays];
  const parts = PARTS.map(
    (part) => `(${part.sql.replace('{after}', afterSql(part, partAfter(part.kind, query.after), params))}
      ORDER BY ${part.order}, ${part.key} LIMIT $2)`,
  );
  const sql = `SELECT q.kind, q.reason, to_char(q.due_on, 'YYYY-MM-DD') AS due_on, q.subject_type, q.subject_id, o.post_id,
            coalesce(q.reference, ro.post_id, ra.code) AS reference, q.item_key
       FROM (SELECT * FROM (${parts.join('\n UNION ALL ')}) AS u
              ORDER BY u.due_on, u.kind COLLATE "C", u.item_key COLLATE "C" LIMIT $2) AS q
       LEFT JOIN officer o ON o.id = q.officer_id
       LEFT JOIN officer ro ON ro.id = q.reference_officer_id
       LEFT JOIN organization ra ON ra.id = q.reference_org_id
      ORDER BY q.due_on, q.kind COLLATE "C", q.item_key COLLATE "C"`;
  // Named by its text (one per cursor shape, nine at most): planned once per connection, not per request.
  const rows = await preparedQuery<{
    kind: WorkItemKind;
    reason: WorkItemRow['reason'];
    due_on: string;
    subject_type: string;
    subject_id: string;
    post_id: string | null;
    reference: string | null;
    item_key: string;
  }>(manager, `work-queue-${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`, sql, params);
  return rows.map((r) => ({
    kind: r.kind,
    reason: r.reason,
    dueOn: r.due_on,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    postId: r.post_id,
    reference: r.reference,
    itemKey: r.item_key,
  }));
}
