/**
 * Words for the commission's record screens (an officer's timeline, disputes, possible
 * duplicates, the audit). Pure: no DOM, no Preact; table-tested in records-words.spec.ts.
 */
import { formatDate, humanize } from '../../words';

export const ALIAS_KIND_WORDS: Record<string, string> = {
  prior_name: 'prior name',
  nickname: 'nickname',
};
export const aliasKindWords = (kind: string | undefined): string => (kind ? (ALIAS_KIND_WORDS[kind] ?? humanize(kind).toLowerCase()) : 'other name');

const DISPUTE_SUBJECTS: Record<string, string> = {
  identity: 'Identity (name, date of birth)',
  training_completion: 'A training completion',
  employment: 'An employment',
  misconduct_report: 'A misconduct report',
  certification: 'The certification',
};
export const disputeSubjectWords = (type: string): string => DISPUTE_SUBJECTS[type] ?? humanize(type);

export const DISPUTE_OUTCOMES: [string, string][] = [
  ['corrected', 'Corrected: the record was put right through its own route'],
  ['rejected', 'Rejected: the record stands as it is'],
  ['referred', 'Referred: sent on (to an investigator, the agency or a hearing)'],
];
const OUTCOME_WORDS: Record<string, string> = { corrected: 'Corrected', rejected: 'Rejected', referred: 'Referred' };
export const disputeOutcomeWords = (outcome: string | null | undefined): string => (outcome ? (OUTCOME_WORDS[outcome] ?? humanize(outcome)) : 'Open');

const NOTICE_KINDS: Record<string, string> = {
  misconduct_report: 'Misconduct report filed',
  report_amendment: 'Misconduct report amended',
  separation: 'Separation recorded',
  case_notice: 'Notice of a commission case',
  case_decision: 'Decision of a commission case',
  imported_final_action: 'Final action imported',
  dispute_resolved: 'Dispute resolved',
  invitation: 'Invitation to the portal',
};
export const noticeKindWords = (kind: string): string => NOTICE_KINDS[kind] ?? humanize(kind);

const NOTICE_STATUSES: Record<string, string> = {
  queued: 'waiting to be sent',
  sent: 'sent',
  failed: 'sending failed',
  no_address: 'no email address on file (kept for the portal)',
  no_transport: 'mail not configured (kept for the portal)',
};
export const noticeStatusWords = (status: string): string => NOTICE_STATUSES[status] ?? humanize(status).toLowerCase();

export const POSSIBLE_DUPLICATE_SOURCES: Record<string, string> = {
  confirm_distinct: 'created although it looked like an existing record (the distinct person was confirmed)',
  import: 'flagged by an import',
  detected: 'found later by the duplicate rules',
};
export const duplicateSourceWords = (source: string): string => POSSIBLE_DUPLICATE_SOURCES[source] ?? humanize(source).toLowerCase();

export interface SavedHead {
  seq: number;
  hash: string;
  at: string;
}

export interface ChainCheck {
  valid: boolean;
  entries?: number;
  head?: { seq: number; hash: string } | null;
  firstBrokenEntry?: { seq: number; reason: string };
}

/**
 * The answer of GET /audit/verify in words: whether the chain holds, and whether it still
 * extends the head saved earlier (a rewritten or truncated log fails).
 */
export function chainCheckWords(check: ChainCheck, saved?: SavedHead): { tone: 'success' | 'error'; heading: string; text: string } {
  if (!check.valid) {
    const broken = check.firstBrokenEntry;
    const savedHeadLost = !!saved && broken?.seq === saved.seq && /saved head/.test(broken.reason);
    return {
      tone: 'error',
      heading: savedHeadLost ? 'The log no longer extends the saved head' : 'The audit chain is broken',
      text: savedHeadLost
        ? `Entry ${saved.seq}, saved on ${formatDate(saved.at)}, is not in the chain as it was: the log was rewritten or truncated since.`
        : `The first entry that does not match is entry ${broken?.seq ?? '?'}: ${broken?.reason ?? 'no reason given'}.`,
    };
  }
  const count = `${check.entries ?? 0} ${check.entries === 1 ? 'entry' : 'entries'}`;
  const head = check.head ? ` The head is now entry ${check.head.seq}.` : '';
  if (!saved) return { tone: 'success', heading: 'The audit chain is intact', text: `All ${count} link to each other and match their hashes.${head}` };
  return {
    tone: 'success',
    heading: 'The chain is intact and extends the saved head',
    text: `All ${count} link to each other and match their hashes, and entry ${saved.seq} (saved on ${formatDate(saved.at)}) is still part of the chain: nothing before it was rewritten or removed.${head}`,
  };
}

/** "abcd1234…ef56": enough of a hash to compare by eye. */
export const shortHash = (hash: string): string => (hash.length > 16 ? `${hash.slice(0, 8)}…${hash.slice(-6)}` : hash);

const MERGE_REFUSALS: Record<string, string> = {
  merge_into_itself: 'A record cannot be merged into itself.',
  survivor_already_merged: 'The record to keep was itself merged into another: merge into that one.',
  different_birth_dates: 'The two records give different dates of birth: confirm that they are one person despite it.',
  open_employment_at_same_agency: 'Both records are employed now by the same agency: that agency must separate one of the two employments first.',
};
/** The 422 reasons of POST /officers/:postId/merge, one sentence each. */
export const mergeRefusalWords = (reason: unknown): string =>
  typeof reason === 'string' ? (MERGE_REFUSALS[reason] ?? `${humanize(reason)}.`) : JSON.stringify(reason);

/** The merge was refused only for want of the explicit confirmation of different dates of birth. */
export function mergeRefusalNeedsConfirmation(reasons: unknown): boolean {
  if (!Array.isArray(reasons)) return false;
  return reasons.some(
    (reason) =>
      reason === 'different_birth_dates' || (typeof reason === 'object' && reason !== null && (reason as { code?: string }).code === 'different_birth_dates'),
  );
}
