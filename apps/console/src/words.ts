/**
 * The registry's codes in the words a hiring clerk or a registrar reads. Pure: no DOM, no
 * Preact, table-tested in words.spec.ts. An unknown code (a newer registry) still reads as words.
 */

export const humanize = (code: string): string => {
  const words = code.replace(/[_.]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export const formatDate = (iso: string | null | undefined): string => {
  if (!iso) return '';
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number);
  if (!year || !month || !day) return iso;
  return new Date(Date.UTC(year, month - 1, day)).toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
};

export const formatInstant = (iso: string): string =>
  new Date(iso).toLocaleString('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

/** Certification statuses, as the public page names them (apps/api/src/public-page/assets/app.js). */
export const STATUS_LABELS: Record<string, string> = {
  certified: 'Certified',
  not_certified: 'Not certified',
  admin_suspended: 'Administrative suspension',
  suspended: 'Suspended',
  revoked: 'Decertified',
  lapsed: 'Not certified (lapsed)',
  inactive: 'Not certified (excused leave)',
  relinquished: 'Relinquished',
  under_review: 'Under review',
};
export const statusLabel = (status: string): string => STATUS_LABELS[status] ?? humanize(status);

/** Good, warning or stop: the badge's colour (never the only signal: the label says it too). */
export function statusTone(status: string): 'good' | 'warn' | 'stop' {
  if (status === 'certified') return 'good';
  if (status === 'revoked' || status === 'suspended' || status === 'admin_suspended') return 'stop';
  return 'warn';
}

const MATCH_REASONS: Record<string, string> = {
  post_id: 'found by POST ID',
  exact_name: 'exact name',
  alias: 'found under another name on record',
  prior_name: 'found under a prior name',
  nickname: 'a nickname of the given name',
  swapped_names: 'first and last names swapped',
  misspelling: 'a misspelling (letters missing, added, changed or two letters swapped)',
  compound_surname: 'part of a hyphenated or compound surname',
  diacritics: 'the same name with or without accents',
  middle_name_ignored: 'middle name left out',
  known_by_middle_name: 'known by the middle name',
  phonetic: 'sounds the same',
};
export const matchReasonWords = (code: string): string => MATCH_REASONS[code] ?? humanize(code).toLowerCase();

export interface HiringReason {
  code: string;
  jurisdiction?: string;
  since?: string;
  endsOn?: string | null;
  caseNumber?: string;
}

/** Why the officer may not be hired (c. 6E §4(d), §11), one sentence per reason. */
export function notHireableWords(reason: HiringReason): string {
  const since = reason.since ? ` since ${formatDate(reason.since)}` : '';
  const caseRef = reason.caseNumber ? ` (case ${reason.caseNumber})` : '';
  switch (reason.code) {
    case 'revoked':
      return `Decertified${since}${caseRef}: may not be employed by any law enforcement agency in any capacity.`;
    case 'revoked_in_other_jurisdiction':
      return `Decertified in ${reason.jurisdiction ?? 'another state'}${since}: may not be employed in this state.`;
    case 'suspended':
      return reason.endsOn
        ? `Suspended${since}${caseRef}; the suspension ends on ${formatDate(reason.endsOn)} (first day lifted).`
        : `Suspended${since}${caseRef} pending a commission decision (interim suspension, no end date yet).`;
    case 'admin_suspended':
      return `Administratively suspended${since} (for example, in-service training not completed); lifted on compliance.`;
    case 'relinquished':
      return `Gave up the certification${since}; not certified now.`;
    case 'lapsed':
      return `The certification lapsed${since} (term ended without renewal).`;
    case 'not_certified':
      return 'Never certified: a record exists, but no certification.';
    case 'inactive':
      return `Certification inactive${since} (excused leave or retired).`;
    default:
      return `${humanize(reason.code)}${since}.`;
  }
}

export interface HiringWarning {
  code: string;
  count?: number;
  agency?: string;
  date?: string;
  postId?: string;
  status?: string;
}

/** What does not block the hire but must be read before it (DOMAIN.md "Hiring checks"). */
export function warningWords(warning: HiringWarning): string {
  switch (warning.code) {
    case 'open_case':
      return `${plural(warning.count ?? 1, 'open commission case')} (no details are shared until a decision is final).`;
    case 'separated_under_investigation':
      return `Left ${warning.agency ?? 'an agency'}${warning.date ? ` on ${formatDate(warning.date)}` : ''} while under investigation.`;
    case 'sustained_findings':
      return `${plural(warning.count ?? 1, 'sustained misconduct finding')} on record.`;
    case 'previously_relinquished':
      return 'Gave up a certification before.';
    case 'possible_duplicate_identity':
      return `Another record may be the same person${warning.postId ? `: ${warning.postId}` : ''}${warning.status ? ` (${statusLabel(warning.status)})` : ''}. Check it too.`;
    case 'disputed':
      return 'The officer disputes part of this record; the commission has not resolved it yet.';
    case 'ssn_mismatch':
      return 'The SSN digits given do not match the record.';
    default:
      return `${humanize(warning.code)}.`;
  }
}

/** The 422 reasons of POST /officers/:postId/employments (record the hire). */
export function hireRefusalWords(reason: string | Record<string, unknown>): string {
  if (typeof reason === 'string') return humanize(reason);
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  const code = text(reason.code);
  switch (code) {
    case 'hiring_check_missing_or_stale':
      return "Your agency's own hiring check of this officer, made within the last 30 days, is needed.";
    case 'start_before_hiring_check':
      return `The start date is before the hiring check${reason.checkedOn ? ` (${formatDate(text(reason.checkedOn))})` : ''}.`;
    case 'start_too_far_ahead':
      return `The start date is more than 30 days after the hiring check${reason.checkedOn ? ` (${formatDate(text(reason.checkedOn))})` : ''}.`;
    case 'warnings_since_check': {
      const warnings = Array.isArray(reason.warnings) ? (reason.warnings as HiringWarning[]) : [];
      return `The record changed since your check: ${warnings.map(warningWords).join(' ')} Make a new check and read it before the hire.`;
    }
    case 'certification_ends_before_start':
      return `The certification ends${reason.expiresOn ? ` on ${formatDate(text(reason.expiresOn))}` : ''}, before the start date.`;
    default:
      return notHireableWords(reason as unknown as HiringReason);
  }
}

export const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

export const ROLE_LABELS: Record<string, string> = {
  commission_admin: 'Commission administrator',
  commission_investigator: 'Commission investigator',
  commission_adjudicator: 'Commission adjudicator',
  agency_admin: 'Agency administrator',
  agency_hiring: 'Hiring staff',
  academy_registrar: 'Academy registrar',
  officer: 'Officer',
};
export const roleLabel = (role: string): string => ROLE_LABELS[role] ?? humanize(role);
