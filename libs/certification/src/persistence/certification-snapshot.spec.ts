import { certificationExistedInSnapshot } from './certification.store';

/** The JSON a `standingSnapshotSql` value carries for one certification row (dates as YYYY-MM-DD). */
const row = (status: string, firstCertifiedOn: string | null) => ({
  officer_id: '00000000-0000-4000-8000-000000000001',
  status,
  issued_on: null,
  expires_on: null,
  first_certified_on: firstCertifiedOn,
  admin_suspension_reason: null,
  status_before_suspension: null,
  suspension_case_id: null,
  suspension_ends_on: null,
  status_before_revocation: null,
  revocation_case_id: null,
});

describe('certificationExistedInSnapshot (the public listing test of the certification row)', () => {
  it.each([
    ['no certification row', null, false],
    ['a row never certified (enrolled recruit)', row('not_certified', null), false],
    ['not_certified today but certified once', row('not_certified', '2019-05-01'), true],
    ['certified', row('certified', '2020-01-01'), true],
    ['revoked without a first certification date (imported)', row('revoked', null), true],
    ['relinquished', row('relinquished', '2018-03-01'), true],
  ])('%s', (_label, snapshot, expected) => {
    expect(certificationExistedInSnapshot(snapshot)).toBe(expected);
  });
});
