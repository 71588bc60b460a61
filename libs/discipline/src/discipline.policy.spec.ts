import type { Actor } from '@app/core';
import { CASE_STATUSES, CaseStatus } from './domain';
import { caseReferenceDisclosed, caseReferenceReader } from './discipline.policy';

const actor = (overrides: Partial<Actor>): Actor => ({ kind: 'user', id: 'u', organizationId: 'o', organizationType: 'agency', roles: [], ...overrides });

describe('caseReferenceReader', () => {
  it.each([
    ['an adjudicator', actor({ organizationType: 'commission', roles: ['commission_adjudicator'] }), 'commission'],
    ['an agency administrator', actor({ roles: ['agency_admin'] }), 'agency'],
    ['an agency API key', actor({ kind: 'api_key', roles: ['agency_hiring'] }), 'agency'],
    ['the officer’s own account', actor({ organizationId: null, organizationType: null, officerId: 'officer-1', roles: [] }), 'subject'],
  ])('%s reads as %s', (_name, who, expected) => {
    expect(caseReferenceReader(who)).toBe(expected);
  });
});

describe('caseReferenceDisclosed: an agency sees a case named once decided, never before, never when void', () => {
  const NAMED_TO_AGENCIES: Record<CaseStatus, boolean> = {
    open: false,
    notice_issued: false,
    hearing_scheduled: false,
    heard: false,
    decided: true,
    appealed: true,
    final: true,
    reversed: false,
    dismissed: false,
  };

  it.each(CASE_STATUSES.map((status) => [status, NAMED_TO_AGENCIES[status]] as const))(
    '%s → %s for an agency; always for the commission and the officer',
    (status, named) => {
      expect(caseReferenceDisclosed('agency', status)).toBe(named);
      expect(caseReferenceDisclosed('commission', status)).toBe(true);
      expect(caseReferenceDisclosed('subject', status)).toBe(true);
    },
  );
});
