import { certificationThatSurvives, firstCertifiedOfBoth, MERGE_PRECEDENCE } from './certification-merge';

describe('certificationThatSurvives', () => {
  it.each([
    ['certified', 'revoked', 'duplicate'],
    ['revoked', 'certified', 'survivor'],
    ['not_certified', 'certified', 'duplicate'],
    ['certified', 'not_certified', 'survivor'],
    ['suspended', 'revoked', 'duplicate'],
    ['certified', 'suspended', 'duplicate'],
    ['relinquished', 'certified', 'survivor'],
    ['lapsed', 'admin_suspended', 'duplicate'],
    ['inactive', 'lapsed', 'survivor'],
    ['revoked', 'revoked', 'survivor'],
  ] as const)('survivor %s, duplicate %s: the %s keeps its certification', (survivor, duplicate, expected) => {
    expect(certificationThatSurvives(survivor, duplicate)).toBe(expected);
  });

  it('should rank every status', () => {
    expect([...MERGE_PRECEDENCE].sort()).toEqual(
      ['admin_suspended', 'certified', 'inactive', 'lapsed', 'not_certified', 'relinquished', 'revoked', 'suspended'].sort(),
    );
  });

  it.each([
    [null, null, null],
    ['2020-01-01', null, '2020-01-01'],
    [null, '2019-05-05', '2019-05-05'],
    ['2020-01-01', '2019-05-05', '2019-05-05'],
  ])('first certified of %s and %s is %s', (a, b, expected) => {
    expect(firstCertifiedOfBoth(a, b)).toBe(expected);
  });
});
