/**
 * The imports' kinds, fields and statuses in words (API.md "Imports"). Pure: table-tested in
 * import-words.spec.ts.
 */
export type ImportKind = 'officers' | 'employments' | 'certifications' | 'training' | 'final_actions';
export type ImportStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  officers: 'Officers',
  employments: 'Employments',
  certifications: 'Certifications',
  training: 'Training completions',
  final_actions: 'Final actions',
};

const OFFICER = 'officerSourceId or postId';

/** The columns of each kind, as the registry checks a file's header (libs/imports import-kinds.ts). */
export const IMPORT_KIND_FIELDS: Record<ImportKind, { required: string[]; optional: string[] }> = {
  officers: { required: ['sourceId', 'firstName', 'lastName', 'dateOfBirth'], optional: ['middleName', 'suffix', 'ssnLast4', 'email', 'aliases', 'postId'] },
  employments: {
    required: [OFFICER, 'agencyCode', 'startDate'],
    optional: ['endDate', 'position', 'separationNature', 'separationReason', 'underInvestigation'],
  },
  certifications: { required: [OFFICER, 'status'], optional: ['issuedOn', 'expiresOn', 'firstCertifiedOn'] },
  training: { required: [OFFICER, 'courseCode', 'academyCode', 'completedOn', 'hours', 'result', 'externalRef'], optional: [] },
  final_actions: {
    required: ['sourceId', OFFICER, 'type', 'effectiveOn', 'decidedOn', 'jurisdiction', 'caseReference'],
    optional: ['endsOn', 'agencyCode', 'groundCategory'],
  },
};

const STATUS_LABELS: Record<ImportStatus, string> = { queued: 'Waiting to start', running: 'Running', succeeded: 'Done', failed: 'Failed' };
export const importStatusLabel = (status: string): string => STATUS_LABELS[status as ImportStatus] ?? status;

/** Done, one way or the other: nothing more will change, so the screen stops asking. */
export const isImportFinished = (status: string): boolean => status === 'succeeded' || status === 'failed';

/** NDJSON by its media type or its name's ending; anything else goes as CSV (the registry says so when it is not). */
export const importFormatOf = (name: string, type: string): 'csv' | 'ndjson' =>
  /ndjson|jsonlines|json-seq/i.test(type) || /\.(ndjson|jsonl)$/i.test(name) ? 'ndjson' : 'csv';
