/**
 * @app/hiring: hiring checks (by POST ID, or by name and date of birth, tolerant of
 * misspellings, swapped, compound and accented names and aliases) and the hire guard
 * (a hire needs the agency's own check within 30 days and a hireable officer at that
 * moment). DOMAIN.md "Hiring checks".
 */
export * from './hiring.module';
export * from './hiring-checks.service';
export * from './hires.service';
export * from './roster.service';
export { HIRING_CHECK_VALID_DAYS } from './domain/hire-guard';
export { MATCH_REASONS, MATCH_THRESHOLD } from '@app/officers';
export type { MatchReason } from '@app/officers';
export type { HiringMatch, HiringReason, HiringWarning, HiringEmployment } from './domain/hiring-answer';
