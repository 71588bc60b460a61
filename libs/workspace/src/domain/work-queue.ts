import { IsoDate, isValidIsoDate, jsonCursor, Keyset } from '@app/core';

/**
 * What the commission's staff must act on, and by when (API.md "Commission workspace"). Each
 * kind is one SQL part (persistence/work-queue.queries.ts); `dispute_open`, `possible_duplicate`
 * and `condition_due` read tables other contexts own.
 */
export const WORK_ITEM_KINDS = [
  'case_deadline',
  'certification_expiring',
  'condition_due',
  'dispute_open',
  'late_report',
  'notice_overdue',
  'possible_duplicate',
  'webhook_failing',
] as const;
export type WorkItemKind = (typeof WORK_ITEM_KINDS)[number];

/** case_deadline's four clocks (DOMAIN.md "Cases"), and one reason per other kind. */
export type WorkItemReason =
  | 'response_due'
  | 'hearing'
  | 'interim_hearing'
  | 'appeal_window'
  | 'late_report'
  | 'notice_overdue'
  | 'possible_duplicate'
  | 'dispute_open'
  | 'condition_due'
  | 'certification_expiring'
  | 'webhook_failing';

/** DOMAIN.md, API.md: certifications ending within 60 days are in the queue. */
export const EXPIRING_WITHIN_DAYS = 60;
/** Open certification conditions enter the queue this many days before they fall due. */
export const CONDITION_DUE_WITHIN_DAYS = 30;
/**
 * A late report stays in the queue this long after it was filed, unless a case takes it up: long
 * enough for the commission to decide on an administrative suspension for failure to report.
 */
export const LATE_REPORT_WINDOW_DAYS = 90;

export interface WorkItemRow {
  kind: WorkItemKind;
  reason: WorkItemReason;
  dueOn: IsoDate;
  subjectType: string;
  subjectId: string;
  postId: string | null;
  /** A case number, an agency code, the other record's POST ID: what the summary names. */
  reference: string | null;
  /** The keyset's tie-breaker: unique within a kind. */
  itemKey: string;
}

export interface WorkItem {
  kind: WorkItemKind;
  reason: WorkItemReason;
  dueOn: IsoDate;
  /** Due before today. Every kind's due date is the day action was due, so the order by date puts overdue items first. */
  overdue: boolean;
  subject: { type: string; id: string; postId: string | null };
  summary: string;
}

const SUMMARIES: Record<WorkItemReason, (reference: string | null) => string> = {
  response_due: (ref) => `Case ${ref}: the officer's response to the notice is due; with no hearing requested by then, the case may be decided.`,
  hearing: (ref) => `Case ${ref}: hearing scheduled.`,
  interim_hearing: (ref) => `Case ${ref}: the requested interim-suspension hearing must be held by this day (c. 6E §9).`,
  appeal_window: (ref) => `Case ${ref}: the appeal window ends; finalize once it has passed without an appeal (c. 30A §14).`,
  late_report: (ref) => `Misconduct report filed after its deadline by agency ${ref} (c. 6E §8(b)).`,
  notice_overdue: (ref) => `Notice to the officer${ref ? ` (${ref})` : ''} not sent by its due date (555 CMR 12.00).`,
  possible_duplicate: (ref) => `Possible duplicate record${ref ? ` of ${ref}` : ''}: dismiss or merge.`,
  dispute_open: (ref) => `The officer disputes ${ref ? `a record (${ref})` : 'part of the record'}: resolve the dispute.`,
  condition_due: (ref) => `Certification condition due${ref ? `: ${ref}` : ''} (555 CMR 7.04).`,
  certification_expiring: () => `Certification term ends within ${EXPIRING_WITHIN_DAYS} days.`,
  webhook_failing: (ref) => `Webhook endpoint of agency ${ref} failing for 24 hours: its administrators must fix it.`,
};

export function workItem(row: WorkItemRow, today: IsoDate): WorkItem {
  return {
    kind: row.kind,
    reason: row.reason,
    dueOn: row.dueOn,
    overdue: row.dueOn < today,
    subject: { type: row.subjectType, id: row.subjectId, postId: row.postId },
    summary: SUMMARIES[row.reason](row.reference),
  };
}

/** Position in the queue's order: due date, kind, then the item's key. */
export interface WorkQueuePosition {
  dueOn: IsoDate;
  kind: WorkItemKind;
  itemKey: string;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** A case's item is the case and the clock (a case can have two due); every other kind's is its row's id. */
const ITEM_KEY: Record<'case' | 'row', RegExp> = { case: new RegExp(`^${UUID}/[a-z_]{1,40}$`), row: new RegExp(`^${UUID}$`) };

export const WORK_QUEUE_KEYSET = new Keyset<WorkQueuePosition>(
  jsonCursor((parsed) => {
    const p = parsed as Partial<WorkQueuePosition> | null;
    const valid =
      isValidIsoDate(p?.dueOn) &&
      (WORK_ITEM_KINDS as readonly unknown[]).includes(p?.kind) &&
      typeof p?.itemKey === 'string' &&
      ITEM_KEY[p.kind === 'case_deadline' ? 'case' : 'row'].test(p.itemKey);
    return valid ? { dueOn: p.dueOn!, kind: p.kind!, itemKey: p.itemKey! } : undefined;
  }),
);

/**
 * The part of "after the cursor" that one kind's SQL needs, the kind being constant within the
 * part: later days only, the cursor's day too, or the cursor's day after its key.
 */
export type PartAfter =
  { op: 'none' } | { op: 'after_day'; dueOn: IsoDate } | { op: 'from_day'; dueOn: IsoDate } | { op: 'after_key'; dueOn: IsoDate; itemKey: string };

export function partAfter(kind: WorkItemKind, cursor: WorkQueuePosition | undefined): PartAfter {
  if (!cursor) return { op: 'none' };
  if (kind < cursor.kind) return { op: 'after_day', dueOn: cursor.dueOn };
  if (kind > cursor.kind) return { op: 'from_day', dueOn: cursor.dueOn };
  return { op: 'after_key', dueOn: cursor.dueOn, itemKey: cursor.itemKey };
}
