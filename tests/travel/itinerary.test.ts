/**
 * The itinerary builder's store (T-07) in-process against the simulator: a draft from the trip's
 * bookings, reordered and edited, published behind one stable link, republished with the client
 * mailed each time (outbox), and the PDF parsed back for its days and entries with non-Latin-1
 * names and no passport numbers.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxMessage, QUEUES, TRANSACTIONAL_MAIL_JOB } from '@nexus/platform';
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
