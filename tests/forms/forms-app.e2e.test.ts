import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from '../support/system.ts';
import { buildWebIfStale, launchBrowser, poll, releaseBrowser, signInAs, withPage } from '../web/browser.ts';

/**
 * Forms and landing pages in the staff app, in headless Chromium against the whole system: an
 * advisor builds a form with its live preview and gets its embed code, builds a landing page around
 * it and publishes it; a visitor with JavaScript turned off sends the form from the page; the
 * page's statistics and the form's submissions show it. The builder fits a phone's width.
 */
let system: System;
let browser: Browser;

beforeAll(async () => {
  await buildWebIfStale();
  system = await startSystem({ web: true, env: { LOGIN_RATE_LIMIT: '1000' } });
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await releaseBrowser(browser);
  await system?.close();
});

describe('forms and landing pages in the staff app', () => {
  it('an advisor builds a form and a page, a visitor without JavaScript converts, and the statistics show it', async () => {
    const suffix = Date.now().toString(36);
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'advisor@nexus.test', '/marketing/forms/new');
      await page.getByLabel(/^Name/).fill(`Autumn enquiry ${suffix}`);
      await page.getByRole('button', { name: 'Add field' }).click();
      await page
        .getByLabel(/^Label/)
        .nth(2)
        .fill('Dream trip');
      await page.getByLabel(/^Key/).nth(2).fill('trip');
      await page.getByLabel('Type', { exact: true }).nth(2).selectOption('SELECT');
      await page.getByLabel('Choices').fill('Safari\nJapan');
      await poll(() => page.getByTestId('form-preview').innerText()).toContain('Dream trip');
      await page.getByRole('button', { name: 'Create form' }).click();
      await page.waitForURL(/\/marketing\/forms\/[0-9a-f-]{36}$/);
      await poll(() => page.getByLabel('Embed code').inputValue()).toContain('method="post"');
      expect(await page.getByLabel('Embed code').inputValue()).toContain('name="trip"');

      await page.goto(`${system.gatewayUrl}/marketing/pages/new`);
      await page.getByLabel(/^Name/).fill(`Autumn escapes ${suffix}`);
      await poll(() => page.getByLabel(/^Address/).inputValue()).toBe(`autumn-escapes-${suffix}`);
      await page.getByLabel(/^Title/).fill('Autumn escapes');
      await page.getByLabel('Description').fill('Quiet places for the autumn.');
      await page.getByLabel(/^Form/).selectOption({ label: `Autumn enquiry ${suffix}` });
      await poll(() => page.getByTestId('page-preview').innerText()).toContain('Dream trip');
      await page.getByRole('button', { name: 'Create draft' }).click();
      await page.waitForURL(/\/marketing\/pages\/[0-9a-f-]{36}$/);
      const builderUrl = page.url();
      await page.getByRole('button', { name: 'Publish' }).click();
      await poll(() => page.getByRole('button', { name: 'Unpublish' }).count()).toBe(1);
      const publicUrl = `${system.gatewayUrl}/lp/autumn-escapes-${suffix}`;

      // A visitor, JavaScript off, from a newsletter link.
      const visitor = await browser.newContext({
        javaScriptEnabled: false,
        // A person's browser: headless Chromium's own user agent is not counted as a visitor.
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
      });
      try {
        const lp = await visitor.newPage();
        await lp.goto(`${publicUrl}?utm_source=newsletter&utm_campaign=autumn`);
        expect(await lp.title()).toBe('Autumn escapes');
        await lp.getByLabel('First name').fill('Mina');
        await lp.getByRole('textbox', { name: /^Email/ }).fill(`mina.${suffix}@example.com`);
        await lp.getByLabel('Dream trip').selectOption('Japan');
        await lp.getByRole('button', { name: 'Send' }).click();
        await lp.getByText('Thank you. We have your details').waitFor();
      } finally {
        await visitor.close();
      }

      await page.goto(builderUrl);
      await poll(() => page.getByTestId('page-stats').innerText()).toMatch(
        /Unique views\s+1[\s\S]*Conversions\s+1[\s\S]*100\.0%/i,
      );
      expect(await page.getByTestId('page-stats').innerText()).toContain('newsletter');

      // At a phone's width the builder is one column, with nothing off the side.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByTestId('page-preview').scrollIntoViewIfNeeded();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(391);

      await page.goto(`${system.gatewayUrl}/marketing/forms`);
      await page
        .getByTestId('forms-table')
        .getByRole('row', { name: new RegExp(`Autumn enquiry ${suffix}`) })
        .getByRole('link', { name: '1', exact: true })
        .click();
      await page.waitForURL(/\/submissions$/);
      await poll(() => page.getByTestId('submissions-table').innerText()).toContain(`mina.${suffix}@example.com`);
      expect(await page.getByTestId('submissions-table').innerText()).toContain('Dream trip: Japan');
      expect(problems).toEqual([]);
    });
  });
});
