import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCatcher, type MailCatcher } from '@nexus/platform';
import { bearer, gql, signIn } from '../support/client.ts';
import { eventually } from '../support/staff.ts';
import { startSystem, type System } from '../support/system.ts';
import { buildWebIfStale, launchBrowser, releaseBrowser, poll, signInAs, withPage } from './browser.ts';

/**
 * The sales path in a browser: an advisor opens a deal, starts a quote from it, adds lines (the
 * totals come back priced by the server), downloads the PDF and sends the link; the client opens
 * the link, asks for a code, and accepts.
 */
let system: System;
let browser: Browser;
let mail: MailCatcher;
let dealId = '';

beforeAll(async () => {
  await buildWebIfStale();
  mail = await startMailCatcher();
  system = await startSystem({ web: true, worker: true, env: { SMTP_URL: mail.smtpUrl, LOGIN_RATE_LIMIT: '1000' } });
  browser = await launchBrowser();
  const advisor = (await signIn(system.gatewayUrl, 'advisor@nexus.test')).accessToken;
  const d = await gql<{ createDeal: { id: string } }>(
    system.gatewayUrl,
    'mutation($input: CreateDealInput!) { createDeal(input: $input) { id } }',
    { input: { title: 'Azores family trip' } },
    bearer(advisor),
  );
  if (!d.data) throw new Error(`createDeal failed: ${d.raw}`);
  dealId = d.data.createDeal.id;
}, 240_000);

afterAll(async () => {
  await releaseBrowser(browser);
  await system?.close();
  await mail?.close();
});

describe('quotes in the staff app', () => {
  it('an advisor builds a quote on a deal, downloads its PDF and sends the link; the link accepts it', async () => {
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'advisor@nexus.test', `/crm/deals/${dealId}`);
      await page.getByTestId('deal-sales-panel').getByRole('link', { name: 'New quote' }).click();
      await page.waitForURL(/\/sales\/quotes\/new\?dealId=/);
      // The form's "Title" (marked required), not the deal page's inline "Edit Title: …" editor, which
      // may still be on screen for a moment.
      await page.getByLabel(/^Title\b/).fill('Azores, 7 nights');
      await page.getByLabel('Client name').fill('Rita Client');
      await page.getByLabel('Client email').fill('rita@example.com');
      await page.getByRole('button', { name: 'Create quote' }).click();
      await page.waitForURL(/\/sales\/quotes\/[0-9a-f-]{36}$/);

      for (const [description, quantity, price] of [
        ['Whale watching', '2', '85.50'],
        ['Hotel, 7 nights', '1', '1,200'],
      ] as const) {
        await page.getByLabel('Description').fill(description);
        await page.getByLabel('Quantity').fill(quantity);
        await page.getByLabel('Unit price').fill(price);
        await page.getByRole('button', { name: 'Add line' }).click();
        await poll(() => page.getByTestId('quote-lines').innerText()).toContain(description);
      }
      // 2 x 85.50 + 1,200.00, priced by the server.
      await poll(() => page.getByTestId('quote-total').innerText()).toBe('USD 1,371.00');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download PDF' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^Q-\d{5}\.pdf$/);
      const file = await download.path();
      expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');

      await page.getByRole('button', { name: 'Send the link' }).click();
      const link = await page.getByTestId('quote-link').getByRole('link').getAttribute('href');
      expect(link).toMatch(/\/q\/[A-Za-z0-9_-]+$/);
      await poll(() => page.getByTestId('quote-status').innerText()).toContain('sent');

      // The client's side, on the public page.
      await page.goto(`${system.gatewayUrl}${new URL(link ?? '').pathname}`);
      await page.getByRole('button', { name: 'Email me a code' }).click();
      const code = await eventually(async () => {
        const m = mail.messages.find((x) => x.envelopeTo.includes('rita@example.com') && /^Your code /.test(x.subject));
        const found = /(\d{6})/.exec(m?.subject ?? '')?.[1];
        expect(found).toMatch(/^\d{6}$/);
        return found ?? '';
      }, 20_000);
      await page.getByLabel('Your full name').fill('Rita Client');
      await page.getByLabel('One-time code').fill(code);
      await page.getByLabel('I have read the terms above').check();
      await page.getByRole('button', { name: 'Accept this quote' }).click();
      await poll(() => page.locator('h1').innerText()).toContain('Thank you, Rita Client');
      expect(problems).toEqual([]);
    });
  });
});
