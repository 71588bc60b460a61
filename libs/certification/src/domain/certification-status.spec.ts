import { settleCertification } from './certification-settlement';
import { CertificationState, isCertificationStatus, notCertifiedState } from './certification-status';

const runningTerm = { issuedOn: '2025-08-15', expiresOn: '2028-11-01' };

function state(overrides: Partial<CertificationState>): CertificationState {
  return { ...notCertifiedState(), ...overrides };
}
const certified = state({ status: 'certified', ...runningTerm });

describe('certification statuses', () => {
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
