import { addDays } from '@app/core';
import { readFileSync } from 'node:fs';
import { actAll, caseTokens, certifiedOfficer, openCase } from '../support/case-helpers';
import { createOfficer, insertEmployment, officerIdOf } from '../support/factories';
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer } from '../support/test-app';
import { ConsoleHarness, createUser, expectAccessible, screenshot, signIn, startConsole, today } from './console-browser';

const GROUND = 'unprofessional_conduct_pattern';
const FINDINGS = [{ ground: GROUND, sustained: true }];
const WAIVER = { action: 'record_response', summary: 'Waives the hearing', hearingRequested: false, waivesHearing: true };

/** Whether a canvas has any pixel drawn (a string: this file is type-checked without the DOM library). */
const drawnPixels = (selector: string) => `(() => {
  const canvas = document.querySelector(${JSON.stringify(selector)});
  if (!canvas || !canvas.width || !canvas.height) return 0;
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let drawn = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) drawn++;
  return drawn;
})()`;

/**
 * The commission's dashboard and imports in Chromium. The figures come from records this test
 * made through the API (cases decided and final, hiring checks, an officer who left two agencies
 * while under investigation), so every number in the tables is known; each chart is drawn on its
 * canvas. An officers file with one bad row is uploaded through the screen: its progress reaches
 * done, the rejected row is listed with its field and reason, and rejections.csv downloads.
 */
describe('staff console: commission dashboard and imports (browser)', () => {
  let h: ConsoleHarness;
  let wanderingPostId: string;
  const month = today().slice(0, 7);

  beforeAll(async () => {
    h = await startConsole();
    const { t } = h;
    const tokens = await caseTokens(t);
    const agency = await t.createOrganization('agency');
    const other = await t.createOrganization('agency');
    const agencyAdmin = await t.userToken(agency.id, ['agency_admin']);
    const agencyHiring = await t.userToken(agency.id, ['agency_hiring']);
    await createUser(t, await t.commissionId(), ['commission_investigator'], 'investigator@commission.test');

    // Revoked and final, from a report filed today: 0 days from report to final decision.
    const revoked = await certifiedOfficer(t, agency.id);
    const report = await t
      .http()
      .post('/api/v1/misconduct-reports')
      .set(bearer(agencyAdmin))
      .send({
        postId: revoked.postId,
        incidentDate: today(),
        receivedOn: today(),
        categories: ['excessive_force'],
        summary: 'Force.',
        agencyFinding: 'sustained',
      });
    expect(report.status).toBe(201);
    const revocation = await openCase(t, tokens.investigator, { postId: revoked.postId, reportIds: [report.body.id] });
    await actAll(t, revocation.id, [
      [tokens.investigator, { action: 'issue_notice', proposedSanction: 'revoke', responseDueOn: addDays(today(), 14) }],
      [tokens.investigator, WAIVER],
      [tokens.adjudicator, { action: 'decide', sanction: 'revoke', findings: FINDINGS, reasoning: 'Proved' }],
      [tokens.adjudicator, { action: 'finalize', appealWaived: true }],
    ]);
    // Reprimanded, not yet final.
    const reprimanded = await certifiedOfficer(t, agency.id);
    const reprimand = await openCase(t, tokens.investigator, { postId: reprimanded.postId });
    await actAll(t, reprimand.id, [
      [tokens.investigator, { action: 'issue_notice', proposedSanction: 'reprimand', responseDueOn: addDays(today(), 14) }],
      [tokens.investigator, WAIVER],
      [tokens.adjudicator, { action: 'decide', sanction: 'reprimand', findings: FINDINGS, reasoning: 'Proved' }],
    ]);
    // Open.
    const clean = await certifiedOfficer(t, agency.id);
    await openCase(t, tokens.investigator, { postId: clean.postId });

    // Three checks this month: the revoked officer (not hireable), a certified one, an unknown POST ID.
    for (const postId of [revoked.postId, clean.postId, 'MA-999999']) {
      const check = await t.http().post('/api/v1/hiring-checks').set(bearer(agencyHiring)).send({ postId });
      expect(check.status).toBe(201);
    }

    // Left two agencies while under investigation (never certified).
    ({ postId: wanderingPostId } = await createOfficer(t, { firstName: 'Wanda', lastName: 'Rover', dateOfBirth: '1984-08-08' }));
    const wanderingId = await officerIdOf(t, wanderingPostId);
    for (const agencyId of [agency.id, other.id]) {
      await insertEmployment(t, wanderingId, agencyId, '2020-01-01');
      await t.db.query(
        `UPDATE employment SET end_date = '2021-01-01', separation_nature = 'resigned', separation_reason = 'left', under_investigation = true
          WHERE officer_id = $1 AND agency_id = $2`,
        [wanderingId, agencyId],
      );
    }
  });

  afterAll(async () => {
    await h?.close();
  });

  /** Each row's cells' text (the rows typed by hand: this file is type-checked without the DOM library). */
  type Row = { children: ArrayLike<{ textContent: string | null }> };
  const cells = (selector: string) =>
    h.page
      .locator(selector)
      .evaluateAll((rows) => (rows as unknown as Row[]).map((row) => Array.from(row.children).map((cell) => (cell.textContent ?? '').trim())));

  it('should draw the figures the registry holds, each chart with its table of the same numbers', async () => {
    const { page } = h;
    await signIn(h, ADMIN_EMAIL, ADMIN_PASSWORD);
    const nav = page.getByRole('navigation', { name: 'Console' });
    await expect(nav.getByRole('link').allInnerTexts()).resolves.toEqual(expect.arrayContaining(['Dashboard', 'Imports']));
    await nav.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await page.locator('[data-testid="cases-by-status-table"]').waitFor();

    await expect(cells('[data-testid="cases-by-status-table"] tbody tr')).resolves.toEqual([
      ['Open', '1'],
      ['Notice issued', '0'],
      ['Hearing scheduled', '0'],
      ['Heard', '0'],
      ['Decided', '1'],
      ['Appealed', '0'],
      ['Final', '1'],
      ['Reversed', '0'],
      ['Dismissed', '0'],
    ]);
    await expect(cells('[data-testid="certifications-by-status-table"] tbody tr')).resolves.toEqual([
      ['Not certified', '1'],
      ['Certified', '2'],
      ['Administrative suspension', '0'],
      ['Suspended', '0'],
      ['Decertified', '1'],
      ['Not certified (lapsed)', '0'],
      ['Not certified (excused leave)', '0'],
      ['Relinquished', '0'],
    ]);
    // The default range: twelve months, this one last.
    const decisions = await cells('[data-testid="decisions-by-month-table"] tbody tr');
    expect(decisions).toHaveLength(12);
    expect(decisions.slice(0, 11).every((row) => row.slice(1).every((n) => n === '0'))).toBe(true);
    expect(decisions[11].slice(1)).toEqual(['1', '0', '0', '1', '0']);
    await expect(page.locator('[data-testid="decisions-by-month-table"] thead th').allInnerTexts()).resolves.toEqual([
      'Month',
      'Revocation',
      'Suspension',
      'Retraining',
      'Reprimand',
      'No action',
    ]);
    const checks = await cells('[data-testid="hiring-checks-table"] tbody tr');
    expect(checks).toHaveLength(12);
    expect(checks[11].slice(1)).toEqual(['3', '2', '1', '33%']);
    expect(checks[0].slice(1)).toEqual(['0', '0', '0', 'no checks']);
    await expect(page.locator('[data-testid="median-days"]').innerText()).resolves.toBe('0 days');

    await expect(cells('[data-testid="wandering-officers"] tbody tr')).resolves.toEqual([[wanderingPostId, 'Wanda Rover', '2']]);
    await expect(page.locator('[data-testid="wandering-officers"] a').getAttribute('href')).resolves.toBe(`#/commission/officers/${wanderingPostId}`);

    for (const chart of ['cases-by-status', 'certifications-by-status', 'decisions-by-month', 'hiring-checks']) {
      const canvas = page.locator(`canvas[data-chart="${chart}"]`);
      await expect(canvas.getAttribute('role')).resolves.toBe('img');
      await expect(canvas.getAttribute('aria-label')).resolves.toBeTruthy();
      // Chart.js is a chunk of its own, fetched when the first chart is drawn: wait for the pixels.
      let drawn = 0;
      for (let tries = 0; tries < 50 && drawn <= 100; tries++) {
        drawn = await page.evaluate<number>(drawnPixels(`canvas[data-chart="${chart}"]`));
        if (drawn <= 100) await page.waitForTimeout(200);
      }
      expect(drawn).toBeGreaterThan(100);
    }
    await expectAccessible(page, 'commission-dashboard');
    await screenshot(page, 'commission-dashboard');
    expect(h.problems).toEqual([]);
  });

  it('should narrow the monthly figures to the range asked for, and refuse a range that ends before it starts', async () => {
    const { page } = h;
    await page.locator('#range-from').fill(`${month}-01`);
    await page.locator('#range-to').fill(today());
    await page.getByRole('button', { name: 'Show' }).click();
    // The second row goes when the one-month figures arrive (no waitForFunction: the CSP forbids its eval).
    await page.locator('[data-testid="decisions-by-month-table"] tbody tr').nth(1).waitFor({ state: 'detached' });
    await expect(cells('[data-testid="decisions-by-month-table"] tbody tr')).resolves.toEqual([[expect.any(String), '1', '0', '0', '1', '0']]);
    await expect(cells('[data-testid="hiring-checks-table"] tbody tr')).resolves.toEqual([[expect.any(String), '3', '2', '1', '33%']]);

    await page.locator('#range-from').fill(today());
    await page.locator('#range-to').fill('2020-01-01');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page.locator('[data-testid="problem"]').innerText()).resolves.toContain('from must be on or before to');
    await expectAccessible(page, 'commission-dashboard-refused');
  });

  it('should upload an officers file, follow its progress to done, and list the rejected row with its field and reason', async () => {
    const { page } = h;
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Imports' }).click();
    await page.getByRole('heading', { name: 'Imports', level: 1 }).waitFor();
    await expectAccessible(page, 'commission-imports');

    const csv = [
      'sourceId,firstName,lastName,dateOfBirth',
      'LEGACY-1,Alice,Walker,1980-01-01',
      'LEGACY-2,Bob,Stone,not-a-date',
      'LEGACY-3,Wanda,Rover,1984-08-08',
    ].join('\n');
    await page.getByLabel('What the file holds').selectOption('officers');
    await page.setInputFiles('#import-file', { name: 'legacy-officers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    // A real run: the dry-run box starts ticked.
    await page.locator('label[for="import-dry-run"]').click();
    await page.getByRole('button', { name: 'Upload', exact: true }).click();

    await page.locator('[data-testid="import-status"][data-status="succeeded"]').waitFor({ timeout: 60_000 });
    await expect(page.locator('#import-progress').getAttribute('value')).resolves.toBe('3');
    await expect(page.locator('#import-progress').getAttribute('max')).resolves.toBe('3');
    await expect(page.locator('[data-testid="import-summary"]').innerText()).resolves.toBe(
      '2 rows stored, 0 rows already recorded, 1 row rejected, 1 likely duplicate.',
    );
    const rejected = await cells('[data-testid="import-rejections"] tbody tr');
    expect(rejected).toHaveLength(1);
    expect(rejected[0].slice(0, 3)).toEqual(['2', 'LEGACY-2', 'dateOfBirth']);
    expect(rejected[0][3]).toBeTruthy();
    const flags = await cells('[data-testid="import-flags"] tbody tr');
    expect(flags).toHaveLength(1);
    expect(flags[0][0]).toBe('3');
    expect(flags[0][1]).toBe('LEGACY-3');
    expect(flags[0][3]).toContain(wanderingPostId);
    await expectAccessible(page, 'commission-import');
    await screenshot(page, 'commission-import');

    const [rejections] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /rejections\.csv/ }).click()]);
    const rejectionsCsv = readFileSync(await rejections.path(), 'utf8').split('\n');
    expect(rejectionsCsv[0]).toBe('row,sourceId,field,reason,message');
    expect(rejectionsCsv[1]).toMatch(/^2,LEGACY-2,dateOfBirth,/);
    const [officers] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /officers\.csv/ }).click()]);
    const officersCsv = readFileSync(await officers.path(), 'utf8')
      .trim()
      .split('\n');
    expect(officersCsv[0]).toBe('sourceId,postId');
    expect(
      officersCsv
        .slice(1)
        .map((line) => line.split(',')[0])
        .sort(),
    ).toEqual(['LEGACY-1', 'LEGACY-3']);

    const { rows } = await h.t.db.query(`SELECT count(*)::int AS n FROM officer WHERE last_name IN ('Walker', 'Stone')`);
    expect(rows[0].n).toBe(1);

    await page.getByRole('link', { name: 'All imports' }).click();
    await page.locator('[data-testid="imports"] tbody tr').first().waitFor();
    await expect(cells('[data-testid="imports"] tbody tr')).resolves.toEqual([[expect.any(String), 'Officers', 'Done', '3', '2', '0', '1', '1']]);
    expect(h.problems).toEqual([]);
  });

  it('should refuse a file whose header does not fit the kind, say why in words, and keep nothing', async () => {
    const { page } = h;
    const before = (await h.t.db.query(`SELECT count(*)::int AS n FROM data_import`)).rows[0].n as number;
    await page.getByLabel('What the file holds').selectOption('employments');
    await expect(page.locator('[data-testid="import-fields"]').innerText()).resolves.toContain('agencyCode');
    await page.setInputFiles('#import-file', { name: 'wrong.csv', mimeType: 'text/csv', buffer: Buffer.from('name,badge\nAlice,1\n') });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    const problem = page.locator('[data-testid="problem"]');
    await expect(problem.innerText()).resolves.toContain('Nothing was stored.');
    await expect(problem.innerText()).resolves.toContain('unknown column "name" for kind employments');
    await expectAccessible(page, 'commission-import-refused');
    await expect(h.t.db.query(`SELECT count(*)::int AS n FROM data_import`).then((r) => r.rows[0].n)).resolves.toBe(before);
    // Still on the list: no import was made to go to.
    await expect(page.getByRole('heading', { name: 'Imports', level: 1 }).isVisible()).resolves.toBe(true);
  });

  it('should show the investigator the dashboard, and not the imports', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(h, 'investigator@commission.test');
    const links = await page.getByRole('navigation', { name: 'Console' }).getByRole('link').allInnerTexts();
    expect(links).toContain('Dashboard');
    expect(links).not.toContain('Imports');
  });
});
