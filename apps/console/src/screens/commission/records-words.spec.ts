import { describe, expect, it } from '@jest/globals';
import { chainCheckWords, disputeOutcomeWords, aliasKindWords, mergeRefusalNeedsConfirmation, mergeRefusalWords, shortHash } from './records-words';

describe('commission record words', () => {
  const saved = { seq: 40, hash: 'a'.repeat(64), at: '2026-03-01T10:00:00Z' };

  it.each([
    [
      'intact, no saved head',
      { valid: true, entries: 3, head: { seq: 3, hash: 'b' } },
      undefined,
      'success',
      'The audit chain is intact',
      /All 3 entries link/,
    ],
    ['intact, one entry', { valid: true, entries: 1, head: { seq: 1, hash: 'b' } }, undefined, 'success', 'The audit chain is intact', /All 1 entry link/],
    [
      'intact and extends the saved head',
      { valid: true, entries: 52, head: { seq: 52, hash: 'c' } },
      saved,
      'success',
      'The chain is intact and extends the saved head',
      /entry 40 \(saved on Mar 1, 2026\) is still part of the chain.*head is now entry 52/,
    ],
    [
      'saved head lost',
      { valid: false, firstBrokenEntry: { seq: 40, reason: 'the saved head is no longer part of the chain' } },
      saved,
      'error',
      'The log no longer extends the saved head',
      /Entry 40, saved on Mar 1, 2026, is not in the chain as it was/,
    ],
    [
      'broken link',
      { valid: false, firstBrokenEntry: { seq: 7, reason: 'content does not match its hash' } },
      saved,
      'error',
      'The audit chain is broken',
      /entry 7: content does not match its hash/,
    ],
  ])('%s', (_name, check, head, tone, heading, text) => {
    const words = chainCheckWords(check, head);
    expect(words.tone).toBe(tone);
    expect(words.heading).toBe(heading);
    expect(words.text).toMatch(text);
  });

  it.each([
    [['different_birth_dates'], true],
    [[{ code: 'different_birth_dates' }], true],
    [['open_employment_at_same_agency'], false],
    [undefined, false],
  ])('needs the birth-date confirmation: %j → %s', (reasons, expected) => {
    expect(mergeRefusalNeedsConfirmation(reasons)).toBe(expected);
  });

  it.each([
    ['merge_into_itself', 'A record cannot be merged into itself.'],
    ['something_new', 'Something new.'],
  ])('merge refusal %s', (reason, words) => expect(mergeRefusalWords(reason)).toBe(words));

  it.each([
    ['prior_name', 'prior name'],
    ['nickname', 'nickname'],
    [undefined, 'other name'],
  ])('alias kind %s', (kind, words) => expect(aliasKindWords(kind)).toBe(words));

  it.each([
    [null, 'Open'],
    ['referred', 'Referred'],
  ])('dispute outcome %s', (outcome, words) => expect(disputeOutcomeWords(outcome)).toBe(words));

  it('shortens a hash for the eye', () => expect(shortHash('0123456789abcdef0123456789abcdef')).toBe('01234567…abcdef'));
});
