import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Shared by the web app's browser tests: Debian's Chromium, a page per person, sign-in, the build. */

export const ARTIFACTS = 'tests/artifacts';
export const PASSWORD = 'nexus-demo-password';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const SHARED = Symbol.for('nexus.tests.browser');
const holder = globalThis as { [SHARED]?: Promise<Browser> };

/**
 * The test process's Chromium: launched by the first browser file a worker runs and kept for the
 * next ones (each test still gets a fresh context, so nothing is shared but the process). It ends
 * with the worker.
 */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const running = await holder[SHARED]?.catch(() => undefined);
  if (running?.isConnected()) return running;
  const launching = chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  holder[SHARED] = launching;
  return launching;
}

/** A file is done with the shared browser: whatever contexts it left open are closed. */
export async function releaseBrowser(browser: Browser | undefined) {
  if (!browser?.isConnected()) return;
  await Promise.all(browser.contexts().map((context) => context.close().catch(() => undefined)));
}

export interface Session {
  page: Page;
  /** Console errors and page errors seen so far; a test ends expecting none. */
  problems: string[];
  context: BrowserContext;
}

/** A fresh browser context (no shared cookies) with its problems recorded. */
export async function openPage(browser: Browser, viewport = { width: 1400, height: 900 }): Promise<Session> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Refused requests are 4xx/5xx responses, which Chromium logs as resource errors: expected.
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(message.text());
  });
  return { page, problems, context };
}

/**
 * A picture of a screen as it passed, for people reviewing the app: taken only when
 * `NEXUS_SCREENSHOTS=1` (a full-page capture costs a busy machine up to a second, and the test's
 * assertions, not the picture, are what passes or fails). Failures always leave one (`withPage`).
 */
export async function keepScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  if (process.env.NEXUS_SCREENSHOTS !== '1') return;
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: options.fullPage ?? false });
}

/** Runs `run` with a fresh page; on failure leaves a screenshot and the page's problems. */
export async function withPage(browser: Browser, run: (page: Page, problems: string[]) => Promise<void>) {
  const { page, problems, context } = await openPage(browser);
  try {
    await run(page, problems);
  } catch (error) {
    await page.screenshot({ path: `${ARTIFACTS}/failure-${Date.now()}.png`, fullPage: true }).catch(() => undefined);
    throw new Error(`${String(error)}\nat ${page.url()}\npage problems: ${JSON.stringify(problems)}`, { cause: error });
  } finally {
    await context.close();
  }
}

/** Signs in through the login page and waits for the app shell to show the person. */
export async function signInAs(page: Page, baseUrl: string, email: string, next = '/') {
  await page.goto(`${baseUrl}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
  await poll(() => page.getByTestId('signed-in-person').count()).toBe(1);
}

/** The links of the sidebar, grouped as shown: `{ CRM: ['Contacts', ...] }`. */
export async function sidebar(page: Page): Promise<Record<string, string[]>> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const groups: Record<string, string[]> = {};
  for (const section of await nav.locator('section').all()) {
    const title = (await section.locator('h2').innerText()).trim().toUpperCase();
    groups[title] = (await section.getByRole('link').allInnerTexts()).map((t) => t.trim());
  }
  return groups;
}

/**
 * Builds web/dist when it is missing or older than the sources, as the gateway serves it from
 * there. Several test files may ask at once: under the lock, the first builds and the others find
 * it fresh.
 */
export async function buildWebIfStale() {
  const vite = JSON.stringify(`${process.cwd()}/node_modules/vite/bin/vite.js`);
  const script = [
    'cd web',
    `if [ ! -f dist/index.html ] || [ -n "$(find src index.html vite.config.ts -newer dist/index.html -print -quit 2>/dev/null; find portal public -newer dist/index.html -print -quit 2>/dev/null)" ]; then ${JSON.stringify(process.execPath)} ${vite} build --logLevel warn; fi`,
  ].join(' && ');
  await promisify(execFile)('flock', ['/tmp/nexus-web-build.lock', 'sh', '-c', script], {
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

/** expect.poll with a patience fit for a browser on a busy machine (vitest's default is 1 s). */
export const poll = <T>(fn: () => T | Promise<T>, options: { timeout?: number; interval?: number } = {}) =>
  expect.poll(fn, { timeout: 15_000, interval: 100, ...options });
