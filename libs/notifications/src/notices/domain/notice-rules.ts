import { addDays, IsoDate } from '@app/core';

/** API.md "Notices to officers": what the notice reports. */
export const NOTICE_KINDS = [
  'misconduct_report',
  'report_amendment',
  'separation',
  'case_notice',
  'case_decision',
  'imported_final_action',
  'dispute_resolved',
  'invitation',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const NOTICE_CHANNELS = ['email', 'portal'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

/**
 * `queued`: waiting for the sending job; `sent`: the mail server took it; `failed`: every
 * attempt failed; `no_address`: the officer has no email, the notice waits in the portal;
 * `no_transport`: no `SMTP_URL`, the notice is kept for the portal and the commission.
 */
export const NOTICE_STATUSES = ['queued', 'sent', 'failed', 'no_address', 'no_transport'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/**
 * 555 CMR 12.00 (under c. 6E §8): the officer is told within 10 days of any submission about
 * them. Calendar days, counted from the submission's date in the registry's calendar
 * (POST_TIME_ZONE), unlike the report deadline's business days.
 */
export const NOTICE_DUE_DAYS = 10;

export function noticeDueBy(submittedOn: IsoDate): IsoDate {
  return addDays(submittedOn, NOTICE_DUE_DAYS);
}

/**
 * How a new notice goes: by email when the officer has an address, else only to the portal
 * (`no_address`); an email notice with no mail transport configured stays `no_transport`,
 * kept for the portal and readable by the commission, never silently dropped.
 */
export function initialDelivery(facts: { hasEmail: boolean; mailConfigured: boolean }): { channel: NoticeChannel; status: NoticeStatus } {
  if (!facts.hasEmail) return { channel: 'portal', status: 'no_address' };
  return { channel: 'email', status: facts.mailConfigured ? 'queued' : 'no_transport' };
}

/** Not sent by the end of its `dueBy` day: it belongs in the commission's work queue (DOMAIN.md). */
export function isOverdue(notice: { status: NoticeStatus; dueBy: IsoDate }, today: IsoDate): boolean {
  return notice.status !== 'sent' && notice.dueBy < today;
}

/** Attempts at sending one notice before it is `failed` (the job retries with growing delays in between). */
export const MAX_SEND_ATTEMPTS = 8;

/** After a failed attempt (the `attempts`-th): try again, or give up. */
export function statusAfterFailedAttempt(attempts: number, maxAttempts = MAX_SEND_ATTEMPTS): Extract<NoticeStatus, 'queued' | 'failed'> {
  return attempts >= maxAttempts ? 'failed' : 'queued';
}
