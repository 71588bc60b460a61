import { MergeFacts, mergeRefusals } from './merge-rules';

const clean: MergeFacts = { sameRecord: false, survivorMerged: false, differentBirthDates: false, confirmDifferentBirthDates: false, agenciesEmployingBoth: 0 };

describe('mergeRefusals', () => {
  it.each([
    [{}, []],
    [{ sameRecord: true, survivorMerged: true }, ['merge_into_itself']],
    [{ survivorMerged: true }, ['survivor_already_merged']],
    [{ differentBirthDates: true }, ['different_birth_dates']],
    [{ differentBirthDates: true, confirmDifferentBirthDates: true }, []],
    [{ confirmDifferentBirthDates: true }, []],
    [{ agenciesEmployingBoth: 1 }, ['open_employment_at_same_agency']],
    [
      { survivorMerged: true, differentBirthDates: true, agenciesEmployingBoth: 2 },
      ['survivor_already_merged', 'different_birth_dates', 'open_employment_at_same_agency'],
    ],
  ] as [Partial<MergeFacts>, string[]][])('%o refuses %o', (facts, expected) => {
    expect(mergeRefusals({ ...clean, ...facts })).toEqual(expected);
  });
});
