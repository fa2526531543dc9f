import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supplierStatement } from '../../subgraphs/travel/simulator/index.ts';
import { bearer, gql, signIn } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';
import { buildWebIfStale, launchBrowser, releaseBrowser, poll, signInAs, withPage, keepScreenshot } from './browser.ts';

/**
 * The travel, finance and groups pages of issue 14 (U-06, U-07, F-05, G-01/G-02) in headless
 * Chromium against the whole supergraph: an advisor's lists and records, the client form, a
 * manager's finance pages with their filters in the URL, and the "Travel data unavailable" notice
 * on every page while TT-API is down.
 */

let system: System;
let browser: Browser;

beforeAll(async () => {
  await buildWebIfStale();
  system = await startSystem({ web: true, env: { LOGIN_RATE_LIMIT: '1000' } });
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await releaseBrowser(browser);
  await system?.close();
});

const rowLinks = (testId: string) => `[data-testid="${testId}"] tbody tr th a`;

describe('travel pages', () => {
  it('lets an advisor browse clients, travelers, suppliers, groups, alerts and satisfaction, and add a client', async () => {
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'advisor@nexus.test', '/travel/clients');
      await poll(() => page.locator(rowLinks('clients-table')).count(), { timeout: 40_000 }).toBeGreaterThan(0);

      // The search lives in the URL: a reload shows the same list.
      await page.getByLabel('Search clients').fill('northwind');
      await page.waitForURL((url) => url.searchParams.get('q') === 'northwind');
      await page.reload();
      await poll(() => page.locator(rowLinks('clients-table')).count()).toBeGreaterThan(0);
      const name = (await page.locator(rowLinks('clients-table')).first().innerText()).trim();
      await page.locator(rowLinks('clients-table')).first().click();
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      await page.getByRole('heading', { name: /^Travelers/ }).waitFor();
      await keepScreenshot(page, 'travel-client', { fullPage: true });

      // The header search lists travel hits beside the CRM's, typo and all.
      await page.getByRole('combobox', { name: /Search all records/ }).fill('nortwind');
      const clientHit = page.getByRole('option').filter({ hasText: 'Client' }).first();
      await clientHit.waitFor({ timeout: 20_000 });
      await clientHit.click();
      await page.waitForURL((url) => url.pathname.startsWith('/travel/clients/'));
      await page.getByTestId('client-detail').waitFor();

      await page.goto(`${system.gatewayUrl}/travel/clients/new`);
      await page.getByLabel(/^Name/).fill('Zoë Łódź-Nowak');
      await page.getByLabel(/^Email/).fill('zoe.lodz@example.com');
      await page.getByRole('button', { name: 'Create client' }).click();
      await page.getByRole('heading', { name: 'Zoë Łódź-Nowak', level: 1 }).waitFor();
      // A bad email is refused beside the field, and nothing is created.
      await page.goto(`${system.gatewayUrl}/travel/clients/new`);
      await page.getByLabel(/^Name/).fill('Nobody');
      await page.getByLabel(/^Email/).fill('not-an-email');
      await page.getByRole('button', { name: 'Create client' }).click();
      await page.getByTestId('field-error').first().waitFor();

      await page.goto(`${system.gatewayUrl}/travel/travelers?passport=EXPIRING`);
      await poll(() => page.locator(rowLinks('travelers-table')).count(), { timeout: 20_000 }).toBeGreaterThan(0);
      expect(await page.getByLabel('Passport').inputValue()).toBe('EXPIRING');

      await page.goto(`${system.gatewayUrl}/travel/suppliers?type=CRUISE_LINE`);
      await poll(() => page.locator(rowLinks('suppliers-table')).count(), { timeout: 20_000 }).toBeGreaterThan(0);
      await page.locator(rowLinks('suppliers-table')).first().click();
      await page.getByTestId('commission-rules').waitFor();
      await page.getByTestId('vendor-contracts').waitFor();
      expect(await page.getByTestId('vendor-contracts').locator('tbody tr').count()).toBeGreaterThan(0);

      await page.goto(`${system.gatewayUrl}/travel/groups`);
      await poll(() => page.locator(rowLinks('groups-table')).count(), { timeout: 20_000 }).toBeGreaterThan(0);
      await page.locator(rowLinks('groups-table')).first().click();
      await page.getByTestId('group-members').waitFor();
      await page.getByRole('heading', { name: 'Capacity and deposits' }).waitFor();

      await page.goto(`${system.gatewayUrl}/travel/satisfaction`);
      await poll(() => page.getByTestId('satisfaction-figures').innerText(), { timeout: 20_000 }).toMatch(/NPS \(\d+ answers\)\s*-?\d+/i);
      for (const [path, testId] of [
        ['/travel/alerts', 'alerts-table'],
        ['/travel/satisfaction', 'satisfaction-table'],
      ] as const) {
        await page.goto(`${system.gatewayUrl}${path}`);
        await poll(() => page.locator(`[data-testid="${testId}"] tbody tr`).count(), {
          timeout: 20_000,
        }).toBeGreaterThan(1);
      }
      // Finance is not in an advisor's menu.
      expect(await page.getByRole('link', { name: 'Invoices' }).count()).toBe(0);
      expect(problems).toEqual([]);
    });
  }, 120_000);

  it('gives a manager the finance dashboard, invoices and payment schedules with filters in the URL', async () => {
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'manager@nexus.test', '/travel/finance');
      await page.getByTestId('finance-commissions').waitFor({ timeout: 40_000 });
      await page.getByTestId('finance-overdue').waitFor();
      await keepScreenshot(page, 'travel-finance', { fullPage: true });

      await page.getByRole('link', { name: 'Invoices' }).first().click();
      await poll(() => page.locator('[data-testid="invoices-table"] tbody tr th').count(), {
        timeout: 20_000,
      }).toBeGreaterThan(0);
      await page.getByLabel('Status').selectOption('PAID');
      await page.waitForURL((url) => url.searchParams.get('status') === 'PAID');
      await poll(() =>
        page.locator('[data-testid="invoices-table"] tbody tr td:nth-child(3)').allInnerTexts(),
      ).toSatisfy((cells: string[]) => cells.length > 0 && cells.every((c) => c.trim() === 'Paid'));

      await page.goto(`${system.gatewayUrl}/travel/finance/schedules?status=OVERDUE`);
      await poll(() => page.locator('[data-testid="schedules-table"] tbody tr td:nth-child(5)').allInnerTexts(), {
        timeout: 20_000,
      }).toSatisfy((cells: string[]) => cells.length > 0 && cells.every((c) => c.trim() === 'Overdue'));
      expect(problems).toEqual([]);
    });
  }, 120_000);

  it('gives a manager a booking’s money three ways, supplier statements matched to bookings, and commission by supplier', async () => {
    const manager = bearer((await signIn(system.gatewayUrl, 'manager@nexus.test')).accessToken);
    type Row = { id: string; paymentSchedules: { nodes: { status: string; dueDate: string }[] }; commissions: { totalCount: number } };
    const bookings =
      (
        await gql<{ bookings: { nodes: Row[] } }>(
          system.gatewayUrl,
          '{ bookings(first: 100) { nodes { id paymentSchedules(first: 10) { nodes { status dueDate } } commissions { totalCount } } } }',
          {},
          manager,
        )
      ).data?.bookings.nodes ?? [];
    const booking = bookings.find(
      (b) => b.commissions.totalCount > 0 && b.paymentSchedules.nodes.some((s) => s.status === 'UPCOMING' || s.status === 'DUE'),
    );
    if (!booking) throw new Error('no demo booking with open installments and a commission');
    const firstDue = booking.paymentSchedules.nodes.filter((s) => s.status !== 'PAID' && s.status !== 'WAIVED')[0]?.dueDate ?? '';
    const early = new Date(Date.parse(`${firstDue}T00:00:00Z`) - 3 * 86_400_000).toISOString().slice(0, 10);
    const seeded = supplierStatement(system.simulator.control.db);

    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'manager@nexus.test', `/travel/bookings/${booking.id}`);
      const money = page.getByTestId('booking-money');
      await money.waitFor({ timeout: 40_000 });
      await money.getByTestId('client-installments').waitFor();
      await money.getByTestId('booking-profit').waitFor();
      // A supplier payment due before the client has paid enough is flagged.
      const form = page.getByRole('form', { name: 'Add a supplier payment' });
      await form.getByLabel(/^Payment/).fill('Final payment');
      await form.getByLabel(/^Amount/).fill('999,999.00');
      await form.getByLabel(/^Supplier due date/).fill(early);
      await form.getByRole('button', { name: 'Add supplier payment' }).click();
      await money.getByTestId('supplier-shortfall').waitFor();
      expect(await money.getByTestId('supplier-shortfall').innerText()).toMatch(/^Short \$/);
      // A zero amount is refused beside its field.
      await form.getByLabel(/^Amount/).fill('0');
      await form.getByLabel(/^Supplier due date/).fill(early);
      await form.getByRole('button', { name: 'Add supplier payment' }).click();
      await form.getByTestId('field-error').waitFor();
      await keepScreenshot(page, 'travel-booking-money', { fullPage: true });

      // A supplier's statement, uploaded as the CSV it sent, matched to bookings.
      await page.goto(`${system.gatewayUrl}/travel/commissions`);
      await page.getByTestId('commissions-by-supplier').waitFor({ timeout: 20_000 });
      await page.getByLabel('Status', { exact: true }).selectOption('EARNED');
      await page.waitForURL((url) => url.searchParams.get('status') === 'EARNED');
      await poll(() => page.locator('[data-testid="commissions-table"] tbody tr td:nth-child(3)').allInnerTexts()).toSatisfy(
        (cells: string[]) => cells.length > 0 && cells.every((c) => c.trim() === 'Earned'),
      );
      await page.getByRole('link', { name: 'Supplier statements' }).click();
      const upload = page.getByRole('form', { name: 'Import a statement' });
      await upload.waitFor({ timeout: 20_000 });
      await upload.getByLabel(/^Statement supplier/).selectOption(seeded.vendorId);
      await upload.getByLabel(/^Statement file/).setInputFiles({ name: seeded.fileName, mimeType: 'text/csv', buffer: Buffer.from(seeded.csv) });
      await upload.getByRole('button', { name: 'Import and match' }).click();
      const summary = page.getByTestId('statement-summary');
      await summary.waitFor({ timeout: 20_000 });
      expect(await summary.innerText()).toMatch(
        new RegExp(
          `Matched\\s*${seeded.seeded.matched.length}[\\s\\S]*Amount mismatches\\s*${seeded.seeded.amountMismatches.length}` +
            `[\\s\\S]*Unknown bookings\\s*${seeded.seeded.unknownBookings.length}[\\s\\S]*Missing lines\\s*${seeded.seeded.missing.length}`,
          'i',
        ),
      );
      // The result filter lives in the URL.
      await page.getByLabel('Result').selectOption('AMOUNT_MISMATCH');
      await page.waitForURL((url) => url.searchParams.get('result') === 'AMOUNT_MISMATCH');
      await page.reload();
      await poll(() => page.locator('[data-testid="statement-lines"] tbody tr th').allInnerTexts(), { timeout: 20_000 }).toEqual(
        seeded.seeded.amountMismatches.map((m) => m.bookingReference),
      );
      await page.getByLabel('Result').selectOption('MISSING');
      await poll(() => page.locator('[data-testid="statement-lines"] tbody tr th').allInnerTexts()).toEqual(seeded.seeded.missing);
      await keepScreenshot(page, 'travel-statement', { fullPage: true });
      await page.getByRole('link', { name: 'Supplier statements' }).click();
      await poll(() => page.locator('[data-testid="statements-table"] tbody tr th a').allInnerTexts(), { timeout: 20_000 }).toEqual([
        seeded.fileName,
      ]);
      expect(problems).toEqual([]);
    });
  }, 150_000);

  it('builds an itinerary: starts it from the bookings, reorders by keyboard, publishes one public link and PDF', async () => {
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'advisor@nexus.test', '/travel/trips');
      const trips = page.locator(rowLinks('trips-table'));
      await poll(() => trips.count(), { timeout: 40_000 }).toBeGreaterThan(0);
      await trips.first().click();
      await page.getByRole('link', { name: 'Open the itinerary builder' }).click();
      await page.getByRole('button', { name: 'Start itinerary' }).click();
      await page.getByTestId('itinerary-builder').waitFor();

      const form = page.getByRole('form', { name: 'Add an entry' });
      await form.getByLabel('Day').fill('1');
      await form.getByLabel('Kind').selectOption('FLIGHT');
      await form.getByLabel('Title').fill('Fly to Łódź');
      await form.getByLabel('Time', { exact: true }).fill('09:40');
      await form.getByLabel('Time zone').fill('Europe/Warsaw');
      await form.getByLabel('Supplier').fill('LOT');
      await form.getByLabel('Confirmation').fill('LO-4411');
      await form.getByRole('button', { name: 'Add entry' }).click();
      await form.getByLabel('Day').fill('1');
      await form.getByLabel('Kind').selectOption('NOTE');
      await form.getByLabel('Title').fill('Meet Zoë at arrivals');
      await form.getByRole('button', { name: 'Add entry' }).click();

      const items = page.getByTestId('itinerary-entries').locator('li');
      const titles = () => items.locator('.itinerary__title').allInnerTexts();
      const before = await titles();
      const noteAt = before.indexOf('Meet Zoë at arrivals');
      expect(noteAt).toBeGreaterThan(0);
      // Keyboard reorder: Alt+ArrowUp moves the focused entry up one place.
      await items.nth(noteAt).focus();
      await page.keyboard.press('Alt+ArrowUp');
      await poll(titles).toEqual([
        ...before.slice(0, noteAt - 1),
        before[noteAt],
        before[noteAt - 1],
        ...before.slice(noteAt + 1),
      ]);

      await page.getByRole('button', { name: 'Publish' }).click();
      const link = page.getByTestId('itinerary-link');
      await link.waitFor();
      const url = (await link.innerText()).trim();
      expect(url).toMatch(/\/i\/[A-Za-z0-9_-]{40,}$/);
      await page.getByRole('button', { name: 'Publish update' }).click();
      await poll(() => page.getByText(/Version 2 is live/).count()).toBe(1);
      expect((await link.innerText()).trim()).toBe(url);

      // The client's link works through the gateway without signing in, on a phone-sized page.
      const path = new URL(url).pathname;
      const client = await browser.newPage({ viewport: { width: 390, height: 844 } });
      try {
        await client.goto(`${system.gatewayUrl}${path}`);
        await client.getByRole('heading', { level: 1 }).waitFor();
        expect(await client.content()).toContain('Fly to Łódź');
        const pdf = await client.request.get(`${system.gatewayUrl}${path}/pdf`);
        expect(pdf.status()).toBe(200);
        expect(pdf.headers()['content-type']).toContain('application/pdf');
        expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
      } finally {
        await client.close();
      }
      await keepScreenshot(page, 'travel-itinerary-builder', { fullPage: true });
      expect(problems).toEqual([]);
    });
  }, 120_000);

  it('says "Travel data unavailable" on every travel page while TT-API is down', async () => {
    await system.simulator.control.outage({ mode: 'refuse' });
    try {
      await withPage(browser, async (page) => {
        await signInAs(page, system.gatewayUrl, 'manager@nexus.test', '/travel/clients');
        for (const path of [
          '/travel/clients',
          '/travel/travelers',
          '/travel/suppliers',
          '/travel/groups',
          '/travel/alerts',
          '/travel/satisfaction',
          '/travel/finance',
          '/travel/finance/invoices',
          '/travel/finance/schedules',
          '/travel/finance/statements',
          '/travel/commissions',
          '/travel/trips/00000000-0000-4000-8000-000000000001/itinerary',
          '/travel/bookings/00000000-0000-4000-8000-000000000001',
        ]) {
          await page.goto(`${system.gatewayUrl}${path}`);
          const notice = page.getByTestId('travel-notice');
          await notice.waitFor({ timeout: 20_000 });
          expect(await notice.innerText(), path).toMatch(/Travel data unavailable/);
        }
        await keepScreenshot(page, 'travel-clients-unavailable', { fullPage: true });
      });
    } finally {
      await system.simulator.control.restore();
    }
  }, 120_000);
});
