import { agencyAt, buildPublicOfficerRecord, DisciplineFacts, publicCertificationStatus } from './public-record';

const none: DisciplineFacts = { finalActions: [], pendingDecision: false };
const revocation = { type: 'revocation' as const, effectiveOn: '2025-06-01', endsOn: null, groundCategory: 'criminal_conduct' };
const suspension = { type: 'suspension' as const, effectiveOn: '2018-02-01', endsOn: '2018-03-03', groundCategory: 'unprofessional_conduct' };

describe('public certification status (555 CMR 8.06(3))', () => {
  it.each(['certified', 'lapsed', 'suspended', 'revoked', 'not_certified', 'relinquished'] as const)(
    'should show %s as it is when no decision is pending',
    (status) => {
      expect(publicCertificationStatus({ status }, none)).toBe(status);
    },
  );

  it('should read under_review while a decided action is not final, even over a suspension or revocation it imposed', () => {
    expect(publicCertificationStatus({ status: 'certified' }, { finalActions: [], pendingDecision: true })).toBe('under_review');
    expect(publicCertificationStatus({ status: 'revoked' }, { finalActions: [suspension], pendingDecision: true })).toBe('under_review');
  });

  it('should keep a final revocation visible whatever else is pending', () => {
    expect(publicCertificationStatus({ status: 'revoked' }, { finalActions: [revocation], pendingDecision: true })).toBe('revoked');
  });
});

describe('agency named on an order', () => {
  const agencies = [
    { name: 'Old PD', startDate: '2010-01-01', endDate: '2015-01-01' },
    { name: 'New PD', startDate: '2016-01-01', endDate: null },
    { name: 'Part-time PD', startDate: '2018-01-01', endDate: '2019-01-01' },
  ];

  it('should pick the employment running on the date, the most recent start first', () => {
    expect(agencyAt(agencies, '2012-05-05')).toBe('Old PD');
    expect(agencyAt(agencies, '2018-06-01')).toBe('Part-time PD');
    expect(agencyAt(agencies, '2020-01-01')).toBe('New PD');
  });

  it('should fall back to the last agency before the date, and to none before any employment', () => {
    expect(agencyAt(agencies, '2015-06-01')).toBe('Old PD');
    expect(agencyAt(agencies, '2015-01-01')).toBe('Old PD'); // the end date is the first day not employed
    expect(agencyAt(agencies, '2000-01-01')).toBeNull();
    expect(agencyAt([], '2020-01-01')).toBeNull();
  });
});

describe('public officer record', () => {
  it('should list agencies oldest first, actions oldest first with their agency, and only whitelisted fields', () => {
    const record = buildPublicOfficerRecord({
      postId: 'MA-000042',
      name: 'Jane Q. Public',
      certification: { status: 'revoked', firstCertifiedOn: '2012-03-01', issuedOn: '2024-03-01', renewedOn: null },
      discipline: { finalActions: [revocation, suspension], pendingDecision: false, ...{ openCases: 3, caseNumber: 'x' } },
      agencies: [
        { name: 'B PD', startDate: '2020-01-01', endDate: null, ...{ separationNotes: 'restricted' } },
        { name: 'A PD', startDate: '2011-01-01', endDate: '2019-12-31' },
      ],
    });
    expect(record).toEqual({
      postId: 'MA-000042',
      name: 'Jane Q. Public',
      certificationStatus: 'revoked',
      firstCertifiedOn: '2012-03-01',
      lastCertifiedOn: '2024-03-01',
      agencies: [
        { name: 'A PD', startDate: '2011-01-01', endDate: '2019-12-31' },
        { name: 'B PD', startDate: '2020-01-01', endDate: null },
      ],
      publicActions: [
        { ...suspension, agency: 'A PD' },
        { ...revocation, agency: 'B PD' },
      ],
    });
  });

  it('should show no certification dates for an officer never certified', () => {
    const record = buildPublicOfficerRecord({
      postId: 'MA-000043',
      name: 'Never Certified',
      certification: { status: 'not_certified', firstCertifiedOn: null, issuedOn: null, renewedOn: null },
      discipline: none,
      agencies: [],
    });
    expect(record).toMatchObject({ certificationStatus: 'not_certified', firstCertifiedOn: null, lastCertifiedOn: null, agencies: [], publicActions: [] });
  });

  it.each([
    ['the current term began on issuedOn', { issuedOn: '2025-11-01', renewedOn: null }, '2025-11-01'],
    [
      'renewed early: the term to come begins later; the renewal is the latest certification',
      { issuedOn: '2028-11-01', renewedOn: '2026-06-01' },
      '2026-06-01',
    ],
    ['a certification row without a term (a recorded status only)', { issuedOn: null, renewedOn: null }, '2019-04-02'],
  ])('should date "most recently certified" by %s', (_, term, expected) => {
    const record = buildPublicOfficerRecord({
      postId: 'MA-000044',
      name: 'Renewed Officer',
      certification: { status: 'certified', firstCertifiedOn: '2019-04-02', ...term },
      discipline: none,
      agencies: [],
    });
    expect(record.lastCertifiedOn).toBe(expected);
  });
});
