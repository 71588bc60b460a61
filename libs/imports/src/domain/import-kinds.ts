/** API.md "Imports": the kinds of record a state's existing system hands over, and their fields. */
export const IMPORT_KINDS = ['officers', 'employments', 'certifications', 'training', 'final_actions'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const IMPORT_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** API.md: up to 2,000,000 rows and 1 GiB a file. */
export const MAX_IMPORT_ROWS = 2_000_000;
export const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;
/** Rows processed (and committed, with the import's progress) per transaction. */
export const IMPORT_CHUNK_ROWS = 5_000;
/**
 * Kinds whose chunks may commit in any order (ImportChunksService.rangesToEnd): a row's outcome
 * depends on no other row of the file but a duplicate key, which the upload marks for the whole
 * file (`duplicate_of`). Training: a completion's identity is its (academy, externalRef), unique
 * in the table. Not officers (likely duplicates refer to earlier rows), employments (one open
 * employment per officer and agency, across rows), certifications (one per officer, and two
 * rows may name one officer by source id and by POST ID), final actions (one chunk anyway).
 */
export const CONCURRENT_KINDS: ReadonlySet<ImportKind> = new Set<ImportKind>(['training']);
/** Chunks in flight at once for those kinds: the machine's two cores (Node works on one while PostgreSQL writes the other). */
export const IMPORT_CHUNK_WORKERS = 2;

/** `officerSourceId|postId`: one of the two names the officer. */
const OFFICER_REFERENCE = ['officerSourceId', 'postId'] as const;

interface KindFields {
  required: readonly string[];
  optional: readonly string[];
  /** Exactly one of these names the officer (every kind but officers). */
  officerReference: boolean;
}

export const KIND_FIELDS: Record<ImportKind, KindFields> = {
  officers: {
    required: ['sourceId', 'firstName', 'lastName', 'dateOfBirth'],
    optional: ['middleName', 'suffix', 'ssnLast4', 'email', 'aliases', 'postId'],
    officerReference: false,
  },
  employments: {
    required: ['agencyCode', 'startDate'],
    optional: ['endDate', 'position', 'separationNature', 'separationReason', 'underInvestigation'],
    officerReference: true,
  },
  certifications: { required: ['status'], optional: ['issuedOn', 'expiresOn', 'firstCertifiedOn'], officerReference: true },
  training: { required: ['courseCode', 'academyCode', 'completedOn', 'hours', 'result', 'externalRef'], optional: [], officerReference: true },
  final_actions: {
    required: ['sourceId', 'type', 'effectiveOn', 'decidedOn', 'jurisdiction', 'caseReference'],
    optional: ['endsOn', 'agencyCode', 'groundCategory'],
    officerReference: true,
  },
};

/** Every column a kind's file may carry. */
export function knownFields(kind: ImportKind): string[] {
  const fields = KIND_FIELDS[kind];
  return [...fields.required, ...(fields.officerReference ? OFFICER_REFERENCE : []), ...fields.optional];
}

/**
 * What is wrong with a CSV header for `kind`: unknown, repeated and missing columns (the
 * optional ones may be left out; an officer reference needs `officerSourceId` or `postId`).
 * A header with any problem refuses the whole file: its rows cannot be read reliably.
 */
export function headerProblems(kind: ImportKind, header: readonly string[]): { field: string; message: string }[] {
  const known = knownFields(kind);
  const problems: { field: string; message: string }[] = [];
  const seen = new Set<string>();
  for (const name of header) {
    const shown = name.length > 80 ? `${name.slice(0, 80)}…` : name;
    if (!known.includes(name)) problems.push({ field: shown || '(empty)', message: `unknown column "${shown}" for kind ${kind}` });
    else if (seen.has(name)) problems.push({ field: name, message: `column ${name} appears twice` });
    seen.add(name);
  }
  for (const field of KIND_FIELDS[kind].required) if (!seen.has(field)) problems.push({ field, message: `missing column ${field}` });
  if (KIND_FIELDS[kind].officerReference && !seen.has('officerSourceId') && !seen.has('postId')) {
    problems.push({ field: 'officerSourceId', message: 'missing column officerSourceId or postId (the officer each row is about)' });
  }
  return problems;
}

/**
 * The key two rows of one file must not share (API.md: "two rows with the same source id in
 * one file"): the source id where the kind has one, else the record's natural key. Computed
 * on the raw row while it is staged; null when the row lacks it (the row is rejected anyway).
 */
export function stagingKey(kind: ImportKind, raw: Record<string, unknown>): string | null {
  const text = (field: string) => (typeof raw[field] === 'string' || typeof raw[field] === 'number' ? String(raw[field]) : null);
  const officer = text('officerSourceId') !== null ? `s:${text('officerSourceId')}` : text('postId') !== null ? `p:${text('postId')}` : null;
  switch (kind) {
    case 'officers':
    case 'final_actions':
      return text('sourceId');
    case 'employments':
      return officer && text('agencyCode') && text('startDate') ? `${officer}|${text('agencyCode')}|${text('startDate')}` : null;
    case 'certifications':
      return officer;
    case 'training':
      // The academy code as the row's check reads it (trimmed), the reference byte for byte: two rows that name one
      // completion are duplicates here, never two chunks inserting one key (training runs chunks concurrently).
      return text('academyCode') && text('externalRef') ? `${text('academyCode')!.trim()}|${text('externalRef')}` : null;
  }
}

/** The field whose value a rejection or flag shows as the row's `sourceId`. */
export function displayedSourceId(kind: ImportKind, raw: Record<string, unknown>): string | null {
  const pick = (field: string) => (typeof raw[field] === 'string' ? raw[field] : null);
  switch (kind) {
    case 'officers':
    case 'final_actions':
      return pick('sourceId');
    case 'training':
      return pick('externalRef');
    default:
      return pick('officerSourceId') ?? pick('postId');
  }
}
