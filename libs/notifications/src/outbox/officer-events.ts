/**
 * The events an agency's webhooks receive (API.md "Monitoring: rosters and webhooks"). Each
 * carries the officer's `postId` (added by the writer) and no more than the agency may
 * already read: a case's opening says that a case exists, never its grounds or summary.
 */
export interface OfficerEventData {
  'officer.certification_changed': { from: string; to: string; effectiveOn: string };
  'officer.separated': { agencyCode: string; endDate: string; underInvestigation: boolean };
  'officer.case_opened': Record<string, never>;
  'officer.final_action': { type: 'revocation' | 'suspension' | 'retraining'; effectiveOn: string; endsOn: string | null };
  'officer.identity_changed': { mergedInto?: string };
}

export type OfficerEventType = keyof OfficerEventData;

export const OFFICER_EVENT_TYPES: readonly OfficerEventType[] = [
  'officer.certification_changed',
  'officer.separated',
  'officer.case_opened',
  'officer.final_action',
  'officer.identity_changed',
];

/** Sent by `POST /webhooks/:id/test` only; never written to the outbox. */
export const TEST_EVENT_TYPE = 'webhook.test';

/** One event about one officer, as a writing context hands it to the outbox. */
export type OfficerEvent = {
  [T in OfficerEventType]: { type: T; officerId: string; data: OfficerEventData[T] };
}[OfficerEventType];
