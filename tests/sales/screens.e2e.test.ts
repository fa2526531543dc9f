import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, gql, signIn } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';
import { buildWebIfStale, launchBrowser, poll, signInAs, withPage } from '../web/browser.ts';

/**
 * The sales screens in a browser: a manager keeps the catalogue (tiers, seasons, travel pricing,
 * archiving), quote templates and playbooks; an advisor reads products but cannot change them, and
 * builds a quote from a product search with a template, a discount that needs approval, and an add-on.
 */
let system: System;
let browser: Browser;
let dealId = '';
const tag = Date.now().toString(36);
const SKU = `LODGE-${tag}`.toUpperCase();
const PRODUCT = `Okavango lodge ${tag}`;
const TEMPLATE = `Safari terms ${tag}`;
const PLAYBOOK = `Discovery ${tag}`;

beforeAll(async () => {
  await buildWebIfStale();
  system = await startSystem({ web: true, env: { LOGIN_RATE_LIMIT: '1000' } });
  browser = await launchBrowser();
  const advisor = (await signIn(system.gatewayUrl, 'advisor@nexus.test')).accessToken;
  const d = await gql<{ createDeal: { id: string } }>(
    system.gatewayUrl,
    'mutation($input: CreateDealInput!) { createDeal(input: $input) { id } }',
    { input: { title: 'Botswana honeymoon' } },
    bearer(advisor),
  );
  if (!d.data) throw new Error(`createDeal failed: ${d.raw}`);
  dealId = d.data.createDeal.id;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await system?.close();
});

describe('sales screens', () => {
  it('a manager adds a product with travel pricing, archives and restores it; the list filters by status', async () => {
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'manager@nexus.test', '/sales/products');
      await page.getByRole('link', { name: 'New product' }).click();
      await page.waitForURL(/\/sales\/products\/new$/);
      await page.getByLabel('SKU').fill(SKU.toLowerCase());
      await page.getByLabel('Name').fill(PRODUCT);
      await page.getByLabel('Category', { exact: true }).fill('Lodges');
      await page.getByLabel('Sell price').fill('1,250');
      await page.getByLabel('Supplier cost', { exact: true }).fill('900.50');
      await page.getByLabel('Priced', { exact: true }).selectOption('PER_ROOM');
      await page.getByLabel('Tax rate (%)', { exact: true }).fill('7.5');
      await page.getByLabel('Price includes tax').check();
      await page.getByLabel('Travel offering id', { exact: true }).fill('offering-okavango');
      await page.getByRole('button', { name: 'Add a tier' }).click();
      await page.getByLabel('Tier 1 from quantity', { exact: true }).fill('4');
      await page.getByLabel('Tier 1 unit price', { exact: true }).fill('1100');
      await page.getByRole('button', { name: 'Add a season' }).click();
      await page.getByLabel('Season 1 from', { exact: true }).fill('2027-07-01');
      await page.getByLabel('Season 1 to', { exact: true }).fill('2027-06-01');
      await page.getByLabel('Season 1 unit price', { exact: true }).fill('1500');
      await page.getByRole('button', { name: 'Create product' }).click();
      // A season ending before it starts is refused beside its field; nothing is created.
      await poll(() => page.getByTestId('field-error').allInnerTexts()).toEqual(['must not end before it starts']);
      expect(page.url()).toMatch(/\/sales\/products\/new$/);
      await page.getByLabel('Season 1 to', { exact: true }).fill('2027-09-30');
      await page.getByRole('button', { name: 'Create product' }).click();
      await page.waitForURL(/\/sales\/products\/[0-9a-f-]{36}$/);
      const productUrl = page.url();

      // What was saved comes back from the server.
      await page.reload();
      await poll(() => page.getByTestId('product-status').innerText()).toBe(`${SKU} · Active`);
      expect(await page.getByLabel('Sell price').inputValue()).toBe('1250');
      expect(await page.getByLabel('Supplier cost', { exact: true }).inputValue()).toBe('900.50');
      expect(await page.getByLabel('Priced', { exact: true }).inputValue()).toBe('PER_ROOM');
      expect(await page.getByLabel('Tax rate (%)', { exact: true }).inputValue()).toBe('7.5');
      expect(await page.getByLabel('Price includes tax').isChecked()).toBe(true);
      expect(await page.getByLabel('Tier 1 unit price', { exact: true }).inputValue()).toBe('1100');
      expect(await page.getByLabel('Season 1 to', { exact: true }).inputValue()).toBe('2027-09-30');
      expect(await page.getByLabel('Travel offering id', { exact: true }).inputValue()).toBe('offering-okavango');

      await page.getByRole('button', { name: 'Archive' }).click();
      await poll(() => page.getByTestId('product-status').innerText()).toBe(`${SKU} · Archived`);
      await page.getByRole('link', { name: 'All products' }).click();
      const table = page.getByTestId('products-table');
      await page.getByLabel('Search products').fill(tag);
      await poll(() => page.getByText('0 products').count()).toBe(1);
      await page.getByLabel('Status').selectOption('archived');
      await poll(() => table.innerText()).toContain(PRODUCT);
      expect(await table.innerText()).toContain('USD 1,250.00 per room');
      expect(await table.innerText()).toContain('USD 900.50');

      await page.goto(productUrl);
      await page.getByRole('button', { name: 'Restore' }).click();
      await poll(() => page.getByTestId('product-status').innerText()).toBe(`${SKU} · Active`);
      expect(problems).toEqual([]);
    });

    // An advisor reads the same page without the means to change it.
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'advisor@nexus.test', '/sales/products');
      await expect(page.getByRole('link', { name: 'New product' }).count()).resolves.toBe(0);
      await page.getByLabel('Search products').fill(tag);
      await page.getByRole('link', { name: PRODUCT }).click();
      await poll(() => page.getByTestId('product-status').innerText()).toBe(`${SKU} · Active`);
      expect(await page.getByLabel('Sell price').isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Save product' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Archive' }).count()).toBe(0);
      expect(problems).toEqual([]);
    });
  }, 120_000);

  it('a manager keeps quote templates and a playbook with sections, checklist items and questions', async () => {
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'manager@nexus.test', '/sales/quotes');
      await page.getByRole('link', { name: 'Quote templates' }).click();
      await page.getByLabel('Template name').fill(TEMPLATE);
      await page.getByLabel('Terms', { exact: true }).fill('Park fees are included.');
      await page.getByLabel('Cancellation schedule').fill('90+ days: deposit kept. Under 90 days: 100%.');
      await page.getByLabel('Deposit (%)').fill('30');
      await page.getByRole('button', { name: 'Create template' }).click();
      const templates = page.getByTestId('templates-table');
      await poll(() => templates.innerText()).toContain(TEMPLATE);
      expect(await templates.innerText()).toContain('30%');

      await page.goto(`${system.gatewayUrl}/sales/playbooks`);
      await page.getByRole('link', { name: 'New playbook' }).click();
      await page.getByLabel('Name').fill(PLAYBOOK);
      const stage = page.getByLabel('Pipeline stage');
      await stage.selectOption({ index: 1 });
      const stageName = (await stage.locator('option:checked').innerText()).trim();
      await page.getByLabel('Deal type').selectOption('NEW_BUSINESS');
      await page.getByRole('button', { name: 'Add a section' }).click();
      await page.getByLabel('Section 1 title').fill('First call');
      await page.getByRole('button', { name: 'Add an item to section 1' }).click();
      await page.getByLabel('Section 1 item 1 text').fill('Confirm travel dates');
      await page.getByRole('button', { name: 'Add an item to section 1' }).click();
      await page.getByLabel('Section 1 item 2 kind').selectOption('QUESTION');
      await page.getByLabel('Section 1 item 2 text').fill('What is the budget per person?');
      await page.getByRole('button', { name: 'Create playbook' }).click();
      await page.waitForURL(/\/sales\/playbooks\/[0-9a-f-]{36}$/);
      await page.reload();
      await poll(() => page.getByLabel('Section 1 item 2 text').inputValue()).toBe('What is the budget per person?');
      expect(await page.getByLabel('Section 1 item 2 kind').inputValue()).toBe('QUESTION');
      expect(await page.getByLabel('Section 1 item 1 kind').inputValue()).toBe('CHECKLIST');

      // Edited: a second section.
      await page.getByRole('button', { name: 'Add a section' }).click();
      await page.getByLabel('Section 2 title').fill('Proposal');
      await page.getByRole('button', { name: 'Add an item to section 2' }).click();
      await page.getByLabel('Section 2 item 1 text').fill('Send two hotel options');
      await page.getByRole('button', { name: 'Save playbook' }).click();
      await poll(() => page.getByRole('status').innerText()).toBe('Saved.');
      await page.getByRole('link', { name: 'All playbooks' }).click();
      const row = page.getByTestId('playbooks-list').getByRole('row', { name: new RegExp(PLAYBOOK) });
      await poll(() => row.innerText()).toContain('New business');
      expect(await row.innerText()).toContain(stageName);
      expect(problems).toEqual([]);
    });
  }, 120_000);

  it('an advisor builds a quote from a product search with a template, a discount needing approval and an add-on', async () => {
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'advisor@nexus.test', `/sales/quotes/new?dealId=${dealId}`);
      await page.getByLabel('Title').fill('Okavango, 4 nights');
      await page.getByLabel('Client email').fill('amara@example.com');
      await page.getByLabel('Template').selectOption({ label: TEMPLATE });
      await page.getByRole('button', { name: 'Create quote' }).click();
      await page.waitForURL(/\/sales\/quotes\/[0-9a-f-]{36}$/);
      await poll(() => page.getByTestId('quote-terms').innerText()).toContain('Park fees are included.');
      expect(await page.getByTestId('quote-terms').innerText()).toContain('90+ days: deposit kept.');

      await page.getByLabel('Search products').fill(tag);
      await page.getByRole('button', { name: `Add ${PRODUCT}` }).click();
      await poll(() => page.getByTestId('quote-lines').innerText()).toContain(PRODUCT);
      // Tax-inclusive, so the total is the price; 30% deposit from the template.
      await poll(() => page.getByTestId('quote-total').innerText()).toBe('USD 1,250.00');
      expect(await page.getByTestId('quote-deposit').innerText()).toBe('USD 375.00');

      await page.getByRole('button', { name: 'Edit line 1' }).click();
      await page.getByLabel('Quantity').fill('2');
      await page.getByLabel('Line discount type').selectOption('PERCENT');
      await page.getByLabel('Line discount (%)').fill('20');
      await page.getByRole('button', { name: 'Save line' }).click();
      // 2 x 1,250.00 less 20% = 2,000.00; a 20% discount is above the approval threshold.
      await poll(() => page.getByTestId('quote-total').innerText()).toBe('USD 2,000.00');
      expect(await page.getByTestId('quote-discounts').innerText()).toBe('USD -500.00');
      await poll(() => page.getByTestId('quote-status').innerText()).toBe('draft · needs manager approval');

      await page.getByLabel('Description').fill('Scenic flight');
      await page.getByLabel('Quantity').fill('2');
      await page.getByLabel('Unit price').fill('180');
      await page.getByLabel('Add-on the client may choose').check();
      await page.getByRole('button', { name: 'Add line' }).click();
      await poll(() => page.getByTestId('quote-lines').innerText()).toContain('Scenic flight [add-on] (not chosen)');
      // Not chosen yet, so not in the total.
      expect(await page.getByTestId('quote-total').innerText()).toBe('USD 2,000.00');

      await page.getByLabel('Quote discount type').selectOption('AMOUNT');
      await page.getByLabel('Quote discount amount').fill('100');
      await page.getByRole('button', { name: 'Save discount and deposit' }).click();
      await poll(() => page.getByTestId('quote-total').innerText()).toBe('USD 1,900.00');

      // Sending waits for a manager.
      await page.getByRole('button', { name: 'Send the link' }).click();
      await poll(() => page.getByTestId('quote-status').innerText()).toBe('pending approval · needs manager approval');
      expect(problems).toEqual([]);
    });
  }, 120_000);
});
