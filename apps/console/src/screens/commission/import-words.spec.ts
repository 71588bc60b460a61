import { describe, expect, it } from '@jest/globals';
import { importFormatOf, importStatusLabel, isImportFinished } from './import-words';

describe('imports in words', () => {
  it.each([
    ['officers.csv', 'text/csv', 'csv'],
    ['officers.CSV', '', 'csv'],
    ['officers.txt', 'text/plain', 'csv'],
    ['officers.ndjson', '', 'ndjson'],
    ['officers.jsonl', '', 'ndjson'],
    ['export', 'application/x-ndjson', 'ndjson'],
  ])('sends %s (%s) as %s', (name, type, format) => {
    expect(importFormatOf(name, type)).toBe(format);
  });

  it.each([
    ['queued', 'Waiting to start', false],
    ['running', 'Running', false],
    ['succeeded', 'Done', true],
    ['failed', 'Failed', true],
    ['a_new_status', 'a_new_status', false],
  ])('reads status %s as %s (finished: %p)', (status, words, finished) => {
    expect(importStatusLabel(status)).toBe(words);
    expect(isImportFinished(status)).toBe(finished);
  });
});
