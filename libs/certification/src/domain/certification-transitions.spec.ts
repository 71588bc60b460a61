import { RuleViolationError } from '@app/core';
import { CERTIFICATION_COMMAND_TYPES, CertificationCommand, CertificationCommandType, CertificationContext } from './certification-commands';
import { CERTIFICATION_STATUSES, CertificationState, CertificationStatus, notCertifiedState } from './certification-status';
import { allowedCertificationCommands, transitionCertification } from './certification-transitions';
import { CERTIFICATION_ERROR_CODES } from './certification.errors';

const TODAY = '2026-06-01';
const context: CertificationContext = {
  today: TODAY,
  termYears: 3,
  expiryAlignment: 'birth_month',
  dateOfBirth: '1990-11-20', // born in November
};

const runningTerm = { issuedOn: '2025-08-15', expiresOn: '2028-11-01' };
const endedTerm = { issuedOn: '2022-08-15', expiresOn: '2025-11-01' };

function state(overrides: Partial<CertificationState>): CertificationState {
  return { ...notCertifiedState(), ...overrides };
}

/** One representative of each status, its term (where it has one) still running on TODAY unless lapsed. */
const REPRESENTATIVE: Record<CertificationStatus, CertificationState> = {
  not_certified: notCertifiedState(),
  certified: state({ status: 'certified', ...runningTerm }),
  admin_suspended: state({ status: 'admin_suspended', ...runningTerm, adminSuspensionReason: 'in_service_training' }),
  suspended: state({
    status: 'suspended',
    ...runningTerm,
    statusBeforeSuspension: 'certified',
    suspensionCaseId: 'case-1',
    suspensionEndsOn: null,
  }),
  revoked: state({ status: 'revoked', ...runningTerm, statusBeforeRevocation: 'certified', revocationCaseId: 'case-1' }),
  lapsed: state({ status: 'lapsed', ...endedTerm }),
  inactive: state({ status: 'inactive', ...runningTerm }),
  relinquished: state({ status: 'relinquished', ...runningTerm }),
};

const COMMAND: Record<CertificationCommandType, CertificationCommand> = {
  certify: { type: 'certify' },
  renew: { type: 'renew' },
  lapse: { type: 'lapse' },
  inactivate: { type: 'inactivate' },
  reactivate: { type: 'reactivate' },
  admin_suspend: { type: 'admin_suspend', reason: 'in_service_training' },
  lift_admin_suspension: { type: 'lift_admin_suspension' },
  accept_relinquishment: { type: 'accept_relinquishment', disclosures: 'none' },
  suspend: { type: 'suspend', caseId: 'case-1', endsOn: null },
  end_suspension: { type: 'end_suspension', caseId: 'case-1' },
  revoke: { type: 'revoke', caseId: 'case-1' },
  reverse_revocation: { type: 'reverse_revocation', caseId: 'case-1' },
};

/** DOMAIN.md "Transitions", written out by hand so the spec does not echo the code. */
const ALLOWED: Record<CertificationStatus, CertificationCommandType[]> = {
  not_certified: ['certify', 'revoke'],
  certified: ['renew', 'lapse', 'inactivate', 'admin_suspend', 'accept_relinquishment', 'suspend', 'revoke'],
  admin_suspended: ['lift_admin_suspension', 'accept_relinquishment', 'suspend', 'revoke'],
  suspended: ['suspend', 'end_suspension', 'revoke'],
  revoked: ['reverse_revocation'], // `end_suspension` only while the revocation hides a suspension
  lapsed: ['certify', 'renew', 'accept_relinquishment', 'suspend', 'revoke'],
  inactive: ['certify', 'reactivate', 'accept_relinquishment', 'suspend', 'revoke'],
  relinquished: ['certify', 'suspend', 'revoke'],
};

type Outcome = CertificationStatus | { refused: string };
const ILLEGAL = { refused: 'illegal_transition' };

/** Every (status × command) pair: the status it leads to, or the refusal. */
// prettier-ignore
const EXPECTED: Record<CertificationStatus, Record<CertificationCommandType, Outcome>> = {
  not_certified: {
    certify: 'certified', renew: ILLEGAL, lapse: ILLEGAL, inactivate: ILLEGAL, reactivate: ILLEGAL,
    admin_suspend: ILLEGAL, lift_admin_suspension: ILLEGAL, accept_relinquishment: ILLEGAL, suspend: ILLEGAL,
    end_suspension: ILLEGAL, revoke: 'revoked', reverse_revocation: ILLEGAL,
  },
  certified: {
    certify: ILLEGAL, renew: 'certified', lapse: { refused: 'term_running' }, inactivate: 'inactive',
    reactivate: ILLEGAL, admin_suspend: 'admin_suspended', lift_admin_suspension: ILLEGAL,
    accept_relinquishment: 'relinquished', suspend: 'suspended', end_suspension: ILLEGAL, revoke: 'revoked',
    reverse_revocation: ILLEGAL,
  },
  admin_suspended: {
    certify: ILLEGAL, renew: ILLEGAL, lapse: ILLEGAL, inactivate: ILLEGAL, reactivate: ILLEGAL, admin_suspend: ILLEGAL,
    lift_admin_suspension: 'certified', accept_relinquishment: 'relinquished', suspend: 'suspended',
    end_suspension: ILLEGAL, revoke: 'revoked', reverse_revocation: ILLEGAL,
  },
  suspended: {
    certify: ILLEGAL, renew: ILLEGAL, lapse: ILLEGAL, inactivate: ILLEGAL, reactivate: ILLEGAL, admin_suspend: ILLEGAL,
    lift_admin_suspension: ILLEGAL, accept_relinquishment: ILLEGAL, suspend: 'suspended',
    end_suspension: 'certified', revoke: 'revoked', reverse_revocation: ILLEGAL,
  },
  revoked: {
    certify: ILLEGAL, renew: ILLEGAL, lapse: ILLEGAL, inactivate: ILLEGAL, reactivate: ILLEGAL, admin_suspend: ILLEGAL,
    lift_admin_suspension: ILLEGAL, accept_relinquishment: ILLEGAL, suspend: ILLEGAL, end_suspension: ILLEGAL,
    revoke: ILLEGAL, reverse_revocation: 'certified',
  },
  lapsed: {
    certify: 'certified', renew: 'certified', lapse: ILLEGAL, inactivate: ILLEGAL, reactivate: ILLEGAL,
    admin_suspend: ILLEGAL, lift_admin_suspension: ILLEGAL, accept_relinquishment: 'relinquished',
    suspend: 'suspended', end_suspension: ILLEGAL, revoke: 'revoked', reverse_revocation: ILLEGAL,
  },
  inactive: {
    certify: 'certified', renew: ILLEGAL, lapse: ILLEGAL, inactivate: ILLEGAL, reactivate: 'certified',
    admin_suspend: ILLEGAL, lift_admin_suspension: ILLEGAL, accept_relinquishment: 'relinquished',
    suspend: 'suspended', end_suspension: ILLEGAL, revoke: 'revoked', reverse_revocation: ILLEGAL,
  },
  relinquished: {
    certify: 'certified', renew: ILLEGAL, lapse: ILLEGAL, inactivate: ILLEGAL, reactivate: ILLEGAL,
    admin_suspend: ILLEGAL, lift_admin_suspension: ILLEGAL, accept_relinquishment: ILLEGAL, suspend: 'suspended',
    end_suspension: ILLEGAL, revoke: 'revoked', reverse_revocation: ILLEGAL,
  },
};

function refusalOf(run: () => unknown): RuleViolationError {
  try {
    run();
  } catch (error) {
    if (error instanceof RuleViolationError && error.code === CERTIFICATION_ERROR_CODES.illegalTransition) return error;
    throw error;
  }
  throw new Error('expected the transition to be refused');
}

describe('transitionCertification: every (status × command) pair', () => {
  const pairs = CERTIFICATION_STATUSES.flatMap((status) => CERTIFICATION_COMMAND_TYPES.map((command) => [status, command, EXPECTED[status][command]] as const));

  it('covers 8 statuses × 12 commands', () => {
    expect(pairs).toHaveLength(8 * 12);
  });

  it.each(pairs.filter(([, , outcome]) => typeof outcome === 'string'))('%s × %s → %s', (from, command, to) => {
    const { next, history } = transitionCertification(REPRESENTATIVE[from], COMMAND[command], context);
    expect(next.status).toBe(to);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ from, to, effectiveOn: TODAY });
    expect(history[0].reason).not.toBe('');
    expect(history[0].basis).toMatch(/c\. 6E|c\. 30A|CMR|POST/);
  });

  it.each(pairs.filter(([, , outcome]) => typeof outcome !== 'string'))('%s × %s is refused (%j)', (from, command, outcome) => {
    const error = refusalOf(() => transitionCertification(REPRESENTATIVE[from], COMMAND[command], context));
    expect(error).toBeInstanceOf(RuleViolationError);
    expect(error.kind).toBe('rule');
    expect(error.code).toBe('CERTIFICATION.ILLEGAL_TRANSITION');
    expect(error.reasons).toEqual([(outcome as { refused: string }).refused]);
    expect(error.extensions).toMatchObject({ certificationStatus: from, command });
    expect([...(error.extensions.allowedCommands as string[])].sort()).toEqual([...ALLOWED[from]].sort());
  });

  it.each(CERTIFICATION_STATUSES)('allowedCertificationCommands(%s) lists the legal commands', (status) => {
    expect([...allowedCertificationCommands(REPRESENTATIVE[status], TODAY)].sort()).toEqual([...ALLOWED[status]].sort());
  });
});
