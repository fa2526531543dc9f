/**
 * The defects a new user found in travel (issue 14), each pinned by a test that failed before its
 * fix: passport documents of travelers entered through Nexus, travel-document writes, the balance
 * of a void invoice, payments of a deleted booking, the advisor's payment receipt, commission
 * quotes as a query, and T-10's enums.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ttDemoLinks } from '@nexus/platform';
import { as, codes, ok, startTravel, type Travel } from './harness.ts';

let t: Travel;
beforeAll(async () => {
  t = await startTravel();
});
afterAll(async () => t?.stop());
beforeEach(async () => t.reset());

const links = ttDemoLinks;
type Doc = { id: string; documentType: string; documentNumber: string; expiryDate: string | null };

const CREATE_TRAVELER = `mutation($input: CreateTravelerInput!) { createTraveler(input: $input) {
  id documents { nodes { id documentType documentNumber expiryDate } } } }`;
const DOCS = `query($id: ID!) { traveler(id: $id) { documents { nodes { id documentType documentNumber expiryDate } } } }`;
const docsOf = async (id: string) =>
  ok(await t.run<{ traveler: { documents: { nodes: Doc[] } } }>(DOCS, { id }, as.advisor)).traveler.documents.nodes;

describe('travelers entered through Nexus', () => {
  it('creates the passport document, so the passport alerts see the traveler', async () => {
    const r = ok(
      await t.run<{ createTraveler: { id: string; documents: { nodes: Doc[] } } }>(
        CREATE_TRAVELER,
        {
          input: {
            clientId: links.clients[2]?.id,
            firstName: 'Zoë',
            lastName: 'Łukasiewicz',
            passportNumber: 'PL7654321',
            passportCountry: 'PL',
            passportExpiryDate: '2027-01-15',
          },
        },
        as.advisor,
      ),
    );
    expect(r.createTraveler.documents.nodes).toEqual([
      expect.objectContaining({ documentType: 'PASSPORT', documentNumber: 'PL7654321', expiryDate: '2027-01-15' }),
    ]);
    const expiring = ok(
      await t.run<{ travelDocuments: { nodes: { traveler: { id: string } }[] } }>(
        `{ travelDocuments(first: 100, filter: { documentType: PASSPORT, expiresBefore: "2027-01-31", expiresAfter: "2027-01-01" }) { nodes { traveler { id } } } }`,
        {},
        as.advisor,
      ),
    );
    expect(expiring.travelDocuments.nodes.map((n) => n.traveler.id)).toContain(r.createTraveler.id);
  });

  it('keeps the passport document in step when the passport is renewed', async () => {
    const { createTraveler } = ok(
      await t.run<{ createTraveler: { id: string } }>(
        CREATE_TRAVELER,
        {
          input: { firstName: 'Ana', lastName: 'Ruiz', passportNumber: 'ES1234567', passportExpiryDate: '2026-12-01' },
        },
        as.advisor,
      ),
    );
    ok(
      await t.run(
        `mutation($input: UpdateTravelerInput!) { updateTraveler(input: $input) { id } }`,
        { input: { id: createTraveler.id, passportExpiryDate: '2036-12-01' } },
        as.advisor,
      ),
    );
    expect(await docsOf(createTraveler.id)).toEqual([
      expect.objectContaining({ documentType: 'PASSPORT', documentNumber: 'ES1234567', expiryDate: '2036-12-01' }),
    ]);
  });

  it('refuses a passport expiry date without the passport number, naming the field', async () => {
    const r = await t.run(
      CREATE_TRAVELER,
      { input: { firstName: 'No', lastName: 'Number', passportExpiryDate: '2030-01-01' } },
      as.advisor,
    );
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors?.[0]?.extensions?.fields).toEqual([expect.objectContaining({ path: 'input.passportNumber' })]);
    expect(t.sim.control.requestCount('/api/travelers', 'POST')).toBe(0);
  });
});

describe('travel documents', () => {
  const ADD = `mutation($input: CreateTravelDocumentInput!) { addTravelDocument(input: $input) { id documentType documentNumber expiryDate daysUntilExpiry } }`;
  const REPLACE = `mutation($input: UpdateTravelDocumentInput!) { replaceTravelDocument(input: $input) { id documentNumber expiryDate } }`;
  const REMOVE = `mutation($id: ID!) { removeTravelDocument(id: $id) }`;
  const travelerId = () => links.travelers[5]?.id ?? '';

  it('adds, replaces and removes a visa', async () => {
    const before = await docsOf(travelerId());
    const added = ok(
      await t.run<{ addTravelDocument: Doc }>(
        ADD,
        {
          input: {
            travelerId: travelerId(),
            documentType: 'VISA',
            documentNumber: 'V-889900',
            issuingCountry: 'IN',
            expiryDate: '2027-06-30',
          },
        },
        as.advisor,
      ),
    ).addTravelDocument;
    expect(added).toMatchObject({ documentType: 'VISA', documentNumber: 'V-889900', expiryDate: '2027-06-30' });
    expect(await docsOf(travelerId())).toHaveLength(before.length + 1);

    const replaced = ok(
      await t.run<{ replaceTravelDocument: Doc }>(
        REPLACE,
        { input: { id: added.id, documentNumber: 'V-889901', expiryDate: '2028-06-30' } },
        as.advisor,
      ),
    ).replaceTravelDocument;
    expect(replaced).toEqual({ id: added.id, documentNumber: 'V-889901', expiryDate: '2028-06-30' });

    expect(ok(await t.run<{ removeTravelDocument: string }>(REMOVE, { id: added.id }, as.advisor))).toEqual({
      removeTravelDocument: added.id,
    });
    expect((await docsOf(travelerId())).map((d) => d.id)).not.toContain(added.id);
    expect(codes(await t.run(REMOVE, { id: added.id }, as.advisor))).toEqual(['NOT_FOUND']);
  });

  it("maps TT-API's refusals to clear errors", async () => {
    const input = { travelerId: travelerId(), documentType: 'VISA', documentNumber: 'V-1' };
    ok(await t.run(ADD, { input }, as.advisor));
    const dup = await t.run(ADD, { input }, as.advisor);
    expect(codes(dup)).toEqual(['CONFLICT']);
    expect(dup.errors?.[0]?.message).toContain('V-1');

    const ghost = await t.run(
      ADD,
      { input: { ...input, travelerId: '00000000-0000-4000-8000-000000000999', documentNumber: 'V-2' } },
      as.advisor,
    );
    expect(codes(ghost)).toEqual(['BAD_USER_INPUT']);

    const empty = await t.run(ADD, { input: { ...input, documentNumber: '' } }, as.advisor);
    expect(codes(empty)).toEqual(['BAD_USER_INPUT']);
    expect(empty.errors?.[0]?.extensions?.fields).toEqual([expect.objectContaining({ path: 'input.documentNumber' })]);

    expect(codes(await t.run(ADD, { input: { ...input, documentNumber: 'V-3' } }, as.viewer))).toEqual(['FORBIDDEN']);
  });
});

describe('finance', () => {
  it('shows a void invoice with nothing owed', async () => {
    const INVOICE = `invoiceNumber status totalCents amountPaidCents balanceCents`;
    const created = ok(
      await t.run<{ createInvoice: { id: string; balanceCents: number } }>(
        `mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { id ${INVOICE} } }`,
        {
          input: {
            clientId: links.clients[0]?.id,
            dueDate: '2027-03-01',
            lineItems: [{ description: 'Deposit', quantity: 2, unitPriceCents: 125_000 }],
          },
        },
        as.manager,
      ),
    ).createInvoice;
    expect(created.balanceCents).toBe(250_000);
    const voided = ok(
      await t.run<{ updateInvoice: { status: string; totalCents: number; balanceCents: number } }>(
        `mutation($input: UpdateInvoiceInput!) { updateInvoice(input: $input) { ${INVOICE} } }`,
        { input: { id: created.id, status: 'VOID' } },
        as.manager,
      ),
    ).updateInvoice;
    expect(voided).toMatchObject({ status: 'VOID', totalCents: 250_000, balanceCents: 0 });
  });

  const CREATE_BOOKING = `mutation($input: CreateBookingInput!) { createBooking(input: $input) { id } }`;
  const newBooking = () => ({
    clientId: links.clients[1]?.id,
    destination: 'Lisbon',
    departureDate: '2027-05-01',
    returnDate: '2027-05-08',
    totalPriceCents: 300_000,
    travelers: [{ travelerId: links.travelers[1]?.id }],
  });
  const PAY = `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) {
    booking { amountPaidCents } receipt { id amountCents paymentType status paymentMethod } } }`;

  it('gives the advisor who records a payment its receipt', async () => {
    const id = ok(await t.run<{ createBooking: { id: string } }>(CREATE_BOOKING, { input: newBooking() }, as.advisor))
      .createBooking.id;
    const r = ok(
      await t.run<{ recordPayment: { receipt: { id: string; amountCents: number; paymentType: string } } }>(
        PAY,
        { input: { bookingId: id, amountCents: 75_000, paymentMethod: 'credit_card' } },
        as.advisor,
      ),
    );
    expect(r.recordPayment).toEqual({
      booking: { amountPaidCents: 75_000 },
      receipt: {
        id: expect.any(String),
        amountCents: 75_000,
        paymentType: 'DEPOSIT',
        status: 'PAID',
        paymentMethod: 'credit_card',
      },
    });
  });

  it('keeps a booking that holds payments (CONFLICT) and deletes one that holds none', async () => {
    const paidId = ok(
      await t.run<{ createBooking: { id: string } }>(CREATE_BOOKING, { input: newBooking() }, as.advisor),
    ).createBooking.id;
    ok(await t.run(PAY, { input: { bookingId: paidId, amountCents: 10_000, paymentMethod: 'ach' } }, as.advisor));
    const DELETE = `mutation($id: ID!) { deleteBooking(id: $id) }`;
    const refused = await t.run(DELETE, { id: paidId }, as.manager);
    expect(codes(refused)).toEqual(['CONFLICT']);
    expect(refused.errors?.[0]?.message).toMatch(/cancel or refund/);
    const payments = ok(
      await t.run<{ payments: { nodes: { booking: { id: string } | null }[] } }>(
        `query($b: ID!) { payments(filter: { bookingId: $b }) { nodes { booking { id } } } }`,
        { b: paidId },
        as.manager,
      ),
    );
    expect(payments.payments.nodes).toEqual([{ booking: { id: paidId } }]);

    const unpaidId = ok(
      await t.run<{ createBooking: { id: string } }>(CREATE_BOOKING, { input: newBooking() }, as.advisor),
    ).createBooking.id;
    expect(ok(await t.run(DELETE, { id: unpaidId }, as.manager))).toEqual({ deleteBooking: unpaidId });
  });

  it('quotes a commission with a query, like the deprecated mutation, storing nothing', async () => {
    const booking = ok(
      await t.run<{ bookings: { nodes: { id: string; totalPriceCents: number; vendor: { id: string } | null }[] } }>(
        `{ bookings(first: 20) { nodes { id totalPriceCents vendor { id } } } }`,
        {},
        as.manager,
      ),
    ).bookings.nodes.find((b) => b.vendor !== null);
    if (!booking?.vendor) throw new Error('the demo data has no booking with a vendor');
    const input = { bookingId: booking.id, vendorId: booking.vendor.id, bookingValueCents: booking.totalPriceCents };
    const FIELDS = `rateSource commissionPct grossCommissionCents nexionShareCents agentNetCents`;
    const quote = ok(
      await t.run<{ commissionQuote: Record<string, unknown> }>(
        `query($input: CalculateCommissionInput!) { commissionQuote(input: $input) { ${FIELDS} } }`,
        { input },
        as.manager,
      ),
    ).commissionQuote;
    expect(quote.grossCommissionCents).toBeGreaterThan(0);
    const legacy = ok(
      await t.run<{ calculateCommission: Record<string, unknown> }>(
        `mutation($input: CalculateCommissionInput!) { calculateCommission(input: $input) { ${FIELDS} } }`,
        { input },
        as.manager,
      ),
    ).calculateCommission;
    expect(legacy).toEqual(quote);
    expect(
      codes(
        await t.run(
          `query($input: CalculateCommissionInput!) { commissionQuote(input: $input) { commissionPct } }`,
          { input },
          as.advisor,
        ),
      ),
    ).toEqual(['FORBIDDEN']);
  });
});

describe('T-10 enums', () => {
  it('serves supplier type, document type, cabin class and seat preference as enums', async () => {
    const vendors = ok(
      await t.run<{ vendors: { nodes: { vendorType: string }[] } }>(
        `{ vendors(first: 20, filter: { vendorType: CRUISE_LINE }) { nodes { vendorType } } }`,
        {},
        as.viewer,
      ),
    ).vendors.nodes;
    expect(vendors.length).toBeGreaterThan(0);
    expect(new Set(vendors.map((v) => v.vendorType))).toEqual(new Set(['CRUISE_LINE']));

    const traveler = ok(
      await t.run<{
        travelers: { nodes: { preferences: { cabinClass: string | null; seatPreference: string | null } | null }[] };
      }>(`{ travelers(first: 10) { nodes { preferences { cabinClass seatPreference } } } }`, {}, as.viewer),
    ).travelers.nodes.find((n) => n.preferences !== null);
    expect(['ECONOMY', 'PREMIUM_ECONOMY', 'BUSINESS', 'FIRST']).toContain(traveler?.preferences?.cabinClass);
    expect(['WINDOW', 'AISLE', 'NO_PREFERENCE']).toContain(traveler?.preferences?.seatPreference);
  });

  it('derives booking type from the supplier and traveler status from the bookings', async () => {
    const r = ok(
      await t.run<{ bookings: { nodes: { bookingType: string; vendor: { vendorType: string } | null }[] } }>(
        `{ bookings(first: 50) { nodes { bookingType vendor { vendorType } } } }`,
        {},
        as.viewer,
      ),
    ).bookings.nodes;
    const expected: Record<string, string> = {
      CRUISE_LINE: 'CRUISE',
      HOTEL: 'HOTEL',
      TOUR_OPERATOR: 'TOUR',
      AIRLINE: 'FLIGHT',
    };
    for (const b of r) expect(b.bookingType).toBe(b.vendor ? expected[b.vendor.vendorType] : 'OTHER');
    expect(new Set(r.map((b) => b.bookingType)).size).toBeGreaterThan(1);

    const { createTraveler } = ok(
      await t.run<{ createTraveler: { id: string } }>(
        `mutation { createTraveler(input: { firstName: "New", lastName: "Comer" }) { id } }`,
        {},
        as.advisor,
      ),
    );
    const STATUS = `query($id: ID!) { traveler(id: $id) { status } }`;
    expect(ok(await t.run(STATUS, { id: createTraveler.id }, as.viewer))).toEqual({ traveler: { status: 'NO_TRIPS' } });
    ok(
      await t.run(
        `mutation($input: CreateBookingInput!) { createBooking(input: $input) { id } }`,
        {
          input: {
            destination: 'Oslo',
            departureDate: '2099-06-01',
            returnDate: '2099-06-08',
            totalPriceCents: 100_000,
            travelers: [{ travelerId: createTraveler.id }],
          },
        },
        as.advisor,
      ),
    );
    expect(ok(await t.run(STATUS, { id: createTraveler.id }, as.viewer))).toEqual({ traveler: { status: 'UPCOMING' } });
  });

  it('refuses a supplier type outside the enum before calling TT-API', async () => {
    const r = await t.run(
      `mutation { createVendor(input: { name: "Acme", vendorType: "spaceline", defaultCommissionPct: 5 }) { id } }`,
      {},
      as.manager,
    );
    expect(r.errors?.length).toBeGreaterThan(0);
    expect(t.sim.control.requestCount('/api/vendors', 'POST')).toBe(0);
  });
});

describe('travel search', () => {
  type Hits = {
    travelSearch: {
      totalCount: number;
      nodes: {
        kind: string;
        title: string;
        score: number;
        booking: { id: string } | null;
        tripOffering: { name: string } | null;
        client: { displayName: string } | null;
      }[];
    };
  };
  const SEARCH = `query($s: String!, $kinds: [TravelSearchKind!]) { travelSearch(filter: { search: $s, kinds: $kinds }, first: 10) {
    totalCount nodes { kind title score booking { id } tripOffering { name } client { displayName } } } }`;
  const search = async (s: string, kinds?: string[]) =>
    ok(await t.run<Hits>(SEARCH, { s, kinds }, as.viewer)).travelSearch;

  it('finds a booking by its reference', async () => {
    const [booking] = ok(
      await t.run<{ bookings: { nodes: { id: string; bookingReference: string }[] } }>(
        `{ bookings(first: 1, orderBy: { field: CREATED_AT, direction: ASC }) { nodes { id bookingReference } } }`,
        {},
        as.viewer,
      ),
    ).bookings.nodes;
    if (!booking) throw new Error('no demo booking');
    const r = await search(booking.bookingReference);
    expect(r.nodes[0]).toMatchObject({
      kind: 'BOOKING',
      title: booking.bookingReference,
      score: 1,
      booking: { id: booking.id },
    });
  });

  it('finds trips by a word of their name, and with a typo', async () => {
    const exact = await search('Rhine');
    expect(exact.nodes.some((n) => n.kind === 'TRIP_OFFERING' && n.tripOffering?.name === 'Rhine Getaway')).toBe(true);
    const typo = await search('Rhien');
    expect(typo.nodes.some((n) => n.tripOffering?.name === 'Rhine Getaway')).toBe(true);
  });

  it('tolerates a one-word typo in a client name', async () => {
    const northwind = links.clients.filter((c) => c.email.includes('northwind'));
    expect(northwind.length).toBeGreaterThan(0);
    const r = await search('nortwind', ['CLIENT']);
    expect(r.nodes.map((n) => n.client?.displayName).sort()).toEqual(northwind.map((c) => c.displayName).sort());
    const name = links.travelers[3];
    if (!name) throw new Error('no demo traveler');
    const misspelt = `${name.lastName.slice(0, 1)}${name.lastName.slice(2)}`;
    const travelers = await search(misspelt.length >= 4 ? misspelt : name.lastName, ['TRAVELER']);
    expect(travelers.nodes.map((n) => n.title)).toContain(`${name.firstName} ${name.lastName}`);
  });

  it('refuses a one-letter search, naming the field', async () => {
    const r = await t.run(SEARCH, { s: 'x' }, as.viewer);
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors?.[0]?.extensions?.fields).toEqual([expect.objectContaining({ path: 'filter.search' })]);
  });
});
