/**
 * When two records may be merged (API.md "Identity changes and merges"): never a record into
 * itself, never into a record that was itself merged away (merge into its survivor), and two
 * records with different dates of birth only when the commission confirms it (a typo in one of
 * them); one open employment per agency means the agency separates one of the two first.
 */
export interface MergeFacts {
  sameRecord: boolean;
  survivorMerged: boolean;
  differentBirthDates: boolean;
  confirmDifferentBirthDates: boolean;
  agenciesEmployingBoth: number;
}

export type MergeRefusal = 'merge_into_itself' | 'survivor_already_merged' | 'different_birth_dates' | 'open_employment_at_same_agency';

export function mergeRefusals(facts: MergeFacts): MergeRefusal[] {
  if (facts.sameRecord) return ['merge_into_itself'];
  const reasons: MergeRefusal[] = [];
  if (facts.survivorMerged) reasons.push('survivor_already_merged');
  if (facts.differentBirthDates && !facts.confirmDifferentBirthDates) reasons.push('different_birth_dates');
  if (facts.agenciesEmployingBoth > 0) reasons.push('open_employment_at_same_agency');
  return reasons;
}
