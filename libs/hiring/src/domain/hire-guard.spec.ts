import { checkCoversHire } from './hire-guard';

const NOW = new Date('2026-03-31T12:00:00Z');
const check = (checkedAt: string, ids = ['officer-1']) => ({ checkedAt: new Date(checkedAt), matchedOfficerIds: ids });

describe('checkCoversHire (DOMAIN.md "Hiring checks": the caller agency\'s own check within 30 days)', () => {
  it.each<[string, ReturnType<typeof check> | null, boolean]>([
    ['a check of this officer made today', check('2026-03-31T09:00:00Z'), true],
    ['exactly 30 days old', check('2026-03-01T12:00:00Z'), true],
    ['30 days and a second old', check('2026-03-01T11:59:59Z'), false],
    ['31 days old', check('2026-02-28T12:00:00Z'), false],
    ['a check that answered about other officers only', check('2026-03-31T09:00:00Z', ['officer-2']), false],
    ['a check with no match', check('2026-03-31T09:00:00Z', []), false],
    ['one of several matches', check('2026-03-31T09:00:00Z', ['officer-2', 'officer-1']), true],
    ['no check at all', null, false],
  ])('%s → %s', (_, stored, expected) => {
    expect(checkCoversHire(stored, 'officer-1', NOW)).toBe(expected);
  });
});
