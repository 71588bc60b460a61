import { AccessDecision, accessForbidden, Actor, COMMISSION_ROLES, grantAccess, hasAnyRole, OFFICER_ROLE, refuseAccess } from '@app/core';
import { CaseStatus, caseNotFound } from './domain';

/**
 * Cases: the commission reads every case whole; an agency reads a case it reported into
 * (status and outcome only, API.md `GET /cases/:id`); anyone else gets the 404 of an unknown case.
 */
export type CaseReadScope = { readonly view: 'commission' } | { readonly view: 'reporting_agency'; readonly agencyId: string };

export function caseReadAccess(actor: Actor): AccessDecision<CaseReadScope> {
  if (hasAnyRole(actor, COMMISSION_ROLES)) return grantAccess({ view: 'commission' });
  if (actor.organizationType === 'agency' && actor.organizationId) return grantAccess({ view: 'reporting_agency', agencyId: actor.organizationId });
  return refuseAccess(caseNotFound());
}

/** Misconduct reports are read by the commission (every agency's: `agencyId` null) and by the agency that filed them. */
export function reportReadAccess(actor: Actor): AccessDecision<{ agencyId: string | null }> {
  if (hasAnyRole(actor, COMMISSION_ROLES)) return grantAccess({ agencyId: null });
  // An officer's own account has no organization: "null" would read as every agency's.
  return actor.organizationId ? grantAccess({ agencyId: actor.organizationId }) : refuseAccess(accessForbidden());
}

/**
 * An agency files and amends reports and records separations for itself only (c. 6E §8(b)),
 * about officers it employs or employed; another agency's are the 404 of unknown ones.
 */
export function agencyFilingAccess(actor: Actor): AccessDecision<{ agencyId: string }> {
  return actor.organizationType === 'agency' && actor.organizationId ? grantAccess({ agencyId: actor.organizationId }) : refuseAccess(accessForbidden());
}

/** Who reads a case's reference (its number, its id) where a record names it: the certification history, a hiring answer, a refused hire. */
export type CaseReferenceReader = 'commission' | 'subject' | 'agency';

/** `subject`: the officer's own account, reading its own record (its visibility rule sees to that), is told of its own cases. */
export function caseReferenceReader(actor: Actor): CaseReferenceReader {
  if (hasAnyRole(actor, COMMISSION_ROLES)) return 'commission';
  return actor.officerId !== undefined ? 'subject' : 'agency';
}

/** The statuses in which the commission's decision stands: decided (in effect at once), under appeal, final. */
const DECISION_STANDS: readonly CaseStatus[] = ['decided', 'appealed', 'final'];

/**
 * The one rule for naming a case outside the commission (issue 21 item 5). Of a case still
 * before its decision (an interim suspension's, c. 6E §9, included) an agency learns the count
 * only (hiring `open_case`): it is not a finding, and its existence is restricted (c. 6E §8;
 * DOMAIN.md "What is public"). Once the commission decided, the order names its case (a
 * revocation "with date and case number", DOMAIN.md "Hiring checks"). A dismissed case or a
 * decision reversed on appeal is void and stays unnamed. The commission reads every reference,
 * and so does the officer of their own cases (they are served the notices).
 */
export function caseReferenceDisclosed(reader: CaseReferenceReader, status: CaseStatus): boolean {
  return reader !== 'agency' || DECISION_STANDS.includes(status);
}

/**
 * An officer's own account reads the reports and cases about its officer, and answers that
 * officer's notices (API.md "Officers' own accounts"); nobody else through these reads.
 */
export function ownRecordAccess(actor: Actor): AccessDecision<{ officerId: string }> {
  return actor.roles.includes(OFFICER_ROLE) && actor.officerId ? grantAccess({ officerId: actor.officerId }) : refuseAccess(accessForbidden());
}
