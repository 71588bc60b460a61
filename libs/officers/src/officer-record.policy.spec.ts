import { mayReadRestrictedIdentity, OfficerRecordScope } from './officer-record.policy';

const AGENCY = 'agency-a';
const OTHER = 'agency-b';
const employedBy: OfficerRecordScope = { employedBy: AGENCY };

describe('mayReadRestrictedIdentity (12 months after the separation)', () => {
  // prettier-ignore
  it.each([
    ['the commission', { everyOfficer: true }, [], '2030-01-01', true],
    ['nobody else', { noOfficer: true }, [{ agencyId: AGENCY, endDate: null }], '2026-01-01', false],
    ['the employer now', employedBy, [{ agencyId: AGENCY, endDate: null }], '2040-01-01', true],
    ['a former employer the day after', employedBy, [{ agencyId: AGENCY, endDate: '2025-03-31' }], '2025-04-01', true],
    ['a former employer on the anniversary', employedBy, [{ agencyId: AGENCY, endDate: '2025-03-31' }], '2026-03-31', true],
    ['a former employer the day after the anniversary', employedBy, [{ agencyId: AGENCY, endDate: '2025-03-31' }], '2026-04-01', false],
    ['29 February: the anniversary is 28 February', employedBy, [{ agencyId: AGENCY, endDate: '2024-02-29' }], '2025-03-01', false],
    ['the latest of several separations counts', employedBy, [{ agencyId: AGENCY, endDate: '2020-01-01' }, { agencyId: AGENCY, endDate: '2025-12-31' }], '2026-06-01', true],
    ['employed again', employedBy, [{ agencyId: AGENCY, endDate: '2015-01-01' }, { agencyId: AGENCY, endDate: null }], '2026-06-01', true],
    ["another agency's employment does not count", employedBy, [{ agencyId: OTHER, endDate: null }], '2026-06-01', false],
  ] as const)('%s', (_name, scope, employments, today, expected) => {
    expect(mayReadRestrictedIdentity(scope, employments, today)).toBe(expected);
  });
});
