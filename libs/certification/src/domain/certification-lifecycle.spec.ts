import { CertificationCommand, CertificationContext } from './certification-commands';
import { CertificationState, notCertifiedState } from './certification-status';
import { allowedCertificationCommands, transitionCertification } from './certification-transitions';
import { RuleViolationError } from '@app/core';
import { CERTIFICATION_ERROR_CODES } from './certification.errors';

const TODAY = '2026-06-01';
const context: CertificationContext = { today: TODAY, termYears: 3, expiryAlignment: 'birth_month', dateOfBirth: '1990-11-20' };
const on = (today: string): CertificationContext => ({ ...context, today });

const runningTerm = { issuedOn: '2025-08-15', expiresOn: '2028-11-01' };
const endedTerm = { issuedOn: '2022-08-15', expiresOn: '2025-11-01' };

function state(overrides: Partial<CertificationState>): CertificationState {
  return { ...notCertifiedState(), ...overrides };
}
const certified = state({ status: 'certified', ...runningTerm });

function refusalReason(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isIllegalTransition(error) && typeof error.reasons[0] === 'string') return error.reasons[0];
    throw error;
  }
  throw new Error('expected the transition to be refused');
}

/** Applies commands one after another, each on its own date; returns the final state and every row. */
function run(start: CertificationState, steps: Array<[string, CertificationCommand]>) {
  return steps.reduce(
    (acc, [today, command]) => {
      const { next, history } = transitionCertification(acc.state, command, on(today));
      return { state: next, history: [...acc.history, ...history] };
    },
    { state: start, history: [] as ReturnType<typeof transitionCertification>['history'] },
  );
}

describe('terms granted by certify and renew', () => {
  it('certify starts a birth-month-aligned term on the effective date (c. 6E §4(f)(3))', () => {
    const { next, history } = transitionCertification(notCertifiedState(), { type: 'certify' }, on('2025-08-15'));
    expect(next).toMatchObject({ status: 'certified', issuedOn: '2025-08-15', expiresOn: '2028-11-01' });
    expect(history).toEqual([
      { from: 'not_certified', to: 'certified', reason: 'initial_certification', basis: 'M.G.L. c. 6E §4(f)(1)', effectiveOn: '2025-08-15' },
    ]);
  });

  it('certify with alignment none ends exactly term years later', () => {
    const { next } = transitionCertification(notCertifiedState(), { type: 'certify' }, { ...on('2025-08-15'), expiryAlignment: 'none' });
    expect(next.expiresOn).toBe('2028-08-15');
  });

  it.each(['lapsed', 'inactive', 'relinquished'] as const)('certify from %s is a recertification with a fresh term', (status) => {
    const { next, history } = transitionCertification(state({ status, ...endedTerm }), { type: 'certify' }, context);
    expect(next).toMatchObject({ status: 'certified', issuedOn: TODAY, expiresOn: '2029-11-01' });
    expect(history[0].reason).toBe('recertification');
  });

  it('renewal before expiry starts the new term at the old expiry', () => {
    const { next, history } = transitionCertification(certified, { type: 'renew' }, on('2028-09-01'));
    expect(next).toMatchObject({ status: 'certified', issuedOn: '2028-11-01', expiresOn: '2031-11-01' });
    expect(history).toEqual([{ from: 'certified', to: 'certified', reason: 'renewal', basis: 'M.G.L. c. 6E §4(f)(3)', effectiveOn: '2028-09-01' }]);
  });

  it('a term renewed early cannot be renewed again before it begins', () => {
    const renewed = transitionCertification(certified, { type: 'renew' }, on('2028-09-01')).next;
    expect(refusalReason(() => transitionCertification(renewed, { type: 'renew' }, on('2028-09-02')))).toBe('already_renewed');
    // once the renewed term has begun, it is renewable like any other
    expect(transitionCertification(renewed, { type: 'renew' }, on('2031-10-01')).next.issuedOn).toBe('2031-11-01');
  });

  it('renewal from lapsed starts on the renewal date', () => {
    const lapsed = state({ status: 'lapsed', ...endedTerm });
    const { next } = transitionCertification(lapsed, { type: 'renew' }, on('2026-03-10'));
    expect(next).toMatchObject({ status: 'certified', issuedOn: '2026-03-10', expiresOn: '2029-11-01' });
  });

  it('renewal of a certified record whose term already ended records the lapse first, then renews from the renewal date', () => {
    const stale = state({ status: 'certified', ...endedTerm }); // the daily job has not run
    const { next, history } = transitionCertification(stale, { type: 'renew' }, on('2026-03-10'));
    expect(next).toMatchObject({ status: 'certified', issuedOn: '2026-03-10' });
    expect(history.map((row) => [row.from, row.to, row.effectiveOn])).toEqual([
      ['certified', 'lapsed', '2025-11-01'],
      ['lapsed', 'certified', '2026-03-10'],
    ]);
  });
});

describe('lapse (system)', () => {
  it('lapses on the expiry date itself, dated on the expiry', () => {
    const { next, history } = transitionCertification(certified, { type: 'lapse' }, on('2028-11-01'));
    expect(next.status).toBe('lapsed');
    expect(history).toEqual([{ from: 'certified', to: 'lapsed', reason: 'term_expired', basis: 'M.G.L. c. 6E §4(f)(3)', effectiveOn: '2028-11-01' }]);
  });

  it('records the expiry date even when the job runs late', () => {
    expect(transitionCertification(certified, { type: 'lapse' }, on('2028-12-24')).history[0].effectiveOn).toBe('2028-11-01');
  });

  it('is refused the day before expiry', () => {
    expect(refusalReason(() => transitionCertification(certified, { type: 'lapse' }, on('2028-10-31')))).toBe('term_running');
  });
});

describe('inactivity and administrative suspension', () => {
  it('keeps the term through inactivity and reactivates into it, with the stated reason', () => {
    const { state: final, history } = run(certified, [
      ['2026-01-01', { type: 'inactivate', reason: 'extended_leave' }],
      ['2027-01-01', { type: 'reactivate' }],
    ]);
    expect(final).toMatchObject({ status: 'certified', ...runningTerm });
    expect(history.map((row) => row.reason)).toEqual(['extended_leave', 'reactivated']);
  });

  it('refuses to reactivate into a term that ended (a new term needs certify)', () => {
    const inactive = state({ status: 'inactive', ...runningTerm });
    expect(refusalReason(() => transitionCertification(inactive, { type: 'reactivate' }, on('2028-11-01')))).toBe('term_expired');
    expect(allowedCertificationCommands(inactive, '2028-11-01')).toContain('certify');
    expect(transitionCertification(inactive, { type: 'certify' }, on('2028-11-01')).next.status).toBe('certified');
  });

  it('records the administrative suspension reason and clears it when lifted', () => {
    const suspended = transitionCertification(certified, { type: 'admin_suspend', reason: 'failure_to_report' }, context);
    expect(suspended.next.adminSuspensionReason).toBe('failure_to_report');
    expect(suspended.history[0]).toMatchObject({ reason: 'failure_to_report', basis: 'M.G.L. c. 6E §9 (POST practice)' });
    const lifted = transitionCertification(suspended.next, { type: 'lift_admin_suspension' }, context);
    expect(lifted.next).toMatchObject({ status: 'certified', adminSuspensionReason: null });
  });

  it('cites 555 CMR 12.04(1)(e) when in-service compliance lifts the suspension', () => {
    const adminSuspended = state({ status: 'admin_suspended', ...runningTerm, adminSuspensionReason: 'in_service_training' });
    expect(transitionCertification(adminSuspended, { type: 'lift_admin_suspension' }, context).history[0].basis).toBe('555 CMR 12.04(1)(e)');
  });

  it('an administrative suspension does not lapse by itself, but lifting it after the term ended gives lapsed', () => {
    const adminSuspended = state({ status: 'admin_suspended', ...endedTerm, adminSuspensionReason: 'in_service_training' });
    expect(allowedCertificationCommands(adminSuspended, TODAY)).toContain('lift_admin_suspension');
    const { next, history } = transitionCertification(adminSuspended, { type: 'lift_admin_suspension' }, context);
    expect(next).toMatchObject({ status: 'lapsed', adminSuspensionReason: null });
    expect(history).toHaveLength(1);
  });

  it('relinquishment from an administrative suspension drops the suspension reason and never stores disclosures', () => {
    const adminSuspended = state({ status: 'admin_suspended', ...runningTerm, adminSuspensionReason: 'in_service_training' });
    const result = transitionCertification(adminSuspended, { type: 'accept_relinquishment', disclosures: 'arrested 2019 in Springfield' }, context);
    expect(result.next).toMatchObject({ status: 'relinquished', adminSuspensionReason: null });
    expect(JSON.stringify(result)).not.toContain('Springfield');
  });
});

function isIllegalTransition(error: unknown): error is RuleViolationError {
  return error instanceof RuleViolationError && error.code === CERTIFICATION_ERROR_CODES.illegalTransition;
}
