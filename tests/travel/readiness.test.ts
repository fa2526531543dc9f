/**
 * Ready to travel, in-process against the simulator: each traveler's six items on a trip, the
 * passport checked against the destination's rule beyond the return date (three months for the
 * Schengen area, six for most others), visas, the supplier's final-payment date, the hand-ticked
 * items, and the advisors' list of trips at risk.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, codes, ok, startTravel, type Travel } from './harness.ts';

let t: Travel;
beforeAll(async () => {
  t = await startTravel();
});
afterAll(async () => t?.stop());

const DAY_MS = 86_400_000;
const todayMs = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
const day = (offset: number) => new Date(todayMs + offset * DAY_MS).toISOString().slice(0, 10);
/** The first offset at or after `from` whose day of the month is at most 28 (month sums stay exact). */
const safeOffset = (from: number) => {
  let o = from;
  while (new Date(todayMs + o * DAY_MS).getUTCDate() > 28) o++;
  return o;
};
const plusMonths = (date: string, months: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};

type Item = { kind: string; state: string; detail: string; dueDate: string | null };
type Readiness = {
  id: string;
  state: string;
  departureDate: string | null;
  returnDate: string | null;
  entryRule: {
    id: string;
    passportMonthsBeyondReturn: number;
    passportValidUntil: string | null;
    visaRequired: boolean;
  };
  travelers: { travelerId: string; state: string; items: Item[]; missing: Item[] }[];
};
const READINESS = `id state departureDate returnDate
  entryRule { id passportMonthsBeyondReturn passportValidUntil visaRequired }
  travelers { travelerId state items { kind state detail dueDate } missing { kind state detail dueDate } }`;

const offering = (name: string) => {
  const o = [...t.sim.control.db.trips.values()].find((x) => x.name === name);
  if (!o) throw new Error(`no demo offering ${name}`);
  return o;
};
const vendor = (name: string) => {
  const v = [...t.sim.control.db.vendors.values()].find((x) => x.name === name);
  if (!v) throw new Error(`no demo vendor ${name}`);
  return v;
};
const clientId = () => [...t.sim.control.db.clients.values()][2]?.id ?? '';

async function traveler(lastName: string, passportExpiryDate: string | null) {
  return ok(
    await t.run<{ createTraveler: { id: string } }>(
      `mutation($input: CreateTravelerInput!) { createTraveler(input: $input) { id } }`,
      {
        input: {
          clientId: clientId(),
          firstName: 'Zoë',
          lastName,
          nationality: 'US',
          ...(passportExpiryDate
            ? { passportNumber: `P${lastName.length}${String(Date.now() % 100000).padStart(5, '0')}`, passportCountry: 'US', passportExpiryDate }
            : {}),
        },
      },
      as.advisor,
    ),
  ).createTraveler.id;
}

async function trip(name: string, offeringName: string, start: number, end: number, travelerIds: string[]) {
  const o = offering(offeringName);
  return ok(
    await t.run<{ createClientTrip: { id: string } }>(
      `mutation($input: CreateClientTripInput!) { createClientTrip(input: $input) { id } }`,
      {
        input: {
          clientId: clientId(),
          tripOfferingId: o.id,
          name,
          tripType: o.tripType.toUpperCase(),
          status: 'BOOKED',
          startDate: day(start),
          endDate: day(end),
          travelerIds,
        },
      },
      as.advisor,
    ),
  ).createClientTrip.id;
}

async function readiness(clientTripId: string) {
  const r = ok(
    await t.run<{ clientTrip: { readiness: Readiness } }>(
      `query($id: ID!) { clientTrip(id: $id) { readiness { ${READINESS} } } }`,
      { id: clientTripId },
      as.advisor,
    ),
  ).clientTrip.readiness;
  return r;
}
const item = (r: Readiness, travelerId: string, kind: string) => {
  const found = r.travelers.find((x) => x.travelerId === travelerId)?.items.find((i) => i.kind === kind);
  if (!found) throw new Error(`no ${kind} item for ${travelerId}`);
  return found;
};

describe('ready to travel', () => {
  // Returns on a day of the month <= 28, so "return + N months" is exact.
  const rhineEnd = safeOffset(130);
  const rhineStart = rhineEnd - 8;
  const maldivesEnd = rhineEnd;
  let zoe = '';
  let rhine = '';
  let maldives = '';

  beforeAll(async () => {
    // Valid 4 months after both trips return: enough for Schengen (3), not for the Maldives (6).
    zoe = await traveler('Łódź', plusMonths(day(rhineEnd), 4));
    rhine = await trip('Zoë: Rhine Getaway', 'Rhine Getaway', rhineStart, rhineEnd, [zoe]);
    maldives = await trip('Zoë: Maldives', 'Maldives Overwater Escape', maldivesEnd - 7, maldivesEnd, [zoe]);
  });

  it("flags a passport that expires within the destination's window after return", async () => {
    const de = await readiness(rhine);
    expect(de.entryRule).toEqual({
      id: 'schengen',
      passportMonthsBeyondReturn: 3,
      passportValidUntil: plusMonths(day(rhineEnd), 3),
      visaRequired: false,
    });
    expect(item(de, zoe, 'PASSPORT').state).toBe('DONE');
    expect(item(de, zoe, 'VISA').state).toBe('NOT_NEEDED');

    const mv = await readiness(maldives);
    expect(mv.entryRule).toMatchObject({ id: 'six-months', passportValidUntil: plusMonths(day(maldivesEnd), 6) });
    const passport = item(mv, zoe, 'PASSPORT');
    expect(passport.state).toBe('MISSING');
    expect(passport.detail).toContain(`expires on ${plusMonths(day(rhineEnd), 4)}`);
    expect(passport.detail).toContain(`valid until ${plusMonths(day(maldivesEnd), 6)}`);
    expect(mv.state).toBe('AT_RISK');
    expect(mv.travelers[0]?.missing.map((i) => i.kind)).toContain('PASSPORT');
  });

  it('flags an expired passport and a passport missing altogether', async () => {
    const expired = await traveler('Expired', day(-10));
    const none = await traveler('Nopass', null);
    const id = await trip('Expired and none: Rhine', 'Rhine Getaway', rhineStart, rhineEnd, [expired, none]);
    const r = await readiness(id);
    expect(item(r, expired, 'PASSPORT')).toMatchObject({
      state: 'MISSING',
      detail: `Passport expired on ${day(-10)}.`,
    });
    expect(item(r, none, 'PASSPORT')).toMatchObject({ state: 'MISSING' });
    expect(item(r, none, 'PASSPORT').detail).toMatch(/^No passport on file/);
  });

  it('needs a visa where the destination asks for one, until one is on file', async () => {
    const id = await trip('Zoë: Serengeti', 'Serengeti Migration Safari', rhineStart, rhineEnd, [zoe]);
    const before = await readiness(id);
    expect(before.entryRule.visaRequired).toBe(true);
    expect(item(before, zoe, 'VISA').state).toBe('MISSING');
    ok(
      await t.run(
        `mutation($input: CreateTravelDocumentInput!) { addTravelDocument(input: $input) { id } }`,
        {
          input: {
            travelerId: zoe,
            documentType: 'VISA',
            documentNumber: 'TZ-EVISA-1',
            issuingCountry: 'TZ',
            expiryDate: day(rhineEnd + 30),
          },
        },
        as.advisor,
      ),
    );
    expect(item(await readiness(id), zoe, 'VISA')).toMatchObject({
      state: 'DONE',
      detail: `Visa for TZ valid until ${day(rhineEnd + 30)}.`,
    });
  });

  it("wants the balance before the supplier's final-payment date", async () => {
    const soon = await trip('Zoë: Rhine soon', 'Rhine Getaway', 40, 48, [zoe]);
    const book = async (clientTripId: string, vendorName: string, departureDate: string, ref: string) =>
      ok(
        await t.run(
          `mutation($input: CreateBookingInput!) { createBooking(input: $input) { id } }`,
          {
            input: {
              bookingReference: ref,
              clientId: clientId(),
              clientTripId,
              vendorId: vendor(vendorName).id,
              status: 'CONFIRMED',
              vendorConfirmationNumber: `CNF-${ref}`,
              destination: 'Somewhere',
              departureDate,
              totalPriceCents: 450_000,
              travelers: [{ travelerId: zoe, isPrimary: true }],
            },
          },
          as.advisor,
        ),
      );
    // A cruise line wants the balance 90 days out: 40 days before departure, that date has passed.
    await book(soon, 'Viking River Cruises', day(40), 'RDY-CRUISE-1');
    const late = item(await readiness(soon), zoe, 'BALANCE_PAID');
    expect(late).toMatchObject({ state: 'MISSING', dueDate: day(40 - 90) });
    expect(late.detail).toContain('RDY-CRUISE-1: $4,500.00 still owed; Viking River Cruises wanted the balance by');
    // A hotel wants it 30 days out: still ahead for a stay 123 days away.
    await book(maldives, 'Four Seasons Resorts', day(maldivesEnd - 7), 'RDY-HOTEL-1');
    expect(item(await readiness(maldives), zoe, 'BALANCE_PAID')).toMatchObject({
      state: 'PENDING',
      dueDate: day(maldivesEnd - 7 - 30),
    });
  });

  it('ticks forms and documents by hand, and counts an emergency contact on file', async () => {
    const SET = `mutation($input: SetReadinessCheckInput!) { setReadinessCheck(input: $input) { ${READINESS} } }`;
    const before = await readiness(rhine);
    expect(item(before, zoe, 'FORMS_SIGNED').state).toBe('MISSING');
    expect(item(before, zoe, 'DOCUMENTS_DELIVERED')).toMatchObject({ state: 'PENDING', dueDate: day(rhineStart - 21) });
    expect(item(before, zoe, 'EMERGENCY_CONTACT').state).toBe('MISSING');

    const input = { clientTripId: rhine, travelerId: zoe, item: 'FORMS_SIGNED', done: true };
    const ticked = ok(await t.run<{ setReadinessCheck: Readiness }>(SET, { input }, as.advisor)).setReadinessCheck;
    expect(item(ticked, zoe, 'FORMS_SIGNED').state).toBe('DONE');
    // Ticking twice is still one tick; unticking brings it back.
    ok(await t.run(SET, { input }, as.advisor));
    const unticked = ok(
      await t.run<{ setReadinessCheck: Readiness }>(SET, { input: { ...input, done: false } }, as.advisor),
    );
    expect(item(unticked.setReadinessCheck, zoe, 'FORMS_SIGNED').state).toBe('MISSING');

    const stranger = await t.run(
      SET,
      { input: { ...input, travelerId: [...t.sim.control.db.travelers.keys()][0] } },
      as.advisor,
    );
    expect(codes(stranger)).toEqual(['BAD_USER_INPUT']);
    expect(stranger.errors?.[0]?.extensions?.fields).toEqual([expect.objectContaining({ path: 'input.travelerId' })]);
    expect(codes(await t.run(SET, { input }, as.viewer))).toEqual(['FORBIDDEN']);

    ok(
      await t.run(
        `mutation($input: CreateEmergencyContactInput!) { createEmergencyContact(input: $input) { id } }`,
        { input: { travelerId: zoe, fullName: 'Łucja Nowak', relationship: 'sister', phone: '+48 600 100 200' } },
        as.advisor,
      ),
    );
    expect(item(await readiness(rhine), zoe, 'EMERGENCY_CONTACT')).toMatchObject({
      state: 'DONE',
      detail: 'Łucja Nowak (sister).',
    });
  });

  it('lists trips at risk, soonest departure first, with the missing items', async () => {
    const AT_RISK = `query($filter: TripsAtRiskFilter, $first: Int) { tripsAtRisk(filter: $filter, first: $first) { totalCount nodes { ${READINESS} clientTrip { name } } } }`;
    type Page = { tripsAtRisk: { totalCount: number; nodes: (Readiness & { clientTrip: { name: string } })[] } };
    const all = ok(await t.run<Page>(AT_RISK, { first: 100 }, as.advisor)).tripsAtRisk;
    expect(all.totalCount).toBeGreaterThan(0);
    const departures = all.nodes.map((n) => n.departureDate ?? '');
    expect(departures).toEqual([...departures].sort());
    expect(
      all.nodes.every(
        (n) => n.state === 'AT_RISK' && n.travelers.some((x) => x.missing.some((i) => i.state === 'MISSING')),
      ),
    ).toBe(true);
    expect(all.nodes.map((n) => n.id)).toContain(maldives);

    const passports = ok(
      await t.run<Page>(AT_RISK, { filter: { item: 'PASSPORT' }, first: 100 }, as.advisor),
    ).tripsAtRisk;
    const ids = passports.nodes.map((n) => n.id);
    expect(ids).toContain(maldives);
    expect(ids).not.toContain(rhine);

    const bad = await t.run(AT_RISK, { filter: { departingWithinDays: 0 } }, as.advisor);
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.run(AT_RISK, {}, as.viewer))).toEqual(['FORBIDDEN']);
  });
});
