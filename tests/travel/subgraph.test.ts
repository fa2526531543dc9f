/**
 * The travel subgraph in-process against the TT-API simulator: the schema's reads and writes,
 * `_entities` for every `@key` type (batched: one TT-API call per list), filters and paging passed
 * through, enum mapping, ranks enforced by the subgraph's own shield, and bad input caught before
 * any TT-API call.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Kind, buildASTSchema, type EnumTypeDefinitionNode } from 'graphql';
import { conventionProblems } from '../support/conventions.ts';
import { loadSubgraphTypeDefs, ttDemoLinks } from '@nexus/platform';
import { enumResolvers } from '../../subgraphs/travel/src/graphql-enums.ts';
import { as, codes, ok, startTravel, type Travel } from './harness.ts';

let t: Travel;
beforeAll(async () => {
  t = await startTravel();
});
afterAll(async () => t?.stop());
beforeEach(async () => t.reset());

const calls = (path: string, method?: string) => t.sim.control.requestCount(path, method);
const links = ttDemoLinks;
/** The rows of a connection, for assertions that read them in order. */
type Conn<T> = { nodes: T[] };

describe('_entities', () => {
  const CONTACTS = `query($r: [_Any!]!) { _entities(representations: $r) {
    ... on Contact { id traveler { id firstName lastName client { id } } client { id displayName } }
  } }`;

  it('resolves a page of contacts to their travelers and clients with one TT-API call each', async () => {
    const reps = links.clients.slice(0, 25).map((c, k) => ({
      __typename: 'Contact',
      id: `00000000-0000-4000-8000-${String(k).padStart(12, '0')}`,
      ttClientId: c.id,
      ttTravelerId: links.travelers[k]?.id,
    }));
    const r = ok(
      await t.run<{
        _entities: {
          id: string;
          traveler: { id: string; client: { id: string } };
          client: { id: string; displayName: string };
        }[];
      }>(CONTACTS, { r: reps }, as.viewer),
    );
    expect(r._entities).toHaveLength(25);
    r._entities.forEach((e, k) => {
      expect(e.id).toBe(reps[k]?.id);
      expect(e.traveler.id).toBe(links.travelers[k]?.id);
      expect(e.client).toEqual({ id: links.clients[k]?.id, displayName: links.clients[k]?.displayName });
      // The traveler's own client comes from the same batch of clients.
      expect(e.traveler.client.id).toBe(links.clients[k]?.id);
    });
    expect(calls('/api/travelers')).toBe(1);
    expect(calls('/api/clients')).toBe(1);
    expect(t.sim.control.requestCount()).toBe(2);
  });

  it('answers null profiles for a contact without TT-API ids, without calling TT-API', async () => {
    const r = ok(
      await t.run(CONTACTS, {
        r: [
          { __typename: 'Contact', id: '00000000-0000-4000-8000-000000000001', ttClientId: null, ttTravelerId: null },
        ],
      }),
    );
    expect(r).toEqual({ _entities: [{ id: '00000000-0000-4000-8000-000000000001', traveler: null, client: null }] });
    expect(t.sim.control.requestCount()).toBe(0);
  });

  it('resolves companies to their TT-API clients, one call for the list', async () => {
    const reps = links.companies.slice(0, 6).map((c, k) => ({
      __typename: 'Company',
      id: `10000000-0000-4000-8000-${String(k).padStart(12, '0')}`,
      ttCompanyId: c.id,
    }));
    const r = ok(
      await t.run<{ _entities: { clients: Conn<{ id: string }> }[] }>(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Company { id clients(first: 10) { nodes { id } } } } }`,
        { r: reps },
        as.viewer,
      ),
    );
    r._entities.forEach((e, k) => {
      const expected = links.clients
        .filter((c) => c.companyId === links.companies[k]?.id)
        .map((c) => c.id)
        .sort();
      expect(e.clients.nodes.map((c) => c.id).sort()).toEqual(expected);
    });
    expect(r._entities.every((e) => e.clients.nodes.length > 0)).toBe(true);
    expect(calls('/api/clients')).toBe(1);
  });

  it('resolves deals to their bookings, one call for the list', async () => {
    const reps = links.deals.slice(0, 5).map((d) => ({ __typename: 'Deal', ttDealId: d.id }));
    const r = ok(
      await t.run<{ _entities: { bookings: Conn<{ id: string; ttDealId: string }> }[] }>(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Deal { ttDealId bookings { nodes { id ttDealId } } } } }`,
        { r: reps },
        as.viewer,
      ),
    );
    r._entities.forEach((e, k) => {
      expect(e.bookings.nodes.length).toBeGreaterThan(0);
      expect(e.bookings.nodes.every((b) => b.ttDealId === links.deals[k]?.id)).toBe(true);
    });
    expect(calls('/api/bookings')).toBe(1);
  });

  it('resolves clients, travelers and bookings that other subgraphs refer to, one call per list', async () => {
    const bookingIds = [...t.sim.control.db.bookings.keys()].slice(0, 2);
    const reps = [
      ...links.clients.slice(0, 3).map((c) => ({ __typename: 'Client', id: c.id })),
      ...links.travelers.slice(0, 3).map((x) => ({ __typename: 'Traveler', id: x.id })),
      ...bookingIds.map((id) => ({ __typename: 'Booking', id })),
      { __typename: 'Client', id: '00000000-0000-4000-8000-000000000000' },
    ];
    const r = ok(
      await t.run<{ _entities: ({ id: string; ttCompanyId?: string | null } | null)[] }>(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Client { id ttCompanyId } ... on Traveler { id lastName } ... on Booking { id status } } }`,
        { r: reps },
        as.viewer,
      ),
    );
    expect(r._entities.slice(0, 8).map((e) => e?.id)).toEqual(reps.slice(0, 8).map((x) => x.id));
    expect(r._entities[0]?.ttCompanyId).toBe(links.clients[0]?.companyId);
    expect(r._entities[8]).toBeNull();
    expect(calls('/api/clients')).toBe(1);
    expect(calls('/api/travelers')).toBe(1);
    expect(calls('/api/bookings')).toBe(1);
  });
});

describe('reads', () => {
  it('reads a client with its addresses, family groups, travelers, trips and bookings', async () => {
    const client = links.clients[25];
    const r = ok(
      await t.run<{
        client: {
          displayName: string;
          clientType: string;
          travelers: Conn<{ id: string }>;
          addresses: Conn<unknown>;
          familyGroups: Conn<unknown>;
          trips: Conn<{ status: string; bookings: Conn<unknown> }>;
          bookings: Conn<unknown> & { totalCount: number };
        };
      }>(
        `query($id: ID!) { client(id: $id) { displayName clientType status travelers { nodes { id } } addresses { nodes { city isPrimary } }
         familyGroups { nodes { name groupType members { nodes { id } } } } trips { nodes { status bookings { nodes { id } } } } bookings(first: 2) { totalCount nodes { id status } } } }`,
        { id: client?.id },
        as.viewer,
      ),
    );
    expect(r.client.displayName).toBe(client?.displayName);
    expect(r.client.clientType).toMatch(/^[A-Z_]+$/);
    expect(r.client.travelers.nodes.length).toBe(2);
    expect(r.client.addresses.nodes.length).toBeGreaterThan(0);
    expect(r.client.familyGroups.nodes.length).toBeGreaterThan(0);
    expect(r.client.bookings.nodes.length).toBeLessThanOrEqual(2);
  });

  it('reads a traveler with documents, preferences and loyalty; ADVISOR sees identity documents', async () => {
    const traveler = links.travelers[1];
    const Q = `query($id: ID!) { traveler(id: $id) { firstName passportNumber medicalNotes documents { nodes { documentType documentNumber expiryDate daysUntilExpiry } }
      preferences { seatPreference } emergencyContacts { nodes { fullName } } loyaltyPrograms { nodes { programName membershipNumber } } } }`;
    const r = ok(
      await t.run<{
        traveler: {
          firstName: string;
          passportNumber: string;
          documents: Conn<{ documentType: string; daysUntilExpiry: number }>;
        };
      }>(Q, { id: traveler?.id }, as.advisor),
    );
    expect(r.traveler.firstName).toBe(traveler?.firstName);
    expect(r.traveler.documents.nodes.some((d) => d.documentType === 'PASSPORT')).toBe(true);
    // Traveler 2 is in the "expires within 30 days" bucket of the demo data.
    expect(r.traveler.documents.nodes.find((d) => d.documentType === 'PASSPORT')?.daysUntilExpiry).toBeLessThan(30);
  });

  it('passes filters and order through to TT-API, and pages with cursors', async () => {
    const confirmed = [...t.sim.control.db.bookings.values()].filter((b) => b.status === 'confirmed');
    const dates = confirmed.map((b) => b.departureDate).sort();
    type Page = {
      bookings: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string };
        nodes: { status: string; departureDate: string }[];
      };
    };
    const Q = `query($after: String) { bookings(filter: { status: CONFIRMED }, orderBy: { field: DEPARTURE_DATE, direction: ASC }, first: 2, after: $after) {
      totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { status departureDate } } }`;
    const first = ok(await t.run<Page>(Q, {}, as.viewer));
    expect(first.bookings.totalCount).toBe(confirmed.length);
    expect(first.bookings.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(first.bookings.nodes.map((n) => n.departureDate)).toEqual(dates.slice(0, 2));
    t.sim.control.resetStats();
    const second = ok(await t.run<Page>(Q, { after: first.bookings.pageInfo.endCursor }, as.viewer));
    expect(second.bookings.pageInfo.hasPreviousPage).toBe(true);
    expect(second.bookings.nodes.every((n) => n.status === 'CONFIRMED')).toBe(true);
    expect(second.bookings.nodes.map((n) => n.departureDate)).toEqual(dates.slice(2, 4));
    // The window [2, 4) is TT-API's page 2 of 2: one call.
    expect(calls('/api/bookings')).toBe(1);
  });

  it('covers an unaligned window with at most two TT-API pages, and pages backwards', async () => {
    const all = ok(
      await t.run<{ clients: { nodes: { id: string }[] } }>(`{ clients(first: 10) { nodes { id } } }`, {}, as.viewer),
    );
    const ids = all.clients.nodes.map((c) => c.id);
    const third = ok(
      await t.run<{ clients: { edges: { cursor: string }[] } }>(
        `{ clients(first: 3) { edges { cursor } } }`,
        {},
        as.viewer,
      ),
    );
    t.sim.control.resetStats();
    const r = ok(
      await t.run<{ clients: { nodes: { id: string }[] } }>(
        `query($after: String) { clients(first: 4, after: $after) { nodes { id } } }`,
        { after: third.clients.edges[2]?.cursor },
        as.viewer,
      ),
    );
    expect(r.clients.nodes.map((c) => c.id)).toEqual(ids.slice(3, 7));
    expect(calls('/api/clients')).toBe(2);
    const back = ok(
      await t.run<{ clients: { edges: { cursor: string }[]; nodes: { id: string }[] } }>(
        `{ clients(first: 7) { edges { cursor } nodes { id } } }`,
        {},
        as.viewer,
      ),
    );
    const before = ok(
      await t.run<{ clients: { nodes: { id: string }[] } }>(
        `query($before: String) { clients(last: 2, before: $before) { nodes { id } } }`,
        { before: back.clients.edges[6]?.cursor },
        as.viewer,
      ),
    );
    expect(before.clients.nodes.map((c) => c.id)).toEqual(ids.slice(4, 6));
    const last = ok(
      await t.run<{ clients: { totalCount: number; pageInfo: { hasNextPage: boolean }; nodes: unknown[] } }>(
        `{ clients(last: 3) { totalCount pageInfo { hasNextPage } nodes { id } } }`,
        {},
        as.viewer,
      ),
    );
    expect(last.clients.nodes).toHaveLength(3);
    expect(last.clients.pageInfo.hasNextPage).toBe(false);
  });

  it("pages a nested list past its first page (a client's trips)", async () => {
    const client = { id: links.clients[5]?.id ?? '' };
    for (const name of ['Fjords', 'Patagonia', 'Kyoto in spring']) {
      ok(
        await t.run(
          `mutation($input: CreateClientTripInput!) { createClientTrip(input: $input) { id } }`,
          { input: { clientId: client.id, name, tripType: 'CUSTOM' } },
          as.advisor,
        ),
      );
    }
    type Trips = {
      client: {
        trips: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { id: string }[] };
      };
    };
    const Q = `query($id: ID!, $after: String) { client(id: $id) { trips(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } } }`;
    const first = ok(await t.run<Trips>(Q, { id: client.id }, as.viewer));
    const mine = [...t.sim.control.db.clientTrips.values()].filter((x) => x.clientId === client.id);
    expect(first.client.trips.totalCount).toBe(mine.length);
    expect(first.client.trips.nodes).toHaveLength(2);
    expect(first.client.trips.pageInfo.hasNextPage).toBe(true);
    const next = ok(await t.run<Trips>(Q, { id: client.id, after: first.client.trips.pageInfo.endCursor }, as.viewer));
    const seen = [...first.client.trips.nodes, ...next.client.trips.nodes].map((n) => n.id);
    expect(new Set(seen).size).toBe(Math.min(4, mine.length));
    expect(seen.every((id) => mine.some((m) => m.id === id))).toBe(true);
  });

  it('refuses a page above 100 or a foreign cursor as BAD_USER_INPUT at that field, without calling TT-API', async () => {
    t.sim.control.resetStats();
    const big = await t.run(`{ clients(first: 101) { totalCount } }`, {}, as.viewer);
    expect(codes(big)).toEqual(['BAD_USER_INPUT']);
    const nested = await t.run<{ client: { displayName: string; trips: null } }>(
      `query($id: ID!) { client(id: $id) { displayName trips(first: 500) { totalCount } } }`,
      { id: links.clients[0]?.id },
      as.viewer,
    );
    expect(codes(nested)).toEqual(['BAD_USER_INPUT']);
    expect(nested.data?.client).toMatchObject({ displayName: links.clients[0]?.displayName, trips: null });
    expect(codes(await t.run(`{ bookings(after: "bm90LWEtY3Vyc29y") { totalCount } }`, {}, as.viewer))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(calls('/api/client-trips') + calls('/api/bookings')).toBe(0);
  });

  it('reads the catalogue, groups, alerts, vendors and the intelligence feed', async () => {
    const r = ok(
      await t.run<{
        tripOfferings: {
          nodes: {
            spotsLeft: number;
            itineraryLegs: Conn<{ dayNumber: number }>;
            destination: { continent: string };
          }[];
        };
        travelGroups: { nodes: { status: string }[] };
        topOpportunities: { nodes: { score: number; client: { id: string } }[] };
      }>(
        `{ tripOfferings(first: 3) { nodes { name spotsLeft itineraryLegs { nodes { dayNumber } } destination { continent travelAlerts { nodes { severity } } } vendor { name tier } } }
         travelGroups(first: 9) { totalCount nodes { status members { nodes { role } } milestones { nodes { title } } } }
         travelAlerts(filter: { severity: CRITICAL }) { nodes { severity title } }
         destinations(filter: { continent: EUROPE }) { totalCount nodes { name continent } }
         vendors { nodes { name tier tripOfferings(first: 1) { nodes { name } } } }
         satisfactionScores(first: 3) { nodes { score scoreType client { id } } }
         topOpportunities(first: 3) { generatedAt nodes { score reasons client { id } tripOffering { name } } } }`,
        {},
        as.viewer,
      ),
    );
    const legs = r.tripOfferings.nodes[0]?.itineraryLegs.nodes.map((l) => l.dayNumber) ?? [];
    expect(legs).toEqual([...legs].sort((a, b) => a - b));
    expect(r.travelGroups.nodes.length).toBe(9);
    expect(r.topOpportunities.nodes).toHaveLength(3);
  });

  it('answers null for an unknown id and BAD_USER_INPUT for a malformed one, without calling TT-API for the latter', async () => {
    expect(ok(await t.run(`{ booking(id: "00000000-0000-4000-8000-000000000000") { id } }`))).toEqual({
      booking: null,
    });
    t.sim.control.resetStats();
    const bad = await t.run(`{ booking(id: "nope") { id } }`);
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(t.sim.control.requestCount()).toBe(0);
  });
});

describe('finance (MANAGER)', () => {
  const bookingWithPayments = () => {
    const p = [...t.sim.control.db.payments.values()].find((x) => x.bookingId !== null && x.status === 'paid');
    if (!p?.bookingId) throw new Error('no paid booking in the demo data');
    return p.bookingId;
  };

  it('lets a manager read payments, commissions, schedules and invoices of a booking', async () => {
    const id = bookingWithPayments();
    const r = ok(
      await t.run<{
        booking: {
          payments: Conn<{ amountCents: number }>;
          commissions: Conn<{ grossCommissionCents: number }> & {
            summary: { count: number; totalGrossCommissionCents: number };
          };
        };
      }>(
        `query($id: ID!) { booking(id: $id) { payments { nodes { amountCents paymentType status } } commissions { nodes { grossCommissionCents nexionShareCents agentNetCents status } summary { count totalGrossCommissionCents } }
         paymentSchedules { nodes { installmentNumber status } } invoices { nodes { invoiceNumber balanceCents } } client { lifetimeValueCents } } }`,
        { id },
        as.manager,
      ),
    );
    expect(r.booking.payments.nodes.length).toBeGreaterThan(0);
    const { nodes, summary } = r.booking.commissions;
    expect(summary.count).toBe(nodes.length);
    expect(summary.totalGrossCommissionCents).toBe(nodes.reduce((n, c) => n + c.grossCommissionCents, 0));
  });

  it.each([
    ['viewer', as.viewer],
    ['agent', as.agent],
    ['advisor', as.advisor],
  ] as const)('refuses finance fields to %s', async (_name, viewer) => {
    const id = bookingWithPayments();
    for (const q of [
      `query($id: ID!) { booking(id: $id) { id payments { nodes { amountCents } } } }`,
      `query($id: ID!) { booking(id: $id) { id commissions { nodes { grossCommissionCents } } } }`,
      `query($id: ID!) { booking(id: $id) { id client { lifetimeValueCents } } }`,
      `{ commissions { totalCount } }`,
      `{ commissionSummary { count } }`,
      `{ invoices { totalCount } }`,
      `{ paymentSchedules { totalCount } }`,
    ]) {
      const r = await t.run(q, { id }, viewer);
      expect(codes(r), q).toContain('FORBIDDEN');
    }
  });

  it('lists commissions with a summary over every match', async () => {
    const r = ok(
      await t.run<{
        commissions: {
          totalCount: number;
          nodes: { status: string }[];
          summary: { count: number; byStatus: { status: string; count: number }[] };
        };
      }>(
        `{ commissions(filter: { status: EARNED }, first: 2) { totalCount nodes { status booking { id } vendor { name } } summary { count byStatus { status count grossCommissionCents } } } }`,
        {},
        as.manager,
      ),
    );
    expect(r.commissions.nodes.every((n) => n.status === 'EARNED')).toBe(true);
    expect(r.commissions.summary.count).toBe(r.commissions.totalCount);
    expect(r.commissions.summary.byStatus.map((b) => b.status)).toEqual([
      'PROJECTED',
      'EARNED',
      'INVOICED',
      'RECEIVED',
      'SPLIT_PAID',
      'FINAL',
    ]);
  });

  it('keeps ordering by lifetime value to managers', async () => {
    const q = `{ clients(orderBy: { field: LIFETIME_VALUE_CENTS, direction: DESC }) { totalCount } }`;
    expect(codes(await t.run(q, {}, as.advisor))).toEqual(['FORBIDDEN']);
    expect(ok(await t.run(q, {}, as.manager))).toMatchObject({ clients: { totalCount: 40 } });
  });
});

describe('writes', () => {
  const CREATE = `mutation($input: CreateBookingInput!) { createBooking(input: $input) { id bookingReference status totalPriceCents amountPaidCents paymentStatus travelers { nodes { isPrimary traveler { id } } } } }`;
  const newBooking = () => ({
    clientId: links.clients[0]?.id,
    destination: 'Kyoto',
    departureDate: '2027-04-01',
    returnDate: '2027-04-10',
    totalPriceCents: 500_000,
    status: 'HOLD',
    travelers: [{ travelerId: links.travelers[0]?.id }],
  });

  it('creates and updates a booking, records a payment and reads the new balance', async () => {
    const created = ok(
      await t.run<{ createBooking: { id: string; status: string; travelers: Conn<{ isPrimary: boolean }> } }>(
        CREATE,
        { input: newBooking() },
        as.advisor,
      ),
    );
    expect(created.createBooking).toMatchObject({
      status: 'HOLD',
      paymentStatus: 'PENDING',
      amountPaidCents: 0,
      travelers: { nodes: [{ isPrimary: true }] },
    });
    const id = created.createBooking.id;

    const updated = ok(
      await t.run<{ updateBooking: { status: string; notes: string } }>(
        `mutation($input: UpdateBookingInput!) { updateBooking(input: $input) { status notes } }`,
        { input: { id, status: 'CONFIRMED', vendorConfirmationNumber: 'KY-5521', notes: 'Vendor confirmed by phone' } },
        as.advisor,
      ),
    );
    expect(updated.updateBooking).toEqual({ status: 'CONFIRMED', notes: 'Vendor confirmed by phone' });

    const paid = ok(
      await t.run<{ recordPayment: { booking: { amountPaidCents: number; paymentStatus: string } } }>(
        `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { booking { amountPaidCents paymentStatus } } }`,
        { input: { bookingId: id, amountCents: 100_000, paymentMethod: 'credit_card' } },
        as.advisor,
      ),
    );
    expect(paid.recordPayment.booking).toEqual({ amountPaidCents: 100_000, paymentStatus: 'PARTIAL' });

    // The payment record itself is finance data.
    const again = { input: { bookingId: id, amountCents: 50_000, paymentMethod: 'ach' } };
    const PAY_WITH_RECORD = `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { payment { amountCents paymentType } } }`;
    expect(codes(await t.run(PAY_WITH_RECORD, again, as.advisor))).toContain('FORBIDDEN');
    expect(ok(await t.run(PAY_WITH_RECORD, again, as.manager))).toEqual({
      recordPayment: { payment: { amountCents: 50_000, paymentType: 'INSTALLMENT' } },
    });
  });

  it('refuses writes to viewers and agents', async () => {
    expect(codes(await t.run(CREATE, { input: newBooking() }, as.viewer))).toEqual(['FORBIDDEN']);
    expect(codes(await t.run(CREATE, { input: newBooking() }, as.agent))).toEqual(['FORBIDDEN']);
    expect(t.sim.control.requestCount('/api/bookings', 'POST')).toBe(0);
  });

  it('answers BAD_USER_INPUT naming the field, without calling TT-API', async () => {
    const r = await t.run(CREATE, { input: { ...newBooking(), totalPriceCents: -5 } }, as.advisor);
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors?.[0]?.extensions?.fields).toEqual([expect.objectContaining({ path: 'input.totalPriceCents' })]);
    expect(t.sim.control.requestCount()).toBe(0);
  });

  it("passes TT-API's CONFLICT through (payment beyond the balance)", async () => {
    const created = ok(await t.run<{ createBooking: { id: string } }>(CREATE, { input: newBooking() }, as.advisor));
    const r = await t.run(
      `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { booking { id } } }`,
      { input: { bookingId: created.createBooking.id, amountCents: 900_000, paymentMethod: 'wire' } },
      as.advisor,
    );
    expect(codes(r)).toEqual(['CONFLICT']);
  });

  it('calculates a commission (MANAGER) and refuses moving one backwards', async () => {
    const booking = [...t.sim.control.db.bookings.values()].find(
      (b) => b.vendorId !== null && b.status === 'confirmed',
    );
    const CALC = `mutation($input: CalculateCommissionInput!) { calculateCommission(input: $input) { rateSource commissionPct bonusPct grossCommissionCents nexionSplitPct nexionShareCents agentNetCents booking { id } vendor { id } } }`;
    const input = { bookingId: booking?.id, vendorId: booking?.vendorId, bookingValueCents: 1_000_000 };
    expect(codes(await t.run(CALC, { input }, as.advisor))).toEqual(['FORBIDDEN']);
    const calc = ok(
      await t.run<{
        calculateCommission: {
          grossCommissionCents: number;
          nexionShareCents: number;
          agentNetCents: number;
          rateSource: string;
        };
      }>(CALC, { input }, as.manager),
    );
    const c = calc.calculateCommission;
    expect(['RULE', 'CONTRACT', 'VENDOR_DEFAULT']).toContain(c.rateSource);
    expect(c.nexionShareCents + c.agentNetCents).toBe(c.grossCommissionCents);

    const received = [...t.sim.control.db.commissions.values()].find((e) => e.status === 'received');
    const UPDATE = `mutation($input: UpdateCommissionEntryInput!) { updateCommissionEntry(input: $input) { status } }`;
    expect(codes(await t.run(UPDATE, { input: { id: received?.id, status: 'EARNED' } }, as.manager))).toEqual([
      'CONFLICT',
    ]);
    expect(codes(await t.run(UPDATE, { input: { id: received?.id, status: 'SPLIT_PAID' } }, as.advisor))).toEqual([
      'FORBIDDEN',
    ]);
    expect(ok(await t.run(UPDATE, { input: { id: received?.id, status: 'SPLIT_PAID' } }, as.manager))).toEqual({
      updateCommissionEntry: { status: 'SPLIT_PAID' },
    });
  });

  it('creates a traveler with preferences, an emergency contact and a loyalty program', async () => {
    const r = ok(
      await t.run<{ createTraveler: { id: string; preferences: { seatPreference: string } } }>(
        `mutation($input: CreateTravelerInput!) { createTraveler(input: $input) { id firstName passportExpiryDate preferences { seatPreference dietaryRestrictions } } }`,
        {
          input: {
            clientId: links.clients[3]?.id,
            firstName: 'Rosa',
            lastName: 'Lindqvist',
            passportNumber: 'P12345678',
            passportExpiryDate: '2031-05-01',
            preferences: { seatPreference: 'AISLE', dietaryRestrictions: ['vegan'] },
          },
        },
        as.advisor,
      ),
    );
    const travelerId = r.createTraveler.id;
    ok(
      await t.run(
        `mutation($input: CreateEmergencyContactInput!) { createEmergencyContact(input: $input) { id isPrimary } }`,
        { input: { travelerId, fullName: 'Nils Lindqvist', relationship: 'spouse', phone: '+46 70 123 4567' } },
        as.advisor,
      ),
    );
    ok(
      await t.run(
        `mutation($input: CreateLoyaltyProgramInput!) { createLoyaltyProgram(input: $input) { id } }`,
        { input: { travelerId, programType: 'AIRLINE', programName: 'SAS EuroBonus', membershipNumber: 'EB123456' } },
        as.advisor,
      ),
    );
    const read = ok(
      await t.run<{ traveler: { emergencyContacts: Conn<unknown>; loyaltyPrograms: Conn<{ programType: string }> } }>(
        `query($id: ID!) { traveler(id: $id) { emergencyContacts { nodes { fullName isPrimary } } loyaltyPrograms { nodes { programType } } } }`,
        { id: travelerId },
        as.advisor,
      ),
    );
    expect(read.traveler.emergencyContacts.nodes).toEqual([{ fullName: 'Nils Lindqvist', isPrimary: true }]);
    expect(read.traveler.loyaltyPrograms.nodes).toEqual([{ programType: 'AIRLINE' }]);
  });

  it('rejects an impossible calendar date as BAD_USER_INPUT', async () => {
    const r = await t.run(CREATE, { input: { ...newBooking(), departureDate: '2027-02-30' } }, as.advisor);
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('schema', () => {
  const sdl = loadSubgraphTypeDefs(new URL('../../subgraphs/travel', import.meta.url));

  it('follows the list and money conventions (connections, Cents)', () => {
    expect(conventionProblems(buildASTSchema(sdl, { assumeValidSDL: true }))).toEqual([]);
  });

  it('maps every value of every TT-API enum both ways', () => {
    const enums = new Map(
      sdl.definitions
        .filter((d): d is EnumTypeDefinitionNode => d.kind === Kind.ENUM_TYPE_DEFINITION)
        .map((d) => [d.name.value, (d.values ?? []).map((v) => v.name.value).sort()]),
    );
    for (const [name, map] of Object.entries(enumResolvers)) {
      expect(Object.keys(map).sort(), name).toEqual(enums.get(name));
    }
  });

  it('reports integration health with a live probe', async () => {
    const r = ok(
      await t.run<{ integrationHealth: { id: string; state: string; probe: { ok: boolean; status: string } } }>(
        `{ integrationHealth { id name state failuresInWindow failureThreshold windowMs lastChangedAt nextAttemptAt probe { ok status checks latencyMs error } } }`,
        {},
        as.viewer,
      ),
    );
    expect(r.integrationHealth).toMatchObject({ id: 'tt-api', state: 'CLOSED', probe: { ok: true, status: 'ok' } });
    expect(codes(await t.run(`{ integrationHealth(id: "stripe") { state } }`, {}, as.viewer))).toEqual(['NOT_FOUND']);
  });
});
