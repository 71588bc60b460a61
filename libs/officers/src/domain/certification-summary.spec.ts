import { certificationSummary, CertificationRow } from './certification-summary';

const row = (over: Partial<CertificationRow>): CertificationRow => ({
  status: 'certified',
  issuedOn: '2025-08-15',
  expiresOn: '2028-11-01',
  statusBeforeSuspension: null,
  suspensionEndsOn: null,
  ...over,
});

describe('certificationSummary', () => {
  it('reads a missing row as not certified', () => {
    expect(certificationSummary(null, '2026-01-01')).toEqual({ status: 'not_certified', issuedOn: null, expiresOn: null });
  });

  it.each([
    ['certified, term running', row({}), '2028-10-31', 'certified'],
    ['certified, term ended on expiresOn', row({}), '2028-11-01', 'lapsed'],
    ['suspended, end not reached', row({ status: 'suspended', statusBeforeSuspension: 'certified', suspensionEndsOn: '2026-02-01' }), '2026-01-31', 'suspended'],
    ['suspended, end reached', row({ status: 'suspended', statusBeforeSuspension: 'certified', suspensionEndsOn: '2026-02-01' }), '2026-02-01', 'certified'],
    ['suspended, end reached after the term ran out', row({ status: 'suspended', statusBeforeSuspension: 'certified', suspensionEndsOn: '2029-01-01' }), '2029-01-01', 'lapsed'],
    ['interim suspension has no end', row({ status: 'suspended', statusBeforeSuspension: 'certified' }), '2030-01-01', 'suspended'],
    ['revoked stays revoked', row({ status: 'revoked' }), '2030-01-01', 'revoked'],
  ])('%s', (_, certification, today, status) => {
    expect(certificationSummary(certification, today).status).toBe(status);
  });
});
