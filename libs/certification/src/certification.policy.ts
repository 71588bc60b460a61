import { Actor, COMMISSION_ROLES, hasAnyRole } from '@app/core';
import type { CertificationDetailOptions } from './certification-view';

/**
 * What of a certification's detail a reader who may see the officer (OfficersService's
 * visibility rule) reads beyond the status: the evidence a condition was satisfied with is the
 * commission's, as a relinquishment's disclosures are (it may tell of a hardship or a leave).
 * The cases a history row names are discipline's to disclose (caseReferenceDisclosed).
 */
export function certificationDetailScope(actor: Actor): CertificationDetailOptions {
  return { conditionEvidence: hasAnyRole(actor, COMMISSION_ROLES) };
}
