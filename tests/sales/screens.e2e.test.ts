import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, gql, signIn } from '../support/client.ts';
import type { SalesDeps } from '../../subgraphs/sales/src/context.ts';
import { startSystem, type System } from '../support/system.ts';
import { buildWebIfStale, launchBrowser, releaseBrowser, poll, signInAs, withPage } from '../web/browser.ts';

/**
 * The sales screens in a browser: a manager keeps the catalogue (tiers, seasons, travel pricing,
 * archiving), quote templates and playbooks; an advisor reads products but cannot change them, and
 * builds a quote from a product search with a template, a discount that needs approval, and an add-on;
 * books clients into meetings, moves and cancels one, and marks a no-show once one has started.
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
  await releaseBrowser(browser);
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

  it('a manager makes a collective booking page with two members, and a routing form that sends Japan to a specialist', async () => {
    const as = async (email: string) => bearer((await signIn(system.gatewayUrl, email)).accessToken);
    const manager = await as('manager@nexus.test');
    const call = async <T>(query: string, variables: Record<string, unknown>, auth = manager) => {
      const r = await gql<T>(system.gatewayUrl, query, variables, auth);
      if (!r.data) throw new Error(`operation failed: ${r.raw}`);
      return r.data;
    };
    const hours = 'mutation($i: SetAvailabilityInput!) { setAvailability(input: $i) { userId } }';
    const week = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '18:00' }));
    const advisorId = (
      await call<{ setAvailability: { userId: string } }>(
        hours,
        { i: { displayName: 'Avery Advisor', email: 'advisor@nexus.test', timeZone: 'UTC', weekly: week } },
        await as('advisor@nexus.test'),
      )
    ).setAvailability.userId;
    const managerId = (
      await call<{ setAvailability: { userId: string } }>(hours, {
        i: { displayName: 'Morgan Manager', email: 'manager@nexus.test', timeZone: 'UTC', weekly: week },
      })
    ).setAvailability.userId;
    const team = `Team call ${tag}`;
    await call('mutation($i: CreateMeetingTypeInput!) { createMeetingType(input: $i) { id } }', {
      i: { slug: `team-${tag}`, name: team, durationMinutes: 30, kind: 'ROUND_ROBIN', hostIds: [advisorId, managerId] },
    });

    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'manager@nexus.test', '/sales/meetings');
      await page.getByRole('button', { name: 'New booking page' }).click();
      const editor = page.getByRole('form', { name: 'New booking page' });
      await editor.getByLabel('Name').fill(`Honeymoon design ${tag}`);
      await editor.getByLabel('Address (/meet/…)').fill(`honeymoon-${tag}`);
      await editor.getByLabel('Kind').selectOption('COLLECTIVE');
      await editor.getByLabel('Morgan Manager').check();
      await editor.getByLabel('Minutes', { exact: true }).fill('45');
      // One member is not a collective meeting: the error stands beside the members.
      await editor.getByRole('button', { name: 'Create booking page' }).click();
      await poll(() => editor.getByTestId('field-error').innerText()).toContain('at least two hosts');
      await editor.getByLabel('Avery Advisor').check();
      await editor.getByRole('button', { name: 'Create booking page' }).click();
      const row = page.getByTestId('meeting-types').getByRole('row', { name: new RegExp(`Honeymoon design ${tag}`) });
      await poll(() => row.innerText()).toContain('Collective');
      expect(await row.innerText()).toContain('Morgan Manager, Avery Advisor');
      const created = await call<{
        meetingTypes: { nodes: { kind: string; hostIds: string[]; durationMinutes: number }[] };
      }>('query($s: String) { meetingTypes(filter: { search: $s }) { nodes { kind hostIds durationMinutes } } }', {
        s: `honeymoon-${tag}`,
      });
      expect(created.meetingTypes.nodes).toEqual([
        { kind: 'COLLECTIVE', hostIds: [managerId, advisorId], durationMinutes: 45 },
      ]);

      await page.getByRole('link', { name: 'Routing forms' }).click();
      await page.waitForURL(/\/sales\/routing$/);
      const form = page.getByRole('form', { name: 'Routing form' });
      await form.getByLabel('Name').fill(`Plan a trip ${tag}`);
      await form.getByLabel('Address (/meet/route/…)').fill(`plan-${tag}`);
      await form.getByLabel('Books').selectOption({ label: team });
      await form.getByLabel('Destinations (one a line)').fill('Japan\nItaly');
      await form.getByRole('button', { name: 'Add a rule' }).click();
      await form.getByLabel('Rule 1 answers (comma separated)').fill('Japan');
      await form.getByLabel('Rule 1 sends to').selectOption({ label: 'Avery Advisor' });
      await form.getByLabel('When nothing matches, send to').selectOption({ label: 'Morgan Manager' });
      await form.getByRole('button', { name: 'Create routing form' }).click();
      const listed = page.getByTestId('routing-forms').getByRole('row', { name: new RegExp(`Plan a trip ${tag}`) });
      await poll(() => listed.innerText()).toContain('Destination Japan → Avery Advisor');
      expect(await listed.innerText()).toContain('Otherwise → Morgan Manager');

      await page.getByRole('button', { name: `Try Plan a trip ${tag}` }).click();
      await page.getByLabel('Destination', { exact: true }).selectOption('Japan');
      await page.getByRole('button', { name: 'Where would they go?' }).click();
      await poll(() => page.getByTestId('routing-outcome').innerText()).toContain(
        'To Avery Advisor, as the specialist for the destination',
      );
      expect(await page.getByTestId('routing-outcome').innerText()).toContain(`/meet/${advisorId}/team-${tag}`);
      expect(problems).toEqual([]);
    });
  }, 120_000);

  it('an advisor books a client into a meeting, moves it, cancels it, and marks a started one a no-show', async () => {
    const first = `Bea Booked ${tag}`;
    const second = `Nate Noshow ${tag}`;
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'advisor@nexus.test', '/sales/meetings');
      const book = page.getByRole('form', { name: 'Book for a client' });
      const bookClient = async (name: string, email: string, slotIndex: number) => {
        await book.getByLabel('Booking page').selectOption({ label: 'Intro call with Avery' });
        await poll(() => book.getByLabel('Time', { exact: true }).locator('option').count()).toBeGreaterThan(slotIndex);
        await book.getByLabel('Time', { exact: true }).selectOption({ index: slotIndex });
        await book.getByLabel('Client name').fill(name);
        await book.getByLabel('Client email').fill(email);
        await book.getByRole('button', { name: 'Book' }).click();
        await poll(() => book.getByRole('status').innerText()).toContain(`Booked ${name} on`);
      };
      await bookClient(first, `bea.${tag}@example.com`, 3);
      const list = page.getByTestId('meetings-list');
      const row = list.getByRole('row', { name: new RegExp(first) });
      await poll(() => row.innerText()).toContain('Intro call with Avery');
      const when = () => row.locator('td').first().innerText();
      const bookedAt = await when();

      await row.getByRole('button', { name: `Move ${first}` }).click();
      const move = page.getByRole('form', { name: 'Move the meeting' });
      await poll(() => move.getByLabel('New time').locator('option').count()).toBeGreaterThan(8);
      await move.getByLabel('New time').selectOption({ index: 8 });
      await move.getByRole('button', { name: 'Move', exact: true }).click();
      await poll(when).not.toBe(bookedAt);

      await row.getByRole('button', { name: `Cancel ${first}` }).click();
      await poll(() => list.getByRole('row', { name: new RegExp(first) }).count()).toBe(0);

      // A second client's meeting; by the server's clock it then starts, and nobody comes.
      await bookClient(second, `nate.${tag}@example.com`, 1);
      const late = list.getByRole('row', { name: new RegExp(second) });
      await poll(() => late.innerText()).toContain('Intro call with Avery');
      expect(await late.getByRole('button', { name: `Mark ${second} as no-show` }).count()).toBe(0);
      const meetings = await gql<{ meetings: { nodes: { visitorName: string; startsAt: string }[] } }>(
        system.gatewayUrl,
        '{ meetings(first: 100, filter: { status: [BOOKED] }) { nodes { visitorName startsAt } } }',
        {},
        bearer((await signIn(system.gatewayUrl, 'advisor@nexus.test')).accessToken),
      );
      const startsAt = meetings.data?.meetings.nodes.find((m) => m.visitorName === second)?.startsAt ?? '';
      expect(startsAt).not.toBe('');
      const sales = system.deps.sales as SalesDeps;
      const real = sales.clock;
      sales.clock = () => new Date(new Date(startsAt).getTime() + 10 * 60_000);
      try {
        await page.reload();
        await late.getByRole('button', { name: `Mark ${second} as no-show` }).click();
        await poll(() => late.innerText()).toContain('No-show');
      } finally {
        sales.clock = real;
      }
      expect(problems).toEqual([]);
    });
  }, 120_000);
});
