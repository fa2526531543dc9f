import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES, createLogger, createQueue, type Queue } from '@nexus/platform';
import { PASSPORT_ALERTS_JOB } from '../../subgraphs/travel/src/jobs/travel.job.ts';
import { bearer, gql, signIn } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';
import { buildWebIfStale, launchBrowser, releaseBrowser, poll, signInAs, withPage, keepScreenshot } from './browser.ts';

/**
 * The traveler page that passport-expiry notifications link to, in headless Chromium against the
 * whole supergraph. The worker runs travel's real `passport-alerts` job, relays its notifications
 * to identity, and the advisor opens one from the bell. Lower ranks see the page without the
 * personal part, and never ask the gateway for it.
 */

let system: System;
let browser: Browser;
let travelQueue: Queue;

interface Notification {
  type: string;
  title: string;
  link: string | null;
}

interface TravelerFromApi {
  id: string;
  firstName: string;
  lastName: string;
  documents: { nodes: { id: string; documentType: string; documentNumber: string; daysUntilExpiry: number | null }[] } | null;
  emergencyContacts: { nodes: { id: string; fullName: string }[] } | null;
}

/** The passport notification the advisor's bell shows first, and the traveler it names. */
let alert: { notification: Notification & { link: string }; travelerId: string; traveler: TravelerFromApi };

beforeAll(async () => {
  await buildWebIfStale();
  system = await startSystem({ web: true, worker: true, env: { LOGIN_RATE_LIMIT: '1000' } });
  browser = await launchBrowser();

  // Run the daily job now, on the worker's own `travel` queue (same Redis prefix as the system).
  const log = createLogger('travelers-test');
  log.level = 'silent';
  travelQueue = createQueue(QUEUES.travel, { redisUrl: system.iso.vars.REDIS_URL ?? '', prefix: system.iso.redisPrefix, log });
  const outcome = (await (await travelQueue.add(PASSPORT_ALERTS_JOB, {})).finished()) as { raised: number };
  expect(outcome.raised).toBeGreaterThan(0);

  // The outbox relay hands the notifications to identity; wait until the advisor has them.
  const advisor = await signIn(system.gatewayUrl, 'advisor@nexus.test');
  const passportNotifications = async () => {
    const res = await gql<{ notifications: { nodes: Notification[] } | null }>(
      system.gatewayUrl,
      '{ notifications(first: 10) { nodes { type title link } } }',
      {},
      bearer(advisor.accessToken),
    );
    return (res.data?.notifications?.nodes ?? []).filter((n) => n.type === 'PASSPORT_EXPIRING');
  };
  // Alerts come for passports expiring soon and for passports too short for a trip's destination
  // rule; this page's story is the first kind, so take the first alert whose traveler has one.
  const travelerOf = async (link: string) => {
    const id = /^\/travel\/travelers\/([^/]+)$/.exec(link)?.[1];
    if (!id) throw new Error(`unexpected passport notification link: ${link}`);
    const res = await gql<{ traveler: TravelerFromApi | null }>(
      system.gatewayUrl,
      'query($id: ID!) { traveler(id: $id) { id firstName lastName documents(first: 100) { nodes { id documentType documentNumber daysUntilExpiry } } emergencyContacts(first: 100) { nodes { id fullName } } } }',
      { id },
      bearer(advisor.accessToken),
    );
    if (!res.data?.traveler) throw new Error(`traveler ${id} not found: ${res.raw}`);
    return { id, traveler: res.data.traveler };
  };
  const expiresSoon = (t: TravelerFromApi) =>
    (t.documents?.nodes ?? []).some((d) => d.documentType === 'PASSPORT' && d.daysUntilExpiry !== null && d.daysUntilExpiry >= 0 && d.daysUntilExpiry <= 180);
  let found: { notification: Notification & { link: string }; travelerId: string; traveler: TravelerFromApi } | undefined;
  for (const until = Date.now() + 30_000; !found && Date.now() < until; ) {
    for (const n of await passportNotifications()) {
      if (!n.link) throw new Error('the passport notification has no link');
      const { id, traveler } = await travelerOf(n.link);
      if (expiresSoon(traveler)) {
        found = { notification: { ...n, link: n.link }, travelerId: id, traveler };
        break;
      }
    }
    if (!found) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (!found) throw new Error('no passport notification names a traveler whose passport expires within 180 days');
  alert = found;
}, 180_000);

afterAll(async () => {
  await travelQueue?.close();
  await releaseBrowser(browser);
  await system?.close();
});

const nameOf = (t: { firstName: string; lastName: string }) => `${t.firstName} ${t.lastName}`;

/** Every /graphql request body the page sends and every answer it gets. */
function recordGraphQL(page: Page) {
  const sent: string[] = [];
  const answers: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/graphql' && r.method() === 'POST') sent.push(r.postData() ?? '');
  });
  page.on('response', (r) => {
    if (new URL(r.url()).pathname === '/graphql' && r.request().method() === 'POST') void r.text().then((t) => answers.push(t), () => undefined);
  });
  return { sent, answers };
}

describe('the traveler page', () => {
  it('opens from a passport notification in the bell and shows the documents with their expiry (advisor)', async () => {
    const { notification, travelerId, traveler } = alert;
    const documents = traveler.documents?.nodes ?? [];
    const expiring = documents.find((d) => d.documentType === 'PASSPORT' && d.daysUntilExpiry !== null && d.daysUntilExpiry >= 0 && d.daysUntilExpiry <= 180);
    if (!expiring || expiring.daysUntilExpiry === null) throw new Error('the alerted traveler has no passport expiring within 180 days');
    const days = expiring.daysUntilExpiry;
    const expectedMarker = days === 0 ? 'Expires today' : `Expires in ${days} day${days === 1 ? '' : 's'}`;

    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'advisor@nexus.test');
      await page.getByTestId('notification-bell').click();
      const panel = page.getByTestId('notification-panel');
      await panel.getByText(notification.title).first().click();

      // The notification's link is the page's address.
      await page.waitForURL((url) => url.pathname === notification.link);
      expect(notification.link).toBe(`/travel/travelers/${travelerId}`);
      await page.getByRole('heading', { name: nameOf(traveler), level: 1 }).waitFor();
      expect(await page.getByText('Page not found').count()).toBe(0);

      // Documents, soonest expiry first, each with its marker; numbers by their last 4 characters only.
      const table = page.getByTestId('traveler-documents');
      await poll(() => table.locator('tbody tr[data-document-id]').count()).toBe(documents.length);
      await poll(() => table.getByTestId('expiry-marker').allInnerTexts()).toContain(expectedMarker);
      await table.getByRole('columnheader', { name: 'Number' }).waitFor();
      const expiringRow = table.locator(`tr[data-document-id="${expiring.id}"]`);
      await poll(() => expiringRow.innerText()).toContain(`•••• ${expiring.documentNumber.slice(-4)}`);
      const text = await page.locator('main').innerText();
      for (const d of documents) if (d.documentNumber.length > 4) expect(text).not.toContain(d.documentNumber);

      // Personal data for advisors: date of birth and emergency contacts.
      await page.getByText('Date of birth').waitFor();
      const emergency = page.getByTestId('traveler-emergency-contacts');
      await emergency.getByRole('heading', { name: /Emergency contacts/ }).waitFor();
      const contacts = traveler.emergencyContacts?.nodes ?? [];
      if (contacts.length === 0) await emergency.getByText('No emergency contacts on file.').waitFor();
      for (const c of contacts) await emergency.getByText(c.fullName).waitFor();

      expect(await page.getByTestId('travel-notice').count()).toBe(0);
      await keepScreenshot(page, 'traveler-detail', { fullPage: true });
      expect(problems).toEqual([]);
    });
  }, 90_000);

  for (const email of ['viewer@nexus.test', 'agent@nexus.test']) {
    it(`renders for ${email.split('@')[0]}s without the personal part and without asking for it`, async () => {
      const { travelerId, traveler } = alert;
      await withPage(browser, async (page, problems) => {
        const graphql = recordGraphQL(page);
        await signInAs(page, system.gatewayUrl, email, `/travel/travelers/${travelerId}`);
        await page.getByRole('heading', { name: nameOf(traveler), level: 1 }).waitFor();
        const table = page.getByTestId('traveler-documents');
        await poll(() => table.locator('tbody tr[data-document-id]').count()).toBe((traveler.documents?.nodes ?? []).length);
        await poll(() => table.getByTestId('expiry-marker').allInnerTexts()).toContainEqual(expect.stringMatching(/^(Expires in \d+ days?|Expires today|Expired)$/));
        await page.getByRole('heading', { name: /^Trips/ }).waitFor();
        await page.getByRole('heading', { name: /^Bookings/ }).waitFor();

        expect(await page.getByTestId('traveler-emergency-contacts').count()).toBe(0);
        expect(await page.getByRole('heading', { name: /Emergency contacts/ }).count()).toBe(0);
        expect(await table.getByRole('columnheader', { name: 'Number' }).count()).toBe(0);
        expect(await page.getByText('Date of birth').count()).toBe(0);
        expect(await page.getByTestId('travel-notice').count()).toBe(0);
        expect(await page.locator('[data-code="FORBIDDEN"]').count()).toBe(0);
        expect(await page.getByText('Not allowed').count()).toBe(0);

        // The personal part is never requested, so the gateway has nothing to refuse.
        const travelerQueries = graphql.sent.filter((body) => body.includes('traveler('));
        expect(travelerQueries.length).toBeGreaterThan(0);
        for (const body of graphql.sent) {
          expect(body).not.toContain('emergencyContacts');
          expect(body).not.toContain('documentNumber');
          expect(body).not.toContain('dateOfBirth');
        }
        await poll(() => graphql.answers.length).toBeGreaterThan(0);
        for (const answer of graphql.answers) expect(answer).not.toContain('FORBIDDEN');
        expect(problems).toEqual([]);
      });
    }, 60_000);
  }

  it('is linked from the travelers of trips and bookings', async () => {
    const advisor = await signIn(system.gatewayUrl, 'advisor@nexus.test');
    const res = await gql<{
      clientTrips: { nodes: { id: string; travelers: { nodes: { id: string; firstName: string; lastName: string }[] } | null }[] } | null;
      bookings: {
        nodes: { id: string; travelers: { nodes: { traveler: { id: string; firstName: string; lastName: string } | null }[] } | null }[];
      } | null;
    }>(
      system.gatewayUrl,
      `{ clientTrips(first: 50) { nodes { id travelers(first: 10) { nodes { id firstName lastName } } } }
         bookings(first: 50) { nodes { id travelers(first: 10) { nodes { traveler { id firstName lastName } } } } } }`,
      {},
      bearer(advisor.accessToken),
    );
    const trip = res.data?.clientTrips?.nodes.find((t) => (t.travelers?.nodes ?? []).length > 0);
    const tripTraveler = trip?.travelers?.nodes[0];
    const booking = res.data?.bookings?.nodes.find((b) => (b.travelers?.nodes ?? []).some((t) => t.traveler));
    const bookingTraveler = booking?.travelers?.nodes.find((t) => t.traveler)?.traveler;
    if (!trip || !tripTraveler || !booking || !bookingTraveler) throw new Error(`no demo trip or booking with travelers: ${res.raw.slice(0, 500)}`);

    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'advisor@nexus.test', `/travel/trips/${trip.id}`);
      await page.locator('section[aria-labelledby="trip-travelers-title"]').getByRole('link', { name: nameOf(tripTraveler) }).first().click();
      await page.waitForURL((url) => url.pathname === `/travel/travelers/${tripTraveler.id}`);
      await page.getByRole('heading', { name: nameOf(tripTraveler), level: 1 }).waitFor();

      await page.goto(`${system.gatewayUrl}/travel/bookings/${booking.id}`);
      await page.locator('section[aria-labelledby="booking-travelers-title"]').getByRole('link', { name: nameOf(bookingTraveler) }).first().click();
      await page.waitForURL((url) => url.pathname === `/travel/travelers/${bookingTraveler.id}`);
      await page.getByRole('heading', { name: nameOf(bookingTraveler), level: 1 }).waitFor();
      await page.getByTestId('traveler-documents').waitFor();
      expect(problems).toEqual([]);
    });
  }, 60_000);
});
