/** talisman ships no type declarations: the one function the matcher uses. */
declare module 'talisman/metrics/damerau-levenshtein' {
  /**
   * Damerau–Levenshtein distance, optimal string alignment variant (a transposition of two
   * adjacent letters is one edit), or Infinity when it exceeds `max` (computed no further).
   */
  export function limited(max: number, a: string, b: string): number;
}
