/**
 * The travel subgraph in-process against the TT-API simulator: the schema's reads and writes,
 * `_entities` for every `@key` type (batched: one TT-API call per list), filters and paging passed
 * through, enum mapping, ranks enforced by the subgraph's own shield, and bad input caught before
 * any TT-API call.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Kind, type EnumTypeDefinitionNode } from 'graphql';
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
    const r = ok(await t.run<{ _entities: { id: string; traveler: { id: string; client: { id: string } }; client: { id: string; displayName: string } }[] }>(CONTACTS, { r: reps }, as.viewer));
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
    const r = ok(await t.run(CONTACTS, { r: [{ __typename: 'Contact', id: '00000000-0000-4000-8000-000000000001', ttClientId: null, ttTravelerId: null }] }));
    expect(r).toEqual({ _entities: [{ id: '00000000-0000-4000-8000-000000000001', traveler: null, client: null }] });
    expect(t.sim.control.requestCount()).toBe(0);
  });

  it('resolves companies to their TT-API clients, one call for the list', async () => {
    const reps = links.companies.slice(0, 6).map((c, k) => ({ __typename: 'Company', id: `10000000-0000-4000-8000-${String(k).padStart(12, '0')}`, ttCompanyId: c.id }));
    const r = ok(await t.run<{ _entities: { clients: { id: string }[] }[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Company { id clients(limit: 10) { id } } } }`,
      { r: reps },
      as.viewer,
    ));
    r._entities.forEach((e, k) => {
      const expected = links.clients.filter((c) => c.companyId === links.companies[k]?.id).map((c) => c.id).sort();
      expect(e.clients.map((c) => c.id).sort()).toEqual(expected);
    });
    expect(r._entities.every((e) => e.clients.length > 0)).toBe(true);
    expect(calls('/api/clients')).toBe(1);
  });

  it('resolves deals to their bookings, one call for the list', async () => {
    const reps = links.deals.slice(0, 5).map((d) => ({ __typename: 'Deal', ttDealId: d.id }));
    const r = ok(await t.run<{ _entities: { bookings: { id: string; ttDealId: string }[] }[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Deal { ttDealId bookings { id ttDealId } } } }`,
      { r: reps },
      as.viewer,
    ));
    r._entities.forEach((e, k) => {
      expect(e.bookings.length).toBeGreaterThan(0);
      expect(e.bookings.every((b) => b.ttDealId === links.deals[k]?.id)).toBe(true);
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
    const r = ok(await t.run<{ _entities: ({ id: string; ttCompanyId?: string | null } | null)[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Client { id ttCompanyId } ... on Traveler { id lastName } ... on Booking { id status } } }`,
      { r: reps },
      as.viewer,
    ));
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
    const r = ok(await t.run<{ client: { displayName: string; clientType: string; travelers: { id: string }[]; addresses: unknown[]; familyGroups: unknown[]; trips: { status: string; bookings: unknown[] }[]; bookings: unknown[] } }>(
      `query($id: ID!) { client(id: $id) { displayName clientType status travelers { id } addresses { city isPrimary }
         familyGroups { name groupType members { id } } trips { status bookings { id } } bookings(limit: 2) { id status } } }`,
      { id: client?.id },
      as.viewer,
    ));
    expect(r.client.displayName).toBe(client?.displayName);
    expect(r.client.clientType).toMatch(/^[A-Z_]+$/);
    expect(r.client.travelers.length).toBe(2);
    expect(r.client.addresses.length).toBeGreaterThan(0);
    expect(r.client.familyGroups.length).toBeGreaterThan(0);
    expect(r.client.bookings.length).toBeLessThanOrEqual(2);
  });

  it('reads a traveler with documents, preferences and loyalty; ADVISOR sees identity documents', async () => {
    const traveler = links.travelers[1];
    const Q = `query($id: ID!) { traveler(id: $id) { firstName passportNumber medicalNotes documents { documentType documentNumber expiryDate daysUntilExpiry }
      preferences { seatPreference } emergencyContacts { fullName } loyaltyPrograms { programName membershipNumber } } }`;
    const r = ok(await t.run<{ traveler: { firstName: string; passportNumber: string; documents: { documentType: string; daysUntilExpiry: number }[] } }>(Q, { id: traveler?.id }, as.advisor));
    expect(r.traveler.firstName).toBe(traveler?.firstName);
    expect(r.traveler.documents.some((d) => d.documentType === 'passport')).toBe(true);
    // Traveler 2 is in the "expires within 30 days" bucket of the demo data.
    expect(r.traveler.documents.find((d) => d.documentType === 'passport')?.daysUntilExpiry).toBeLessThan(30);
  });

  it('passes filters, sorting and paging through to TT-API', async () => {
    const all = await t.sim.control.db.bookings;
    const confirmed = [...all.values()].filter((b) => b.status === 'confirmed');
    const r = ok(await t.run<{ bookings: { totalCount: number; page: number; totalPages: number; nodes: { status: string; departureDate: string }[] } }>(
      `{ bookings(filter: { status: CONFIRMED }, sort: { field: DEPARTURE_DATE, direction: ASC }, page: 2, limit: 2) { totalCount page totalPages nodes { status departureDate } } }`,
      {},
      as.viewer,
    ));
    expect(r.bookings.totalCount).toBe(confirmed.length);
    expect(r.bookings.page).toBe(2);
    expect(r.bookings.totalPages).toBe(Math.ceil(confirmed.length / 2));
    expect(r.bookings.nodes.every((n) => n.status === 'CONFIRMED')).toBe(true);
    const dates = confirmed.map((b) => b.departureDate).sort();
    expect(r.bookings.nodes.map((n) => n.departureDate)).toEqual(dates.slice(2, 4));
    const recent = t.sim.control.stats().recent.at(-1);
    expect(recent?.path).toBe('/api/bookings');
  });

  it('reads the catalogue, groups, alerts, vendors and the intelligence feed', async () => {
    const r = ok(await t.run<{ tripOfferings: { nodes: { spotsLeft: number; itineraryLegs: { dayNumber: number }[]; destination: { continent: string } }[] }; travelGroups: { nodes: { status: string; milestones: unknown[]; members: unknown[] }[] }; topOpportunities: { nodes: { score: number; client: { id: string } }[] } }>(
      `{ tripOfferings(limit: 3) { nodes { name spotsLeft itineraryLegs { dayNumber } destination { continent travelAlerts { severity } } vendor { name tier } } }
         travelGroups(limit: 9) { totalCount nodes { status members { role } milestones { title } } }
         travelAlerts(filter: { severity: CRITICAL }) { nodes { severity title } }
         destinations(filter: { continent: EUROPE }) { totalCount nodes { name continent } }
         vendors { nodes { name tier tripOfferings(limit: 1) { name } } }
         satisfactionScores(limit: 3) { nodes { score scoreType client { id } } }
         topOpportunities(limit: 3) { generatedAt nodes { score reasons client { id } tripOffering { name } } } }`,
      {},
      as.viewer,
    ));
    const legs = r.tripOfferings.nodes[0]?.itineraryLegs.map((l) => l.dayNumber) ?? [];
    expect(legs).toEqual([...legs].sort((a, b) => a - b));
    expect(r.travelGroups.nodes.length).toBe(9);
    expect(r.topOpportunities.nodes).toHaveLength(3);
  });

  it('answers null for an unknown id and BAD_USER_INPUT for a malformed one, without calling TT-API for the latter', async () => {
    expect(ok(await t.run(`{ booking(id: "00000000-0000-4000-8000-000000000000") { id } }`))).toEqual({ booking: null });
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
    const r = ok(await t.run<{ booking: { payments: { amountCents: number }[]; commissions: unknown[] } }>(
      `query($id: ID!) { booking(id: $id) { payments { amountCents paymentType status } commissions { grossCommissionCents nexionShareCents agentNetCents status }
         paymentSchedules { installmentNumber status } invoices { invoiceNumber balanceCents } client { lifetimeValueCents } } }`,
      { id },
      as.manager,
    ));
    expect(r.booking.payments.length).toBeGreaterThan(0);
  });

  it.each([
    ['viewer', as.viewer],
    ['agent', as.agent],
    ['advisor', as.advisor],
  ] as const)('refuses finance fields to %s', async (_name, viewer) => {
    const id = bookingWithPayments();
    for (const q of [
      `query($id: ID!) { booking(id: $id) { id payments { amountCents } } }`,
      `query($id: ID!) { booking(id: $id) { id commissions { grossCommissionCents } } }`,
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
    const r = ok(await t.run<{ commissions: { totalCount: number; nodes: { status: string }[]; summary: { count: number; byStatus: { status: string; count: number }[] } } }>(
      `{ commissions(filter: { status: EARNED }, limit: 2) { totalCount nodes { status booking { id } vendor { name } } summary { count byStatus { status count grossCommissionCents } } } }`,
      {},
      as.manager,
    ));
    expect(r.commissions.nodes.every((n) => n.status === 'EARNED')).toBe(true);
    expect(r.commissions.summary.count).toBe(r.commissions.totalCount);
    expect(r.commissions.summary.byStatus.map((b) => b.status)).toEqual(['PROJECTED', 'EARNED', 'INVOICED', 'RECEIVED', 'SPLIT_PAID', 'FINAL']);
  });

  it('keeps sorting by lifetime value to managers', async () => {
    const q = `{ clients(sort: { field: LIFETIME_VALUE_CENTS }) { totalCount } }`;
    expect(codes(await t.run(q, {}, as.advisor))).toEqual(['FORBIDDEN']);
    expect(ok(await t.run(q, {}, as.manager))).toMatchObject({ clients: { totalCount: 40 } });
  });
});

describe('writes', () => {
  const CREATE = `mutation($input: CreateBookingInput!) { createBooking(input: $input) { id bookingReference status totalPriceCents amountPaidCents paymentStatus travelers { isPrimary traveler { id } } } }`;
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
    const created = ok(await t.run<{ createBooking: { id: string; status: string; travelers: { isPrimary: boolean }[] } }>(CREATE, { input: newBooking() }, as.advisor));
    expect(created.createBooking).toMatchObject({ status: 'HOLD', paymentStatus: 'PENDING', amountPaidCents: 0, travelers: [{ isPrimary: true }] });
    const id = created.createBooking.id;

    const updated = ok(await t.run<{ updateBooking: { status: string; notes: string } }>(
      `mutation($input: UpdateBookingInput!) { updateBooking(input: $input) { status notes } }`,
      { input: { id, status: 'CONFIRMED', notes: 'Vendor confirmed by phone' } },
      as.advisor,
    ));
    expect(updated.updateBooking).toEqual({ status: 'CONFIRMED', notes: 'Vendor confirmed by phone' });

    const paid = ok(await t.run<{ recordPayment: { booking: { amountPaidCents: number; paymentStatus: string } } }>(
      `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { booking { amountPaidCents paymentStatus } } }`,
      { input: { bookingId: id, amountCents: 100_000, paymentMethod: 'credit_card' } },
      as.advisor,
    ));
    expect(paid.recordPayment.booking).toEqual({ amountPaidCents: 100_000, paymentStatus: 'PARTIAL' });

    // The payment record itself is finance data.
    const again = { input: { bookingId: id, amountCents: 50_000, paymentMethod: 'ach' } };
    const PAY_WITH_RECORD = `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { payment { amountCents paymentType } } }`;
    expect(codes(await t.run(PAY_WITH_RECORD, again, as.advisor))).toContain('FORBIDDEN');
    expect(ok(await t.run(PAY_WITH_RECORD, again, as.manager))).toEqual({ recordPayment: { payment: { amountCents: 50_000, paymentType: 'INSTALLMENT' } } });
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
    const booking = [...t.sim.control.db.bookings.values()].find((b) => b.vendorId !== null && b.status === 'confirmed');
    const CALC = `mutation($input: CalculateCommissionInput!) { calculateCommission(input: $input) { rateSource commissionPct bonusPct grossCommissionCents nexionSplitPct nexionShareCents agentNetCents booking { id } vendor { id } } }`;
    const input = { bookingId: booking?.id, vendorId: booking?.vendorId, bookingValueCents: 1_000_000 };
    expect(codes(await t.run(CALC, { input }, as.advisor))).toEqual(['FORBIDDEN']);
    const calc = ok(await t.run<{ calculateCommission: { grossCommissionCents: number; nexionShareCents: number; agentNetCents: number; rateSource: string } }>(CALC, { input }, as.manager));
    const c = calc.calculateCommission;
    expect(['RULE', 'CONTRACT', 'VENDOR_DEFAULT']).toContain(c.rateSource);
    expect(c.nexionShareCents + c.agentNetCents).toBe(c.grossCommissionCents);

    const received = [...t.sim.control.db.commissions.values()].find((e) => e.status === 'received');
    const UPDATE = `mutation($input: UpdateCommissionEntryInput!) { updateCommissionEntry(input: $input) { status } }`;
    expect(codes(await t.run(UPDATE, { input: { id: received?.id, status: 'EARNED' } }, as.manager))).toEqual(['CONFLICT']);
    expect(codes(await t.run(UPDATE, { input: { id: received?.id, status: 'SPLIT_PAID' } }, as.advisor))).toEqual(['FORBIDDEN']);
    expect(ok(await t.run(UPDATE, { input: { id: received?.id, status: 'SPLIT_PAID' } }, as.manager))).toEqual({ updateCommissionEntry: { status: 'SPLIT_PAID' } });
  });

  it('creates a traveler with preferences, an emergency contact and a loyalty program', async () => {
    const r = ok(await t.run<{ createTraveler: { id: string; preferences: { seatPreference: string } } }>(
      `mutation($input: CreateTravelerInput!) { createTraveler(input: $input) { id firstName passportExpiryDate preferences { seatPreference dietaryRestrictions } } }`,
      { input: { clientId: links.clients[3]?.id, firstName: 'Rosa', lastName: 'Lindqvist', passportNumber: 'P12345678', passportExpiryDate: '2031-05-01', preferences: { seatPreference: 'aisle', dietaryRestrictions: ['vegan'] } } },
      as.advisor,
    ));
    const travelerId = r.createTraveler.id;
    ok(await t.run(`mutation($input: CreateEmergencyContactInput!) { createEmergencyContact(input: $input) { id isPrimary } }`, { input: { travelerId, fullName: 'Nils Lindqvist', relationship: 'spouse', phone: '+46 70 123 4567' } }, as.advisor));
    ok(await t.run(`mutation($input: CreateLoyaltyProgramInput!) { createLoyaltyProgram(input: $input) { id } }`, { input: { travelerId, programType: 'AIRLINE', programName: 'SAS EuroBonus', membershipNumber: 'EB123456' } }, as.advisor));
    const read = ok(await t.run<{ traveler: { emergencyContacts: unknown[]; loyaltyPrograms: { programType: string }[] } }>(
      `query($id: ID!) { traveler(id: $id) { emergencyContacts { fullName isPrimary } loyaltyPrograms { programType } } }`,
      { id: travelerId },
      as.advisor,
    ));
    expect(read.traveler.emergencyContacts).toEqual([{ fullName: 'Nils Lindqvist', isPrimary: true }]);
    expect(read.traveler.loyaltyPrograms).toEqual([{ programType: 'AIRLINE' }]);
  });

  it('rejects an impossible calendar date as BAD_USER_INPUT', async () => {
    const r = await t.run(CREATE, { input: { ...newBooking(), departureDate: '2027-02-30' } }, as.advisor);
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('schema', () => {
  const sdl = loadSubgraphTypeDefs(new URL('../../subgraphs/travel', import.meta.url));

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
    const r = ok(await t.run<{ integrationHealth: { id: string; state: string; probe: { ok: boolean; status: string } } }>(
      `{ integrationHealth { id name state failuresInWindow failureThreshold windowMs lastChangedAt nextAttemptAt probe { ok status checks latencyMs error } } }`,
      {},
      as.viewer,
    ));
    expect(r.integrationHealth).toMatchObject({ id: 'tt-api', state: 'CLOSED', probe: { ok: true, status: 'ok' } });
    expect(codes(await t.run(`{ integrationHealth(id: "stripe") { state } }`, {}, as.viewer))).toEqual(['NOT_FOUND']);
  });
});
