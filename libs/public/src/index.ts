/**
 * @app/public: the public read model and open-data export (c. 6E §13, 555 CMR 8.06;
 * DOMAIN.md "What is public"). Read-only, no caller and no audit: nothing restricted is
 * ever selected (no date of birth, SSN digits, open cases, reports, findings without a
 * final action, hiring checks, disclosures).
 */
export * from './public.module';
export { PublicRecordsService, DISCIPLINARY_ACTIONS_CSV_HEADER } from './public-records.service';
export type { PublicSearchQuery } from './public-records.service';
export { PUBLIC_NAME_MIN_LENGTH, PUBLIC_NAME_MAX_LENGTH, PUBLIC_PAGE_DEFAULT, PUBLIC_PAGE_MAX } from './domain/public-name-query';
export type { PublicOfficerRecord, PublicAction, PublicAgencyPeriod, PublicCertificationStatus, PublicActionType } from './domain/public-record';
export { csvCell, csvRow } from './domain/csv';
