import type { HireabilityVerdict } from '@app/certification';
import { EmploymentFact, hiringMatch, hiringReasons, hiringWarnings } from './hiring-answer';

const verdict = (overrides: Partial<HireabilityVerdict> = {}): HireabilityVerdict => ({
  status: 'certified',
  hireable: true,
  issuedOn: '2025-01-02',
  expiresOn: '2028-01-01',
  firstCertifiedOn: '2025-01-02',
  reasons: [],
  previouslyRelinquished: false,
  ...overrides,
});
const employment = (overrides: Partial<EmploymentFact> = {}): EmploymentFact => ({
  agency: 'Springfield PD',
  startDate: '2020-01-01',
  endDate: null,
  separationNature: null,
  underInvestigation: null,
  ...overrides,
});
const none = { openCases: 0, sustainedFindings: 0 };

describe('hiringReasons (DOMAIN.md "Hiring checks": reasons with date and case number)', () => {
  it('names the case by its number, never by its internal id', () => {
    const reasons = hiringReasons(
      verdict({ hireable: false, status: 'revoked', reasons: [{ code: 'revoked', since: '2026-03-10', caseId: 'case-uuid' }] }),
      new Map([['case-uuid', '2026-000007']]),
    );
    expect(reasons).toEqual([{ code: 'revoked', since: '2026-03-10', caseNumber: '2026-000007' }]);
  });

  it('names a suspension’s case only when the policy disclosed it (a decided suspension), never an interim one’s', () => {
    const suspended = verdict({ reasons: [{ code: 'suspended', since: '2026-03-01', endsOn: '2026-06-01', caseId: 'case-uuid' }] });
    expect(hiringReasons(suspended, new Map([['case-uuid', '2026-000008']]))).toEqual([
      { code: 'suspended', since: '2026-03-01', endsOn: '2026-06-01', caseNumber: '2026-000008' },
    ]);
    expect(hiringReasons(suspended, new Map())).toEqual([{ code: 'suspended', since: '2026-03-01', endsOn: '2026-06-01' }]);
  });

  it('keeps an interim suspension open-ended (endsOn null) and drops an unknown case', () => {
    const reasons = hiringReasons(verdict({ reasons: [{ code: 'suspended', since: '2026-03-01', endsOn: null, caseId: 'gone' }] }), new Map());
    expect(reasons).toEqual([{ code: 'suspended', since: '2026-03-01', endsOn: null }]);
  });

  it.each(['not_certified', 'lapsed', 'inactive', 'admin_suspended', 'relinquished'] as const)('%s passes through', (code) => {
    expect(hiringReasons(verdict({ reasons: [{ code }] }), new Map())).toEqual([{ code }]);
  });
});

describe('hiringWarnings', () => {
  it('is empty for a clean record', () => {
    expect(hiringWarnings(verdict(), none, [employment()])).toEqual([]);
  });

  it('lists open cases as a count, every separation under investigation, sustained findings and a past relinquishment', () => {
    const warnings = hiringWarnings(verdict({ previouslyRelinquished: true }), { openCases: 2, sustainedFindings: 3 }, [
      employment({ agency: 'A PD', endDate: '2021-05-01', separationNature: 'resigned', underInvestigation: true }),
      employment({ agency: 'B PD', endDate: '2022-05-01', separationNature: 'retired', underInvestigation: false }),
      employment({ agency: 'C PD', endDate: '2024-05-01', separationNature: 'terminated', underInvestigation: true }),
    ]);
    expect(warnings).toEqual([
      { code: 'open_case', count: 2 },
      { code: 'separated_under_investigation', agency: 'A PD', date: '2021-05-01' },
      { code: 'separated_under_investigation', agency: 'C PD', date: '2024-05-01' },
      { code: 'sustained_findings', count: 3 },
      { code: 'previously_relinquished' },
    ]);
  });

  it.each<[string, { postId: string; certificationStatus: 'revoked' | 'certified' }[], object[]]>([
    ['no other record', [], []],
    [
      'a revoked record with the same date of birth and a similar name (issue 21: a clean second record must not hide it)',
      [{ postId: 'MA-000001', certificationStatus: 'revoked' }],
      [{ code: 'possible_duplicate_identity', postId: 'MA-000001', certificationStatus: 'revoked' }],
    ],
    [
      'every such record, in the order given',
      [
        { postId: 'MA-000001', certificationStatus: 'revoked' },
        { postId: 'MA-000003', certificationStatus: 'certified' },
      ],
      [
        { code: 'possible_duplicate_identity', postId: 'MA-000001', certificationStatus: 'revoked' },
        { code: 'possible_duplicate_identity', postId: 'MA-000003', certificationStatus: 'certified' },
      ],
    ],
  ])('possible_duplicate_identity: %s', (_, others, expected) => {
    expect(hiringWarnings(verdict(), none, [employment()], others)).toEqual(expected);
  });
});

describe('hiringMatch', () => {
  it('shows the separation nature but nothing of its reason or notes', () => {
    const match = hiringMatch({
      postId: 'MA-000001',
      name: 'Jan Kowalczyk',
      matchScore: 0.894,
      matchReasons: ['misspelling'],
      verdict: verdict(),
      discipline: none,
      employments: [
        employment({ endDate: '2021-01-01', separationNature: 'resigned', underInvestigation: false }),
        employment({ agency: 'B PD', startDate: '2022-01-01' }),
      ],
      caseNumbers: new Map(),
    });
    expect(match).toEqual({
      postId: 'MA-000001',
      name: 'Jan Kowalczyk',
      matchScore: 0.894,
      matchReasons: ['misspelling'],
      certificationStatus: 'certified',
      hireable: true,
      reasons: [],
      warnings: [],
      openCases: 0,
      employmentHistory: [
        { agency: 'Springfield PD', startDate: '2020-01-01', endDate: '2021-01-01', separationNature: 'resigned' },
        { agency: 'B PD', startDate: '2022-01-01', endDate: null },
      ],
    });
  });
});
