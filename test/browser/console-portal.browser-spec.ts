import { addDays } from '@app/core';
import { actAll, caseTokens, openCase } from '../support/case-helpers';
import { certifyBySql, createOfficer, insertEmployment, officerIdOf } from '../support/factories';
import { bearer } from '../support/test-app';
import { ConsoleHarness, createUser, expectAccessible, screenshot, signIn, startConsole, today } from './console-browser';

const OFFICER_EMAIL = 'dana.reyes@example.test';
const OFFICER_PASSWORD = 'my-own-portal-password';

/**
 * The officers' portal in Chromium (issue 23 item 4): the agency administrator invites an officer
 * from the roster and gets the activation link once; the officer opens it, sets a password, signs
 * in, reads the record, answers a case's notice (a second case whose window closed is refused in
 * words) and disputes a misconduct report, then sees the dispute open.
 */
describe("staff console: officers' portal (browser)", () => {
  let h: ConsoleHarness;
  let postId: string;
  let reportId: string;
  let openCaseNumber: string;
  let closingCase: { id: string; caseNumber: string };
  let activationUrl: string;
  let chiefId: string;

  beforeAll(async () => {
    h = await startConsole();
    const { t } = h;
    const agency = await t.createOrganization('agency');
    ({ id: chiefId } = await createUser(t, agency.id, ['agency_admin'], 'chief@portal-agency.test'));
    const agencyAdmin = await t.login('chief@portal-agency.test');
    ({ postId } = await createOfficer(t, { firstName: 'Dana', lastName: 'Reyes', dateOfBirth: '1987-06-15' }));
    const officerId = await officerIdOf(t, postId);
    await certifyBySql(t, officerId, { issuedOn: addDays(today(), -400), expiresOn: addDays(today(), 700) });
    await insertEmployment(t, officerId, agency.id, addDays(today(), -300));

    const report = await t
      .http()
      .post('/api/v1/misconduct-reports')
      .set(bearer(agencyAdmin))
      .send({
        postId,
        incidentDate: addDays(today(), -3),
        receivedOn: today(),
        categories: ['unprofessional_conduct'],
        summary: 'Rude to a member of the public at a traffic stop.',
        agencyFinding: 'sustained',
      });
    if (report.status !== 201) throw new Error(`report failed: ${report.status} ${JSON.stringify(report.body)}`);
    reportId = report.body.id;

    const tokens = await caseTokens(t);
    const notice = { action: 'issue_notice', proposedSanction: 'reprimand', responseDueOn: addDays(today(), 14) };
    const answered = await openCase(t, tokens.investigator, { postId, reportIds: [reportId], summary: 'Conduct at a traffic stop' });
    await actAll(t, answered.id, [[tokens.investigator, notice]]);
    openCaseNumber = answered.caseNumber;
    closingCase = await openCase(t, tokens.investigator, { postId, summary: 'Earlier complaints' });
    await actAll(t, closingCase.id, [[tokens.investigator, notice]]);
  });

  afterAll(async () => {
    await h?.close();
  });

  const nav = () => h.page.getByRole('navigation', { name: 'Console' });

  it('should let the agency administrator invite the officer from the roster and show the activation link once, with a copy button', async () => {
    const { page } = h;
    await signIn(h, 'chief@portal-agency.test');
    await nav().getByRole('link', { name: 'Roster' }).click();
    await page.getByRole('button', { name: 'Invite Dana Reyes to the portal' }).click();
    await page.getByRole('heading', { name: `Invite Dana Reyes (${postId}) to the portal` }).waitFor();
    await expectAccessible(page, 'invite-officer');

    // A bad address is refused beside its field, and nothing is created.
    await page.getByLabel("The officer's email address").fill('not-an-address');
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await page.locator('[data-testid="problem"]').waitFor();
    await expect(page.locator('[data-testid="problem"]').innerText()).resolves.toContain('email must be an email address');

    await page.getByLabel("The officer's email address").fill(OFFICER_EMAIL);
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await page.getByRole('heading', { name: 'Invitation made' }).waitFor();
    activationUrl = await page.locator('[data-testid="activation-url"]').innerText();
    expect(activationUrl).toMatch(/\/console\/activate#token=[\w%-]+$/);
    await page.getByRole('button', { name: 'Copy the link' }).click();
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: /Copied|Copying/ })
        .count(),
    ).resolves.toBe(1);
    await expectAccessible(page, 'invitation-made');
    await screenshot(page, 'portal-invitation');

    // Shown once: the screen opened again has no link.
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page.locator('[data-testid="activation-url"]').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(h.problems).toEqual([]);
  });

  it('should open the activation link on the console, set the password, and sign the officer in', async () => {
    const { page } = h;
    const link = new URL(activationUrl);
    await page.goto(`${h.baseUrl}${link.pathname}${link.hash}`);
    await page.getByRole('heading', { name: 'Activate your account' }).waitFor();
    // The token leaves the address bar at once (history, screenshots).
    expect(new URL(page.url()).hash).toBe('');
    await expectAccessible(page, 'activation');
    await screenshot(page, 'portal-activation');

    await page.getByLabel('New password').fill(OFFICER_PASSWORD);
    await page.getByLabel('The same password again').fill('something-else-entirely');
    await page.getByRole('button', { name: 'Activate my account' }).click();
    await page.getByText('The two passwords are not the same.').waitFor();

    await page.getByLabel('The same password again').fill(OFFICER_PASSWORD);
    await page.getByRole('button', { name: 'Activate my account' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByText('Your account is active.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/');

    await page.getByLabel('Email').fill(OFFICER_EMAIL);
    await page.getByLabel('Password').fill(OFFICER_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await expect(nav().getByRole('link').allInnerTexts()).resolves.toEqual(['My record', 'My cases', 'My notices', 'My disputes']);

    // The same link a second time: the registry refuses it, in words.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto(`${h.baseUrl}${link.pathname}${link.hash}`);
    await page.getByLabel('New password').fill('yet-another-long-password');
    await page.getByLabel('The same password again').fill('yet-another-long-password');
    await page.getByRole('button', { name: 'Activate my account' }).click();
    await page.getByRole('heading', { name: 'This link does not work' }).waitFor();
    expect(h.problems).toEqual([]);
  });

  it('should show the officer the whole record', async () => {
    const { page } = h;
    await signIn(h, OFFICER_EMAIL, OFFICER_PASSWORD);
    await nav().getByRole('link', { name: 'My record' }).click();
    await page.getByRole('heading', { name: 'My record', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Identity' }).waitFor();
    const main = page.locator('main');
    await expect(main.innerText()).resolves.toContain('Dana Reyes');
    await expect(main.innerText()).resolves.toContain('Jun 15, 1987');
    await expect(main.innerText()).resolves.toContain('Rude to a member of the public at a traffic stop.');
    await expect(main.innerText()).resolves.toContain(`Case ${openCaseNumber}`);
    await expectAccessible(page, 'my-record');
    await screenshot(page, 'portal-record');

    await nav().getByRole('link', { name: 'My notices' }).click();
    await page.locator('[data-testid="notices"]').waitFor();
    await expect(page.locator('[data-testid="notices"]').innerText()).resolves.toContain('Notice of a commission case: you may answer');
    await expectAccessible(page, 'my-notices');
    await screenshot(page, 'portal-notices');
    expect(h.problems).toEqual([]);
  });

  it('should record the answer to a notice, and refuse in words an answer after the window closed', async () => {
    const { page } = h;
    await nav().getByRole('link', { name: 'My cases' }).click();
    await page.getByRole('heading', { name: 'My cases', level: 1 }).waitFor();
    const closing = page.locator(`[data-testid="case-${closingCase.caseNumber}"]`);
    await closing.getByRole('heading', { name: 'Answer the notice' }).waitFor();
    await expectAccessible(page, 'my-cases');

    // The window ends while the officer is writing (the notice's due date moved to yesterday).
    await h.t.db.query(`UPDATE commission_case SET state = jsonb_set(state, '{notice,responseDueOn}', to_jsonb($2::text)) WHERE id = $1`, [
      closingCase.id,
      addDays(today(), -1),
    ]);
    await closing.getByRole('textbox', { name: 'Your answer' }).fill('I was not on duty that day.');
    await closing.getByRole('button', { name: 'Send my answer' }).click();
    const refused = closing.locator('[data-testid="answer-refused"]');
    await refused.waitFor();
    await expect(refused.innerText()).resolves.toMatch(/The time to answer this notice ended/);
    await expect(refused.innerText()).resolves.toContain('Your answer was not recorded');
    // No form any more, and what was typed stays on screen to copy.
    await expect(closing.getByRole('textbox').count()).resolves.toBe(0);
    await expect(closing.innerText()).resolves.toContain('I was not on duty that day.');
    await expectAccessible(page, 'answer-refused');
    await screenshot(page, 'portal-answer-refused');
    const { rows } = await h.t.db.query(`SELECT state->'response' AS response FROM commission_case WHERE id = $1`, [closingCase.id]);
    expect(rows[0].response).toBeNull();

    const open = page.locator(`[data-testid="case-${openCaseNumber}"]`);
    await open.getByRole('textbox', { name: 'Your answer' }).fill('I apologised to the driver the same day and ask for a hearing.');
    await open.locator('label', { hasText: 'I ask for a hearing' }).click();
    await expect(open.getByLabel('I ask for a hearing').isChecked()).resolves.toBe(true);
    await open.getByRole('button', { name: 'Send my answer' }).click();
    await page.getByRole('heading', { name: 'Your answer is recorded' }).waitFor();
    await open.getByText('Your answer was recorded on').waitFor();
    await expect(open.innerText()).resolves.toContain('asking for a hearing');
    // Who took each step: the role it was taken in (never which staff member), and "You" for the answer.
    await expect(open.locator('td[data-label="By"]').allInnerTexts()).resolves.toEqual(['Commission investigator', 'Commission investigator', 'You']);
    await expectAccessible(page, 'answer-recorded');
    await screenshot(page, 'portal-cases');
    expect(h.problems).toEqual([]);
  });

  it('should open a dispute on the misconduct report from the record, and show it open in My disputes', async () => {
    const { page } = h;
    await nav().getByRole('link', { name: 'My record' }).click();
    const report = page.locator(`[data-testid="report-${reportId}"]`);
    await report.getByRole('button', { name: /^Dispute this/ }).click();
    await report.getByLabel(/What is wrong with the report/).fill('The stop was recorded on my body camera: I was polite throughout.');
    await expectAccessible(page, 'dispute-form');
    await report.getByRole('button', { name: 'Send the dispute' }).click();
    await page.getByRole('heading', { name: 'Dispute opened' }).waitFor();
    await expectAccessible(page, 'dispute-opened');
    await screenshot(page, 'portal-dispute-opened');

    await page.getByRole('link', { name: 'Follow it in My disputes' }).click();
    await page.getByRole('heading', { name: 'My disputes', level: 1 }).waitFor();
    const rows = page.locator('[data-testid="disputes"] tbody tr');
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(1);
    const row = await rows.first().innerText();
    expect(row).toContain('A misconduct report');
    expect(row).toMatch(/\bopen\b/i);
    expect(row).toContain('Awaiting the commission');
    await expectAccessible(page, 'my-disputes');
    await screenshot(page, 'portal-disputes');

    // The record now says it is disputed, and agencies see the mark (API.md: `disputed: true`).
    await nav().getByRole('link', { name: 'My record' }).click();
    await page.locator(`[data-testid="dispute-misconduct_report-${reportId}-open"]`).waitFor();
    const { rows: stored } = await h.t.db.query(`SELECT status, subject_type FROM dispute`);
    expect(stored).toEqual([{ status: 'open', subject_type: 'misconduct_report' }]);
    expect(h.problems).toEqual([]);
  });

  it('should open a password-reset link on the console too, and sign in with the new password', async () => {
    const { page, t } = h;
    await page.getByRole('button', { name: 'Sign out' }).click();
    const issued = await t
      .http()
      .post(`/api/v1/users/${chiefId}/password-reset`)
      .set(bearer(await t.adminToken()));
    expect(issued.status).toBe(201);
    const link = new URL(issued.body.resetUrl as string);
    expect(link.pathname).toBe('/console/reset-password');
    await page.goto(`${h.baseUrl}${link.pathname}${link.hash}`);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await expectAccessible(page, 'password-reset');
    await page.getByLabel('New password').fill('a-brand-new-chief-password');
    await page.getByLabel('The same password again').fill('a-brand-new-chief-password');
    await page.getByRole('button', { name: 'Change my password' }).click();
    await page.getByText('Your password is changed.').waitFor();
    await page.getByLabel('Email').fill('chief@portal-agency.test');
    await page.getByLabel('Password').fill('a-brand-new-chief-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(h.problems).toEqual([]);
  });
});
