import { addDays } from '@app/core';
import { actAll, caseTokens, openCase } from '../support/case-helpers';
import { certifyBySql, createCourse, createOfficer, insertEmployment, officerIdOf, recordCompletion } from '../support/factories';
import { officerAccount } from '../support/officer-accounts';
import { bearer, TestApp } from '../support/test-app';
import { ConsoleHarness, createUser, expectAccessible, screenshot, signIn, startConsole, today } from './console-browser';

/** `POST` as a test's set-up, failing loudly on anything but the expected status. */
async function post(t: TestApp, token: string, path: string, body: object, status = 201): Promise<Record<string, unknown>> {
  const response = await t.http().post(path).set(bearer(token)).send(body);
  if (response.status !== status) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as Record<string, unknown>;
}

/**
 * The commission's record screens in Chromium (issue 23): an officer's whole timeline with the
 * data the test created (a misconduct report, a training completion and a voided one, a hiring
 * check, a nickname, a dispute), resolving a dispute, merging a possible duplicate whose
 * duplicate carries a revocation (the survivor's timeline then shows it), and the audit chain
 * verified against a saved head.
 */
describe('staff console: commission records (browser)', () => {
  let h: ConsoleHarness;
  let officer: { postId: string; firstName: string; lastName: string };
  let survivor: { postId: string };
  let duplicate: { postId: string };
  let caseNumber: string;
  let muchTrained: { postId: string };

  beforeAll(async () => {
    h = await startConsole();
    const { t } = h;
    const admin = await t.adminToken();
    const tokens = await caseTokens(t);
    await createUser(t, await t.commissionId(), ['commission_admin', 'commission_adjudicator'], 'records@commission.test');
    const agency = await t.createOrganization('agency');
    const agencyAdmin = await t.userToken(agency.id, ['agency_admin']);
    const agencyHiring = await t.userToken(agency.id, ['agency_hiring']);
    const registrar = await t.userToken((await t.createOrganization('academy')).id, ['academy_registrar']);

    // The officer of the timeline: certified, employed, trained (one completion voided), reported, checked, disputing.
    officer = await createOfficer(t, { firstName: 'Theodora', lastName: 'Quillfeather', dateOfBirth: '1984-05-06' });
    const officerId = await officerIdOf(t, officer.postId);
    await certifyBySql(t, officerId, { issuedOn: addDays(today(), -200), expiresOn: addDays(today(), 900) });
    await insertEmployment(t, officerId, agency.id, addDays(today(), -150));
    await post(t, admin, `/api/v1/officers/${officer.postId}/aliases`, { firstName: 'Teddy', lastName: 'Quillfeather', kind: 'nickname' });
    const course = await createCourse(t, { kind: 'in_service', hours: 40, title: 'Crisis de-escalation' });
    await recordCompletion(t, registrar, { postId: officer.postId, courseCode: course.code, completedOn: addDays(today(), -30), hours: 40 });
    await recordCompletion(t, registrar, { postId: officer.postId, courseCode: course.code, completedOn: addDays(today(), -20), hours: 40 });
    const { rows } = await t.db.query(`SELECT id FROM training_completion WHERE officer_id = $1 ORDER BY completed_on DESC LIMIT 1`, [officerId]);
    await post(t, registrar, `/api/v1/training-completions/${rows[0].id}/void`, { reason: 'Recorded for the wrong officer' }, 200);
    await post(t, agencyAdmin, '/api/v1/misconduct-reports', {
      postId: officer.postId,
      incidentDate: addDays(today(), -10),
      receivedOn: addDays(today(), -1),
      categories: ['dishonesty'],
      summary: 'Falsified a timesheet on the night shift.',
      agencyFinding: 'pending',
    });
    await post(t, agencyHiring, '/api/v1/hiring-checks', { postId: officer.postId });
    const account = await officerAccount(t, officer.postId);
    await post(t, account.token, '/api/v1/me/disputes', { subject: { type: 'identity' }, statement: 'My middle name is missing from the record.' });

    // More training than one page of the timeline holds (the console asks for 100 at a time): one
    // completion through the API, 120 more copied from it in SQL, a day apart.
    muchTrained = await createOfficer(t, { firstName: 'Perpetua', lastName: 'Coursework', dateOfBirth: '1990-02-03' });
    await recordCompletion(t, registrar, { postId: muchTrained.postId, courseCode: course.code, completedOn: addDays(today(), -1), hours: 8 });
    await t.db.query(
      `INSERT INTO training_completion (academy_id, officer_id, course_id, completed_on, hours, result, external_ref)
       SELECT academy_id, officer_id, course_id, completed_on - g, hours, result, external_ref || '-' || g
         FROM training_completion CROSS JOIN generate_series(1, 120) g WHERE officer_id = $1`,
      [await officerIdOf(t, muchTrained.postId)],
    );

    // A possible duplicate: one person registered twice (the pair recorded over the warning); the
    // duplicate's date of birth was then mistyped, and the duplicate was revoked in a final case.
    survivor = await createOfficer(t, { firstName: 'Marguerite', lastName: 'Okonkwo-Bell', dateOfBirth: '1979-11-23' });
    duplicate = await createOfficer(t, { firstName: 'Marguerite', lastName: 'Okonkwo Bell', dateOfBirth: '1979-11-23' });
    await certifyBySql(t, await officerIdOf(t, survivor.postId));
    await certifyBySql(t, await officerIdOf(t, duplicate.postId));
    const corrected = await t
      .http()
      .patch(`/api/v1/officers/${duplicate.postId}/identity`)
      .set(bearer(admin))
      .send({ dateOfBirth: '1979-11-25', reason: 'As written on the second academy form' });
    if (corrected.status !== 200) throw new Error(`identity correction failed: ${corrected.status} ${JSON.stringify(corrected.body)}`);
    const revocation = await openCase(t, tokens.investigator, { postId: duplicate.postId });
    caseNumber = revocation.caseNumber;
    await actAll(t, revocation.id, [
      [tokens.investigator, { action: 'issue_notice', proposedSanction: 'revoke', responseDueOn: addDays(today(), 14) }],
      [tokens.investigator, { action: 'record_response', summary: 'Waives the hearing', hearingRequested: false, waivesHearing: true }],
      [
        tokens.adjudicator,
        { action: 'decide', sanction: 'revoke', findings: [{ ground: 'unprofessional_conduct_pattern', sustained: true }], reasoning: 'Pattern shown' },
      ],
      [tokens.adjudicator, { action: 'finalize', appealWaived: true }],
    ]);

    await signIn(h, 'records@commission.test');
  });

  afterAll(async () => {
    await h?.close();
  });

  const nav = () => h.page.getByRole('navigation', { name: 'Console' });

  it('should find the officer by POST ID and show the whole timeline with what the test created', async () => {
    const { page } = h;
    await nav().getByRole('link', { name: 'Officers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Officers' }).waitFor();
    await expectAccessible(page, 'find officer');
    // By name first: the officer is found, and the link opens the record.
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Theodora Quilfeather');
    await page.getByRole('button', { name: 'Search' }).click();
    await page
      .locator('[data-testid="officer-hits"]')
      .getByRole('link', { name: new RegExp(officer.postId) })
      .waitFor();
    await page.getByRole('textbox', { name: 'POST ID', exact: true }).fill(officer.postId.toLowerCase());
    await page.getByRole('button', { name: 'Open the record' }).click();

    await page.getByRole('heading', { level: 1, name: `Theodora Quillfeather (${officer.postId})` }).waitFor();
    await expect(page.locator('[data-testid="aliases"]').innerText()).resolves.toMatch(/Teddy Quillfeather \(nickname\)/);
    await expect(page.locator('[data-testid="identity"]').innerText()).resolves.toMatch(/Disputed/i);
    const training = page.locator('[data-testid="training-table"] tbody tr');
    await training.first().waitFor();
    await expect(training.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-voided')))).resolves.toEqual(['false', 'true']);
    await expect(page.locator('[data-testid="training-table"] tr[data-voided="true"]').innerText()).resolves.toMatch(
      /Crisis de-escalation[\s\S]*Voided[\s\S]*Recorded for the wrong officer/i,
    );
    await expect(page.locator('[data-testid="reports-table"]').innerText()).resolves.toMatch(/Falsified a timesheet on the night shift\./);
    await expect(page.locator('[data-testid="checks-table"]').innerText()).resolves.toMatch(new RegExp(`POST ID ${officer.postId}`));
    await expect(page.locator('[data-testid="disputes-table"]').innerText()).resolves.toMatch(/My middle name is missing/);
    await page.locator('[data-testid="notices"] table').waitFor();
    await expect(page.locator('[data-testid="notices"]').innerText()).resolves.toMatch(/Misconduct report filed/);
    await expect(page.locator('[data-testid="audit-table"]').innerText()).resolves.toMatch(/officer\.read/);
    await expectAccessible(page, 'officer timeline');
    await screenshot(page, 'commission-officer-timeline');
  });

  it('should show the first page of a long part of the timeline, and the rest after "Show more"', async () => {
    const { page } = h;
    await page.evaluate(`location.hash = '#/commission/officers/${muchTrained.postId}'`);
    const training = page.locator('[data-testid="training"]');
    const rows = training.locator('[data-testid="training-table"] tbody tr');
    await training.getByRole('button', { name: 'Show more training completions' }).waitFor();
    await expect(rows.count()).resolves.toBe(100);
    await expect(training.locator('[data-testid="shown-count"]').innerText()).resolves.toBe('100 training completions shown; there are more.');
    await expectAccessible(page, 'officer timeline, a part with more to show');
    await training.getByRole('button', { name: 'Show more training completions' }).click();
    await rows.nth(120).waitFor();
    await expect(rows.count()).resolves.toBe(121);
    // Every completion once, and nothing left to ask for.
    const keys = await rows.evaluateAll((trs) => trs.map((tr) => tr.textContent));
    expect(new Set(keys).size).toBe(121);
    await expect(training.getByRole('button', { name: /Show more/ }).count()).resolves.toBe(0);
    await expect(training.locator('[data-testid="shown-count"]').count()).resolves.toBe(0);
    await expectAccessible(page, 'officer timeline, every row shown');
  });

  it('should resolve a dispute, a missing outcome refused in words first', async () => {
    const { page } = h;
    await nav().getByRole('link', { name: 'Disputes' }).click();
    const card = page.locator(`[data-post-id="${officer.postId}"]`);
    await card.waitFor();
    await expectAccessible(page, 'disputes');
    await card.getByRole('button', { name: 'Resolve this dispute' }).click();
    await card.getByRole('button', { name: 'Resolve', exact: true }).click();
    const problem = card.locator('[data-testid="problem"]');
    await expect(problem.innerText()).resolves.toMatch(/outcome/);
    await card.getByLabel('Outcome').selectOption('rejected');
    await card.getByLabel('Reason, told to the officer').fill('The birth certificate gives no middle name.');
    await expectAccessible(page, 'dispute resolve form');
    await screenshot(page, 'commission-disputes');
    await card.getByRole('button', { name: 'Resolve', exact: true }).click();
    await expect(page.locator('[data-testid="dispute-resolved"]').innerText()).resolves.toMatch(
      new RegExp(`Rejected: the dispute of ${officer.postId} is resolved`),
    );
    await page.getByRole('status').filter({ hasText: 'No open disputes.' }).waitFor();
    await page.getByLabel('Show').selectOption('resolved');
    await expect(page.locator(`[data-post-id="${officer.postId}"]`).innerText()).resolves.toMatch(
      /Rejected[\s\S]*The birth certificate gives no middle name\./,
    );
  });

  it('should merge a possible duplicate carrying a revocation, the different dates of birth confirmed, and show it on the survivor', async () => {
    const { page } = h;
    await nav().getByRole('link', { name: 'Possible duplicates' }).click();
    const card = page.locator(`[data-post-ids~="${duplicate.postId}"]`);
    await card.waitFor();
    const sideBySide = card.locator('table.side-by-side');
    await expect(sideBySide.innerText()).resolves.toMatch(/Date of birth\s+\(the two differ\)\s+(Nov 23, 1979\s+Nov 25, 1979|Nov 25, 1979\s+Nov 23, 1979)/);
    await expect(sideBySide.innerText()).resolves.toMatch(/Decertified/);
    await expectAccessible(page, 'possible duplicates');

    await card.getByRole('button', { name: 'Merge…' }).click();
    // USWDS draws its own radio and checkbox: the label is what a user clicks.
    await card.locator(`label[for$="-keep-${survivor.postId}"]`).click();
    await expect(card.getByLabel(new RegExp(`Keep ${survivor.postId}`)).isChecked()).resolves.toBe(true);
    await card.getByLabel('Reason for the merge').fill('One person registered twice by two academies.');
    await expect(card.locator('[data-testid="birth-date-confirmation"]').innerText()).resolves.toMatch(/The dates of birth differ/);
    // Without the confirmation, the registry refuses, in words.
    await card.getByRole('button', { name: `Merge ${duplicate.postId} into ${survivor.postId}` }).click();
    await expect(card.locator('[data-testid="merge-refusals"]').innerText()).resolves.toMatch(/different dates of birth/);
    await card.locator('label[for$="-confirm-dob"]').click();
    await expectAccessible(page, 'merge form');
    await screenshot(page, 'commission-duplicates');
    await card.getByRole('button', { name: `Merge ${duplicate.postId} into ${survivor.postId}` }).click();
    await expect(page.locator('[data-testid="merged"]').innerText()).resolves.toMatch(
      new RegExp(`${duplicate.postId} now answers with ${survivor.postId}[\\s\\S]*Decertified \\(carried over from ${duplicate.postId}\\)`),
    );
    await expect(page.locator('[data-testid="merged"]').innerText()).resolves.toMatch(/Moved: 1 case, 0 reports, \d+ notices?, 0 disputes\./);

    // The survivor's timeline, opened by the duplicate's POST ID, shows the revocation and its case.
    await page.evaluate(`location.hash = '#/commission/officers/${duplicate.postId}'`);
    await page.getByText(`${duplicate.postId} was merged into ${survivor.postId}`).waitFor();
    await expect(page.locator('[data-testid="merged-from"]').innerText()).resolves.toBe(duplicate.postId);
    const history = page.locator('[data-testid="certification-history"]');
    await history.waitFor();
    await expect(history.innerText()).resolves.toMatch(/Decertified/);
    await history.getByRole('link', { name: caseNumber }).first().waitFor();
    await expect(page.locator('[data-testid="cases-table"]').getByRole('link', { name: caseNumber }).getAttribute('href')).resolves.toMatch(
      /#\/commission\/cases\/[0-9a-f-]{36}$/,
    );
    await expectAccessible(page, 'survivor timeline');
    await screenshot(page, 'commission-survivor-timeline');
  });

  it('should verify the audit chain against a head saved earlier, and say so in words when the saved head is not in the chain', async () => {
    const { page } = h;
    await nav().getByRole('link', { name: 'Audit' }).click();
    await page.locator('[data-testid="audit-table"]').waitFor();
    await page.getByRole('button', { name: 'Save the current head' }).click();
    await page.getByText(/Saved head: entry \d+/).waitFor();
    // More entries after the saved head: reads of the record are audited.
    await page.getByLabel('About the officer (POST ID)').fill(officer.postId);
    await page.getByRole('button', { name: 'Show entries' }).click();
    await page.locator('[data-testid="audit-table"]').waitFor();
    await page.getByRole('button', { name: 'Verify against the saved head' }).click();
    const result = page.locator('[data-testid="verify-result"]');
    await expect(result.getAttribute('data-valid')).resolves.toBe('true');
    await expect(page.getByRole('heading', { name: 'The chain is intact and extends the saved head' }).isVisible()).resolves.toBe(true);
    await expect(result.innerText()).resolves.toMatch(/is still part of the chain/);
    await expectAccessible(page, 'audit');
    await screenshot(page, 'commission-audit');

    // A saved head the chain does not hold (as after a rewrite): refused, in words.
    await page.evaluate(
      `(() => { const saved = JSON.parse(localStorage.getItem('post-registry.console.audit-head')); saved.hash = 'f'.repeat(64); localStorage.setItem('post-registry.console.audit-head', JSON.stringify(saved)); })()`,
    );
    await page.reload();
    await page.getByRole('button', { name: 'Verify against the saved head' }).click();
    await expect(page.locator('[data-testid="verify-result"]').getAttribute('data-valid')).resolves.toBe('false');
    await expect(page.getByRole('heading', { name: 'The log no longer extends the saved head' }).isVisible()).resolves.toBe(true);
    expect(h.problems).toEqual([]);
  });
});
