import { addDays } from '@app/core';
import { readFileSync } from 'node:fs';
import { certifyBySql, createOfficer, insertEmployment, officerIdOf } from '../support/factories';
import { ConsoleHarness, createUser, expectAccessible, horizontalOverflow, screenshot, signIn, startConsole, today } from './console-browser';

/**
 * The agency administrator's screens in Chromium: the roster (a certification ending within 60
 * days first, CSV download), a late misconduct report explained, a separation, a webhook whose
 * secret is shown once.
 */
describe('staff console: agency administrator (browser)', () => {
  let h: ConsoleHarness;
  let soonPostId: string;
  let laterPostId: string;

  beforeAll(async () => {
    h = await startConsole({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });
    const { t } = h;
    const agency = await t.createOrganization('agency');
    await createUser(t, agency.id, ['agency_admin'], 'admin@agency.test');
    ({ postId: laterPostId } = await createOfficer(t, { firstName: 'Aaron', lastName: 'Abbott', dateOfBirth: '1985-01-01' }));
    ({ postId: soonPostId } = await createOfficer(t, { firstName: 'Zoe', lastName: 'Zimmer', dateOfBirth: '1986-02-02' }));
    for (const [postId, expiresOn] of [
      [laterPostId, addDays(today(), 700)],
      [soonPostId, addDays(today(), 30)],
    ]) {
      const officerId = await officerIdOf(t, postId);
      await certifyBySql(t, officerId, { issuedOn: addDays(today(), -400), expiresOn });
      await insertEmployment(t, officerId, agency.id, addDays(today(), -300));
    }
    await signIn(h, 'admin@agency.test');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('should show the roster with the certification ending within 60 days first, and download it as CSV', async () => {
    const { page } = h;
    const nav = page.getByRole('navigation', { name: 'Console' });
    await expect(nav.getByRole('link').allInnerTexts()).resolves.toEqual([
      'Hiring check',
      'Past checks',
      'Roster',
      'Misconduct report',
      'Separation',
      'Webhooks',
      'Users and API keys',
    ]);
    await nav.getByRole('link', { name: 'Roster' }).click();
    const rows = page.locator('[data-testid="roster"] tbody tr');
    await rows.first().waitFor();
    await expect(rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-post-id')))).resolves.toEqual([soonPostId, laterPostId]);
    await expect(rows.first().innerText()).resolves.toMatch(/Zoe Zimmer[\s\S]*Certified[\s\S]*in 30 days/);
    await expect(page.locator('[data-testid="roster-summary"]').innerText()).resolves.toBe('2 officers, 1 with a certification ending within 60 days.');
    await expectAccessible(page, 'roster');
    await screenshot(page, 'roster');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as CSV' }).click()]);
    const text = readFileSync(await csv.path(), 'utf8');
    expect(text).toContain(soonPostId);
    expect(text).toContain(laterPostId);

    await page.setViewportSize({ width: 375, height: 800 });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'roster-375');
    await page.setViewportSize({ width: 1100, height: 900 });
    expect(h.problems).toEqual([]);
  });

  it('should file a misconduct report received long ago and explain that it is late', async () => {
    const { page } = h;
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Misconduct report' }).click();
    await page.getByRole('heading', { name: 'Misconduct report', level: 1 }).waitFor();
    await expectAccessible(page, 'misconduct-report');
    // Sent empty first: the registry's field errors appear beside the fields.
    await page.getByRole('button', { name: 'File the report' }).click();
    await page.locator('#report-post-id-error').waitFor();
    await expect(page.locator('#report-post-id').getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(page, 'misconduct-report-errors');
    await screenshot(page, 'misconduct-report-errors');

    await page.getByLabel("Officer's POST ID").fill(laterPostId);
    await page.getByLabel('Date of the incident').fill(addDays(today(), -20));
    await page.getByLabel('Date your agency received the complaint').fill(addDays(today(), -14));
    await page.locator('label[for="report-categories-unprofessional_conduct"]').click();
    await page.getByLabel('Summary').fill('Repeated discourtesy to members of the public.');
    await page.getByLabel("Your agency's finding").selectOption('pending');
    await page.getByRole('button', { name: 'File the report' }).click();
    await expect(page.locator('[data-testid="report-filed"]').innerText()).resolves.toMatch(/It is late: the commission sees it as filed after the deadline\./);
    await screenshot(page, 'misconduct-report-late');
    expect(h.problems).toEqual([]);
  });

  it('should record a separation under investigation', async () => {
    const { page } = h;
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Separation' }).click();
    await page.getByLabel("Officer's POST ID").fill(laterPostId);
    await page.getByRole('button', { name: 'Find the employment' }).click();
    await page.getByLabel('Last day of employment').fill(today());
    await page.getByLabel('How it ended').selectOption('resigned');
    await page.getByLabel('Reason given').fill('Resigned during an internal investigation.');
    await page.locator('label[for="separation-under-investigation"]').click();
    await expectAccessible(page, 'separation');
    await page.getByRole('button', { name: 'Record the separation' }).click();
    await page.getByRole('heading', { name: 'Separation recorded' }).waitFor();
    await screenshot(page, 'separation');
    const { rows } = await h.t.db.query(
      `SELECT e.end_date::text AS end, e.under_investigation FROM employment e JOIN officer o ON o.id = e.officer_id WHERE o.post_id = $1`,
      [laterPostId],
    );
    expect(rows).toEqual([{ end: today(), under_investigation: true }]);
    expect(h.problems).toEqual([]);
  });

  it('should add a webhook and show its signing secret once', async () => {
    const { page } = h;
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.getByText('None yet.').waitFor();
    await page.getByLabel("Receiver's URL").fill('http://127.0.0.1:9/hooks/post');
    await page.getByRole('button', { name: 'Add the webhook' }).click();
    await expect(page.locator('[data-testid="webhook-secret"]').innerText()).resolves.toMatch(/^whsec_/);
    await page.locator('.webhook-url', { hasText: 'http://127.0.0.1:9/hooks/post' }).waitFor();
    await expectAccessible(page, 'webhooks');
    await screenshot(page, 'webhooks');
    expect(h.problems).toEqual([]);
  });
});

describe('staff console: a session that ends mid-form (browser)', () => {
  let h: ConsoleHarness;

  beforeAll(async () => {
    h = await startConsole();
    const agency = await h.t.createOrganization('agency');
    await createUser(h.t, agency.id, ['agency_hiring'], 'clerk@agency.test');
    await createOfficer(h.t, { firstName: 'Pat', lastName: 'Quinlan', dateOfBirth: '1979-09-09' });
    await signIn(h, 'clerk@agency.test');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('should open the sign-in over the screen when the token stops working, and keep what was typed', async () => {
    const { page, t } = h;
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Hiring check' }).click();
    await page.getByLabel('First name').fill('Pat');
    await page.getByLabel('Last name').fill('Quinlan');
    await page.getByLabel('Date of birth', { exact: true }).fill('1979-09-09');

    // Elsewhere, the password changes: every token issued before it stops working (API.md).
    const token = await t.login('clerk@agency.test');
    const changed = await t
      .http()
      .post('/api/v1/me/password')
      .set('Authorization', `Bearer ${token}`)
      .send({ currentPassword: 'a-long-enough-password', newPassword: 'a-brand-new-passphrase-9' });
    expect(changed.status).toBeLessThan(300);

    await page.getByRole('button', { name: 'Check', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Your session ended' });
    await dialog.waitFor();
    await expect(page.locator('[data-testid="problem"]').innerText()).resolves.toMatch(/Your session ended\. Sign in again, then send this again/);
    await expectAccessible(page, 'session-ended');
    await screenshot(page, 'session-ended');
    await expect(dialog.getByLabel('Email').inputValue()).resolves.toBe('clerk@agency.test');
    await dialog.getByLabel('Password').fill('a-brand-new-passphrase-9');
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The form is as it was; sent again, it answers.
    await expect(page.getByLabel('First name').inputValue()).resolves.toBe('Pat');
    await expect(page.getByLabel('Date of birth', { exact: true }).inputValue()).resolves.toBe('1979-09-09');
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(page.locator('#check-results').innerText()).resolves.toBe('1 officer found');
    expect(h.problems).toEqual([]);
  });
});
