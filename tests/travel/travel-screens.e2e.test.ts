import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCatcher, type MailCatcher } from '@nexus/platform';
import { bearer, gql, signIn } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';
import { buildWebIfStale, launchBrowser, releaseBrowser, poll, signInAs, withPage, keepScreenshot } from '../web/browser.ts';

/**
 * Travel screens in headless Chromium against the whole supergraph: ready to travel (an advisor's
 * trips at risk with the missing item in the URL, a trip's checklist ticked by hand, a manager's
 * view of the same list, the "Travel data unavailable" notice while TT-API is down), and the
 * writes on group and supplier pages (members, milestones, commission rules, contracts), and
 * booked-means-confirmed: a supplier confirmation entered on a booking (a duplicate refused beside
 * the field) and a schedule change in the itinerary builder that emails the travellers for real
 * (the worker's mail processor to a local SMTP catcher).
 */

let system: System;
let browser: Browser;
let mail: MailCatcher;

beforeAll(async () => {
  await buildWebIfStale();
  mail = await startMailCatcher();
  system = await startSystem({ web: true, worker: true, env: { LOGIN_RATE_LIMIT: '1000', SMTP_URL: mail.smtpUrl } });
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await releaseBrowser(browser);
  await system?.close();
  await mail?.close();
});

const rows = '[data-testid="trips-at-risk-table"] tbody tr th a';
const MISSING_ID = '00000000-0000-4000-8000-000000000001';
/** A form field by its exact label (required ones carry a trailing asterisk). */
const field = (label: string) => new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\%]/g, '\\$&')}( \\*)?$`);

describe('ready to travel', () => {
  it('shows an advisor the trips at risk, filtered in the URL, and ticks forms on a trip', async () => {
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'advisor@nexus.test', '/travel/trips');
      await page.getByRole('link', { name: 'Ready to travel' }).click();
      await page.getByRole('heading', { name: 'Ready to travel', level: 1 }).waitFor();
      await poll(() => page.locator(rows).count(), { timeout: 40_000 }).toBeGreaterThan(0);
      expect(await page.getByTestId('missing-items').first().innerText()).toMatch(/—/);

      // The missing item lives in the URL: a reload shows the same list.
      await page.getByLabel('Missing').selectOption('PASSPORT');
      await page.waitForURL((url) => url.searchParams.get('missing') === 'PASSPORT');
      await page.reload();
      await poll(() => page.locator(rows).count(), { timeout: 20_000 }).toBeGreaterThan(0);
      expect(await page.getByLabel('Missing').inputValue()).toBe('PASSPORT');
      await poll(() => page.getByTestId('missing-items').first().innerText()).toMatch(/Passport — /);

      await page.locator(rows).first().click();
      const panel = page.getByTestId('trip-readiness');
      await panel.waitFor();
      await panel.getByRole('button', { name: 'Mark forms signed' }).first().click();
      await panel.getByRole('button', { name: 'Undo forms signed' }).first().waitFor();
      await poll(() => panel.locator('tr', { hasText: 'Forms signed' }).first().innerText()).toMatch(/Done/);
      await keepScreenshot(page, 'travel-ready-to-travel', { fullPage: true });
      // Untick again, so the trip reads as it did.
      await panel.getByRole('button', { name: 'Undo forms signed' }).first().click();
      await panel.getByRole('button', { name: 'Mark forms signed' }).first().waitFor();
      expect(problems).toEqual([]);
    });
  }, 120_000);

  it('shows a manager the same list, and a viewer no checklist on a trip', async () => {
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'manager@nexus.test', '/travel/ready?missing=EMERGENCY_CONTACT');
      await poll(() => page.locator(rows).count(), { timeout: 40_000 }).toBeGreaterThan(0);
      await poll(() => page.getByTestId('missing-items').first().innerText()).toMatch(/Emergency contact — /);
      expect(problems).toEqual([]);
    });
    await withPage(browser, async (page) => {
      await signInAs(page, system.gatewayUrl, 'viewer@nexus.test', '/travel/trips');
      await poll(() => page.locator('table tbody tr th a').count(), { timeout: 40_000 }).toBeGreaterThan(0);
      expect(await page.getByRole('link', { name: 'Ready to travel' }).count()).toBe(0);
      await page.locator('table tbody tr th a').first().click();
      await page.getByTestId('trip-detail').waitFor();
      expect(await page.getByTestId('trip-readiness').count()).toBe(0);
    });
  }, 120_000);

  it('shows the groups social feed with its platform in the URL', async () => {
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'advisor@nexus.test', '/travel/groups');
      await page.getByRole('link', { name: 'Social feed' }).click();
      await page.getByRole('heading', { name: 'Groups social feed', level: 1 }).waitFor();
      const posts = page.locator('[data-testid="social-feed-table"] tbody tr th');
      await poll(() => posts.count(), { timeout: 20_000 }).toBeGreaterThan(0);
      await page.getByLabel('Platform').selectOption('INSTAGRAM');
      await page.waitForURL((url) => url.searchParams.get('platform') === 'INSTAGRAM');
      await page.reload();
      await poll(() => page.locator('[data-testid="social-feed-table"] tbody tr td:nth-child(2)').allInnerTexts(), {
        timeout: 20_000,
      }).toEqual(expect.arrayContaining(['Instagram']));
      const platforms = await page
        .locator('[data-testid="social-feed-table"] tbody tr td:nth-child(2)')
        .allInnerTexts();
      expect(new Set(platforms)).toEqual(new Set(['Instagram']));
      expect(problems).toEqual([]);
    });
  }, 120_000);

  it('says "Travel data unavailable" while TT-API is down', async () => {
    await system.simulator.control.outage({ mode: 'refuse' });
    try {
      await withPage(browser, async (page) => {
        await signInAs(page, system.gatewayUrl, 'advisor@nexus.test', '/travel/ready');
        // Every page an advisor works in, lists and records alike.
        for (const path of [
          '/travel/ready',
          '/travel/groups/social',
          '/travel/trips',
          '/travel/bookings',
          '/travel/clients',
          '/travel/travelers',
          '/travel/suppliers',
          '/travel/groups',
          '/travel/alerts',
          '/travel/satisfaction',
          `/travel/trips/${MISSING_ID}`,
          `/travel/bookings/${MISSING_ID}`,
          `/travel/clients/${MISSING_ID}`,
          `/travel/travelers/${MISSING_ID}`,
          `/travel/suppliers/${MISSING_ID}`,
          `/travel/groups/${MISSING_ID}`,
        ]) {
          if (path !== '/travel/ready') await page.goto(`${system.gatewayUrl}${path}`);
          const notice = page.getByTestId('travel-notice');
          await notice.waitFor({ timeout: 20_000 });
          expect(await notice.innerText(), path).toMatch(/Travel data unavailable/);
        }
      });
    } finally {
      await system.simulator.control.restore();
      // Many failed calls opened travel's circuit breaker; the next tests start with it closed.
      system.travelBreaker.reset();
    }
  }, 120_000);
});

describe('group and supplier writes', () => {
  it('lets an advisor record a deposit and add, complete and remove a milestone on a group trip', async () => {
    const open = [...system.simulator.control.db.groups.values()].find((g) => g.status === 'open');
    if (!open) throw new Error('no open demo group');
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'advisor@nexus.test', `/travel/groups/${open.id}`);
      const members = page.getByTestId('group-members');
      await members.waitFor({ timeout: 40_000 });
      // The first member's deposit flips, whichever way it stood.
      const toggle = members.getByRole('button', { name: /^Mark deposit (paid|due) for / }).first();
      const label = (await toggle.getAttribute('aria-label')) ?? '';
      const flipped = label.startsWith('Mark deposit paid')
        ? label.replace('Mark deposit paid', 'Mark deposit due')
        : label.replace('Mark deposit due', 'Mark deposit paid');
      await toggle.click();
      await members.getByRole('button', { name: flipped }).waitFor();

      await page.getByLabel(field('Milestone')).fill('Rooming list to the Łódź hotel');
      await page.getByLabel(field('Due')).fill('2099-01-01');
      await page.getByRole('button', { name: 'Add milestone' }).click();
      // TT-API refuses a milestone after the departure, beside the field.
      await page.getByTestId('field-error').first().waitFor();
      await page.getByLabel(field('Due')).fill(open.departureDate);
      await page.getByRole('button', { name: 'Add milestone' }).click();
      await page.getByRole('button', { name: 'Complete Rooming list to the Łódź hotel' }).click();
      await page.getByRole('button', { name: 'Reopen Rooming list to the Łódź hotel' }).waitFor();
      await page.getByRole('button', { name: 'Reopen Rooming list to the Łódź hotel' }).click();
      await page.getByRole('button', { name: 'Remove Rooming list to the Łódź hotel' }).click();
      await poll(() => page.getByText('Rooming list to the Łódź hotel').count()).toBe(0);

      // Rooming list: two guests in one cabin, counted against the block, exported as CSV.
      const rooming = page.getByTestId('rooming-list');
      await rooming.getByLabel(field('Room')).fill('Cabin 4012');
      await rooming.getByLabel(field('Room type')).fill('balcony, double');
      const guests = rooming.getByRole('checkbox');
      await guests.nth(0).check();
      await guests.nth(1).check();
      await rooming.getByRole('button', { name: 'Add room' }).click();
      await poll(() => rooming.locator('tbody tr', { hasText: 'Cabin 4012' }).count()).toBe(1);
      await poll(() => page.getByTestId('room-block').innerText()).toMatch(/Assigned\s*1\b/i);
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        rooming.getByRole('button', { name: 'Download CSV' }).click(),
      ]);
      const csv = await (await file.createReadStream()).toArray();
      const text = Buffer.concat(csv.map((c: Buffer) => c)).toString('utf8');
      expect(text.split('\r\n')[0]).toBe('Room,Room type,Guest,Role');
      expect(text.split('\r\n').filter((l) => l.startsWith('Cabin 4012,"balcony, double",'))).toHaveLength(2);
      await keepScreenshot(page, 'travel-group-writes', { fullPage: true });
      expect(problems).toEqual([]);
    });
  }, 120_000);

  it('lets a manager add and remove a contract and a commission rule on a supplier', async () => {
    const vendor = [...system.simulator.control.db.vendors.values()].find((v) => v.vendorType === 'cruise_line');
    if (!vendor) throw new Error('no demo cruise line');
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'manager@nexus.test', `/travel/suppliers/${vendor.id}`);
      const contracts = page.getByTestId('vendor-contracts');
      await contracts.waitFor({ timeout: 40_000 });
      await page.getByLabel(field('Contract name')).fill('Zoë block 2031');
      await page.getByLabel(field('Contract commission %')).fill('16');
      await page.getByLabel(field('Rooms or cabins held')).fill('12');
      await page.getByLabel(field('Starts')).fill('2031-01-01');
      await page.getByLabel(field('Ends')).fill('2031-06-30');
      await page.getByRole('button', { name: 'Add contract' }).click();
      await poll(() => contracts.locator('tr', { hasText: 'Zoë block 2031' }).innerText()).toMatch(/12/);

      await page.getByLabel('Rule trip type').selectOption('RIVER_CRUISE');
      await page.getByLabel(field('Commission %')).fill('17.5');
      await page.getByLabel(field('Effective from')).fill('2031-01-01');
      await page.getByRole('button', { name: 'Add rule' }).click();
      const rules = page.getByTestId('commission-rules');
      await poll(() => rules.locator('tr', { hasText: '17.5%' }).count()).toBe(1);
      // The same trip type over the same dates overlaps: TT-API refuses, the page says why.
      await page.getByLabel('Rule trip type').selectOption('RIVER_CRUISE');
      await page.getByLabel(field('Commission %')).fill('18');
      await page.getByLabel(field('Effective from')).fill('2031-06-01');
      await page.getByRole('button', { name: 'Add rule' }).click();
      await page.getByText(/Overlaps the river_cruise rule/).waitFor();

      await page.getByRole('button', { name: 'Remove the River cruise rule from 2031-01-01' }).click();
      await poll(() => rules.locator('tr', { hasText: '17.5%' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Remove Zoë block 2031' }).click();
      await poll(() => contracts.locator('tr', { hasText: 'Zoë block 2031' }).count()).toBe(0);
      await keepScreenshot(page, 'travel-supplier-writes', { fullPage: true });
      expect(problems).toEqual([]);
    });
    // An advisor sees the supplier's rules and contracts but no controls to change them.
    await withPage(browser, async (page) => {
      await signInAs(page, system.gatewayUrl, 'advisor@nexus.test', `/travel/suppliers/${vendor.id}`);
      await page.getByTestId('vendor-contracts').waitFor({ timeout: 40_000 });
      expect(await page.getByRole('button', { name: 'Add contract' }).count()).toBe(0);
    });
  }, 120_000);
});

describe('booked means confirmed', () => {
  type B = { id: string; bookingReference: string; status: string; vendorConfirmationNumber: string | null; vendor: { id: string } | null };

  it('lets an advisor record a supplier confirmation, refusing a number the supplier already used', async () => {
    const advisor = bearer((await signIn(system.gatewayUrl, 'advisor@nexus.test')).accessToken);
    const all =
      (
        await gql<{ bookings: { nodes: B[] } }>(
          system.gatewayUrl,
          '{ bookings(first: 100) { nodes { id bookingReference status vendorConfirmationNumber vendor { id } } } }',
          {},
          advisor,
        )
      ).data?.bookings.nodes ?? [];
    const taken = all.find((b) => b.vendorConfirmationNumber && b.vendor);
    const open = all.find((b) => ['INQUIRY', 'QUOTED', 'HOLD', 'DEPOSIT_PAID'].includes(b.status) && b.vendor?.id === taken?.vendor?.id);
    if (!taken?.vendorConfirmationNumber || !open) throw new Error('demo data lacks two bookings of one supplier');
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'advisor@nexus.test', `/travel/bookings/${open.id}`);
      await page.getByTestId('booking-detail').waitFor({ timeout: 40_000 });
      expect(await page.getByTestId('booked-state').innerText()).toMatch(/Not booked/);
      const number = page.getByLabel(field('Supplier confirmation number'));
      await number.fill(taken.vendorConfirmationNumber ?? '');
      await page.getByRole('button', { name: 'Record confirmation' }).click();
      await poll(() => page.getByTestId('field-error').allInnerTexts()).toEqual([
        `already used by booking ${taken.bookingReference} with this supplier`,
      ]);
      expect(await page.getByTestId('booked-state').innerText()).toMatch(/Not booked/);
      await number.fill('NX-2001');
      await page.getByRole('button', { name: 'Record confirmation' }).click();
      await poll(() => page.getByTestId('booked-state').innerText()).toBe('Booked');
      await page.getByText('NX-2001').first().waitFor();
      await keepScreenshot(page, 'travel-booking-confirmed', { fullPage: true });
      expect(problems).toEqual([]);
    });
  }, 120_000);

  it('applies a schedule change in the itinerary builder and emails every traveller', async () => {
    const advisor = bearer((await signIn(system.gatewayUrl, 'advisor@nexus.test')).accessToken);
    type Trip = { id: string; travelers: { nodes: { email: string | null }[] } };
    const trips =
      (
        await gql<{ clientTrips: { nodes: Trip[] } }>(
          system.gatewayUrl,
          '{ clientTrips(first: 50) { nodes { id travelers { nodes { email } } } } }',
          {},
          advisor,
        )
      ).data?.clientTrips.nodes ?? [];
    const trip = trips.find((x) => x.travelers.nodes.filter((t) => t.email).length >= 1);
    if (!trip) throw new Error('no demo trip with a traveller who has an email');
    const emails = trip.travelers.nodes.flatMap((t) => (t.email ? [t.email.toLowerCase()] : []));
    const run = async (query: string, variables: Record<string, unknown>) => {
      const r = await gql<Record<string, { id: string }>>(system.gatewayUrl, query, variables, advisor);
      if (r.errors?.length) throw new Error(JSON.stringify(r.errors));
      return r.data ?? {};
    };
    const it = (await run('mutation($i: CreateItineraryInput!) { createItinerary(input: $i) { id } }', { i: { clientTripId: trip.id } }))
      .createItinerary;
    if (!it) throw new Error('no itinerary');
    await run('mutation($i: SaveItineraryEntriesInput!) { saveItineraryEntries(input: $i) { id } }', {
      i: {
        id: it.id,
        entries: [
          { day: 1, kind: 'FLIGHT', title: 'Fly to Kraków', startTime: '09:40', endTime: '11:05', timeZone: 'Europe/Warsaw', supplier: 'LOT', confirmationNumber: 'LO-5501', flightNumber: 'LO 281' },
        ],
      },
    });
    await run('mutation($id: ID!) { publishItinerary(id: $id) { id } }', { id: it.id });

    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'advisor@nexus.test', `/travel/trips/${trip.id}/itinerary`);
      await page.getByTestId('itinerary-builder').waitFor({ timeout: 40_000 });
      await page.getByRole('button', { name: 'Change the schedule of Fly to Kraków' }).click();
      const form = page.getByRole('form', { name: 'New schedule for Fly to Kraków' });
      await form.getByLabel('New start').fill('25:00');
      await form.getByRole('button', { name: 'Apply and notify' }).click();
      await form.getByTestId('field-error').waitFor();
      await form.getByLabel('New start').fill('13:20');
      await form.getByLabel('New end').fill('14:45');
      await form.getByLabel('Reason').fill('Retimed by LOT');
      await form.getByRole('button', { name: 'Apply and notify' }).click();
      const changes = page.getByTestId('schedule-changes');
      await changes.waitFor();
      expect(await changes.innerText()).toMatch(/Fly to Kraków: Day 1 09:40–11:05 \(Europe\/Warsaw\) → Day 1 13:20–14:45 \(Europe\/Warsaw\)/);
      await poll(() => page.getByText(/Version 2 is live/).count()).toBe(1);
      await keepScreenshot(page, 'travel-schedule-change', { fullPage: true });
      expect(problems).toEqual([]);
    });

    // Real mail: the worker's mail processor delivered one message per traveller to the SMTP catcher.
    await poll(() => mail.messages.filter((m) => m.subject === 'Schedule change: Fly to Kraków (LO 281)').length, {
      timeout: 30_000,
    }).toBeGreaterThanOrEqual(emails.length);
    const sent = mail.messages.filter((m) => m.subject === 'Schedule change: Fly to Kraków (LO 281)');
    for (const e of emails) expect(sent.some((m) => m.envelopeTo.includes(e))).toBe(true);
    const body = sent[0]?.parsed.text ?? '';
    expect(body).toMatch(/Was: day 1, 09:40–11:05 \(Europe\/Warsaw\)\nNow: day 1, 13:20–14:45 \(Europe\/Warsaw\)/);
    expect(body).toContain('Reason: Retimed by LOT');
    expect(body).toMatch(/\/i\/[A-Za-z0-9_-]{40,}/);
  }, 150_000);
});
