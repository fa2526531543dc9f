import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from '../support/system.ts';
import { buildWebIfStale, launchBrowser, releaseBrowser, poll, sidebar, signInAs, withPage } from './browser.ts';

/**
 * The operations hub in the staff app: system health and queue admin for an admin, the analytics
 * dashboard with its date range, the integrations settings, and what a manager's navigation offers.
 */

let system: System;
let browser: Browser;

beforeAll(async () => {
  await buildWebIfStale();
  system = await startSystem({ web: true, env: { LOGIN_RATE_LIMIT: '1000' } });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await releaseBrowser(browser);
  await system?.close();
});

describe('operations hub pages', () => {
  it('shows an admin health, queues with counts, analytics over a chosen range and the integrations', async () => {
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'admin@nexus.test', '/ops/health');
      await page.getByRole('heading', { name: 'System health', level: 1 }).waitFor();
      await poll(() => page.getByTestId('health-table').getByRole('rowheader', { name: 'gateway' }).count()).toBe(1);

      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Queue admin' }).click();
      await page.getByRole('heading', { name: 'Queue admin', level: 1 }).waitFor();
      const mail = page.getByTestId('queue-mail');
      await expect.poll(() => mail.innerText()).toMatch(/\d+ waiting · \d+ active · \d+ delayed · \d+ failed/);
      expect(await page.getByTestId('throughput-mail').innerText()).toMatch(/Last hour: \d+ completed · \d+ failed/);

      await nav.getByRole('link', { name: 'Analytics' }).click();
      await page.getByRole('heading', { name: 'Analytics', level: 1 }).waitFor();
      await poll(() => page.getByTestId('analytics-range').innerText()).toContain('(30 days, UTC)');
      const total = async () =>
        Number((await page.getByTestId('analytics-total').locator('strong').innerText()).replace(/,/g, ''));
      await poll(total).toBeGreaterThan(0);
      const month = await total();
      await poll(() => page.getByTestId('nexus-kpis').innerText()).toMatch(/open deals\s*\d/i);
      expect(await page.getByTestId('tt-kpis').getByRole('rowheader').allInnerTexts()).toContain('Website sessions');
      // The figures are in tables for screen readers too.
      expect(
        await page.getByRole('table', { name: 'Events by name' }).getByRole('rowheader').allInnerTexts(),
      ).toContain('page_view');

      await page.getByRole('button', { name: 'Last 7 days' }).click();
      await poll(() => page.getByTestId('analytics-range').innerText()).toContain('(7 days, UTC)');
      await poll(total).toBeLessThan(month);
      expect(new URL(page.url()).searchParams.get('range')).toBe('7');

      await nav.getByRole('link', { name: 'Integrations' }).click();
      const google = page.getByTestId('integration-google-workspace');
      await poll(() => google.getByTestId('integration-status').innerText()).toBe('Not configured');
      expect(await google.innerText()).toContain('GOOGLE_SERVICE_ACCOUNT_KEY_FILE');
      expect(await page.getByTestId('integration-ai-assistant').innerText()).toContain('ANTHROPIC_API_KEY');
      expect(problems).toEqual([]);
    });
  }, 60_000);

  it('keeps queue admin and integrations out of a manager’s navigation', async () => {
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'manager@nexus.test', '/ops/health');
      await page.getByRole('heading', { name: 'System health', level: 1 }).waitFor();
      const links = (await sidebar(page)).OPERATIONS ?? [];
      expect(links).toContain('Analytics');
      expect(links).not.toContain('Queue admin');
      expect(links).not.toContain('Integrations');
      await page.goto(`${system.gatewayUrl}/ops/integrations`);
      await page.getByText('Your role does not allow you to see the integrations settings.').waitFor();
      expect(await page.getByRole('heading', { name: 'Integrations', level: 1 }).count()).toBe(0);
      expect(problems).toEqual([]);
    });
  }, 30_000);
});
