/**
 * RFC 4180 CSV, written by hand (one small function instead of a dependency). Cells that
 * a spreadsheet would run as a formula (leading `=`, `+`, `-`, `@`, tab, carriage return)
 * get a leading apostrophe (OWASP "CSV injection"): agency names are free text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One record with its CRLF line end. */
export function csvRow(values: readonly (string | null | undefined)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
