import { addDays } from '@app/core';
import { act, actAll, certifiedOfficer, openCase } from '../support/case-helpers';
import { bearer } from '../support/test-app';
import { ConsoleHarness, createUser, expectAccessible, horizontalOverflow, screenshot, signIn, startConsole, today } from './console-browser';

const GROUND = 'unprofessional_conduct_pattern';
const INVESTIGATOR = 'investigator@commission.test';
const ADJUDICATOR = 'adjudicator@commission.test';

/**
 * The commission's work queue and case pages in Chromium: a case walked from its opening to the
 * final decision through the screens (a decision refused while the response window is open, a
 * version conflict reloaded), and an interim-suspension hearing past its last day flagged overdue.
 */
describe('staff console: commission cases and work queue (browser)', () => {
  let h: ConsoleHarness;
  // A machine shared by several sessions: a walk through a dozen screens may take minutes.
  jest.setTimeout(240_000);

  beforeAll(async () => {
    h = await startConsole();
    const commission = await h.t.commissionId();
    await createUser(h.t, commission, ['commission_investigator'], INVESTIGATOR);
    await createUser(h.t, commission, ['commission_adjudicator'], ADJUDICATOR);
  });

  afterAll(async () => {
    await h?.close();
  });

  const signOut = async () => {
    await h.page.getByRole('button', { name: 'Sign out' }).click();
    await h.page.getByLabel('Email').waitFor();
  };
  const openAction = async (name: string) => {
    await h.page.getByTestId('case-actions').getByRole('button', { name }).click();
  };
  const noticeText = async () => {
    const notice = h.page.getByTestId('case-notice');
    await notice.waitFor();
    return notice.innerText();
  };
  const caseVersion = async (id: string) => Number((await h.t.db.query(`SELECT version FROM commission_case WHERE id = $1`, [id])).rows[0].version);

  it('should walk a case from its opening to the final decision, a decision refused while the response window is open', async () => {
    const { page, t } = h;
    const { postId } = await certifiedOfficer(t);
    await signIn(h, INVESTIGATOR);
    const nav = page.getByRole('navigation', { name: 'Console' });
    await expect(nav.getByRole('link').allInnerTexts()).resolves.toEqual(expect.arrayContaining(['Work queue', 'Open a case', 'Cases']));

    // Open the case.
    await nav.getByRole('link', { name: 'Open a case' }).click();
    await page.getByRole('heading', { name: 'Open a case', level: 1 }).waitFor();
    await page.locator(`label[for="open-case-grounds-d-${GROUND}"]`).waitFor();
    await expectAccessible(page, 'open-case');
    // Sent empty first: the registry's field errors appear beside the fields, and no case is made.
    await page.getByRole('button', { name: 'Open the case' }).click();
    await page.locator('#open-case-post-id-error').waitFor();
    await expect(page.locator('#open-case-post-id').getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(page, 'open-case-errors');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM commission_case`)).rows[0].n).toBe(0);
    await page.getByLabel("Officer's POST ID").fill(postId);
    await page.locator(`label[for="open-case-grounds-d-${GROUND}"]`).click();
    await page.getByLabel('Summary').fill('Three sustained complaints of rudeness in a year.');
    await screenshot(page, 'commission-open-case');
    await page.getByRole('button', { name: 'Open the case' }).click();
    const heading = page.getByRole('heading', { level: 1, name: /^Case \d{4}-\d{6}$/ });
    await heading.waitFor();
    const caseId = page.url().split('/').pop()!;
    await expect(page.locator('[data-case-status]').first().innerText()).resolves.toBe('Open');
    // The investigator is offered only the investigator's actions; the rest are named with their role.
    await expect(page.getByTestId('case-actions').getByRole('button').allInnerTexts()).resolves.toEqual(['Issue the notice']);
    await expect(page.getByTestId('other-actions').innerText()).resolves.toContain('Interim suspension (Commission adjudicator)');

    // Issue the notice with 14 days to answer.
    await openAction('Issue the notice');
    await page.getByLabel('Proposed sanction').selectOption('suspend');
    await page.getByLabel('Response due on').fill(addDays(today(), 14));
    await expectAccessible(page, 'case-issue-notice');
    await page.locator('form[data-action="issue_notice"]').getByRole('button', { name: 'Issue the notice' }).click();
    await expect(noticeText()).resolves.toContain('Issue the notice: recorded. The case is now notice issued.');
    await expect(page.getByTestId('case-deadlines').innerText()).resolves.toMatch(/Officer's response due: .* \(due in 14 days\)/);
    await screenshot(page, 'commission-case-notice-issued');
    await signOut();

    // The adjudicator tries to decide at once: the officer's response window is still open.
    await signIn(h, ADJUDICATOR);
    await page.goto(`${h.baseUrl}/console/#/commission/cases/${caseId}`);
    await heading.waitFor();
    await openAction('Decide');
    await page.locator(`#action-decide-finding-${GROUND}`).selectOption('true');
    await page.getByLabel('Sanction').selectOption('suspend');
    await page.getByLabel('Days of suspension').fill('30');
    await page.getByLabel('Reasoning').fill('The complaints are proved by the agency file.');
    const decideButton = page.locator('form[data-action="decide"]').getByRole('button', { name: 'Decide' });
    await decideButton.click();
    const refused = page.getByTestId('case-refused');
    await refused.waitFor();
    await expect(refused.innerText()).resolves.toMatch(/The registry refused this[\s\S]*response window is still open until [A-Z][a-z]{2} \d{1,2}, \d{4}/);
    await expectAccessible(page, 'case-decide-refused');
    await screenshot(page, 'commission-case-decide-refused');
    expect(await caseVersion(caseId)).toBe(2);

    // Meanwhile the investigator records the officer's waiver of the hearing (through the API):
    // the adjudicator's form now carries a stale version, so the registry answers 409.
    const investigatorToken = await t.login(INVESTIGATOR);
    const waiver = await act(t, investigatorToken, caseId, {
      action: 'record_response',
      expectedVersion: 2,
      summary: 'The officer admits the complaints and waives the hearing.',
      hearingRequested: false,
      waivesHearing: true,
    });
    expect(waiver.status).toBe(200);
    await decideButton.click();
    await expect(noticeText()).resolves.toMatch(/Someone else acted on this case while you were working on it[\s\S]*reloaded/);
    await expect(page.getByTestId('case-notice').getAttribute('data-notice')).resolves.toBe('warning');
    await expect(page.getByTestId('case-facts').innerText()).resolves.toContain('the hearing is waived');
    await screenshot(page, 'commission-case-conflict');
    expect(await caseVersion(caseId)).toBe(3);

    // Decided on the reloaded case (the waiver allows a decision without a hearing).
    await openAction('Decide');
    await page.locator(`#action-decide-finding-${GROUND}`).selectOption('true');
    await page.getByLabel('Sanction').selectOption('suspend');
    await page.getByLabel('Days of suspension').fill('30');
    await page.getByLabel('Reasoning').fill('The complaints are proved by the agency file and admitted.');
    await decideButton.click();
    await expect(noticeText()).resolves.toContain('Decide: recorded. The case is now decided.');
    await expect(page.getByTestId('case-deadlines').innerText()).resolves.toMatch(/Appeal window ends: /);
    await expectAccessible(page, 'case-decided');

    // Finalized with the officer's waiver of appeal.
    await openAction('Finalize');
    await page.locator('label[for="action-finalize-appealWaived"]').click();
    await page.locator('form[data-action="finalize"]').getByRole('button', { name: 'Finalize' }).click();
    await expect(noticeText()).resolves.toContain('Finalize: recorded. The case is now final.');
    await expect(page.getByTestId('no-actions').innerText()).resolves.toBe('The case is closed: no action remains.');
    const timeline = page.locator('[data-testid="case-timeline"] tbody tr');
    await expect(timeline.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action')))).resolves.toEqual([
      'open',
      'issue_notice',
      'record_response',
      'decide',
      'finalize',
    ]);
    await expect(timeline.nth(3).innerText()).resolves.toMatch(/Suspend: Certified → Suspended/i);
    await expectAccessible(page, 'case-final');
    await screenshot(page, 'commission-case-final');

    // The case list finds it by officer.
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Cases' }).click();
    await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
    await page.getByLabel("Officer's POST ID").fill(postId);
    await page.getByRole('button', { name: 'Show cases' }).click();
    await page.locator(`[data-testid="cases"] tbody tr[data-case-id="${caseId}"]`).waitFor();
    await expect(page.locator('[data-testid="cases"] tbody tr').count()).resolves.toBe(1);
    await expect(page.locator('[data-testid="cases"] tbody tr').first().innerText()).resolves.toContain('Final');
    await expectAccessible(page, 'cases');
    await screenshot(page, 'commission-cases');
    expect(h.problems).toEqual([]);
    await signOut();
  });

  it('should flag an interim-suspension hearing past its last day as overdue in the work queue, in words', async () => {
    const { page, t } = h;
    const { postId } = await certifiedOfficer(t);
    const investigator = await t.login(INVESTIGATOR);
    const adjudicator = await t.login(ADJUDICATOR);
    const opened = await openCase(t, investigator, { postId, grounds: [GROUND] });
    await actAll(t, opened.id, [
      [adjudicator, { action: 'interim_suspend', trigger: 'felony_arrest', reason: 'Arrested on a felony charge' }],
      [adjudicator, { action: 'record_interim_hearing', requestedOn: today(), outcome: 'continued' }],
    ]);
    // Moved into the past as if the suspension took effect 20 days ago and the hearing was asked
    // for two days later: its last day (15 days after the suspension) was 5 days ago.
    await t.db.query(
      `UPDATE commission_case
          SET state = jsonb_set(jsonb_set(state, '{interimSuspension,suspendedOn}', to_jsonb($2::text)), '{interimSuspension,hearingRequestedOn}', to_jsonb($3::text))
        WHERE id = $1`,
      [opened.id, addDays(today(), -20), addDays(today(), -18)],
    );
    // And a case whose clock is still running, due in 14 days: it comes after the overdue one.
    const running = await openCase(t, investigator, { postId: (await certifiedOfficer(t)).postId, grounds: [GROUND] });
    await actAll(t, running.id, [[investigator, { action: 'issue_notice', proposedSanction: 'reprimand', responseDueOn: addDays(today(), 14) }]]);
    const listed = await t.http().get(`/api/v1/cases?interimHearingOverdue=true`).set(bearer(adjudicator));
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([opened.id]);

    // Whatever the test before left open, start signed out.
    if (await page.getByRole('button', { name: 'Sign out' }).isVisible()) await signOut();
    await signIn(h, ADJUDICATOR);
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Work queue' }).click();
    await page.getByRole('heading', { name: 'Work queue', level: 1 }).waitFor();
    const rows = page.locator('[data-testid="work-queue"] tbody tr');
    await rows.first().waitFor();
    const first = rows.first();
    await expect(first.getAttribute('data-subject-id')).resolves.toBe(opened.id);
    await expect(first.getAttribute('data-reason')).resolves.toBe('interim_hearing');
    await expect(first.getAttribute('data-overdue')).resolves.toBe('true');
    await expect(first.innerText()).resolves.toMatch(/Overdue by 5 days[\s\S]*Interim-suspension hearing[\s\S]*must be held by this day/);
    // Overdue is said in words, not by colour alone; the items not yet due say so too.
    const notOverdue = page.locator('[data-testid="work-queue"] tbody tr[data-overdue="false"]');
    await expect(notOverdue.first().getAttribute('data-subject-id')).resolves.toBe(running.id);
    await expect(notOverdue.first().innerText()).resolves.toMatch(/Due in 14 days[\s\S]*Response due/);
    await expect(page.getByTestId('work-queue-summary').innerText()).resolves.toMatch(/, 1 overdue\.$/);
    await expectAccessible(page, 'work-queue');
    await screenshot(page, 'commission-work-queue');
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'commission-work-queue-375');
    await page.setViewportSize({ width: 1100, height: 900 });

    // The item opens its case, which says the hearing is overdue.
    await first.getByRole('link', { name: 'Open the case' }).click();
    await page.getByRole('heading', { level: 1, name: `Case ${opened.caseNumber}` }).waitFor();
    await expect(page.getByTestId('interim-overdue').innerText()).resolves.toContain('Overdue: the requested interim-suspension hearing was not held');
    await expect(page.getByTestId('case-deadlines').innerText()).resolves.toMatch(/held by: .*\(Overdue by 5 days\)/);
    await expectAccessible(page, 'case-interim-overdue');
    await screenshot(page, 'commission-case-interim-overdue');

    // The case list's filter finds it too.
    await page.getByRole('link', { name: 'All cases' }).click();
    await page.locator('[data-testid="cases"] tbody tr').nth(2).waitFor();
    await page.locator('label[for="cases-interim-overdue"]').click();
    await page.getByRole('button', { name: 'Show cases' }).click();
    await page.locator('[data-testid="cases"] tbody tr').nth(1).waitFor({ state: 'detached' });
    await expect(page.locator('[data-testid="cases"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-case-id')))).resolves.toEqual([
      opened.id,
    ]);
    await expect(page.locator('[data-testid="cases"] tbody tr').first().innerText()).resolves.toContain('Interim hearing overdue');
    expect(h.problems).toEqual([]);
  });
});
