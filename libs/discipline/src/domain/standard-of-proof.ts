/**
 * Standards of proof, weakest first. c. 6E §10(a) requires clear and convincing evidence
 * for the mandatory grounds; a discretionary ground carries its own standard in the grounds
 * table (default preponderance), so other states add rows, not code.
 */
export const STANDARDS_OF_PROOF = ['preponderance', 'clear_and_convincing'] as const;
export type StandardOfProof = (typeof STANDARDS_OF_PROOF)[number];

export const DEFAULT_STANDARD_OF_PROOF: StandardOfProof = 'preponderance';

/** The part of a ground that decides its standard of proof. */
export interface GroundStandard {
  mandatory: boolean;
  standardOfProof?: StandardOfProof | null;
}

/** c. 6E §10(a): a mandatory ground is proved by clear and convincing evidence whatever its row says. */
export function standardForGround(ground: GroundStandard): StandardOfProof {
  if (ground.mandatory) return 'clear_and_convincing';
  return ground.standardOfProof ?? DEFAULT_STANDARD_OF_PROOF;
}

export function stricterStandard(a: StandardOfProof, b: StandardOfProof): StandardOfProof {
  return STANDARDS_OF_PROOF.indexOf(a) >= STANDARDS_OF_PROOF.indexOf(b) ? a : b;
}

/**
 * The standard a decision must meet: the strictest among its sustained grounds. With nothing
 * sustained no sanction rests on any ground, and the default (preponderance) is recorded.
 */
export function requiredStandardOfProof(sustainedGrounds: readonly GroundStandard[]): StandardOfProof {
  return sustainedGrounds.map(standardForGround).reduce(stricterStandard, DEFAULT_STANDARD_OF_PROOF);
}
