/**
 * Legal basis written into each history row. Massachusetts citations, because the
 * registry starts there (DOMAIN.md); research/domain.md holds the sources. Where the law
 * is silent and the rule is POST practice, the basis says so rather than inventing a
 * section.
 */
export const CERTIFICATION_BASIS = {
  /** Minimum standards for a certificate: age, basic training, background … */
  initialCertification: 'M.G.L. c. 6E §4(f)(1)',
  /** Term of at least 3 years; recertification and expiry. */
  term: 'M.G.L. c. 6E §4(f)(3)',
  /** Excused leave / voluntary inactivity: a POST status label, no statutory section. */
  inactivity: 'POST practice (Not Certified – Excused Leave)',
  /** In-service or reporting non-compliance; lifted on compliance without a case. */
  administrativeSuspension: 'M.G.L. c. 6E §9 (POST practice)',
  /** Agency report of completed in-service training lifts the administrative suspension. */
  administrativeSuspensionLifted: '555 CMR 12.04(1)(e)',
  /** A certification granted with conditions, and the administrative suspension when one is overdue. */
  conditionalCertification: '555 CMR 7.04, 9.10',
  /** Relinquishment with commission approval: POST policy, not a decertification. */
  relinquishment: 'POST policy (voluntary relinquishment)',
  /** Suspension at once, before any hearing, and its lifting. */
  interimSuspension: 'M.G.L. c. 6E §9',
  /** Suspension decided after a hearing on a discretionary ground. */
  decidedSuspension: 'M.G.L. c. 6E §10(b)',
  /** Mandatory or discretionary revocation after a hearing. */
  revocation: 'M.G.L. c. 6E §10',
  /** Judicial review of the commission's decision. */
  revocationReversed: 'M.G.L. c. 30A §14',
} as const;
