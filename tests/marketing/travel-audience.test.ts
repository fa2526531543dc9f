import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSACTIONAL_MAIL_JOB, loadSubgraphEnv, openSubgraph, type TransactionalMailJob } from '@nexus/platform';
import { crmManifest } from '../../subgraphs/crm/src/manifest.ts';
import { attributeQuote } from '../../subgraphs/marketing/src/services/attribution.ts';
import type { CommissionEntry } from '../../subgraphs/travel/src/tt-api/contract.ts';
import { data, eventually } from '../support/staff.ts';
import {
  audienceHas,
  campaignReaches,
  createContacts,
  draftCampaign,
  startMarketingWorld,
  type MarketingWorld,
} from './harness.ts';

/**
 * The audience's travel fields, fed by travel through the outbox (a contact linked to a TT-API
 * client gets its bookings and passport summarised), segments over them, the rebuild refilling them
 * from travel, and the trip quiet period: no promotion from 72 hours before departure until return,
 * while transactional mail still goes; and attribution of accepted sales quotes, booked value and
 * expected commission to the campaign a contact last clicked.
 */
describe('marketing audience from travel', () => {
  let world: MarketingWorld;
  let worker: Awaited<ReturnType<MarketingWorld['startWorker']>>;
  beforeAll(async () => {
    world = await startMarketingWorld();
    worker = await world.startWorker(['travel', 'sales']);
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
    await world?.close();
  });

  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const count = async (criteria: unknown) =>
    data(
      await world.staff.as.viewer<{ segmentCount: number }>('query($c: JSON!) { segmentCount(criteria: $c) }', {
        c: criteria,
      }),
    ).segmentCount;
  const tagged = (...rest: unknown[]) => ({ and: [{ field: 'tags', op: 'contains', value: 'trip' }, ...rest] });
  let traveller = '';

  it('fills destinations, next departure and return, booking value and passport expiry from travel, and refills them on rebuild', async () => {
    const as = world.staff.as.advisor;
    const client = data(
      await as<{ createClient: { id: string } }>(
        'mutation($i: CreateClientInput!) { createClient(input: $i) { id } }',
        {
          i: { displayName: 'Ines Traveller', email: 'ines@trip.example.test' },
        },
      ),
    ).createClient;
    const person = data(
      await as<{ createTraveler: { id: string } }>(
        'mutation($i: CreateTravelerInput!) { createTraveler(input: $i) { id } }',
        { i: { clientId: client.id, firstName: 'Ines', lastName: 'Traveller' } },
      ),
    ).createTraveler;
    data(
      await as('mutation($i: CreateTravelDocumentInput!) { addTravelDocument(input: $i) { id } }', {
        i: { travelerId: person.id, documentType: 'PASSPORT', documentNumber: 'X1234567', expiryDate: day(100) },
      }),
    );
    const book = (destination: string, from: number, to: number, cents: number, status: string) =>
      as('mutation($i: CreateBookingInput!) { createBooking(input: $i) { id } }', {
        i: {
          clientId: client.id,
          destination,
          departureDate: day(from),
          returnDate: day(to),
          totalPriceCents: cents,
          status,
          // Booked means confirmed: a confirmed booking carries the supplier's number.
          vendorConfirmationNumber: status === 'CONFIRMED' ? `CNF-${destination.toUpperCase()}` : null,
          travelers: [{ travelerId: person.id, isPrimary: true }],
        },
      });
    data(await book('Svalbard', 2, 9, 500_000, 'CONFIRMED'));
    data(await book('Patagonia', 60, 74, 1_200_000, 'DEPOSIT_PAID'));
    data(await book('Atlantis', 30, 35, 99_900, 'CANCELLED'));

    const [linked, other] = await createContacts(world, 'trip', [
      'ines@trip.example.test',
      'homebody@trip.example.test',
    ]);
    traveller = linked ?? '';
    await audienceHas(world, 'trip', 2);
    expect(await count(tagged({ field: 'destinations', op: 'contains', value: 'Svalbard' }))).toBe(0);

    // The TT-API sync stamps the client's id on the contact; crm's next change carries the link to travel.
    const crm = await openSubgraph(crmManifest, loadSubgraphEnv(crmManifest, world.system.iso.vars), world.log, {
      seed: false,
      role: 'worker',
    });
    try {
      await crm.orm.em.fork().execute(`update contact set tt_client_id = ? where id = ?`, [client.id, traveller]);
    } finally {
      await crm.close();
    }
    data(
      await as('mutation($i: UpdateContactInput!) { updateContact(input: $i) { id } }', {
        i: { id: traveller, tags: ['trip', 'linked'] },
      }),
    );

    const svalbard = tagged({ field: 'destinations', op: 'contains', value: 'Svalbard' });
    await eventually(async () => expect(await count(svalbard)).toBe(1), 30_000);
    expect(await count(tagged({ field: 'destinations', op: 'contains', value: 'Patagonia' }))).toBe(1);
    // A cancelled booking is neither a destination nor value.
    expect(await count(tagged({ field: 'destinations', op: 'contains', value: 'Atlantis' }))).toBe(0);
    expect(await count(tagged({ field: 'bookingValueCents', op: 'eq', value: 1_700_000 }))).toBe(1);
    expect(await count(tagged({ field: 'nextDepartureAt', op: 'inNextDays', value: 3 }))).toBe(1);
    expect(await count(tagged({ field: 'nextDepartureAt', op: 'inNextDays', value: 1 }))).toBe(0);
    expect(await count(tagged({ field: 'nextReturnAt', op: 'inNextDays', value: 10 }))).toBe(1);
    expect(await count(tagged({ field: 'passportExpiresOn', op: 'inNextDays', value: 120 }))).toBe(1);
    expect(await count(tagged({ field: 'passportExpiresOn', op: 'inNextDays', value: 90 }))).toBe(0);
    expect(await count(tagged({ field: 'destinations', op: 'empty' }))).toBe(1);
    expect(other).toBeTruthy();

    // The travel fields are lost; a manager's rebuild refills them from travel.
    const deps = await world.openDeps();
    await deps.orm.em
      .fork()
      .execute(
        `update audience_member set destinations = '{}', next_departure_at = null, next_return_at = null, booking_value_cents = 0, passport_expires_on = null, travel_updated_at = null`,
      );
    expect(await count(svalbard)).toBe(0);
    expect(
      data(await world.staff.as.manager<{ rebuildAudience: boolean }>('mutation { rebuildAudience }')).rebuildAudience,
    ).toBe(true);
    await eventually(async () => expect(await count(svalbard)).toBe(1), 30_000);
    expect(await count(tagged({ field: 'bookingValueCents', op: 'gte', value: 1_700_000 }))).toBe(1);

    // Criteria over the new fields are checked like any other.
    const bad = await world.staff.as.viewer('query($c: JSON!) { segmentCount(criteria: $c) }', {
      c: { field: 'passportExpiresOn', op: 'contains', value: 'x' },
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  }, 120_000);

  it('sends no promotion from 72 hours before departure until return, while transactional mail still goes', async () => {
    expect(traveller).not.toBe('');
    const { campaignId } = await draftCampaign(world, 'trip');
    world.catcher.clear();
    data(
      await world.staff.as.advisor('mutation($i: ScheduleCampaignInput!) { scheduleCampaign(input: $i) { id } }', {
        i: { id: campaignId },
      }),
    );
    const done = await campaignReaches(world, campaignId, 'SENT');
    expect(done).toMatchObject({ totalRecipients: 2, totalSent: 1 });
    expect(world.catcher.messages.flatMap((m) => m.envelopeTo)).toEqual(['homebody@trip.example.test']);
    const sends = data(
      await world.staff.as.viewer<{
        contact: { emailSends: { nodes: { status: string; lastError: string | null }[] } };
      }>('query($id: ID!) { contact(id: $id) { emailSends { nodes { status lastError } } } }', { id: traveller }),
    ).contact.emailSends.nodes;
    expect(sends).toEqual([{ status: 'SKIPPED', lastError: 'trip quiet period' }]);

    const mail = worker.queues.get('mail');
    if (!mail) throw new Error('no mail queue');
    const itinerary: TransactionalMailJob = {
      to: 'ines@trip.example.test',
      contactId: traveller,
      subject: 'Your Svalbard itinerary',
      text: 'Day 1: Longyearbyen',
      category: 'itinerary',
      dedupeKey: 'trip-itinerary-1',
    };
    await mail.add(TRANSACTIONAL_MAIL_JOB, itinerary);
    await world.catcher.waitFor(2);
    expect(world.catcher.messages.map((m) => m.subject)).toContain('Your Svalbard itinerary');
  }, 120_000);

  it('credits accepted quotes, booked value and expected commission to the campaign a contact last clicked within 30 days', async () => {
    const as = world.staff.as.advisor;
    const emails = ['clicker@attrib.example.test', 'bystander@attrib.example.test', 'lapsed@attrib.example.test'];
    const clients: string[] = [];
    for (const email of emails)
      clients.push(
        data(
          await as<{ createClient: { id: string } }>(
            'mutation($i: CreateClientInput!) { createClient(input: $i) { id } }',
            { i: { displayName: email.split('@')[0], email } },
          ),
        ).createClient.id,
      );
    const ids = await createContacts(world, 'attrib', emails);
    await audienceHas(world, 'attrib', 3);
    const crm = await openSubgraph(crmManifest, loadSubgraphEnv(crmManifest, world.system.iso.vars), world.log, {
      seed: false,
      role: 'worker',
    });
    try {
      for (const [i, id] of ids.entries())
        await crm.orm.em.fork().execute(`update contact set tt_client_id = ? where id = ?`, [clients[i], id]);
    } finally {
      await crm.close();
    }
    for (const id of ids)
      data(
        await as('mutation($i: UpdateContactInput!) { updateContact(input: $i) { id } }', {
          i: { id, tags: ['attrib', 'linked'] },
        }),
      );
    // Each linked contact's first travel summary (no bookings yet) is its starting point.
    const deps = await world.openDeps();
    const em = () => deps.orm.em.fork();
    await eventually(async () => {
      const rows = await em().execute<{ n: string }[]>(
        `select count(*) as n from audience_member where id in (?, ?, ?) and travel_updated_at is not null`,
        ids,
      );
      expect(Number(rows[0]?.n)).toBe(3);
    }, 30_000);

    const { campaignId } = await draftCampaign(world, 'attrib');
    world.catcher.clear();
    data(
      await as('mutation($i: ScheduleCampaignInput!) { scheduleCampaign(input: $i) { id } }', {
        i: { id: campaignId },
      }),
    );
    expect(await campaignReaches(world, campaignId, 'SENT')).toMatchObject({ totalRecipients: 3, totalSent: 3 });
    const human = { 'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Safari/605.1.15' };
    for (const email of [emails[0], emails[2]]) {
      const mail = world.catcher.messages.find((m) => m.envelopeTo.includes(email ?? ''));
      const tracked = /href="(http:\/\/nexus\.test\/t\/c\/[^"]+)"/.exec(String(mail?.parsed.html))?.[1] ?? '';
      const res = await fetch(`${world.system.gatewayUrl}${new URL(tracked).pathname}`, {
        redirect: 'manual',
        headers: human,
      });
      expect(res.status).toBe(302);
    }
    // lapsed clicked 31 days ago: outside the window.
    await em().execute(
      `update email_event set created_at = created_at - interval '31 days' where contact_id = ? and type = 'CLICK'`,
      [ids[2]],
    );

    // Each contact accepts a quote on the public page, with the code mailed to them.
    const post = (url: string, form: Record<string, string>) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form),
      });
    const quoteTotals: number[] = [];
    const quoteIds: string[] = [];
    for (const [i, email] of emails.entries()) {
      const deal = data(
        await as<{ createDeal: { id: string } }>('mutation($i: CreateDealInput!) { createDeal(input: $i) { id } }', {
          i: { title: `Attributed trip ${i}` },
        }),
      ).createDeal.id;
      const quote = data(
        await as<{ createQuote: { id: string; totals: { total: number } } }>(
          'mutation($i: CreateQuoteInput!) { createQuote(input: $i) { id totals { total } } }',
          {
            i: {
              dealId: deal,
              contactId: ids[i],
              title: `Lofoten ${i}`,
              recipientName: `Client ${i}`,
              recipientEmail: email,
              lines: [{ description: 'Cabin week', quantity: 1, unitPrice: 123_456 + i }],
            },
          },
        ),
      ).createQuote;
      quoteTotals.push(quote.totals.total);
      quoteIds.push(quote.id);
      const link = data(
        await as<{ sendQuote: { link: string } }>('mutation($id: ID!) { sendQuote(input: { id: $id }) { link } }', {
          id: quote.id,
        }),
      ).sendQuote.link;
      const url = `${world.system.gatewayUrl}${new URL(link).pathname}`;
      expect((await post(`${url}/code`, {})).status).toBe(200);
      const codeMail = await eventually(async () => {
        const found = world.catcher.messages.find((m) => m.envelopeTo.includes(email) && /^Your code /.test(m.subject));
        expect(found).toBeTruthy();
        return found;
      }, 20_000);
      const code = /(\d{6})/.exec(codeMail?.subject ?? '')?.[1] ?? '';
      expect((await post(`${url}/accept`, { name: `Client ${i}`, code, terms: 'yes' })).status).toBe(200);
    }
    expect(quoteTotals[0]).toBe(123_456);

    // Each contact books travel; TT-API records the booking's expected commission.
    const sim = world.system.simulator.control.db;
    const vendor = [...sim.vendors.values()][0];
    if (!vendor) throw new Error('no vendor in the simulator');
    const commissions = [48_010, 30_000, 20_000];
    for (const [i, client] of clients.entries()) {
      const booking = data(
        await as<{ createBooking: { id: string } }>(
          'mutation($i: CreateBookingInput!) { createBooking(input: $i) { id } }',
          {
            i: {
              clientId: client,
              destination: 'Lofoten',
              departureDate: day(120),
              returnDate: day(127),
              totalPriceCents: 400_100 + i,
              status: 'DEPOSIT_PAID',
            },
          },
        ),
      ).createBooking;
      const now = new Date().toISOString();
      const gross = commissions[i] ?? 0;
      const entry: CommissionEntry = {
        id: crypto.randomUUID(),
        bookingId: booking.id,
        vendorId: vendor.id,
        bookingValueCents: 400_100 + i,
        commissionPct: 12,
        grossCommissionCents: gross,
        nexionSplitPct: 20,
        nexionShareCents: gross / 5,
        agentNetCents: gross - gross / 5,
        status: 'projected',
        expectedPayDate: day(150),
        receivedAt: null,
        notes: null,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      };
      sim.commissions.set(entry.id, entry);
    }
    // travel sends the new summaries (as on marketing's hourly refresh or a rebuild).
    const travel = worker.queues.get('travel');
    if (!travel) throw new Error('no travel queue');
    await travel.add('audience-travel-publish', { contactIds: ids });

    const attribution = async () =>
      data(
        await world.staff.as.viewer<{
          campaign: {
            attributedRevenue: number;
            attributedBookings: number;
            attributedCommission: number;
            attributedQuotes: { count: number; totalCents: number };
          };
        }>(
          'query($id: ID!) { campaign(id: $id) { attributedRevenue attributedBookings attributedCommission attributedQuotes { count totalCents } } }',
          { id: campaignId },
        ),
      ).campaign;
    await eventually(
      async () =>
        expect(await attribution()).toEqual({
          attributedRevenue: 400_100,
          attributedBookings: 1,
          attributedCommission: 48_010,
          attributedQuotes: { count: 1, totalCents: quoteTotals[0] },
        }),
      30_000,
    );
    // The non-clicker's and the lapsed click's business is recorded, credited to no campaign.
    const unattributed = await em().execute<{ n: string }[]>(
      `select (select count(*) from quote_attribution where contact_id in (?, ?) and campaign_id is null)
         + (select count(*) from attribution where contact_id in (?, ?) and campaign_id is null and commission_cents > 0) as n`,
      [ids[1], ids[2], ids[1], ids[2]],
    );
    expect(Number(unattributed[0]?.n)).toBe(4);
    // A summary sent again (nothing changed) and a redelivered quote message credit nothing twice.
    const stamp = async () =>
      String(
        (
          await em().execute<{ t: string }[]>(`select travel_updated_at::text as t from audience_member where id = ?`, [
            ids[0],
          ])
        )[0]?.t,
      );
    const before = await stamp();
    await travel.add('audience-travel-publish', { contactIds: ids });
    await eventually(async () => expect(await stamp()).not.toBe(before), 30_000);
    await attributeQuote(em(), {
      quoteId: quoteIds[0] ?? '',
      contactId: ids[0] ?? '',
      totalCents: quoteTotals[0] ?? 0,
      currency: 'USD',
      acceptedAt: new Date().toISOString(),
    });
    expect(await attribution()).toEqual({
      attributedRevenue: 400_100,
      attributedBookings: 1,
      attributedCommission: 48_010,
      attributedQuotes: { count: 1, totalCents: quoteTotals[0] },
    });
  }, 180_000);
});
