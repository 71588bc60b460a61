import { certificationCoversStart, checkCoversHire, hireStartProblems, warningsSinceCheck } from './hire-guard';
import type { HiringWarning } from './hiring-answer';

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

  it.each<[string, ReturnType<typeof check>, boolean]>([
    ['a check of a record merged since into this officer', check('2026-03-31T09:00:00Z', ['duplicate-1']), true],
    ['a check of the survivor itself', check('2026-03-31T09:00:00Z', ['officer-1']), true],
    ['a check of an unrelated record', check('2026-03-31T09:00:00Z', ['officer-9']), false],
    ['a check of a merged record, 31 days old', check('2026-02-28T12:00:00Z', ['duplicate-1']), false],
  ])('with the lineage [officer-1, duplicate-1]: %s → %s', (_, stored, expected) => {
    expect(checkCoversHire(stored, ['officer-1', 'duplicate-1'], NOW)).toBe(expected);
  });
});

describe('hireStartProblems (the check clears an appointment that follows it, starting within its validity)', () => {
  it.each<[string, string, string, string[]]>([
    ['starting on the day of the check', '2026-03-31', '2026-03-31', []],
    ['recorded late: started after the check', '2026-03-27', '2026-03-24', []],
    ['starting the day before the check', '2026-03-23', '2026-03-24', ['start_before_hiring_check']],
    ['backdated decades', '1985-01-01', '2026-03-31', ['start_before_hiring_check']],
    ['starting 30 days after the check', '2026-04-30', '2026-03-31', []],
    ['starting 31 days after the check', '2026-05-01', '2026-03-31', ['start_too_far_ahead']],
    ['a check 29 days old and a start 30 days from today: 59 days after the answer', '2026-04-29', '2026-03-01', ['start_too_far_ahead']],
    ['starting in 2099', '2099-01-01', '2026-03-31', ['start_too_far_ahead']],
  ])('%s → %j', (_, startDate, checkedOn, expected) => {
    expect(hireStartProblems(startDate, checkedOn)).toEqual(expected);
  });
});

describe('certificationCoversStart (a current certification on the first day of the employment)', () => {
  it.each<[string, string | null, string, boolean]>([
    ['term running well past the start', '2028-01-01', '2026-04-01', true],
    ['the start is the last day of the term', '2026-04-02', '2026-04-01', true],
    ['the start is the day the term ends', '2026-04-01', '2026-04-01', false],
    ['the term ends before the start', '2026-03-20', '2026-04-01', false],
    ['no term at all', null, '2026-04-01', false],
  ])('%s → %s', (_, expiresOn, startDate, expected) => {
    expect(certificationCoversStart(expiresOn, startDate)).toBe(expected);
  });
});

describe('warningsSinceCheck (warnings must be seen before the hire)', () => {
  const openCases = (count: number): HiringWarning => ({ code: 'open_case', count });
  const sustained = (count: number): HiringWarning => ({ code: 'sustained_findings', count });
  const separated = (agency: string, date: string): HiringWarning => ({ code: 'separated_under_investigation', agency, date });
  const relinquished: HiringWarning = { code: 'previously_relinquished' };
  it.each<[string, HiringWarning[], HiringWarning[], HiringWarning[]]>([
    ['nothing then, nothing now', [], [], []],
    [
      'the same warnings',
      [openCases(1), separated('Springfield PD', '2026-01-05'), sustained(2), relinquished],
      [openCases(1), separated('Springfield PD', '2026-01-05'), sustained(2), relinquished],
      [],
    ],
    ['a separation under investigation since the check', [], [separated('Springfield PD', '2026-03-30')], [separated('Springfield PD', '2026-03-30')]],
    [
      'a second separation under investigation',
      [separated('Springfield PD', '2026-01-05')],
      [separated('Springfield PD', '2026-01-05'), separated('Boston PD', '2026-03-30')],
      [separated('Boston PD', '2026-03-30')],
    ],
    [
      'the same agency, another separation date',
      [separated('Springfield PD', '2026-01-05')],
      [separated('Springfield PD', '2026-03-30')],
      [separated('Springfield PD', '2026-03-30')],
    ],
    ['a case opened since the check', [], [openCases(1)], [openCases(1)]],
    ['a second open case', [openCases(1)], [openCases(2)], [openCases(2)]],
    ['an open case closed since the check', [openCases(2)], [openCases(1)], []],
    ['all open cases closed', [openCases(1)], [], []],
    ['a new sustained finding', [sustained(1)], [sustained(2)], [sustained(2)]],
    ['a relinquishment accepted since the check', [], [relinquished], [relinquished]],
    ['counts are not confused between codes', [sustained(3)], [openCases(1)], [openCases(1)]],
  ])('%s', (_, seen, current, expected) => {
    expect(warningsSinceCheck(seen, current, { casesOpened: 0, findingsSustained: 0 })).toEqual(expected);
  });

  it.each<[string, HiringWarning[], HiringWarning[], { casesOpened: number; findingsSustained: number }, HiringWarning[]]>([
    [
      'one case dismissed, another opened since: the count is unchanged',
      [openCases(1)],
      [openCases(1)],
      { casesOpened: 1, findingsSustained: 0 },
      [openCases(1)],
    ],
    ['a case opened since, another closed: the count fell', [openCases(2)], [openCases(1)], { casesOpened: 1, findingsSustained: 0 }, [openCases(1)]],
    ['one finding amended away, another sustained since', [sustained(1)], [sustained(1)], { casesOpened: 0, findingsSustained: 1 }, [sustained(1)]],
    [
      'a case opened since leaves the findings alone',
      [openCases(1), sustained(2)],
      [openCases(2), sustained(2)],
      { casesOpened: 1, findingsSustained: 0 },
      [openCases(2)],
    ],
    ['nothing open now: what was recorded since was closed again', [], [], { casesOpened: 0, findingsSustained: 0 }, []],
  ])('%s', (_, seen, current, recordedSince, expected) => {
    expect(warningsSinceCheck(seen, current, recordedSince)).toEqual(expected);
  });
});
