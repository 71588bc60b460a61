import { addDays, FixedClock } from '@app/core';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { actAll, caseTokens, openCase } from '../support/case-helpers';
import { certifyBySql, createCourse, createOfficer, insertEmployment, officerIdOf, recordCompletion } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

const TODAY = '2026-03-10';
const OUTPUT = join(__dirname, '..', '..', 'test-output');
/** Debian's Chromium (the npm package brings no browser); flags for a quiet, sandbox-less CI container. */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** The public lookup page as a visitor uses it: search a misspelled name, open the officer, read the status. */
describe('public lookup page (browser)', () => {
  let t: TestApp;
  let baseUrl: string;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  const problems: string[] = [];
  let postId: string;
  let suspendedPostId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date(`${TODAY}T15:00:00.000Z`)) });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;

    // Through the API: enrol, basic training, certify, then a case that revokes and becomes final.
    const tokens = await caseTokens(t);
    const registrar = await t.userToken((await t.createOrganization('academy')).id, ['academy_registrar']);
    const basic = await createCourse(t, { kind: 'basic', hours: 800 });
    ({ postId } = await createOfficer(t, { firstName: 'Katherine', lastName: 'Donnelly', dateOfBirth: '1988-04-12' }));
    await recordCompletion(t, registrar, { postId, courseCode: basic.code, completedOn: '2015-05-01', hours: 800 });
    const certified = await t.http().post(`/api/v1/officers/${postId}/certification`).set(bearer(tokens.adjudicator)).send({ effectiveOn: '2015-06-01' });
    expect(certified.status).toBe(201);
    // A hire needs a hiring check (another context); the employment row is written as the officers context does.
    await insertEmployment(t, await officerIdOf(t, postId), (await t.createOrganization('agency')).id, '2015-06-15');
    const revocation = await openCase(t, tokens.investigator, { postId, summary: 'Pattern of complaints' });
    await actAll(t, revocation.id, [
      [tokens.investigator, { action: 'issue_notice', proposedSanction: 'revoke', responseDueOn: addDays(TODAY, 14) }],
      [tokens.investigator, { action: 'record_response', summary: 'Waives the hearing', hearingRequested: false, waivesHearing: true }],
      [
        tokens.adjudicator,
        { action: 'decide', sanction: 'revoke', findings: [{ ground: 'unprofessional_conduct_pattern', sustained: true }], reasoning: 'Pattern shown' },
      ],
      [tokens.adjudicator, { action: 'finalize', appealWaived: true }],
    ]);

    // A final 30-day suspension from today: in force 2026-03-10 through 2026-04-08 (endsOn 2026-04-09, the first day lifted).
    ({ postId: suspendedPostId } = await createOfficer(t, { firstName: 'Bartholomew', lastName: 'Quigley', dateOfBirth: '1985-02-03' }));
    await certifyBySql(t, await officerIdOf(t, suspendedPostId));
    const suspension = await openCase(t, tokens.investigator, { postId: suspendedPostId, summary: 'Pattern of complaints' });
    await actAll(t, suspension.id, [
      [tokens.investigator, { action: 'issue_notice', proposedSanction: 'suspend', responseDueOn: addDays(TODAY, 14) }],
      [tokens.investigator, { action: 'record_response', summary: 'Waives the hearing', hearingRequested: false, waivesHearing: true }],
      [
        tokens.adjudicator,
        {
          action: 'decide',
          sanction: 'suspend',
          suspensionDays: 30,
          findings: [{ ground: 'unprofessional_conduct_pattern', sustained: true }],
          reasoning: 'Pattern shown',
        },
      ],
      [tokens.adjudicator, { action: 'finalize', appealWaived: true }],
    ]);

    userDataDir = mkdtempSync(join(tmpdir(), 'post-registry-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1024, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    // Script errors and CSP violations surface as console errors: any one fails the test.
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    mkdirSync(OUTPUT, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    await t?.close();
  });

  it('should find a misspelled name, open the officer and show the revoked status', async () => {
    await page.goto(`${baseUrl}/`);
    await expect(page.title()).resolves.toBe('Officer certification lookup – POST Registry');

    await page.getByLabel('Officer name or POST ID').fill('Kathryn Donelly');
    await page.getByRole('button', { name: 'Search' }).click();
    const result = page.locator(`a.result-link[data-post-id="${postId}"]`);
    await result.waitFor();
    await expect(result.locator('.status-badge').getAttribute('data-status')).resolves.toBe('revoked');
    await expect(page.locator('#results-message').textContent()).resolves.toMatch(/^1 officer found for “Kathryn Donelly”/);

    await result.click();
    const badge = page.locator('#detail-status .status-badge');
    await badge.waitFor();
    await expect(badge.getAttribute('data-status')).resolves.toBe('revoked');
    await expect(badge.textContent()).resolves.toBe('Decertified');
    await expect(page.locator('#detail-name').textContent()).resolves.toBe('Katherine Donnelly');
    await expect(page.locator('#detail-actions tbody tr').first().innerText()).resolves.toMatch(
      /Revocation \(decertification\)\s+Mar 10, 2026\s+Permanent\s+Unprofessional conduct/,
    );
    expect(new URL(page.url()).hash).toBe(`#/officers/${postId}`);

    const screenshot = join(OUTPUT, 'public-page.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(statSync(screenshot).size).toBeGreaterThan(10_000);
    expect(problems).toEqual([]);
  });

  it('should fit a phone screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.reload();
    await page.locator('#detail-status .status-badge[data-status="revoked"]').waitFor();
    // A string: this file is type-checked without the DOM library.
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(OUTPUT, 'public-page-mobile.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('should explain a one-letter search instead of sending it', async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByLabel('Officer name or POST ID').fill('K');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.locator('#search-error').textContent()).resolves.toBe('Enter at least 2 characters of a name, or a POST ID such as MA-000042.');
    await expect(page.locator('#search-name').getAttribute('aria-invalid')).resolves.toBe('true');
  });

  it('should date a suspension by its last day in force', async () => {
    await page.goto(`${baseUrl}/#/officers/${suspendedPostId}`);
    await page.locator('#detail-status .status-badge').waitFor();
    await expect(page.locator('#detail-actions tbody tr').first().innerText()).resolves.toMatch(
      /^Suspension\s+Mar 10, 2026\s+Apr 8, 2026\s+Unprofessional conduct/,
    );
    expect(problems).toEqual([]);
  });

  it("should show the registry's own words when a deep link holds a name it refuses, not a message for developers", async () => {
    // A link can carry what the input's maxlength would stop: 101 characters.
    await page.goto(`${baseUrl}/#/search?name=${'x'.repeat(101)}`);
    const message = page.locator('#results-message');
    await page.waitForFunction("document.getElementById('results-message').textContent.startsWith('Sorry')");
    await expect(message.textContent()).resolves.toBe('Sorry – Name must be 2 to 100 characters.');
    await expect(page.locator('#results-heading').isVisible()).resolves.toBe(true);
  });
});
