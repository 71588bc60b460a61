import type { CertificationStatus } from './certification-status';

/**
 * Which of two records' certifications the merged officer keeps (DOMAIN.md "Identity changes and
 * merges": a merge can never launder a record). The worse standing wins: a revocation on either
 * record survives, then a suspension, an administrative suspension, a relinquishment; among
 * standings in good order, the one that licenses (certified) over one that does not, so that a
 * person certified under one record is not made a recruit by the other.
 */
export const MERGE_PRECEDENCE: readonly CertificationStatus[] = [
  'revoked',
  'suspended',
  'admin_suspended',
  'relinquished',
  'certified',
  'inactive',
  'lapsed',
  'not_certified',
];

/** `survivor` or `duplicate`: whose certification state the merged officer carries. A tie keeps the survivor's. */
export function certificationThatSurvives(survivor: CertificationStatus, duplicate: CertificationStatus): 'survivor' | 'duplicate' {
  return MERGE_PRECEDENCE.indexOf(duplicate) < MERGE_PRECEDENCE.indexOf(survivor) ? 'duplicate' : 'survivor';
}

/** The earlier of two "first certified" dates: the public record says when the person was first licensed. */
export function firstCertifiedOfBoth(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

export const MERGE_REASON = 'merge';
/** A merge is the commission's correction of its own register, not a disciplinary act. */
export const MERGE_BASIS = 'M.G.L. c. 6E §4 (register of certified officers; records merged)';
