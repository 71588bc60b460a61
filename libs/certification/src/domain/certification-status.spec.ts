import { settleCertification } from './certification-settlement';
import { CertificationState, effectiveStatus, isCertificationStatus, isHireable, notCertifiedState } from './certification-status';

const runningTerm = { issuedOn: '2025-08-15', expiresOn: '2028-11-01' };

function state(overrides: Partial<CertificationState>): CertificationState {
  return { ...notCertifiedState(), ...overrides };
}
const certified = state({ status: 'certified', ...runningTerm });

describe('effectiveStatus: what time did before any job recorded it', () => {
  it.each([
    ['2028-10-31', 'certified', true],
    ['2028-11-01', 'lapsed', false], // the term ends ON expiresOn
    ['2030-01-01', 'lapsed', false],
  ] as const)('a certification expiring 2028-11-01 reads on %s as %s (hireable: %s)', (today, status, hireable) => {
    expect(effectiveStatus(certified, today)).toBe(status);
    expect(isHireable(certified, today)).toBe(hireable);
  });

  it.each([
    ['2026-08-31', 'suspended'],
    ['2026-09-01', 'certified'],
    ['2028-11-01', 'lapsed'],
  ] as const)('a suspension ending 2026-09-01 over a certification reads on %s as %s', (today, status) => {
    const suspended = state({
      status: 'suspended',
      ...runningTerm,
      statusBeforeSuspension: 'certified',
      suspensionCaseId: 'case-1',
      suspensionEndsOn: '2026-09-01',
    });
    expect(effectiveStatus(suspended, today)).toBe(status);
  });

  it('an interim suspension (no end date) never ends by itself', () => {
    const interim = state({ status: 'suspended', ...runningTerm, statusBeforeSuspension: 'certified', suspensionCaseId: 'c' });
    expect(effectiveStatus(interim, '2040-01-01')).toBe('suspended');
  });

  it.each(['not_certified', 'admin_suspended', 'revoked', 'lapsed', 'inactive', 'relinquished'] as const)(
    '%s is unchanged by time and not hireable',
    (status) => {
      const record = state({
        status,
        ...runningTerm,
        ...(status === 'admin_suspended' ? { adminSuspensionReason: 'in_service_training' as const } : {}),
        ...(status === 'revoked' ? { statusBeforeRevocation: 'certified' as const, revocationCaseId: 'c' } : {}),
      });
      expect(effectiveStatus(record, '2040-01-01')).toBe(status);
      expect(isHireable(record, '2026-01-01')).toBe(false);
    },
  );

  it('recognises status values', () => {
    expect(isCertificationStatus('relinquished')).toBe(true);
    expect(isCertificationStatus('decertified')).toBe(false);
    expect(isCertificationStatus(undefined)).toBe(false);
  });
});

describe('settleCertification: what the daily job persists', () => {
  const suspendedUntil = (endsOn: string) =>
    state({ status: 'suspended', ...runningTerm, statusBeforeSuspension: 'certified', suspensionCaseId: 'case-1', suspensionEndsOn: endsOn });

  it('changes nothing while nothing is due', () => {
    expect(settleCertification(certified, '2026-01-01')).toEqual({ next: certified, history: [] });
  });

  it('a suspension that ended before the term did: back to certified, then lapsed, each on its own date', () => {
    const { next, history } = settleCertification(suspendedUntil('2027-01-01'), '2029-01-01');
    expect(next).toEqual({ ...certified, status: 'lapsed' });
    expect(history).toEqual([
      { from: 'suspended', to: 'certified', reason: 'suspension_period_ended', basis: 'M.G.L. c. 6E §10(b)', caseId: 'case-1', effectiveOn: '2027-01-01' },
      { from: 'certified', to: 'lapsed', reason: 'term_expired', basis: 'M.G.L. c. 6E §4(f)(3)', effectiveOn: '2028-11-01' },
    ]);
  });

  it('a term that ran out during the suspension: one row, straight to lapsed', () => {
    const { next, history } = settleCertification(suspendedUntil('2029-01-01'), '2029-02-01');
    expect(next.status).toBe('lapsed');
    expect(history.map((row) => [row.from, row.to, row.effectiveOn])).toEqual([['suspended', 'lapsed', '2029-01-01']]);
  });

  it('settling twice is settling once', () => {
    const once = settleCertification(suspendedUntil('2027-01-01'), '2029-01-01').next;
    expect(settleCertification(once, '2029-01-01')).toEqual({ next: once, history: [] });
  });
});
