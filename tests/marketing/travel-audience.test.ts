import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSACTIONAL_MAIL_JOB, loadSubgraphEnv, openSubgraph, type TransactionalMailJob } from '@nexus/platform';
import { crmManifest } from '../../subgraphs/crm/src/manifest.ts';
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
 * while transactional mail still goes.
 */
describe('marketing audience from travel', () => {
  let world: MarketingWorld;
  let worker: Awaited<ReturnType<MarketingWorld['startWorker']>>;
  beforeAll(async () => {
    world = await startMarketingWorld();
    worker = await world.startWorker(['travel']);
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
});
