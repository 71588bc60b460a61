import { RuleViolationError, DomainError } from '@app/core';
import { InitialEligibility, InitialEligibilityReason } from './certification-eligibility';
import { CertificationContext } from './certification-commands';
import {
  assertSatisfiable,
  CONDITION_COVERS,
  ConditionRequest,
  conditionStanding,
  decideConditionalGrant,
  overdueConditions,
} from './certification-conditions';
import { notCertifiedState } from './certification-status';
import { transitionCertification } from './certification-transitions';

const EFFECTIVE = '2026-06-01';
const EXPIRES = '2029-11-01';

const eligibility = (reasons: InitialEligibilityReason[]): InitialEligibility => ({
  eligible: reasons.length === 0,
  reasons,
  warnings: [],
  ...(reasons.includes('in_service_hours_short') ? { reentryHours: { hoursFound: 10, hoursRequired: 80, outSince: '2025-01-01' } } : {}),
});
const condition = (basis: string, dueOn = '2026-09-01'): ConditionRequest => ({ description: `finish ${basis}`, dueOn, basis });

function outcome(run: () => unknown): string {
  try {
    const result = run() as { covered: string[] };
    return `granted covering [${result.covered.join(',')}]`;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const reasons =
      error instanceof RuleViolationError ? error.reasons.map((r) => (typeof r === 'string' ? r : `${r.code as string}#${r.index as number}`)) : [];
    return `${error.code} [${reasons.join(',')}]`;
  }
}

describe('decideConditionalGrant', () => {
  // prettier-ignore
  const TABLE: [string, InitialEligibilityReason[], ConditionRequest[], string][] = [
    ['eligible, no conditions', [], [], 'granted covering []'],
    ['not eligible, no conditions', ['in_service_hours_short'], [], 'CERTIFICATION.NOT_ELIGIBLE [in_service_hours_short]'],
    ['hours short, training condition', ['in_service_hours_short'], [condition('training')], 'granted covering [in_service_hours_short]'],
    ['hours short, approved leave', ['in_service_hours_short'], [condition('leave')], 'granted covering [in_service_hours_short]'],
    ['hours short, hardship', ['in_service_hours_short'], [condition('hardship')], 'granted covering [in_service_hours_short]'],
    ['hours short, documents only', ['in_service_hours_short'], [condition('documents')], 'CERTIFICATION.NOT_ELIGIBLE [in_service_hours_short]'],
    ['eligible, documents to file', [], [condition('documents')], 'granted covering []'],
    ['basic training never waived', ['basic_training_missing'], [condition('training')], 'CERTIFICATION.NOT_ELIGIBLE [basic_training_missing]'],
    ['age never waived', ['under_minimum_age'], [condition('hardship')], 'CERTIFICATION.NOT_ELIGIBLE [under_minimum_age]'],
    ['revocation never waived', ['previously_revoked'], [condition('training')], 'CERTIFICATION.NOT_ELIGIBLE [previously_revoked]'],
    ['suspension never waived', ['currently_suspended'], [condition('leave')], 'CERTIFICATION.NOT_ELIGIBLE [currently_suspended]'],
    ['only the uncovered reasons are listed', ['basic_training_missing', 'in_service_hours_short'], [condition('training')], 'CERTIFICATION.NOT_ELIGIBLE [basic_training_missing]'],
    ['background check', [], [condition('background_check')], 'CERTIFICATION.CONDITIONS_NOT_ALLOWED [conditions_not_allowed]'],
    ['felony conviction', ['in_service_hours_short'], [condition('training'), condition('felony_conviction')], 'CERTIFICATION.CONDITIONS_NOT_ALLOWED [conditions_not_allowed]'],
    ['moral character', [], [condition('moral_character')], 'CERTIFICATION.CONDITIONS_NOT_ALLOWED [conditions_not_allowed]'],
    ['due on the effective date', [], [condition('documents', EFFECTIVE)], 'CERTIFICATION.CONDITION_REFUSED [condition_due_not_after_effective#0]'],
    ['due before it', [], [condition('documents'), condition('training', '2026-05-01')], 'CERTIFICATION.CONDITION_REFUSED [condition_due_not_after_effective#1]'],
    ['due on the expiry day', [], [condition('documents', EXPIRES)], 'granted covering []'],
    ['due after the term', [], [condition('documents', '2029-11-02')], 'CERTIFICATION.CONDITION_REFUSED [condition_due_after_expiry#0]'],
  ];

  it.each(TABLE)('%s', (_name, reasons, conditions, expected) => {
    expect(outcome(() => decideConditionalGrant({ eligibility: eligibility(reasons), conditions, effectiveOn: EFFECTIVE, expiresOn: EXPIRES }))).toBe(expected);
  });

  it('names every forbidden basis, in a fixed order', () => {
    try {
      decideConditionalGrant({
        eligibility: eligibility([]),
        conditions: [condition('moral_character'), condition('background_check'), condition('felony_conviction')],
        effectiveOn: EFFECTIVE,
        expiresOn: EXPIRES,
      });
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as DomainError).extensions).toMatchObject({ bases: ['background_check', 'felony_conviction', 'moral_character'] });
    }
  });

  // prettier-ignore
  it.each([
    [{ backgroundCheckAttested: false }, 'CERTIFICATION.CONDITIONS_NOT_ALLOWED [conditions_not_allowed]'],
    [{ fitnessAttested: false }, 'CERTIFICATION.CONDITIONS_NOT_ALLOWED [conditions_not_allowed]'],
    [{ backgroundCheckAttested: true, fitnessAttested: true }, 'granted covering [in_service_hours_short]'],
  ])('an attestation refused is a bar no condition lifts: %j', (attested, expected) => {
    const input = { eligibility: eligibility(['in_service_hours_short']), conditions: [condition('training')], effectiveOn: EFFECTIVE, expiresOn: EXPIRES, ...attested };
    expect(outcome(() => decideConditionalGrant(input))).toBe(expected);
  });

  it('keeps the hours found and required on a refusal', () => {
    try {
      decideConditionalGrant({
        eligibility: eligibility(['in_service_hours_short']),
        conditions: [condition('documents')],
        effectiveOn: EFFECTIVE,
        expiresOn: EXPIRES,
      });
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as DomainError).extensions).toMatchObject({ hoursFound: 10, hoursRequired: 80 });
    }
  });

  it('covers only the re-entry hours, on the bases of 555 CMR 9.10', () => {
    const coverable = Object.entries(CONDITION_COVERS).filter(([, bases]) => bases.length > 0);
    expect(coverable).toEqual([['in_service_hours_short', ['training', 'leave', 'hardship']]]);
  });
});

describe('conditionStanding and overdueConditions', () => {
  // prettier-ignore
  it.each([
    ['open', '2026-09-01', '2026-08-31', 'open'],
    ['open', '2026-09-01', '2026-09-01', 'open'],
    ['open', '2026-09-01', '2026-09-02', 'overdue'],
    ['satisfied', '2026-09-01', '2027-01-01', 'satisfied'],
    ['superseded', '2026-09-01', '2027-01-01', 'superseded'],
  ] as const)('%s due %s read on %s is %s', (status, dueOn, today, expected) => {
    expect(conditionStanding({ status, dueOn }, today)).toBe(expected);
  });

  it('lists the open conditions past due', () => {
    const conditions = [
      { id: 'a', status: 'open' as const, dueOn: '2026-07-01' },
      { id: 'b', status: 'satisfied' as const, dueOn: '2026-07-01' },
      { id: 'c', status: 'open' as const, dueOn: '2026-08-01' },
    ];
    expect(overdueConditions(conditions, '2026-07-15')).toEqual(['a']);
    expect(overdueConditions(conditions, '2026-07-01')).toEqual([]);
  });
});

describe('assertSatisfiable', () => {
  it.each([
    ['open', null],
    ['satisfied', 'CERTIFICATION.CONDITION_ALREADY_SATISFIED'],
    ['superseded', 'CERTIFICATION.CONDITION_REFUSED'],
  ] as const)('%s → %s', (status, code) => {
    expect(outcome(() => (assertSatisfiable({ id: 'x', status, satisfiedOn: '2026-07-01' }), { covered: [] }))).toBe(
      code === null ? 'granted covering []' : `${code} [${code.endsWith('REFUSED') ? 'condition_superseded#0' : ''}]`,
    );
  });
});

describe('the state machine with conditions', () => {
  const context: CertificationContext = { today: '2026-06-01', termYears: 3, expiryAlignment: 'birth_month', dateOfBirth: '1990-11-20' };
  const certified = { ...notCertifiedState(), status: 'certified' as const, issuedOn: '2025-08-15', expiresOn: '2028-11-01' };
  const suspendedForCondition = { ...certified, status: 'admin_suspended' as const, adminSuspensionReason: 'condition_unmet' as const };

  // prettier-ignore
  const TABLE: [string, Parameters<typeof transitionCertification>[0], Parameters<typeof transitionCertification>[1], string][] = [
    ['a conditional grant is certified', notCertifiedState(), { type: 'certify', conditional: true }, 'certified conditional_certification 555 CMR 7.04, 9.10'],
    ['a plain grant is unchanged', notCertifiedState(), { type: 'certify' }, 'certified initial_certification M.G.L. c. 6E §4(f)(1)'],
    ['condition_unmet with one overdue', certified, { type: 'admin_suspend', reason: 'condition_unmet', overdueConditions: 1 }, 'admin_suspended condition_unmet 555 CMR 7.04, 9.10'],
    ['condition_unmet with none overdue', certified, { type: 'admin_suspend', reason: 'condition_unmet', overdueConditions: 0 }, 'refused no_condition_overdue'],
    ['condition_unmet without a count', certified, { type: 'admin_suspend', reason: 'condition_unmet' }, 'refused no_condition_overdue'],
    ['in_service_training needs no condition', certified, { type: 'admin_suspend', reason: 'in_service_training' }, 'admin_suspended in_service_training M.G.L. c. 6E §9 (POST practice)'],
    ['lifted once none is overdue', suspendedForCondition, { type: 'lift_admin_suspension', overdueConditions: 0 }, 'certified compliance_recorded 555 CMR 7.04, 9.10'],
    ['not lifted while one is overdue', suspendedForCondition, { type: 'lift_admin_suspension', overdueConditions: 2 }, 'refused condition_still_overdue'],
  ];

  it.each(TABLE)('%s', (_name, state, command, expected) => {
    let got: string;
    try {
      const { next, history } = transitionCertification(state, command, context);
      got = `${next.status} ${history[history.length - 1].reason} ${history[history.length - 1].basis}`;
    } catch (error) {
      got = `refused ${(error as RuleViolationError).reasons.map(String).join(',')}`;
    }
    expect(got).toBe(expected);
  });
});
