import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { bearer, startTestApp, TestApp, USER_PASSWORD } from '../support/test-app';

export const OUTPUT = join(__dirname, '..', '..', 'test-output');
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

export interface ConsoleHarness {
  t: TestApp;
  baseUrl: string;
  context: BrowserContext;
  page: Page;
  /** Script errors and CSP violations the pages reported: any one fails the test that checks it. */
  problems: string[];
  close(): Promise<void>;
}

/** The app on a port of its own (the console needs a real origin) and one Chromium page. */
export async function startConsole(env: Record<string, string> = {}): Promise<ConsoleHarness> {
  const t = await startTestApp({ env });
  try {
    return await openBrowser(t);
  } catch (error) {
    // A browser that did not start must not leave the app (and its job workers) running.
    await t.close();
    throw error;
  }
}

async function openBrowser(t: TestApp): Promise<ConsoleHarness> {
  await t.app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
  const userDataDir = mkdtempSync(join(tmpdir(), 'post-registry-console-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1100, height: 900 },
    acceptDownloads: true,
  });
  context.setDefaultTimeout(10_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (message) => {
    // A 4xx the console shows in words is expected; Chromium logs each failed fetch as an error.
    if (message.type() === 'error' && !/Failed to load resource: the server responded with a status of (4\d\d)/.test(message.text()))
      problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  mkdirSync(OUTPUT, { recursive: true });
  return {
    t,
    baseUrl,
    context,
    page,
    problems,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
      await t.close();
    },
  };
}

/** A user with a known email and password in the organization (created by the commission admin). */
export async function createUser(t: TestApp, organizationId: string, roles: string[], email: string): Promise<{ id: string; email: string }> {
  const response = await t
    .http()
    .post(`/api/v1/organizations/${organizationId}/users`)
    .set(bearer(await t.adminToken()))
    .send({ email, password: USER_PASSWORD, roles });
  if (response.status !== 201) throw new Error(`create user failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Signs in with a password alone (a role without a second factor). */
export async function signIn(h: ConsoleHarness, email: string, password = USER_PASSWORD): Promise<void> {
  await h.page.goto(`${h.baseUrl}/console/`);
  await h.page.getByLabel('Email').fill(email);
  await h.page.getByLabel('Password').fill(password);
  await h.page.getByRole('button', { name: 'Sign in' }).click();
  await h.page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** axe-core's WCAG 2.1 A/AA rules on the page as it is: no serious or critical violation. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ screen, rule: violation.id, impact: violation.impact, nodes: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5) }));
  expect(blocking).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(OUTPUT, `console-${name}.png`), fullPage: true });
}

/** Sideways scrolling at the current width (a string: this file is type-checked without the DOM library). */
export const horizontalOverflow = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

export const today = () => new Date().toISOString().slice(0, 10);
