import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, gql, signIn } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';
import { ARTIFACTS, PASSWORD, buildWebIfStale, launchBrowser, releaseBrowser, keepScreenshot } from './browser.ts';

/**
 * The staff app as a person uses it: the built bundle served by the gateway at `/`, driven in
 * headless Chromium against the whole supergraph with demo data.
 */

let system: System;
let browser: Browser;

beforeAll(async () => {
  await buildWebIfStale();
  system = await startSystem({ web: true });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await releaseBrowser(browser);
  await system?.close();
});

describe('signing in to the staff app', () => {
  it('shows the server’s message for a wrong password and stays on the login page', async () => {
    await withPage(async (page) => {
      await page.goto(`${system.gatewayUrl}/login`);
      await page.getByRole('heading', { name: 'Sign in to Nexus' }).waitFor();
      await keepScreenshot(page, 'login', { fullPage: true });

      await page.getByLabel('Email').fill('advisor@nexus.test');
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();

      const alert = page.getByTestId('login-error');
      await alert.waitFor();
      const serverSays = await gql(system.gatewayUrl, 'mutation { login(email: "advisor@nexus.test", password: "not-the-password") { accessToken } }');
      expect(serverSays.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect((await alert.innerText()).trim()).toBe(serverSays.errors?.[0]?.message);
      await keepScreenshot(page, 'login-wrong-password', { fullPage: true });
      expect(new URL(page.url()).pathname).toBe('/login');
      // The password is cleared for the next attempt; the email is kept.
      expect(await page.getByLabel('Password').inputValue()).toBe('');
      expect(await page.getByLabel('Email').inputValue()).toBe('advisor@nexus.test');
      expect(await page.getByRole('button', { name: 'Sign in' }).isEnabled()).toBe(true);
    });
  });

  it('signs in, lists and searches contacts, survives a reload and signs out', async () => {
    await withPage(async (page, problems) => {
      // A signed-out visit to a page goes to the login page, remembering where it was going.
      await page.goto(`${system.gatewayUrl}/crm/contacts`);
      await page.waitForURL((url) => url.pathname === '/login');
      expect(new URL(page.url()).searchParams.get('next')).toBe('/crm/contacts');

      await page.getByLabel('Email').fill('advisor@nexus.test');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();

      await page.waitForURL((url) => url.pathname === '/crm/contacts');
      await expect.poll(() => page.getByTestId('signed-in-person').innerText()).toMatch(/Avery Advisor/);
      await page.getByRole('heading', { name: 'Contacts', level: 1 }).waitFor();

      const rows = page.getByTestId('contacts-table').locator('tbody tr');
      await expect.poll(() => contactRowCount(page), { timeout: 15_000 }).toBeGreaterThan(0);
      const total = await shownTotal(page);
      expect(total).toBeGreaterThan(0);

      // Rows show company names (resolved across subgraphs) and owners' names.
      const companies = (await page.getByTestId('contacts-table').locator('tbody tr td:nth-child(2)').allInnerTexts())
        .map((text) => text.trim())
        .filter((text) => text !== '' && text !== '—');
      expect(companies.length).toBeGreaterThan(0);
      await keepScreenshot(page, 'contacts', { fullPage: true });

      // Sorting is done by the server: highest lead score first, then the order flips.
      await page.getByRole('button', { name: /^Lead score/ }).click();
      await page.waitForURL((url) => url.searchParams.get('sort') === 'LEAD_SCORE' && url.searchParams.get('dir') === 'desc');
      await expect
        .poll(async () => (await leadScores(page)).every((score, i, all) => i === 0 || score <= (all[i - 1] ?? score)), { timeout: 15_000 })
        .toBe(true);
      expect(await page.locator('th[aria-sort="descending"]').innerText()).toMatch(/lead score/i);

      // Searching narrows the list on the server; every row left matches the search.
      const term = companies[0] ?? '';
      await page.getByLabel('Search contacts').fill(term);
      await page.waitForURL((url) => url.searchParams.get('q') === term);
      await expect.poll(() => shownTotal(page), { timeout: 15_000 }).toBeLessThan(total);
      expect(await shownTotal(page)).toBeGreaterThan(0);
      for (const text of await rows.allInnerTexts()) expect(text.toLowerCase()).toContain(term.toLowerCase());
      const narrowed = await shownTotal(page);

      // A reload keeps the person signed in (the refresh cookie) and the search (the URL).
      await page.reload();
      await expect.poll(() => page.getByTestId('signed-in-person').innerText(), { timeout: 15_000 }).toMatch(/Avery Advisor/);
      expect(new URL(page.url()).pathname).toBe('/crm/contacts');
      expect(await page.getByLabel('Search contacts').inputValue()).toBe(term);
      await expect.poll(() => shownTotal(page), { timeout: 15_000 }).toBe(narrowed);

      // Signing out returns to the login page, and the session is really over.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((url) => url.pathname === '/login');
      await page.getByRole('heading', { name: 'Sign in to Nexus' }).waitFor();
      await page.goto(`${system.gatewayUrl}/crm/contacts`);
      await page.waitForURL((url) => url.pathname === '/login');

      expect(problems).toEqual([]);
    });
  });
});

describe('silent session renewal', () => {
  const JO_CHEN = '0b6f6f0e-0000-4000-8000-000000000007';

  it('renews a voided access token without interrupting, and signs out when renewal is refused', async () => {
    await withPage(async (page, problems) => {
      await page.goto(`${system.gatewayUrl}/login?next=${encodeURIComponent('/crm/contacts')}`);
      await page.getByLabel('Email').fill('jo.chen@nexus.test');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => url.pathname === '/crm/contacts');
      await expect.poll(() => page.getByTestId('signed-in-person').innerText()).toMatch(/Advisor/i);
      await expect.poll(() => shownTotal(page), { timeout: 15_000 }).toBeGreaterThan(0);

      // An admin changes Jo's role: the access token in the tab stops working at once.
      const admin = await signIn(system.gatewayUrl, 'admin@nexus.test');
      const changed = await gql(
        system.gatewayUrl,
        'mutation($id: ID!) { changeUserRole(input: { userId: $id, role: MANAGER }) { role } }',
        { id: JO_CHEN },
        bearer(admin.accessToken),
      );
      expect(changed.errors).toBeUndefined();

      // The next query is refused, renewed from the cookie and retried: Jo notices nothing but the new role.
      await page.getByLabel('Lifecycle stage', { exact: true }).selectOption('CUSTOMER');
      await page.waitForURL((url) => url.searchParams.get('stage') === 'CUSTOMER');
      await expect.poll(() => page.getByTestId('signed-in-person').innerText(), { timeout: 15_000 }).toMatch(/Manager/i);
      await expect.poll(() => shownTotal(page), { timeout: 15_000 }).toBeGreaterThanOrEqual(0);
      expect(await page.getByRole('alert').count()).toBe(0);
      expect(new URL(page.url()).pathname).toBe('/crm/contacts');

      // Deactivation ends every session: renewal is refused, and Jo lands on the login page
      // with a way back to where they were.
      const deactivated = await gql(system.gatewayUrl, 'mutation($id: ID!) { deactivateUser(id: $id) { active } }', { id: JO_CHEN }, bearer(admin.accessToken));
      expect(deactivated.errors).toBeUndefined();
      // Whichever comes first ends the tab's session: the live connection's revocation, or the next
      // query's refused renewal; either way Jo lands on the login page with a way back to the list.
      await page
        .getByLabel('Lifecycle stage', { exact: true })
        .selectOption('LEAD', { timeout: 2_000 })
        .catch(() => undefined);
      await page.waitForURL((url) => url.pathname === '/login', { timeout: 15_000 });
      expect(['/crm/contacts?stage=CUSTOMER', '/crm/contacts?stage=LEAD']).toContain(new URL(page.url()).searchParams.get('next'));
      await page.getByText('Your session ended').waitFor();

      expect(problems).toEqual([]);
    });
  });
});

/** A fresh browser context per test (no cookies shared), closed afterwards. */
async function withPage(run: (page: Page, problems: string[]) => Promise<void>) {
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Refused credentials are 4xx responses, which Chromium logs as resource errors: expected.
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(message.text());
  });
  try {
    await run(page, problems);
  } catch (error) {
    // Leave evidence for whoever reads the failure.
    await page.screenshot({ path: `${ARTIFACTS}/failure-${Date.now()}.png`, fullPage: true }).catch(() => undefined);
    throw new Error(`${String(error)}\nat ${page.url()}\npage problems: ${JSON.stringify(problems)}`, { cause: error });
  } finally {
    await context.close();
  }
}

async function leadScores(page: Page): Promise<number[]> {
  const cells = await page.getByTestId('contacts-table').locator('tbody tr td.numeric').allInnerTexts();
  return cells.map((text) => Number(text.replace(/[^\d-]/g, '')));
}

async function contactRowCount(page: Page): Promise<number> {
  return page.getByTestId('contacts-table').locator('tbody tr:has(th[scope="row"])').count();
}

/** The "N contacts" count above the table. */
async function shownTotal(page: Page): Promise<number> {
  const text = await page.locator('.page-header__meta').innerText();
  const match = /([\d,.\s]+)\s+contacts?/.exec(text);
  return match?.[1] ? Number(match[1].replace(/[^\d]/g, '')) : -1;
}
