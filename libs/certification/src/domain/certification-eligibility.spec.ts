import { RuleViolationError } from '@app/core';
import {
  assertEligibleForCertification,
  assertRenewable,
  checkInitialEligibility,
  checkRenewal,
  InitialEligibilityInput,
  TrainingCompletionFact,
  yearsOrPart,
} from './certification-eligibility';
import { addYears as addYearsIso } from '@app/core';
import { CertificationState, notCertifiedState } from './certification-status';

const EFFECTIVE_ON = '2026-06-01';
const basicPassed: TrainingCompletionFact = { courseKind: 'basic', result: 'pass', completedOn: '2026-05-01', hours: 800 };

function state(overrides: Partial<CertificationState>): CertificationState {
  return { ...notCertifiedState(), ...overrides };
}

function input(overrides: Partial<InitialEligibilityInput>): InitialEligibilityInput {
  return {
    certification: notCertifiedState(),
    history: [],
    dateOfBirth: '2000-01-15',
    completions: [basicPassed],
    effectiveOn: EFFECTIVE_ON,
    termYears: 3,
    ...overrides,
  };
}

function inService(completedOn: string, hours: number, result: 'pass' | 'fail' = 'pass'): TrainingCompletionFact {
  return { courseKind: 'in_service', result, completedOn, hours };
}

const runningTerm = { issuedOn: '2025-08-15', expiresOn: '2028-11-01' };
const revoked = state({ status: 'revoked', ...runningTerm, statusBeforeRevocation: 'certified', revocationCaseId: 'c' });

describe('checkInitialEligibility (c. 6E §4(f)(1))', () => {
  it('an adult recruit with passed basic training is eligible, with nothing to warn about', () => {
    expect(checkInitialEligibility(input({}))).toEqual({ eligible: true, reasons: [], warnings: [] });
  });

  it('returns every unmet reason at once', () => {
    const result = checkInitialEligibility(input({ certification: revoked, completions: [], dateOfBirth: '2010-01-01' }));
    expect(result).toEqual({
      eligible: false,
      reasons: ['basic_training_missing', 'under_minimum_age', 'previously_revoked'],
      warnings: [],
    });
  });

  it.each([
    ['suspended', ['currently_suspended']],
    ['admin_suspended', ['currently_suspended']],
    ['certified', ['already_certified']],
    ['revoked', ['previously_revoked']],
    ['not_certified', []],
    ['lapsed', []],
    ['inactive', []],
    ['relinquished', []],
  ] as const)('status %s adds %j to the other reasons', (status, statusReasons) => {
    const certification: CertificationState =
      status === 'revoked'
        ? revoked
        : state({
            status,
            ...runningTerm,
            ...(status === 'suspended' ? { statusBeforeSuspension: 'certified', suspensionCaseId: 'c' } : {}),
            ...(status === 'admin_suspended' ? { adminSuspensionReason: 'failure_to_report' as const } : {}),
          });
    const result = checkInitialEligibility(input({ certification, completions: [], dateOfBirth: '2010-01-01' }));
    expect(result.reasons).toEqual(['basic_training_missing', 'under_minimum_age', ...statusReasons]);
    expect(result.eligible).toBe(false);
  });

  it.each([
    ['2005-06-01', true, '21st birthday on the effective date'],
    ['2005-06-02', false, '21st birthday the day after'],
    ['2004-02-29', true, 'born 29 Feb, 21 well before'],
  ])('born %s: old enough is %s (%s)', (dateOfBirth, oldEnough) => {
    expect(checkInitialEligibility(input({ dateOfBirth })).reasons.includes('under_minimum_age')).toBe(!oldEnough);
  });

  it('MIN_AGE is configurable', () => {
    expect(checkInitialEligibility(input({ dateOfBirth: '2005-06-01', minimumAge: 22 })).reasons).toEqual(['under_minimum_age']);
    expect(checkInitialEligibility(input({ dateOfBirth: '2006-06-01', minimumAge: 20 })).eligible).toBe(true);
  });

  it.each<[string, TrainingCompletionFact]>([
    ['a failed basic course', { ...basicPassed, result: 'fail' }],
    ['a basic course passed after the effective date', { ...basicPassed, completedOn: '2026-06-02' }],
    ['a passed in-service course', { ...basicPassed, courseKind: 'in_service' }],
    ['a passed specialized course', { ...basicPassed, courseKind: 'specialized' }],
  ])('%s does not satisfy basic training', (_label, completion) => {
    expect(checkInitialEligibility(input({ completions: [completion] })).reasons).toEqual(['basic_training_missing']);
  });

  it('basic training passed on the effective date itself counts', () => {
    expect(checkInitialEligibility(input({ completions: [{ ...basicPassed, completedOn: EFFECTIVE_ON }] })).eligible).toBe(true);
  });

  it('judges statuses as they read on the effective date', () => {
    const expired = state({ status: 'certified', issuedOn: '2022-08-15', expiresOn: '2025-11-01' });
    // Out since 2025-11-01: part of one year, 40 in-service hours owed (DOMAIN.md "Certification").
    expect(checkInitialEligibility(input({ certification: expired })).reasons).toEqual(['in_service_hours_short']);
    expect(checkInitialEligibility(input({ certification: expired, completions: [basicPassed, inService('2026-03-01', 40)] })).reasons).toEqual([]);
    const suspensionOver = state({
      status: 'suspended',
      ...runningTerm,
      statusBeforeSuspension: 'lapsed',
      suspensionCaseId: 'c',
      suspensionEndsOn: '2026-05-01',
    });
    expect(checkInitialEligibility(input({ certification: suspensionOver })).reasons).toEqual([]);
  });

  it('a relinquishment, current or past, warns without blocking', () => {
    const relinquished = state({ status: 'relinquished', ...runningTerm });
    expect(checkInitialEligibility(input({ certification: relinquished }))).toEqual({
      eligible: true,
      reasons: [],
      warnings: ['previously_relinquished'],
    });
    const lapsedAfterRelinquishing = input({
      certification: state({ status: 'lapsed', ...runningTerm }),
      history: [
        { to: 'certified', effectiveOn: '2019-01-01' },
        { to: 'relinquished', effectiveOn: '2020-01-01' },
        { to: 'certified', effectiveOn: '2021-01-01' },
        { to: 'lapsed', effectiveOn: '2024-01-01' },
      ],
    });
    expect(checkInitialEligibility(lapsedAfterRelinquishing).warnings).toEqual(['previously_relinquished']);
  });

  describe('certifying again from lapsed or inactive owes the in-service hours of the time out', () => {
    const lapsedOn = (expiresOn: string) => state({ status: 'lapsed', issuedOn: addYearsIso(expiresOn, -3), expiresOn });
    const inactiveSince = (effectiveOn: string) => ({
      certification: state({ status: 'inactive', issuedOn: '2024-01-01', expiresOn: '2027-01-01' }),
      history: [
        { to: 'certified' as const, effectiveOn: '2024-01-01' },
        { to: 'inactive' as const, effectiveOn },
      ],
    });

    it.each([
      // [out since, effective on, hours required]
      ['2026-06-01', '2026-06-01', 0, 'no time out'],
      ['2026-05-31', '2026-06-01', 40, 'one day out is part of a year'],
      ['2025-06-01', '2026-06-01', 40, 'exactly one year'],
      ['2025-05-31', '2026-06-01', 80, 'one year and a day'],
      ['2023-06-01', '2026-06-01', 120, 'three years: one term'],
      ['2015-01-01', '2026-06-01', 120, 'eleven years: capped at one term'],
    ])('lapsed since %s, certified on %s: %d hours owed (%s)', (outSince, effectiveOn, hoursRequired) => {
      const result = checkInitialEligibility(
        input({ certification: lapsedOn(outSince), effectiveOn, completions: [{ ...basicPassed, completedOn: '2010-01-01' }] }),
      );
      expect(result.reentryHours).toEqual({ hoursFound: 0, hoursRequired, outSince });
      expect(result.reasons).toEqual(hoursRequired > 0 ? ['in_service_hours_short'] : []);
    });

    it('an inactive officer owes hours from the inactivation, not from the term', () => {
      const result = checkInitialEligibility(input({ ...inactiveSince('2025-01-15'), completions: [basicPassed, inService('2026-01-10', 79.5)] }));
      expect(result.reentryHours).toEqual({ hoursFound: 79.5, hoursRequired: 80, outSince: '2025-01-15' });
      expect(result.reasons).toEqual(['in_service_hours_short']);
      const met = checkInitialEligibility(
        input({ ...inactiveSince('2025-01-15'), completions: [basicPassed, inService('2026-01-10', 79.5), inService('2026-02-01', 0.5)] }),
      );
      expect(met.reasons).toEqual([]);
    });

    it.each<[string, TrainingCompletionFact, boolean]>([
      ['a passed in-service course inside the window counts', inService('2024-06-01', 40), true],
      ['one completed on the effective date counts', inService('2026-06-01', 40), true],
      ['one completed exactly one term before does not count (the window is open at its start)', inService('2023-06-01', 40), false],
      ['one completed after the effective date does not count', inService('2026-06-02', 40), false],
      ['a failed one does not count', inService('2026-01-01', 40, 'fail'), false],
      ['a specialized course does not count', { courseKind: 'specialized', result: 'pass', completedOn: '2026-01-01', hours: 40 }, false],
      ['a basic course does not count', { courseKind: 'basic', result: 'pass', completedOn: '2026-01-01', hours: 40 }, false],
    ])('%s', (_label, completion, counts) => {
      const result = checkInitialEligibility(input({ certification: lapsedOn('2026-01-01'), completions: [basicPassed, completion] }));
      expect(result.reasons).toEqual(counts ? [] : ['in_service_hours_short']);
    });

    it('other statuses owe nothing on re-entry', () => {
      for (const status of ['not_certified', 'relinquished'] as const) {
        expect(checkInitialEligibility(input({ certification: state({ status, ...runningTerm }) })).reentryHours).toBeUndefined();
      }
    });

    it('the refusal carries the hours found and required', () => {
      const refusal = checkInitialEligibility(input({ certification: lapsedOn('2025-01-01'), completions: [basicPassed, inService('2026-01-01', 10)] }));
      expect(() => assertEligibleForCertification(refusal)).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ reasons: ['in_service_hours_short'], hoursFound: 10, hoursRequired: 80 }) }),
      );
    });
  });

  it('yearsOrPart counts a part of a year as a year', () => {
    expect(yearsOrPart('2024-02-29', '2025-02-28')).toBe(1);
    expect(yearsOrPart('2024-02-29', '2025-03-01')).toBe(2);
    expect(yearsOrPart('2026-06-01', '2026-01-01')).toBe(0);
  });

  it('assertEligibleForCertification throws a 422 with every reason and the warnings', () => {
    expect(() => assertEligibleForCertification({ eligible: true, reasons: [], warnings: [] })).not.toThrow();
    const refusal = checkInitialEligibility(
      input({ certification: state({ status: 'relinquished', ...runningTerm }), completions: [], dateOfBirth: '2010-01-01' }),
    );
    let thrown: unknown;
    try {
      assertEligibleForCertification(refusal);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RuleViolationError);
    expect(thrown).toMatchObject({
      kind: 'rule',
      code: 'CERTIFICATION.NOT_ELIGIBLE',
      extensions: { reasons: ['basic_training_missing', 'under_minimum_age'], warnings: ['previously_relinquished'] },
    });
  });
});

describe('checkRenewal: in-service hours within the current term', () => {
  const term = { issuedOn: '2025-11-01', expiresOn: '2028-11-01' };
  const inService = (completedOn: string, hours: number, result: 'pass' | 'fail' = 'pass'): TrainingCompletionFact => ({
    courseKind: 'in_service',
    result,
    completedOn,
    hours,
  });
  const check = (completions: TrainingCompletionFact[], inServiceHoursPerYear?: number) =>
    checkRenewal({ term, completions, termYears: 3, inServiceHoursPerYear });

  it('exactly the required hours (40 × 3) pass', () => {
    expect(check([inService('2026-01-10', 40), inService('2027-01-10', 40), inService('2028-01-10', 40)])).toEqual({
      renewable: true,
      reasons: [],
      hoursFound: 120,
      hoursRequired: 120,
    });
  });

  it('half an hour short is refused with the hours found and required', () => {
    expect(check([inService('2026-01-10', 80), inService('2027-01-10', 39.5)])).toEqual({
      renewable: false,
      reasons: [{ code: 'in_service_hours_short', hoursFound: 119.5, hoursRequired: 120 }],
      hoursFound: 119.5,
      hoursRequired: 120,
    });
  });

  it.each([
    ['on the first day of the term', '2025-11-01', 120],
    ['on the last day of the term', '2028-10-31', 120],
    ['the day before the term', '2025-10-31', 0],
    ['on the expiry date (the next term)', '2028-11-01', 0],
  ])('a course completed %s counts %i hours', (_label, completedOn, counted) => {
    expect(check([inService(completedOn, 120)]).hoursFound).toBe(counted);
  });

  it.each<[string, TrainingCompletionFact]>([
    ['failed in-service', inService('2026-01-10', 120, 'fail')],
    ['basic', { courseKind: 'basic', result: 'pass', completedOn: '2026-01-10', hours: 120 }],
    ['specialized', { courseKind: 'specialized', result: 'pass', completedOn: '2026-01-10', hours: 120 }],
  ])('%s hours do not count', (_label, completion) => {
    expect(check([completion, inService('2026-02-01', 100)])).toMatchObject({ renewable: false, hoursFound: 100 });
  });

  it('fractional hours add up without rounding errors', () => {
    const tenths = Array.from({ length: 1200 }, () => inService('2026-03-01', 0.1));
    expect(check(tenths)).toMatchObject({ renewable: true, hoursFound: 120 });
  });

  it('IN_SERVICE_HOURS_PER_YEAR is configurable', () => {
    expect(check([inService('2026-01-10', 72)], 24)).toMatchObject({ renewable: true, hoursRequired: 72 });
  });

  it('assertRenewable throws a 422 carrying the shortfall', () => {
    expect(() => assertRenewable(check([inService('2026-01-10', 120)]))).not.toThrow();
    let thrown: unknown;
    try {
      assertRenewable(check([inService('2026-01-10', 20)]));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({
      kind: 'rule',
      code: 'CERTIFICATION.RENEWAL_REQUIREMENTS_NOT_MET',
      reasons: [{ code: 'in_service_hours_short', hoursFound: 20, hoursRequired: 120 }],
    });
  });
});
