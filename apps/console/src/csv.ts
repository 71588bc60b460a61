import { parse } from 'csv-parse/browser/esm/sync';

/** The six columns of POST /training-completions/batch, in the template's order. */
export const COMPLETION_COLUMNS = ['postId', 'courseCode', 'completedOn', 'hours', 'result', 'externalRef'] as const;

export const completionTemplate = (): string => `${COMPLETION_COLUMNS.join(',')}\n`;

/** One CSV field, quoted when it must be (RFC 4180). */
export const csvField = (value: string | number | null | undefined): string => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export const toCsv = (rows: (string | number | null | undefined)[][]): string => rows.map((row) => row.map(csvField).join(',')).join('\n') + '\n';

export interface CsvChunk {
  /** The header row and up to `size` data rows, byte for byte as in the file. */
  text: string;
  /** Data rows before this chunk: the registry numbers each chunk's rows from 1. */
  offset: number;
  rows: number;
}

/**
 * Splits a CSV file into chunks that each carry the header, on record boundaries (a quoted
 * newline stays inside its record), parsed as the registry parses (BOM, empty lines skipped).
 * `undefined` when the file does not parse: it is then sent whole, so the registry's own words
 * (header invalid, malformed row) explain it.
 */
export function chunkCsv(text: string, size: number): CsvChunk[] | undefined {
  let records: { raw: string }[];
  try {
    records = parse(text, { bom: true, raw: true, skip_empty_lines: true, relax_column_count: false }) as unknown as { raw: string }[];
  } catch {
    return undefined;
  }
  if (records.length < 2) return undefined;
  const line = (raw: string) => (raw.endsWith('\n') || raw.endsWith('\r') ? raw : `${raw}\n`);
  const header = line(records[0].raw);
  const data = records.slice(1);
  const chunks: CsvChunk[] = [];
  for (let offset = 0; offset < data.length; offset += size) {
    const slice = data.slice(offset, offset + size);
    chunks.push({ text: header + slice.map((record) => line(record.raw)).join(''), offset, rows: slice.length });
  }
  return chunks;
}
