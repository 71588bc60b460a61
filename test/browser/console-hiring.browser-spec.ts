import { addDays } from '@app/core';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { actAll, caseTokens, openCase } from '../support/case-helpers';
import { certifyBySql, createOfficer, officerIdOf } from '../support/factories';
import { totpCode, USER_PASSWORD } from '../support/test-app';
import { ConsoleHarness, createUser, expectAccessible, horizontalOverflow, OUTPUT, screenshot, startConsole, today } from './console-browser';

const STEP_MS = 30_000;

/**
 * The staff console's sign-in and hiring screens in Chromium: an agency administrator enrols a
 * second factor at first sign-in and signs in with a TOTP code, checks a misspelled name that
 * finds a decertified officer (the hire refused in words), records a hire from a clean check, and
 * does a check by keyboard alone on a phone-sized screen.
 */
describe('staff console: sign-in and hiring (browser)', () => {
  let h: ConsoleHarness;
  let revokedPostId: string;
  let cleanPostId: string;
  const adminEmail = 'chief@agency.test';

  beforeAll(async () => {
    // The agency administrator must have a second factor (MFA_REQUIRED_ROLES), as in production.
    h = await startConsole({ MFA_REQUIRED_ROLES: 'agency_admin' });
    await seed(h);
  });

  async function seed({ t }: ConsoleHarness) {
    const agency = await t.createOrganization('agency');
    await createUser(t, agency.id, ['agency_admin'], adminEmail);

    // Decertified through a real case, so the answer carries the date and the case number.
    const tokens = await caseTokens(t);
    ({ postId: revokedPostId } = await createOfficer(t, { firstName: 'Katherine', lastName: 'Donnelly', dateOfBirth: '1988-04-12' }));
    await certifyBySql(t, await officerIdOf(t, revokedPostId));
    const revocation = await openCase(t, tokens.investigator, { postId: revokedPostId, summary: 'Pattern of complaints' });
    await actAll(t, revocation.id, [
      [tokens.investigator, { action: 'issue_notice', proposedSanction: 'revoke', responseDueOn: addDays(today(), 14) }],
      [tokens.investigator, { action: 'record_response', summary: 'Waives the hearing', hearingRequested: false, waivesHearing: true }],
      [
        tokens.adjudicator,
        { action: 'decide', sanction: 'revoke', findings: [{ ground: 'unprofessional_conduct_pattern', sustained: true }], reasoning: 'Pattern shown' },
      ],
      [tokens.adjudicator, { action: 'finalize', appealWaived: true }],
    ]);

    ({ postId: cleanPostId } = await createOfficer(t, { firstName: 'Marcus', lastName: 'Whitfield', dateOfBirth: '1990-07-01' }));
    await certifyBySql(t, await officerIdOf(t, cleanPostId), { issuedOn: addDays(today(), -400), expiresOn: addDays(today(), 700) });
  }

  afterAll(async () => {
    await h?.close();
  });

  it('should enrol a second factor at first sign-in, show the recovery codes once, then sign in with a TOTP code', async () => {
    const { page } = h;
    await page.goto(`${h.baseUrl}/console/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expectAccessible(page, 'sign-in');
    await screenshot(page, 'sign-in');

    await page.getByLabel('Email').fill(adminEmail);
    await page.getByLabel('Password').fill(USER_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('heading', { name: 'Set up your second factor' }).waitFor();
    await page.locator('img.totp-qr').waitFor();
    const qr = await page.locator('img.totp-qr').getAttribute('src');
    expect(qr).toMatch(/^data:image\/png;base64,/);
    const secret = (await page.locator('.totp-secret').innerText()).replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await expectAccessible(page, 'enrolment');
    await screenshot(page, 'enrolment');

    const confirmedAt = Date.now();
    await page.getByLabel('Six-digit code').fill(totpCode(secret, new Date(confirmedAt)));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('heading', { name: 'Keep your recovery codes' }).waitFor();
    const codes = await page.locator('.recovery-codes li').allInnerTexts();
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code.trim()).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    await expectAccessible(page, 'recovery-codes');
    await screenshot(page, 'recovery-codes');

    // Continue stays off until the user says the codes are kept.
    await expect(page.getByRole('button', { name: 'Continue to sign in' }).isDisabled()).resolves.toBe(true);
    // USWDS draws its own box over the visually hidden input: click the label, as a person does.
    await page.locator('label[for="codes-saved"]').click();
    await page.getByRole('button', { name: 'Continue to sign in' }).click();

    await page.getByText('Your authenticator app is set up.').waitFor();
    await page.getByLabel('Email').fill(adminEmail);
    await page.getByLabel('Password').fill(USER_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Code', { exact: true }).waitFor();
    await expectAccessible(page, 'sign-in-code');
    // The step after the one the confirmation used (a used step is refused), within the ±1 window.
    const step = Math.max(Math.floor(confirmedAt / STEP_MS) + 1, Math.floor(Date.now() / STEP_MS) - 1);
    await page.getByLabel('Code', { exact: true }).fill(totpCode(secret, new Date(step * STEP_MS)));
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Console' });
    await expect(nav.getByRole('link').allInnerTexts()).resolves.toEqual(expect.arrayContaining(['Hiring check', 'Past checks']));
    await expectAccessible(page, 'home');
    await screenshot(page, 'home');
    expect(h.problems).toEqual([]);
  });

  it('should find a decertified officer under a misspelled name and show the hire refused in words', async () => {
    const { page } = h;
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Hiring check' }).click();
    await page.getByRole('heading', { name: 'Hiring check', level: 1 }).waitFor();
    await expect(page.title()).resolves.toBe('Hiring check – Staff console – POST Registry');
    await expectAccessible(page, 'hiring-check-form');

    await page.getByLabel('First name').fill('Kathryn');
    await page.getByLabel('Last name').fill('Donelly');
    await page.getByLabel('Date of birth', { exact: true }).fill('1988-04-12');
    await page.getByRole('button', { name: 'Check', exact: true }).click();

    const card = page.locator(`.match-card[data-post-id="${revokedPostId}"]`);
    await card.waitFor();
    await expect(page.locator('#check-results').innerText()).resolves.toBe('1 officer found');
    await expect(card.locator('.status-badge').innerText()).resolves.toBe('Decertified');
    await expect(card.locator('.match-card__score').innerText()).resolves.toMatch(/^Match \d+%: .*misspelling/);
    const verdict = await card.locator('[data-hireable="false"]').innerText();
    expect(verdict).toMatch(/May not be hired\./);
    expect(verdict).toMatch(/Decertified since \w{3} \d{1,2}, \d{4} \(case [^)]+\): may not be employed by any law enforcement agency in any capacity\./);

    await card.getByRole('button', { name: 'Record the hire' }).click();
    await card.getByLabel('Position').fill('Patrol Officer');
    await card.getByRole('button', { name: 'Record the hire' }).click();
    const refusal = card.locator('[data-testid="hire-refused"]');
    await refusal.waitFor();
    await expect(refusal.innerText()).resolves.toMatch(
      /The registry refused the hire[\s\S]*Decertified since .*may not be employed by any law enforcement agency/,
    );
    await expectAccessible(page, 'hiring-check-refused');
    await screenshot(page, 'hiring-check-revoked');
    expect(h.problems).toEqual([]);
  });

  it('should record a hire from a clean check', async () => {
    const { page } = h;
    await page.getByLabel('First name').fill('Marcus');
    await page.getByLabel('Last name').fill('Whitfield');
    await page.getByLabel('Date of birth', { exact: true }).fill('1990-07-01');
    await page.getByRole('button', { name: 'Check', exact: true }).click();

    const card = page.locator(`.match-card[data-post-id="${cleanPostId}"]`);
    await card.waitFor();
    await expect(card.locator('[data-hireable="true"]').innerText()).resolves.toMatch(/May be hired/);
    await expect(card.locator('.status-badge').innerText()).resolves.toBe('Certified');
    await card.getByRole('button', { name: 'Record the hire' }).click();
    await expect(card.getByLabel('Start date').inputValue()).resolves.toBe(today());
    await card.getByLabel('Position').fill('Patrol Officer');
    await card.getByRole('button', { name: 'Record the hire' }).click();
    await card.getByRole('heading', { name: 'Hire recorded' }).waitFor();
    await screenshot(page, 'hire-recorded');

    const { rows } = await h.t.db.query(
      `SELECT e.position, e.start_date::text AS start FROM employment e JOIN officer o ON o.id = e.officer_id WHERE o.post_id = $1`,
      [cleanPostId],
    );
    expect(rows).toEqual([{ position: 'Patrol Officer', start: today() }]);

    // The agency's past checks list both, newest first.
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Past checks' }).click();
    const rowsShown = page.locator('table tbody tr');
    await rowsShown.first().waitFor();
    await expect(rowsShown.allInnerTexts()).resolves.toEqual([expect.stringMatching(/Marcus Whitfield/), expect.stringMatching(/Kathryn Donelly/)]);
    await expectAccessible(page, 'past-checks');
    await screenshot(page, 'past-checks');
    expect(h.problems).toEqual([]);
  });

  it('should run a check by keyboard alone on a 375 px wide screen', async () => {
    const { page } = h;
    await page.setViewportSize({ width: 375, height: 800 });
    // A fresh load (the session survives it, in sessionStorage), so focus starts at the top.
    await page.goto('about:blank');
    await page.goto(`${h.baseUrl}/console/#/hiring/check`);
    await page.getByRole('heading', { name: 'Hiring check', level: 1 }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // A new screen puts the focus on its heading; from there, Tab through the form.
    await expect(page.evaluate<string>('document.activeElement.tagName')).resolves.toBe('H1');
    const focusedId = () => page.evaluate<string>('document.activeElement.id');
    await tabUntil(page, focusedId, 'first-name');
    await page.keyboard.type('Katherine');
    await page.keyboard.press('Tab');
    await expect(focusedId()).resolves.toBe('last-name');
    await page.keyboard.type('Donnelly');
    await page.keyboard.press('Tab');
    await expect(focusedId()).resolves.toBe('date-of-birth');
    await page.keyboard.type('04121988');
    await page.keyboard.press('Enter');

    await page.locator(`.match-card[data-post-id="${revokedPostId}"]`).waitFor();
    // The answer takes the focus, so the next Tab starts there.
    await expect(focusedId()).resolves.toBe('check-results');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'hiring-check-375');
    await screenshot(page, 'hiring-check-375');
    const shot = join(OUTPUT, 'console-hiring-check-375.png');
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    expect(h.problems).toEqual([]);
  });
});

async function tabUntil(page: ConsoleHarness['page'], focusedId: () => Promise<string>, id: string): Promise<void> {
  for (let presses = 0; presses < 15; presses++) {
    if ((await focusedId()) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached #${id}`);
}
