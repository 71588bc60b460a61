import { CERTIFICATION_STATUSES, certificationStanding, effectiveStatusSql, notCertifiedState } from '@app/certification';
import type { CertificationState, CertificationStatus } from '@app/certification';
import { startTestApp, TestApp } from '../support/test-app';

const TODAY = '2026-06-15';
const DATES = [null, '2026-06-14', '2026-06-15', '2026-06-16'];
const PRIORS: (CertificationStatus | null)[] = [null, ...CERTIFICATION_STATUSES.filter((s) => s !== 'suspended' && s !== 'revoked')];

/**
 * effectiveStatusSql is the SQL twin of the pure rule (certificationStanding): lists and counts
 * filter by it in the database. Every combination of status, term end, suspension end and the
 * status a suspension hid must read the same in both.
 */
describe('effective certification status in SQL (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('reads every state as the pure rule does, and a missing row as not_certified', async () => {
    const states: CertificationState[] = [];
    for (const status of CERTIFICATION_STATUSES)
      for (const expiresOn of DATES)
        for (const suspensionEndsOn of status === 'suspended' ? DATES : [null])
          for (const statusBeforeSuspension of status === 'suspended' ? PRIORS : [null])
            states.push({ ...notCertifiedState(), status, issuedOn: expiresOn ? '2023-06-01' : null, expiresOn, suspensionEndsOn, statusBeforeSuspension });
    const params = states.flatMap((s) => [s.status, s.expiresOn, s.suspensionEndsOn, s.statusBeforeSuspension]);
    const values = states.map((_, i) => `($${i * 4 + 1}::text, $${i * 4 + 2}::date, $${i * 4 + 3}::date, $${i * 4 + 4}::text, ${i})`).join(', ');
    const { rows } = await t.db.query(
      `SELECT n, ${effectiveStatusSql('c', `DATE '${TODAY}'`)} AS status
         FROM (VALUES ${values}) AS c(status, expires_on, suspension_ends_on, status_before_suspension, n) ORDER BY n`,
      params,
    );
    expect(states.length).toBeGreaterThan(100);
    expect(rows.map((row: { status: string }) => row.status)).toEqual(states.map((state) => certificationStanding(state, null, TODAY).status));
    const missing = await t.db.query(
      `SELECT ${effectiveStatusSql('c', 'current_date')} AS status FROM (SELECT NULL::text AS status, NULL::date AS expires_on, NULL::date AS suspension_ends_on, NULL::text AS status_before_suspension) c`,
    );
    expect(missing.rows[0].status).toBe('not_certified');
  });
});
