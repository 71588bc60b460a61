import { hireabilityVerdict, HireabilityFacts } from './certification-hireability';
import { CertificationState, notCertifiedState } from './certification-status';

const runningTerm = { issuedOn: '2025-08-15', expiresOn: '2028-11-01' };
const state = (overrides: Partial<CertificationState>): CertificationState => ({ ...notCertifiedState(), ...runningTerm, ...overrides });
const facts: HireabilityFacts = { firstCertifiedOn: '2025-08-15', statusSince: '2026-01-10', everRelinquished: false };
const TODAY = '2026-03-01';

describe('hireabilityVerdict (DOMAIN.md "Hiring checks")', () => {
  it('certified with the term running is hireable, with no reasons', () => {
    expect(hireabilityVerdict(state({ status: 'certified' }), facts, TODAY)).toEqual({
      status: 'certified',
      hireable: true,
      issuedOn: '2025-08-15',
      expiresOn: '2028-11-01',
      firstCertifiedOn: '2025-08-15',
      reasons: [],
      previouslyRelinquished: false,
    });
  });

  it('an expired term reads lapsed since its expiry before any job recorded it', () => {
    const verdict = hireabilityVerdict(state({ status: 'certified' }), facts, '2028-11-01');
    expect(verdict).toMatchObject({ status: 'lapsed', hireable: false, reasons: [{ code: 'lapsed', since: '2028-11-01' }] });
  });

  it('revoked names the case and the date', () => {
    const revoked = state({ status: 'revoked', statusBeforeRevocation: 'certified', revocationCaseId: 'c1' });
    expect(hireabilityVerdict(revoked, facts, TODAY).reasons).toEqual([{ code: 'revoked', since: '2026-01-10', caseId: 'c1' }]);
  });

  it('suspended gives the end date (null while interim) and the case', () => {
    const suspended = state({ status: 'suspended', statusBeforeSuspension: 'certified', suspensionCaseId: 'c1', suspensionEndsOn: null });
    expect(hireabilityVerdict(suspended, facts, TODAY).reasons).toEqual([{ code: 'suspended', since: '2026-01-10', endsOn: null, caseId: 'c1' }]);
  });

  it('a suspension whose end date has come is over: hireable again', () => {
    const ended = state({ status: 'suspended', statusBeforeSuspension: 'certified', suspensionCaseId: 'c1', suspensionEndsOn: '2026-02-01' });
    expect(hireabilityVerdict(ended, facts, TODAY)).toMatchObject({ status: 'certified', hireable: true, reasons: [] });
  });

  it.each(['admin_suspended', 'inactive', 'relinquished'] as const)('%s is not hireable, dated', (status) => {
    const verdict = hireabilityVerdict(
      state({ status, ...(status === 'admin_suspended' ? { adminSuspensionReason: 'failure_to_report' as const } : {}) }),
      facts,
      TODAY,
    );
    expect(verdict).toMatchObject({ hireable: false, reasons: [{ code: status, since: '2026-01-10' }] });
  });

  it('never certified: not_certified without a date', () => {
    const verdict = hireabilityVerdict(notCertifiedState(), { firstCertifiedOn: null, statusSince: null, everRelinquished: false }, TODAY);
    expect(verdict).toMatchObject({ status: 'not_certified', hireable: false, firstCertifiedOn: null, reasons: [{ code: 'not_certified' }] });
  });

  it('an earlier relinquishment is reported, without blocking', () => {
    const verdict = hireabilityVerdict(state({ status: 'certified' }), { ...facts, everRelinquished: true }, TODAY);
    expect(verdict).toMatchObject({ hireable: true, previouslyRelinquished: true });
  });
});
