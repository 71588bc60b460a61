import { readFileSync } from 'node:fs';
import { createCourse, createOfficer } from '../support/factories';
import { ConsoleHarness, createUser, expectAccessible, screenshot, signIn, startConsole, today } from './console-browser';

/**
 * The academy registrar's screens in Chromium: a recruit whose name is close to a registered
 * officer's with the same birthday is shown as a possible duplicate (with its POST ID) before a
 * second record is made; a CSV upload with one bad row lists that row and offers it as CSV.
 */
describe('staff console: academy registrar (browser)', () => {
  let h: ConsoleHarness;
  let existingPostId: string;
  let courseCode: string;
  let recruitPostId: string;

  beforeAll(async () => {
    h = await startConsole();
    const academy = await h.t.createOrganization('academy');
    await createUser(h.t, academy.id, ['academy_registrar'], 'registrar@academy.test');
    ({ postId: existingPostId } = await createOfficer(h.t, { firstName: 'Jonathan', lastName: 'Pryce', dateOfBirth: '1995-03-03' }));
    ({ code: courseCode } = await createCourse(h.t, { kind: 'in_service', hours: 40, title: 'Firearms requalification' }));
    await signIn(h, 'registrar@academy.test');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('should show a likely duplicate with its POST ID, then enrol a distinct person when the registrar says so', async () => {
    const { page } = h;
    const nav = page.getByRole('navigation', { name: 'Console' });
    await expect(nav.getByRole('link').allInnerTexts()).resolves.toEqual(['Enrol a recruit', 'Upload completions', 'Completions']);
    await nav.getByRole('link', { name: 'Enrol a recruit' }).click();
    await page.getByRole('heading', { name: 'Enrol a recruit', level: 1 }).waitFor();
    await expectAccessible(page, 'enrol-recruit');

    await page.getByLabel('First name').fill('Jonathon');
    await page.getByLabel('Last name').fill('Pryce');
    await page.getByLabel('Date of birth').fill('1995-03-03');
    await page.getByRole('button', { name: 'Enrol', exact: true }).click();

    const duplicates = page.locator('[data-testid="possible-duplicates"]');
    await duplicates.waitFor();
    await expect(duplicates.innerText()).resolves.toContain(`${existingPostId} Jonathan Pryce`);
    await expectAccessible(page, 'enrol-recruit-duplicate');
    await screenshot(page, 'enrol-recruit-duplicate');
    const before = await h.t.db.query(`SELECT count(*)::int AS n FROM officer`);

    await page.getByRole('button', { name: 'This is a different person: enrol' }).click();
    recruitPostId = await page.locator('[data-testid="enrolled-post-id"]').innerText();
    expect(recruitPostId).toMatch(/^MA-\d{6}$/);
    expect(recruitPostId).not.toBe(existingPostId);
    const after = await h.t.db.query(`SELECT count(*)::int AS n FROM officer`);
    expect(after.rows[0].n).toBe(before.rows[0].n + 1);
    expect(h.problems).toEqual([]);
  });

  it('should offer the CSV template', async () => {
    const { page } = h;
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Upload completions' }).click();
    const [template] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the CSV template' }).click()]);
    expect(template.suggestedFilename()).toBe('training-completions-template.csv');
    expect(readFileSync(await template.path(), 'utf8')).toBe('postId,courseCode,completedOn,hours,result,externalRef\n');
  });

  it('should upload completions, list the one bad row with its reason, and offer it as CSV', async () => {
    const { page } = h;
    await page.getByRole('heading', { name: 'Upload completions', level: 1 }).waitFor();
    await expectAccessible(page, 'upload-completions');
    const csv = [
      'postId,courseCode,completedOn,hours,result,externalRef',
      `${recruitPostId},${courseCode},${today()},40,pass,ROSTER-1`,
      `${recruitPostId},NO-SUCH-COURSE,${today()},40,pass,ROSTER-2`,
      `${recruitPostId},${courseCode},${today()},8,pass,ROSTER-3`,
    ].join('\n');
    await page.setInputFiles('#completions-file', { name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();

    await expect(page.locator('[data-testid="upload-summary"]').innerText()).resolves.toBe('2 rows stored, 0 rows already recorded, 1 row rejected.');
    await expect(page.locator('#upload-progress').getAttribute('value')).resolves.toBe('3');
    const rows = page.locator('[data-testid="rejected-rows"] tbody tr');
    await expect(rows.count()).resolves.toBe(1);
    const cells = await rows.first().locator('th, td').allInnerTexts();
    expect(cells[0]).toBe('2');
    expect(cells[1]).toBe('ROSTER-2');
    expect(cells[2]).toMatch(/^courseCode: /);
    await expectAccessible(page, 'upload-rejections');
    await screenshot(page, 'upload-rejections');

    const [rejected] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the rejected rows (CSV)' }).click()]);
    const text = readFileSync(await rejected.path(), 'utf8');
    expect(text.split('\n')[0]).toBe('row,externalRef,reason');
    expect(text.split('\n')[1]).toMatch(/^2,ROSTER-2,"?courseCode: /);

    const { rows: stored } = await h.t.db.query(`SELECT external_ref FROM training_completion ORDER BY external_ref`);
    expect(stored.map((row) => row.external_ref)).toEqual(['ROSTER-1', 'ROSTER-3']);
    expect(h.problems).toEqual([]);
  });

  it("should list the academy's completions newest first, then one officer's", async () => {
    const { page } = h;
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Completions', exact: true }).click();
    // GET /training-completions: every completion the academy recorded, with no POST ID typed.
    await page.locator('[data-testid="completions"] tbody tr').first().waitFor();
    await expect(page.locator('[data-testid="completions"] caption').innerText()).resolves.toContain('newest first');
    await page.getByLabel('POST ID').fill(recruitPostId);
    await page.getByRole('button', { name: 'Show completions' }).click();
    const rows = page.locator('table tbody tr');
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(2);
    await expect(page.locator('table').innerText()).resolves.toContain('ROSTER-3');
    await expectAccessible(page, 'completions');
    await screenshot(page, 'completions');
    expect(h.problems).toEqual([]);
  });
});
