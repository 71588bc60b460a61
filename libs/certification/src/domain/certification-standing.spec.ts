import { hireabilityVerdict, HireabilityFacts } from './certification-hireability';
import { certificationStanding, effectiveStatus } from './certification-standing';
import { CERTIFICATION_STATUSES, CertificationState, notCertifiedState } from './certification-status';

const runningTerm = { issuedOn: '2025-08-15', expiresOn: '2028-11-01' };
const state = (overrides: Partial<CertificationState>): CertificationState => ({ ...notCertifiedState(), ...overrides });
const certified = state({ status: 'certified', ...runningTerm });
const suspendedUntil = (endsOn: string | null) =>
  state({ status: 'suspended', ...runningTerm, statusBeforeSuspension: 'certified', suspensionCaseId: 'case-1', suspensionEndsOn: endsOn });

describe('effectiveStatus: what time did before any job recorded it', () => {
  it.each([
    ['certified, term running', certified, '2028-10-31', 'certified'],
    ['certified, the term ends ON expiresOn', certified, '2028-11-01', 'lapsed'],
    ['certified, long after the term', certified, '2030-01-01', 'lapsed'],
    ['suspended, end not reached', suspendedUntil('2026-09-01'), '2026-08-31', 'suspended'],
    ['suspended, end reached', suspendedUntil('2026-09-01'), '2026-09-01', 'certified'],
    ['suspended, end reached long before the term ran out', suspendedUntil('2026-09-01'), '2028-11-01', 'lapsed'],
    ['suspended, end reached after the term ran out', suspendedUntil('2029-01-01'), '2029-01-01', 'lapsed'],
    ['an interim suspension (no end date) never ends by itself', suspendedUntil(null), '2040-01-01', 'suspended'],
  ] as const)('%s: on %s', (_case, recorded, today, status) => {
    expect(effectiveStatus(recorded, today)).toBe(status);
  });

  it.each(['not_certified', 'admin_suspended', 'revoked', 'lapsed', 'inactive', 'relinquished'] as const)('%s is unchanged by time', (status) => {
    const record = state({
      status,
      ...runningTerm,
      ...(status === 'admin_suspended' ? { adminSuspensionReason: 'in_service_training' as const } : {}),
      ...(status === 'revoked' ? { statusBeforeRevocation: 'certified' as const, revocationCaseId: 'c' } : {}),
    });
    expect(effectiveStatus(record, '2040-01-01')).toBe(status);
  });
});

describe('certificationStanding (the officer record and the public page)', () => {
  it('a record never certified stands not_certified, with no term', () => {
    expect(certificationStanding(notCertifiedState(), null, '2026-01-01')).toEqual({
      status: 'not_certified',
      issuedOn: null,
      expiresOn: null,
      firstCertifiedOn: null,
    });
  });

  // Every recorded status, on a day inside the term, on its last day, and after it and after a suspension's end.
  const facts: HireabilityFacts = { firstCertifiedOn: '2025-08-15', statusSince: '2026-01-10', everRelinquished: false };
  const states = CERTIFICATION_STATUSES.flatMap((status) => [
    state({ status, ...runningTerm }),
    state({ status, ...runningTerm, statusBeforeSuspension: 'certified', suspensionEndsOn: '2026-02-01' }),
    state({ status, ...runningTerm, statusBeforeRevocation: 'certified' }),
  ]);
  const days = ['2026-03-01', '2028-10-31', '2028-11-01', '2030-01-01'];

  it.each(states.flatMap((s) => days.map((day) => [s.status, s.suspensionEndsOn, day, s] as const)))(
    'says what the hiring verdict says: %s (suspension ends %s) on %s',
    (_status, _ends, day, recorded) => {
      const verdict = hireabilityVerdict(recorded, facts, day);
      expect(certificationStanding(recorded, facts.firstCertifiedOn, day)).toEqual({
        status: verdict.status,
        issuedOn: verdict.issuedOn,
        expiresOn: verdict.expiresOn,
        firstCertifiedOn: verdict.firstCertifiedOn,
      });
    },
  );
});
