/**
 * The itinerary builder's store (T-07) in-process against the simulator: a draft from the trip's
 * bookings, reordered and edited, published behind one stable link, republished with the client
 * mailed each time (outbox), and the PDF parsed back for its days and entries with non-Latin-1
 * names and no passport numbers.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTIFY_JOB, OutboxMessage, QUEUES, TRANSACTIONAL_MAIL_JOB } from '@nexus/platform';
import { Itinerary, ItineraryVersion } from '../../subgraphs/travel/src/entities/index.ts';
import { checkFlightStatuses } from '../../subgraphs/travel/src/services/schedule-changes.service.ts';
import { renderItineraryPdf } from '../../subgraphs/travel/src/pdf/itinerary-pdf.ts';
import { ordered, publishedByToken } from '../../subgraphs/travel/src/services/itinerary.service.ts';
import { as, codes, ok, startTravel, type Travel } from './harness.ts';

let t: Travel;
beforeAll(async () => {
  t = await startTravel();
});
afterAll(async () => t?.stop());

async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: bytes, useSystemFonts: false }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    text += content.items.map((it) => ('str' in it ? it.str : '')).join(' ') + '\n';
  }
  return text;
}

type Entry = {
  id: string;
  day: number;
  kind: string;
  title: string;
  confirmationNumber: string | null;
  booked: boolean;
};
type It = {
  id: string;
  title: string;
  publishedVersion: number;
  publicUrl: string | null;
  pdfUrl: string | null;
  entries: { nodes: Entry[] };
};
const FIELDS = `id title publishedVersion publicUrl pdfUrl entries(first: 100) { nodes { id day kind title confirmationNumber booked } }`;

let tripIdOfFirstSuite = '';

describe('itinerary builder', () => {
  let tripId = '';
  let itinerary: It;

  it('drafts an itinerary from the trip’s bookings, once per trip', async () => {
    const trips = ok(
      await t.run<{
        clientTrips: { nodes: { id: string; travelerIds?: string[]; bookings: { totalCount: number } }[] };
      }>(`{ clientTrips(first: 50) { nodes { id bookings { totalCount } } } }`, {}, as.advisor),
    ).clientTrips.nodes;
    const trip = trips.find((x) => x.bookings.totalCount > 0);
    if (!trip) throw new Error('no demo trip with bookings');
    tripId = trip.id;
    tripIdOfFirstSuite = trip.id;
    itinerary = ok(
      await t.run<{ createItinerary: It }>(
        `mutation($input: CreateItineraryInput!) { createItinerary(input: $input) { ${FIELDS} } }`,
        { input: { clientTripId: tripId, title: 'Zoë’s Łódź & Kraków week' } },
        as.advisor,
      ),
    ).createItinerary;
    expect(itinerary.entries.nodes).toHaveLength(trip.bookings.totalCount);
    expect(itinerary.publicUrl).toBeNull();
    expect(
      codes(
        await t.run(
          `mutation($input: CreateItineraryInput!) { createItinerary(input: $input) { id } }`,
          { input: { clientTripId: tripId } },
          as.advisor,
        ),
      ),
    ).toEqual(['CONFLICT']);
    expect(
      codes(
        await t.run(
          `mutation($input: CreateItineraryInput!) { createItinerary(input: $input) { id } }`,
          { input: { clientTripId: tripId } },
          as.viewer,
        ),
      ),
    ).toEqual(['FORBIDDEN']);
  });

  const SAVE = `mutation($input: SaveItineraryEntriesInput!) { saveItineraryEntries(input: $input) { ${FIELDS} } }`;
  const entries = () => [
    {
      day: 1,
      kind: 'FLIGHT',
      title: 'Fly to Łódź',
      startTime: '09:40',
      endTime: '11:05',
      timeZone: 'Europe/Warsaw',
      supplier: 'LOT',
      confirmationNumber: 'LO-4411',
    },
    {
      day: 1,
      kind: 'HOTEL',
      title: 'Check in at Hotel Zoë',
      location: 'Łódź',
      startTime: '15:00',
      timeZone: 'Europe/Warsaw',
      supplier: 'Hotel Zoë',
      confirmationNumber: 'HZ-889',
    },
    {
      day: 2,
      kind: 'ACTIVITY',
      title: 'Manufaktura walking tour',
      location: 'Łódź',
      startTime: '10:00',
      timeZone: 'Europe/Warsaw',
    },
    {
      day: 3,
      kind: 'TRANSFER',
      title: 'Train to Kraków',
      startTime: '08:15',
      timeZone: 'Europe/Warsaw',
      supplier: 'PKP Intercity',
    },
    { day: 3, kind: 'NOTE', title: 'Bring warm layers' },
  ];

  it('saves entries in the order given within each day, and says which are booked', async () => {
    const [a, b, ...rest] = entries();
    // Dragged: the hotel first on day 1.
    const saved = ok(
      await t.run<{ saveItineraryEntries: It }>(
        SAVE,
        { input: { id: itinerary.id, entries: [rest[0], b, a, ...rest.slice(1)] } },
        as.advisor,
      ),
    ).saveItineraryEntries;
    expect(saved.entries.nodes.map((e) => [e.day, e.title, e.booked])).toEqual([
      [1, 'Check in at Hotel Zoë', true],
      [1, 'Fly to Łódź', true],
      [2, 'Manufaktura walking tour', false],
      [3, 'Train to Kraków', false],
      [3, 'Bring warm layers', false],
    ]);
  });

  it('refuses a bad time, an unknown zone and a confirmation number used twice with one supplier, changing nothing', async () => {
    const [a, b] = entries();
    const r = await t.run(
      SAVE,
      {
        input: {
          id: itinerary.id,
          entries: [
            { ...a, startTime: '25:00' },
            { ...b, timeZone: 'Mars/Olympus' },
            { ...b, title: 'Same booking again' },
          ],
        },
      },
      as.advisor,
    );
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    const paths = (r.errors?.[0]?.extensions?.fields as { path: string }[]).map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['input.entries.0.startTime', 'input.entries.1.timeZone']));
    const dup = await t.run(
      SAVE,
      { input: { id: itinerary.id, entries: [b, { ...b, title: 'Same booking again' }] } },
      as.advisor,
    );
    expect((dup.errors?.[0]?.extensions?.fields as { path: string }[]).map((f) => f.path)).toEqual([
      'input.entries.1.confirmationNumber',
    ]);
    const now = ok(
      await t.run<{ itinerary: It }>(
        `query($id: ID!) { itinerary(clientTripId: $id) { ${FIELDS} } }`,
        { id: tripId },
        as.advisor,
      ),
    ).itinerary;
    expect(now.entries.nodes).toHaveLength(5);
  });

  it('publishes behind one link, republishes behind the same link, and mails the client each time', async () => {
    const PUBLISH = `mutation($id: ID!) { publishItinerary(id: $id) { ${FIELDS} } }`;
    const v1 = ok(await t.run<{ publishItinerary: It }>(PUBLISH, { id: itinerary.id }, as.advisor)).publishItinerary;
    expect(v1.publishedVersion).toBe(1);
    expect(v1.publicUrl).toMatch(/\/i\/[A-Za-z0-9_-]{40,}$/);
    ok(await t.run(SAVE, { input: { id: itinerary.id, entries: entries().slice(0, 4) } }, as.advisor));
    const v2 = ok(await t.run<{ publishItinerary: It }>(PUBLISH, { id: itinerary.id }, as.advisor)).publishItinerary;
    expect(v2.publishedVersion).toBe(2);
    expect(v2.publicUrl).toBe(v1.publicUrl);

    const mails = await t.deps.orm.em
      .fork()
      .find(OutboxMessage, { queue: QUEUES.mail, jobName: TRANSACTIONAL_MAIL_JOB }, { orderBy: { createdAt: 'asc' } });
    expect(mails.map((m) => m.payload.subject)).toEqual([
      'Your itinerary: Zoë’s Łódź & Kraków week',
      'Your itinerary was updated: Zoë’s Łódź & Kraków week',
    ]);
    expect(String(mails[1]?.payload.text)).toContain(v1.publicUrl ?? 'missing');
    expect(mails.map((m) => m.payload.dedupeKey)).toEqual([
      `itinerary:${itinerary.id}:v1`,
      `itinerary:${itinerary.id}:v2`,
    ]);
  });

  it('renders the published version as a PDF with its days and entries, Unicode names intact, no passport numbers', async () => {
    const token =
      ok(
        await t.run<{ itinerary: It }>(
          `query($id: ID!) { itinerary(clientTripId: $id) { publicUrl } }`,
          { id: tripId },
          as.advisor,
        ),
      ).itinerary.publicUrl?.split('/i/')[1] ?? '';
    const found = await publishedByToken(t.deps.orm.em.fork(), token);
    if (!found) throw new Error('published version not found by its token');
    expect(found.version.version).toBe(2);
    const bytes = await renderItineraryPdf({
      ...found.version,
      startDate: found.version.startDate ?? null,
      entries: ordered(found.version.entries),
    });
    const text = await pdfText(bytes);
    expect(text).toContain('Zoë’s Łódź & Kraków week');
    expect(text).toMatch(/Day 1/);
    expect(text).toMatch(/Day 3/);
    expect(text).toContain('Fly to Łódź');
    expect(text).toContain('09:40–11:05 (Europe/Warsaw)');
    expect(text).toContain('Confirmation LO-4411');
    // Version 2 dropped the note.
    expect(text).not.toContain('Bring warm layers');
    const travelers = ok(
      await t.run<{ clientTrip: { travelers: { nodes: { passportNumber: string | null }[] } } }>(
        `query($id: ID!) { clientTrip(id: $id) { travelers { nodes { passportNumber } } } }`,
        { id: tripId },
        as.advisor,
      ),
    ).clientTrip.travelers.nodes;
    for (const p of travelers) if (p.passportNumber) expect(text).not.toContain(p.passportNumber);
    expect(await publishedByToken(t.deps.orm.em.fork(), 'not-a-real-token-at-all-xx')).toBeNull();
  });
});

describe('booked means confirmed', () => {
  type B = {
    id: string;
    bookingReference: string;
    status: string;
    booked: boolean;
    vendorConfirmationNumber: string | null;
    vendor: { id: string } | null;
    clientTrip: { id: string } | null;
  };
  const B_FIELDS = 'id bookingReference status booked vendorConfirmationNumber vendor { id } clientTrip { id }';
  const fieldPaths = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
    ((r.errors?.[0]?.extensions?.fields ?? []) as { path: string }[]).map((f) => f.path);

  async function bookings(): Promise<B[]> {
    return ok(
      await t.run<{ bookings: { nodes: B[] } }>(`{ bookings(first: 100) { nodes { ${B_FIELDS} } } }`, {}, as.advisor),
    ).bookings.nodes;
  }

  it('refuses a confirmed booking without the supplier’s number, naming the field, and writes nothing', async () => {
    const [any] = await bookings();
    if (!any?.vendor) throw new Error('no demo booking with a supplier');
    const before = t.sim.control.requestCount('/api/bookings', 'POST');
    const r = await t.run(
      `mutation($input: CreateBookingInput!) { createBooking(input: $input) { id } }`,
      {
        input: {
          vendorId: any.vendor.id,
          status: 'CONFIRMED',
          destination: 'Łódź',
          departureDate: '2027-05-01',
          totalPriceCents: 120_000,
        },
      },
      as.advisor,
    );
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(r)).toEqual(['input.vendorConfirmationNumber']);
    expect(t.sim.control.requestCount('/api/bookings', 'POST')).toBe(before);
    // An unconfirmed booking is not booked, whatever else it has.
    const held = ok(
      await t.run<{ createBooking: B }>(
        `mutation($input: CreateBookingInput!) { createBooking(input: $input) { ${B_FIELDS} } }`,
        { input: { vendorId: any.vendor.id, status: 'HOLD', destination: 'Łódź', departureDate: '2027-05-01', totalPriceCents: 120_000 } },
        as.advisor,
      ),
    ).createBooking;
    expect(held.booked).toBe(false);
  });

  it('confirms a booking with a number unique per supplier, and carries it onto the itinerary', async () => {
    const all = await bookings();
    const confirmed = all.find((b) => b.vendorConfirmationNumber && b.vendor);
    const open = all.find(
      (b) =>
        ['INQUIRY', 'QUOTED', 'HOLD', 'DEPOSIT_PAID'].includes(b.status) &&
        b.vendor?.id === confirmed?.vendor?.id &&
        b.clientTrip,
    );
    if (!confirmed?.vendorConfirmationNumber || !open?.clientTrip) throw new Error('demo data lacks two bookings of one supplier');
    expect(open.booked).toBe(false);
    const CONFIRM = `mutation($input: ConfirmBookingInput!) { confirmBooking(input: $input) { ${B_FIELDS} } }`;
    // The same number with the same supplier, in another case, is refused.
    const dup = await t.run(
      CONFIRM,
      { input: { id: open.id, vendorConfirmationNumber: ` ${confirmed.vendorConfirmationNumber.toLowerCase()} ` } },
      as.advisor,
    );
    expect(codes(dup)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(dup)).toEqual(['input.vendorConfirmationNumber']);
    expect(dup.errors?.[0]?.message).toContain(confirmed.bookingReference);
    // So is the same number set through updateBooking.
    const dup2 = await t.run(
      `mutation($input: UpdateBookingInput!) { updateBooking(input: $input) { id } }`,
      { input: { id: open.id, vendorConfirmationNumber: confirmed.vendorConfirmationNumber } },
      as.advisor,
    );
    expect(fieldPaths(dup2)).toEqual(['input.vendorConfirmationNumber']);
    expect(codes(await t.run(CONFIRM, { input: { id: open.id, vendorConfirmationNumber: 'X-1' } }, as.viewer))).toEqual([
      'FORBIDDEN',
    ]);

    // The open booking's trip gets an itinerary drafted from its bookings, then the supplier confirms.
    let itineraryId = ok(
      await t.run<{ itinerary: { id: string } | null }>(
        `query($id: ID!) { itinerary(clientTripId: $id) { id } }`,
        { id: open.clientTrip.id },
        as.advisor,
      ),
    ).itinerary?.id;
    itineraryId ??= ok(
      await t.run<{ createItinerary: { id: string } }>(
        `mutation($input: CreateItineraryInput!) { createItinerary(input: $input) { id } }`,
        { input: { clientTripId: open.clientTrip.id } },
        as.advisor,
      ),
    ).createItinerary.id;
    const done = ok(
      await t.run<{ confirmBooking: B }>(CONFIRM, { input: { id: open.id, vendorConfirmationNumber: 'NX-77812' } }, as.advisor),
    ).confirmBooking;
    expect(done).toMatchObject({ status: 'CONFIRMED', booked: true, vendorConfirmationNumber: 'NX-77812' });
    const entries = ok(
      await t.run<{ itinerary: { entries: { nodes: { confirmationNumber: string | null; booked: boolean; booking: { id: string } | null }[] } } }>(
        `query($id: ID!) { itinerary(clientTripId: $id) { entries(first: 100) { nodes { confirmationNumber booked booking { id } } } } }`,
        { id: open.clientTrip.id },
        as.advisor,
      ),
    ).itinerary.entries.nodes.filter((e) => e.booking?.id === open.id);
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(e).toMatchObject({ confirmationNumber: 'NX-77812', booked: true });
    expect(itineraryId).toBeTruthy();
  });
});

describe('schedule changes', () => {
  const CHANGE = `mutation($input: RecordScheduleChangeInput!) { recordScheduleChange(input: $input) {
    id source entryTitle before { day startTime endTime timeZone } after { day startTime endTime timeZone } reason publishedVersion travelersNotified advisor { id } } }`;
  type Live = { id: string; publishedVersion: number; publicUrl: string | null; entries: { nodes: Entry[] } };

  async function published(): Promise<Live & { tripId: string }> {
    const it = ok(
      await t.run<{ itinerary: Live }>(
        `query($id: ID!) { itinerary(clientTripId: $id) { id publishedVersion publicUrl entries(first: 100) { nodes { id day kind title confirmationNumber booked } } } }`,
        { id: tripId() },
        as.advisor,
      ),
    ).itinerary;
    return { ...it, tripId: tripId() };
  }
  const tripId = () => tripIdOfFirstSuite;

  it('moves a flight: the draft and the live version change, the advisor is notified and the travellers emailed', async () => {
    const it = await published();
    expect(it.publishedVersion).toBeGreaterThan(0);
    const flight = it.entries.nodes.find((e) => e.kind === 'FLIGHT');
    if (!flight) throw new Error('no flight entry');
    const before = await t.deps.orm.em.fork().count(OutboxMessage, { queue: QUEUES.mail, jobName: TRANSACTIONAL_MAIL_JOB });
    const change = ok(
      await t.run<{ recordScheduleChange: Record<string, unknown> }>(
        CHANGE,
        { input: { itineraryId: it.id, entryId: flight.id, startTime: '11:10', endTime: '12:35', reason: 'Retimed by LOT' } },
        as.advisor,
      ),
    ).recordScheduleChange;
    expect(change).toMatchObject({
      source: 'STAFF',
      entryTitle: 'Fly to Łódź',
      before: { day: 1, startTime: '09:40', endTime: '11:05', timeZone: 'Europe/Warsaw' },
      after: { day: 1, startTime: '11:10', endTime: '12:35', timeZone: 'Europe/Warsaw' },
      publishedVersion: it.publishedVersion + 1,
    });
    const after = await published();
    expect(after.publishedVersion).toBe(it.publishedVersion + 1);
    const token = after.publicUrl?.split('/i/')[1] ?? '';
    const live = await publishedByToken(t.deps.orm.em.fork(), token);
    expect(live?.version.entries.find((e) => e.id === flight.id)).toMatchObject({ startTime: '11:10', endTime: '12:35' });
    expect((await pdfText(await renderItineraryPdf({ ...live!.version, startDate: live!.version.startDate ?? null, entries: ordered(live!.version.entries) })))).toContain(
      '11:10–12:35 (Europe/Warsaw)',
    );

    const em = t.deps.orm.em.fork();
    const mails = (await em.find(OutboxMessage, { queue: QUEUES.mail, jobName: TRANSACTIONAL_MAIL_JOB }, { orderBy: { createdAt: 'asc' } })).slice(before);
    expect(mails.length).toBe(change.travelersNotified);
    expect(mails.length).toBeGreaterThan(0);
    for (const m of mails) {
      expect(m.payload.subject).toBe('Schedule change: Fly to Łódź');
      expect(String(m.payload.text)).toMatch(/Was: day 1, 09:40–11:05 \(Europe\/Warsaw\)\nNow: day 1, 11:10–12:35/);
      expect(String(m.payload.text)).toContain(after.publicUrl ?? 'missing');
    }
    const notes = await em.find(OutboxMessage, { queue: QUEUES.notifications, jobName: NOTIFY_JOB });
    const note = notes.find((n) => n.payload.dedupeKey === `schedule-change:${String(change.id)}`);
    expect(note?.payload).toMatchObject({ title: 'Schedule change: Fly to Łódź', link: `/travel/trips/${it.tripId}/itinerary` });
    expect(note?.payload.userId).toBe((change.advisor as { id: string }).id);
  });

  it('refuses a change that changes nothing, a bad time and a note, writing nothing', async () => {
    const it = await published();
    const flight = it.entries.nodes.find((e) => e.kind === 'FLIGHT');
    const note = it.entries.nodes.find((e) => e.kind !== 'FLIGHT');
    if (!flight || !note) throw new Error('entries missing');
    for (const [input, path] of [
      [{ itineraryId: it.id, entryId: flight.id, startTime: '11:10', endTime: '12:35' }, 'input.startTime'],
      [{ itineraryId: it.id, entryId: flight.id, startTime: '24:10' }, 'input.startTime'],
      [{ itineraryId: it.id, entryId: it.id, startTime: '10:00' }, 'input.entryId'],
    ] as const) {
      const r = await t.run(CHANGE, { input }, as.advisor);
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect((r.errors?.[0]?.extensions?.fields as { path: string }[]).map((f) => f.path)).toContain(path);
    }
    expect((await published()).publishedVersion).toBe(it.publishedVersion);
  });

  it('reads retimed flights from the flight-status provider when configured, and only logs without one', async () => {
    const it = await published();
    const flight = it.entries.nodes.find((e) => e.kind === 'FLIGHT');
    if (!flight) throw new Error('no flight entry');
    // The flight gets its number; the trip starts within the lookahead window.
    const draft = await t.deps.orm.em.fork().findOneOrFail(Itinerary, { id: it.id });
    const em = t.deps.orm.em.fork();
    const row = await em.findOneOrFail(Itinerary, { id: it.id });
    row.entries = draft.entries.map((e) => (e.id === flight.id ? { ...e, flightNumber: 'LO 281' } : e));
    await em.flush();
    const live = await em.findOneOrFail(ItineraryVersion, { itineraryId: it.id, version: row.publishedVersion });
    const start = String(live.startDate ?? '').slice(0, 10);
    if (!start) throw new Error('the demo trip has no start date');
    const now = new Date(`${start}T06:00:00Z`);
    const deps = { tt: t.deps.tt, publicUrl: 'http://nexus.test', defaultAdvisorId: as.advisor.id ?? '' };
    const logged: unknown[] = [];
    const log = { info: (o: unknown) => logged.push(o), warn: () => undefined } as unknown as Parameters<typeof checkFlightStatuses>[3];

    const dry = await checkFlightStatuses(t.deps.orm.em.fork(), deps, { url: undefined, apiKey: undefined, lookaheadDays: 3 }, log, now);
    expect(dry).toMatchObject({ dryRun: true, flights: 1, checked: 0, changes: 0 });
    expect(logged).toContainEqual(expect.objectContaining({ flight: 'LO 281', date: start }));

    // A provider on a real socket, answering AeroDataBox's flight-by-number shape.
    const asked: string[] = [];
    const provider = http.createServer((req, res) => {
      asked.push(`${req.url} ${req.headers['x-api-key']}`);
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify([
          {
            number: 'LO 281',
            status: 'Delayed',
            departure: { scheduledTime: { local: `${start} 11:10+01:00` }, revisedTime: { local: `${start} 12:05+01:00` } },
            arrival: { scheduledTime: { local: `${start} 12:35+01:00` }, revisedTime: { local: `${start} 13:30+01:00` } },
          },
        ]),
      );
    });
    await new Promise<void>((r) => provider.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
      const out = await checkFlightStatuses(t.deps.orm.em.fork(), deps, { url, apiKey: 'k-1', lookaheadDays: 3 }, log, now);
      expect(out).toMatchObject({ dryRun: false, checked: 1, changes: 1, failed: 0 });
      expect(asked).toEqual([`/flights/number/LO281/${start} k-1`]);
      // Asked again, the flight already shows the new times: no second change.
      expect(await checkFlightStatuses(t.deps.orm.em.fork(), deps, { url, apiKey: 'k-1', lookaheadDays: 3 }, log, now)).toMatchObject({ changes: 0 });
    } finally {
      await new Promise<void>((r) => provider.close(() => r()));
    }
    const changes = ok(
      await t.run<{ itinerary: { scheduleChanges: { nodes: { source: string; after: { startTime: string }; reason: string }[] } } }>(
        `query($id: ID!) { itinerary(clientTripId: $id) { scheduleChanges(first: 10) { nodes { source after { startTime } reason } } } }`,
        { id: it.tripId },
        as.viewer,
      ),
    ).itinerary.scheduleChanges.nodes;
    expect(changes[0]).toMatchObject({ source: 'FLIGHT_STATUS', after: { startTime: '12:05' } });
    expect(changes[0]?.reason).toMatch(/LO 281 \(Delayed\) now departs 12:05 \(was 11:10\), arrives 13:30 \(was 12:35\)/);
    expect(changes.map((c) => c.source)).toEqual(['FLIGHT_STATUS', 'STAFF']);
  });
});
