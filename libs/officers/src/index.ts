/**
 * @app/officers: identity, names for matching, employment history.
 *
 * For matching (hiring checks): every officer has one `officer_name` row of kind
 * `current`, one of kind `middle` when it has a middle name (the middle name as given name),
 * and one of kind `alias` per prior name, each with `normalized_first`,
 * `normalized_last` and `normalized_full` (= `first last`, no middle name or suffix) from
 * `normalizeName`, and a copy of `date_of_birth`. Indexes: GIN trigram on
 * `normalized_full`, btree on `(date_of_birth, normalized_last)`.
 * Every officer also has exactly one `certification` row, created `not_certified`.
 */
export * from './officers.module';
export * from './officers.service';
export * from './officer-records.service';
export * from './officer-record.policy';
export * from './employment.service';
export * from './officer-import.service';
export * from './possible-duplicates.service';
export * from './identity-changes.service';
export * from './officer-merges.service';
export { findSurvivorByPostId } from './officers.service';
export type { NewEmployment, Separation } from './persistence/employment.store';
export { normalizeName, normalizePersonName } from './domain/name-normalization';
export type { NormalizedName } from './domain/name-normalization';
export { displayName, formatPostId, POST_ID_PATTERN, MAX_AGE_YEARS, dateOfBirthProblems } from './domain/officer-identity';
export type { PersonName, OfficerNameKind } from './domain/officer-identity';
export type { PossibleDuplicate } from './domain/officers.errors';
export { OfficerEntity } from './persistence/officer.entity';
export { OfficerNameEntity } from './persistence/officer-name.entity';
export { SEPARATION_NATURES } from './persistence/employment.entity';
export type { SeparationNature } from './persistence/employment.entity';
export { findSameBirthDateSimilarNames, searchSimilarNames } from './persistence/name-match.queries';
export type { NameMatchRow } from './persistence/name-match.queries';
export { MATCH_REASONS, MATCH_THRESHOLD, matchNames, withSsnEvidence } from './domain/name-match';
export type { MatchReason, NameMatch, NameQuery } from './domain/name-match';
export { findNameCandidates } from './persistence/name-candidates.queries';
export * from './possible-duplicate-sweep.service';
export * from './possible-duplicate-sweep.job';
export { alternativeRuleScoreSql, nicknamesOf, soundPairsSql } from './persistence/given-name-alternatives.sql';
