import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, gql, signIn } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';
import { buildWebIfStale, launchBrowser, releaseBrowser, poll, signInAs, withPage, keepScreenshot } from './browser.ts';

/**
 * With TT-API failing, every page still shows what the CRM knows, and the travel parts say plainly
 * that travel data is unavailable. Its own system: the failing simulator opens travel's circuit breaker.
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

interface LinkedContact {
  id: string;
  firstName: string;
  lastName: string | null;
  ttTravelerId: string | null;
}

describe('when TT-API is unavailable', () => {
  it('a contact page shows its CRM data and a clear travel notice; travel pages say so too', async () => {
    const viewer = await signIn(system.gatewayUrl, 'viewer@nexus.test');
    const list = await gql<{ contacts: { nodes: LinkedContact[] } }>(
      system.gatewayUrl,
      '{ contacts(first: 100, orderBy: { field: EMAIL }) { nodes { id firstName lastName ttTravelerId } } }',
      {},
      bearer(viewer.accessToken),
    );
    const contact = list.data?.contacts.nodes.find((c) => c.ttTravelerId);
    if (!contact) throw new Error('no demo contact is linked to a TT-API traveler');
    const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ');

    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'viewer@nexus.test', `/crm/contacts/${contact.id}`);

      // While TT-API answers, the travel profile shows its documents.
      await page.getByTestId('travel-documents').waitFor();

      await system.simulator.control.outage({ mode: 'refuse' });
      await page.reload();
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      const notice = page.getByTestId('travel-notice');
      await notice.waitFor();
      expect(await notice.getAttribute('data-code')).toBe('UPSTREAM_UNAVAILABLE');
      expect(await notice.innerText()).toMatch(/Travel data unavailable[\s\S]*TT-API, the travel system, is not answering/);
      // Everything the CRM knows is still there.
      await page.getByRole('heading', { name: 'Details' }).waitFor();
      await page.getByRole('heading', { name: /^Activity/ }).waitFor();
      await page.getByRole('heading', { name: /^Deals/ }).waitFor();
      expect(await page.getByTestId('travel-documents').count()).toBe(0);
      await keepScreenshot(page, 'contact-travel-unavailable', { fullPage: true });

      // The dashboard keeps its CRM figures; only the departures say they are unavailable.
      await page.getByRole('link', { name: 'Dashboard' }).click();
      await page.getByTestId('pipeline-chart').waitFor();
      await poll(() => page.getByTestId('kpis').innerText()).toMatch(/Departures, next 30 days\s*Unavailable/i);
      await page.getByTestId('travel-notice').waitFor();
      await keepScreenshot(page, 'dashboard-travel-unavailable', { fullPage: true });

      // Travel's own pages say so, with the shell and navigation working around them.
      await page.getByRole('link', { name: 'Trips' }).click();
      await page.getByRole('heading', { name: 'Trips', level: 1 }).waitFor();
      await page.getByTestId('travel-notice').waitFor();
      expect(await page.getByTestId('travel-notice').innerText()).toMatch(/Travel data unavailable/);
      // So does the traveler page that passport notifications open.
      await page.goto(`${system.gatewayUrl}/travel/travelers/${contact.ttTravelerId}`);
      await page.getByTestId('travel-notice').waitFor();
      expect(await page.getByTestId('travel-notice').innerText()).toMatch(/Travel data unavailable/);
      expect(await page.getByText('Page not found').count()).toBe(0);
      await page.getByRole('link', { name: 'Contacts' }).click();
      await page.getByTestId('contacts-table').locator('tbody tr th a').first().waitFor();
      expect(problems).toEqual([]);
    });
    await system.simulator.control.restore();
  }, 90_000);

  it('shows trips and bookings from TT-API when it answers', async () => {
    await system.simulator.control.restore();
    system.travelBreaker.reset();
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'advisor@nexus.test', '/travel/trips');
      const trips = page.getByTestId('trips-table').locator('tbody tr th a');
      await poll(() => trips.count(), { timeout: 40_000, interval: 1000 }).toBeGreaterThan(0);
      await keepScreenshot(page, 'trips', { fullPage: true });
      const tripName = (await trips.first().innerText()).trim();
      await trips.first().click();
      await page.getByRole('heading', { name: tripName, level: 1 }).waitFor();
      await page.getByRole('heading', { name: 'Itinerary' }).waitFor();
      await keepScreenshot(page, 'trip-detail', { fullPage: true });

      await page.getByRole('link', { name: 'Bookings' }).click();
      const bookings = page.getByTestId('bookings-table').locator('tbody tr th a');
      await poll(() => bookings.count()).toBeGreaterThan(0);
      await page.getByLabel('Status').selectOption('CONFIRMED');
      await page.waitForURL((url) => url.searchParams.get('status') === 'CONFIRMED');
      await poll(async () => (await page.getByTestId('bookings-table').locator('tbody td .badge').allInnerTexts()).every((s) => s === 'Confirmed')).toBe(true);
      await keepScreenshot(page, 'bookings', { fullPage: true });
      const reference = (await bookings.first().innerText()).trim();
      await bookings.first().click();
      await page.getByRole('heading', { name: new RegExp(reference), level: 1 }).waitFor();
      await keepScreenshot(page, 'booking-detail', { fullPage: true });
      expect(problems).toEqual([]);
    });
  }, 90_000);
});
