import { importedCertificationOutcome, importedRevocation, importedSuspension } from './certification-import';

describe('imported certification records (DOMAIN.md "Onboarding")', () => {
  const today = '2025-07-01';

  it.each([
    ['certified', { effectiveOn: '2025-06-01', endsOn: '2025-09-01' }, { from: 'certified', statusBeforeSuspension: 'certified' }],
    ['lapsed', { effectiveOn: '2025-07-01', endsOn: null }, { from: 'lapsed', statusBeforeSuspension: 'lapsed' }],
    ['admin_suspended', { effectiveOn: '2024-01-01', endsOn: '2025-07-02' }, { from: 'admin_suspended', statusBeforeSuspension: 'admin_suspended' }],
    ['certified', { effectiveOn: '2024-01-01', endsOn: '2025-07-01' }, null], // ended today: over
    ['certified', { effectiveOn: '2025-07-02', endsOn: null }, null], // not begun
    ['revoked', { effectiveOn: '2025-06-01', endsOn: null }, null], // a revocation stands
    ['suspended', { effectiveOn: '2025-06-01', endsOn: null }, null], // one suspension at a time
  ] as const)('a suspension of a %s certification, %j, changes it to %j', (status, suspension, expected) => {
    expect(importedSuspension(status, suspension, today)).toEqual(expected);
  });

  it('should revoke whatever the status, once', () => {
    expect(importedRevocation('suspended')).toEqual({ from: 'suspended', statusBeforeRevocation: 'suspended' });
    expect(importedRevocation('revoked')).toBeNull();
  });

  it('should land an imported status only on a certification nothing has happened to', () => {
    const imported = { status: 'certified' as const, issuedOn: '2024-01-01', expiresOn: '2027-01-01', firstCertifiedOn: null };
    expect(importedCertificationOutcome({ status: 'not_certified', hasHistory: false }, imported)).toBe('apply');
    expect(importedCertificationOutcome({ status: 'not_certified', hasHistory: true }, imported)).toBe('certification_exists');
    expect(importedCertificationOutcome({ status: 'not_certified', hasHistory: false }, { ...imported, status: 'not_certified' })).toBe('nothing');
  });
});
