import { CERTIFICATION_COMMAND_TYPES, CertificationCommand, CertificationCommandType, CertificationContext } from './certification-commands';
import { CERTIFICATION_STATUSES, CertificationHistoryEntry, CertificationState, notCertifiedState } from './certification-status';
import { allowedCertificationCommands, transitionCertification } from './certification-transitions';
import { RuleViolationError } from '@app/core';
import { CERTIFICATION_ERROR_CODES } from './certification.errors';

const TODAY = '2026-06-01';
const context: CertificationContext = { today: TODAY, termYears: 3, expiryAlignment: 'birth_month', dateOfBirth: '1990-11-20' };
const on = (today: string): CertificationContext => ({ ...context, today });

const runningTerm = { issuedOn: '2025-08-15', expiresOn: '2028-11-01' };

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

function run(start: CertificationState, steps: Array<[string, CertificationCommand]>) {
  return steps.reduce(
    (acc, [today, command]) => {
      const { next, history } = transitionCertification(acc.state, command, on(today));
      return { state: next, history: [...acc.history, ...history] };
    },
    { state: start, history: [] as CertificationHistoryEntry[] },
  );
}
const suspendBy = (caseId: string, endsOn: string | null = null): CertificationCommand => ({ type: 'suspend', caseId, endsOn });

describe('suspension returns to the prior status (c. 6E §9)', () => {
  it.each([
    ['certified', certified],
    ['inactive', state({ status: 'inactive', ...runningTerm })],
    ['lapsed', state({ status: 'lapsed', issuedOn: '2022-08-15', expiresOn: '2025-11-01' })],
    ['relinquished', state({ status: 'relinquished', ...runningTerm })],
    ['admin_suspended', state({ status: 'admin_suspended', ...runningTerm, adminSuspensionReason: 'failure_to_report' })],
  ] as const)('%s → suspended → %s', (prior, start) => {
    const { state: final, history } = run(start, [
      ['2026-01-10', suspendBy('case-1')],
      ['2026-02-10', { type: 'end_suspension', caseId: 'case-1' }],
    ]);
    expect(final).toEqual(start);
    expect(history.map((row) => [row.from, row.to, row.caseId])).toEqual([
      [prior, 'suspended', 'case-1'],
      ['suspended', prior, 'case-1'],
    ]);
  });

  it('a certification whose term ran out during the suspension comes back lapsed', () => {
    const { state: final } = run(certified, [
      ['2028-06-01', suspendBy('case-1')],
      ['2028-12-01', { type: 'end_suspension' }],
    ]);
    expect(final).toMatchObject({ status: 'lapsed', statusBeforeSuspension: null, suspensionCaseId: null });
  });

  it('interim then decided suspension by the same case keeps the status the interim one hid', () => {
    const adminSuspended = state({ status: 'admin_suspended', ...runningTerm, adminSuspensionReason: 'in_service_training' });
    const { state: decided, history } = run(adminSuspended, [
      ['2026-01-10', suspendBy('case-1')],
      ['2026-03-01', suspendBy('case-1', '2026-09-01')],
    ]);
    expect(decided).toMatchObject({ status: 'suspended', statusBeforeSuspension: 'admin_suspended', suspensionEndsOn: '2026-09-01' });
    expect(history.map((row) => [row.reason, row.basis])).toEqual([
      ['interim_suspension', 'M.G.L. c. 6E §9'],
      ['suspension_ordered', 'M.G.L. c. 6E §10(b)'],
    ]);
    // the decided suspension ends by itself on its end date, restoring the administrative suspension
    const after = transitionCertification(decided, { type: 'revoke', caseId: 'case-9' }, on('2026-09-01'));
    expect(after.history.map((row) => [row.from, row.to, row.effectiveOn])).toEqual([
      ['suspended', 'admin_suspended', '2026-09-01'],
      ['admin_suspended', 'revoked', '2026-09-01'],
    ]);
    expect(after.next).toMatchObject({ statusBeforeRevocation: 'admin_suspended', adminSuspensionReason: 'in_service_training' });
  });

  it('refuses a second case suspending while another case suspension runs', () => {
    const suspended = transitionCertification(certified, suspendBy('case-1'), context).next;
    expect(refusalReason(() => transitionCertification(suspended, suspendBy('case-2'), context))).toBe('suspended_under_other_case');
  });

  it.each([TODAY, '2026-05-31'])('refuses a suspension ending on or before its start (%s)', (endsOn) => {
    expect(refusalReason(() => transitionCertification(certified, suspendBy('case-1', endsOn), context))).toBe('suspension_end_not_after_start');
  });

  it('refuses to end a suspension in the name of another case', () => {
    const suspended = transitionCertification(certified, suspendBy('case-1'), context).next;
    expect(refusalReason(() => transitionCertification(suspended, { type: 'end_suspension', caseId: 'case-2' }, context))).toBe('suspension_case_mismatch');
  });
});

describe('revocation and its reversal on appeal (c. 6E §10, c. 30A §14)', () => {
  it.each([
    ['not_certified', notCertifiedState()],
    ['certified', certified],
    ['relinquished', state({ status: 'relinquished', ...runningTerm })],
    ['inactive', state({ status: 'inactive', ...runningTerm })],
  ] as const)('%s → revoked → %s', (prior, start) => {
    const { state: final, history } = run(start, [
      ['2026-01-10', { type: 'revoke', caseId: 'case-1' }],
      ['2026-05-10', { type: 'reverse_revocation', caseId: 'case-1' }],
    ]);
    expect(final).toEqual(start);
    expect(history.map((row) => [row.from, row.to, row.basis])).toEqual([
      [prior, 'revoked', 'M.G.L. c. 6E §10'],
      ['revoked', prior, 'M.G.L. c. 30A §14'],
    ]);
  });

  it('reversal after the term ran out gives lapsed', () => {
    const { state: final } = run(certified, [
      ['2026-01-10', { type: 'revoke', caseId: 'case-1' }],
      ['2029-01-10', { type: 'reverse_revocation', caseId: 'case-1' }],
    ]);
    expect(final.status).toBe('lapsed');
  });

  it('a revocation decided in the case that suspended the officer absorbs that suspension', () => {
    const { state: final } = run(certified, [
      ['2026-01-10', suspendBy('case-1')],
      ['2026-03-10', { type: 'revoke', caseId: 'case-1' }],
      ['2026-05-10', { type: 'reverse_revocation', caseId: 'case-1' }],
    ]);
    expect(final).toEqual(certified);
  });

  it('another case suspension hidden by the revocation comes back while it still runs', () => {
    const { state: final } = run(certified, [
      ['2026-01-10', suspendBy('case-A', '2026-12-01')],
      ['2026-03-10', { type: 'revoke', caseId: 'case-B' }],
      ['2026-05-10', { type: 'reverse_revocation', caseId: 'case-B' }],
    ]);
    expect(final).toMatchObject({ status: 'suspended', statusBeforeSuspension: 'certified', suspensionCaseId: 'case-A' });
  });

  it('a hidden suspension that ended during the revocation gives way to what it hid', () => {
    const { state: final } = run(certified, [
      ['2026-01-10', suspendBy('case-A', '2026-04-01')],
      ['2026-03-10', { type: 'revoke', caseId: 'case-B' }],
      ['2026-05-10', { type: 'reverse_revocation', caseId: 'case-B' }],
    ]);
    expect(final).toEqual(certified);
  });

  it('lifting the hidden suspension keeps the revocation and stops a reversal from reviving it', () => {
    const revoked = run(certified, [
      ['2026-01-10', suspendBy('case-A')],
      ['2026-03-10', { type: 'revoke', caseId: 'case-B' }],
    ]).state;
    expect(allowedCertificationCommands(revoked, TODAY)).toEqual(['reverse_revocation', 'end_suspension']);
    expect(refusalReason(() => transitionCertification(revoked, { type: 'end_suspension' }, context))).toBe('suspension_case_mismatch');

    const lifted = transitionCertification(revoked, { type: 'end_suspension', caseId: 'case-A' }, context);
    expect(lifted.next).toMatchObject({ status: 'revoked', statusBeforeRevocation: 'certified', suspensionCaseId: null });
    expect(lifted.history).toEqual([
      { from: 'revoked', to: 'revoked', reason: 'suspension_lifted', basis: 'M.G.L. c. 6E §9', caseId: 'case-A', effectiveOn: TODAY },
    ]);
    expect(transitionCertification(lifted.next, { type: 'reverse_revocation', caseId: 'case-B' }, context).next).toEqual(certified);
  });

  it('only the case that revoked may reverse it', () => {
    const revoked = transitionCertification(certified, { type: 'revoke', caseId: 'case-1' }, context).next;
    expect(refusalReason(() => transitionCertification(revoked, { type: 'reverse_revocation', caseId: 'case-2' }, context))).toBe('revocation_case_mismatch');
  });

  it('a relinquished officer can still be revoked (no shield)', () => {
    const relinquished = transitionCertification(certified, { type: 'accept_relinquishment', disclosures: 'none' }, context).next;
    expect(transitionCertification(relinquished, { type: 'revoke', caseId: 'case-1' }, context).next.status).toBe('revoked');
  });
});

describe('invariants hold after any sequence of five commands', () => {
  const commands: CertificationCommand[] = CERTIFICATION_COMMAND_TYPES.flatMap((type: CertificationCommandType): CertificationCommand[] => {
    switch (type) {
      case 'admin_suspend':
        return [{ type, reason: 'in_service_training' }];
      case 'accept_relinquishment':
        return [{ type, disclosures: 'none' }];
      case 'suspend':
        return [suspendBy('case-1'), suspendBy('case-2', '2026-12-01')];
      case 'end_suspension':
        return [{ type }, { type, caseId: 'case-2' }];
      case 'revoke':
      case 'reverse_revocation':
        return [
          { type, caseId: 'case-1' },
          { type, caseId: 'case-2' },
        ];
      default:
        return [{ type }];
    }
  });
  // Five steps, the later ones after the 2026-12-01 suspension end and after terms ran out.
  const dates = ['2026-01-01', '2026-03-01', '2026-12-15', '2027-06-01', '2029-12-02'];

  function checkInvariants(s: CertificationState): void {
    const hidden = s.status === 'revoked' ? s.statusBeforeRevocation : null;
    const suspensionInForce = s.status === 'suspended' || hidden === 'suspended';
    expect(s.statusBeforeSuspension === null).toBe(!suspensionInForce);
    expect(s.suspensionCaseId === null).toBe(!suspensionInForce);
    expect(['suspended', 'revoked']).not.toContain(s.statusBeforeSuspension);
    expect(s.statusBeforeRevocation === null).toBe(s.status !== 'revoked');
    expect(s.revocationCaseId === null).toBe(s.status !== 'revoked');
    expect(s.statusBeforeRevocation).not.toBe('revoked');
    const adminInPlay = [s.status, hidden, s.statusBeforeSuspension].includes('admin_suspended');
    expect(s.adminSuspensionReason !== null).toBe(adminInPlay);
    if (s.status === 'certified') expect(s.expiresOn).not.toBeNull();
  }

  it('explores every reachable state from not_certified', () => {
    let frontier: CertificationState[] = [notCertifiedState()];
    const reached = new Set<string>();
    for (const today of dates) {
      const nextFrontier = new Map<string, CertificationState>();
      for (const current of frontier) {
        for (const command of commands) {
          try {
            const { next, history } = transitionCertification(current, command, on(today));
            checkInvariants(next);
            expect(history.at(-1)?.to).toBe(next.status);
            nextFrontier.set(JSON.stringify(next), next);
            reached.add(next.status);
          } catch (error) {
            expect(error).toMatchObject({ code: CERTIFICATION_ERROR_CODES.illegalTransition });
          }
        }
        nextFrontier.set(JSON.stringify(current), current);
      }
      frontier = [...nextFrontier.values()];
    }
    // the exploration is worth something only if it reached every status
    expect([...reached].sort()).toEqual([...CERTIFICATION_STATUSES].sort());
  });
});

function isIllegalTransition(error: unknown): error is RuleViolationError {
  return error instanceof RuleViolationError && error.code === CERTIFICATION_ERROR_CODES.illegalTransition;
}
