/**
 * The client portal's travel data, in-process against the TT-API simulator: a traveller sees
 * exactly their own and their party's trips, their family's travellers and documents (family
 * access) and their client's invoices (payment access); every other id answers NOT_FOUND. A
 * passport update is a pending change only advisors see and apply; uploads are limited by size and
 * type; the trip exports to iCalendar.
 */
import { clientViewer, type ClientScope, type PortalAccess } from '@nexus/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredScans } from '../../subgraphs/travel/src/portal/vault.service.ts';
import { as, codes, ok, startTravel, type Travel } from '../travel/harness.ts';

let t: Travel;
let family: { clientId: string; a: string; b: string };
let otherTripId: string;
let bOnlyTripId: string;

const scope = (access: PortalAccess, travelerId = family.a, clientId = family.clientId): ClientScope => ({
  accountId: `00000000-0000-4000-8000-${travelerId.replace(/-/g, '').slice(0, 12)}`,
  ttClientId: clientId,
  ttTravelerId: travelerId,
  access,
});
const traveller = (access: PortalAccess, travelerId?: string) => clientViewer(scope(access, travelerId));

const DAY_MS = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await startTravel();
  const db = t.sim.control.db;
  const byClient = new Map<string, string[]>();
  for (const tr of db.travelers.values())
    if (tr.clientId && tr.deletedAt === null) byClient.set(tr.clientId, [...(byClient.get(tr.clientId) ?? []), tr.id]);
  const [clientId, ids] =
    [...byClient.entries()].find(
      ([c, list]) =>
        list.length >= 2 &&
        [...db.invoices.values()].some((i) => i.clientId === c && i.status !== 'draft') &&
        [...db.paymentSchedules.values()].some(
          (s) => s.clientId === c && ['upcoming', 'due', 'overdue'].includes(s.status),
        ),
    ) ?? [];
  if (!clientId || !ids?.[0] || !ids[1])
    throw new Error('no demo family with two travellers, an invoice and an open installment');
  family = { clientId, a: ids[0], b: ids[1] };
  const created = ok(
    await t.run<{ a: { id: string }; b: { id: string } }>(
      `mutation($a: CreateClientTripInput!, $b: CreateClientTripInput!) {
        a: createClientTrip(input: $a) { id }
        b: createClientTrip(input: $b) { id }
      }`,
      {
        a: {
          clientId: family.clientId,
          name: 'Dolomites hut to hut',
          tripType: 'ADVENTURE',
          status: 'BOOKED',
          startDate: day(40),
          endDate: day(47),
          travelerIds: [family.b],
        },
        b: {
          clientId: [...byClient.keys()].find((c) => c !== family.clientId),
          name: 'Someone else’s cruise',
          tripType: 'OCEAN_CRUISE',
          status: 'BOOKED',
          startDate: day(30),
          endDate: day(37),
          travelerIds: [],
        },
      },
      as.advisor,
    ),
  );
  bOnlyTripId = created.a.id;
  otherTripId = created.b.id;
}, 60_000);
afterAll(async () => t?.stop());

const TRIPS = `query { portalTrips(first: 100) { totalCount nodes { id name upcoming travelers { travelerId lastName isSelf } } } }`;
type Trips = {
  portalTrips: {
    totalCount: number;
    nodes: { id: string; name: string; travelers: { travelerId: string; isSelf: boolean }[] }[];
  };
};

describe('a traveller sees their own and their party’s trips', () => {
  it('lists exactly the trips they are on; a family manager also sees the family’s', async () => {
    const db = t.sim.control.db;
    const onA = [...db.clientTrips.values()]
      .filter((x) => x.deletedAt === null && x.travelerIds.includes(family.a))
      .map((x) => x.id);
    const own = ok(await t.run<Trips>(TRIPS, {}, traveller('VIEW_OWN')));
    expect(own.portalTrips.nodes.map((n) => n.id).sort()).toEqual([...onA].sort());
    expect(own.portalTrips.nodes.map((n) => n.id)).not.toContain(bOnlyTripId);
    expect(
      own.portalTrips.nodes.flatMap((n) => n.travelers.filter((x) => x.isSelf).map((x) => x.travelerId)),
    ).toContain(family.a);

    const manager = ok(await t.run<Trips>(TRIPS, {}, traveller('MANAGE_FAMILY')));
    expect(manager.portalTrips.nodes.map((n) => n.id)).toContain(bOnlyTripId);
    expect(manager.portalTrips.nodes.map((n) => n.id)).not.toContain(otherTripId);
  });

  it('answers NOT_FOUND for anyone else’s trip, a family trip without family access, and nonsense ids', async () => {
    const q = `query($id: ID!) { portalTrip(id: $id) { id name } }`;
    for (const id of [otherTripId, bOnlyTripId, 'not-an-id', '11111111-1111-4111-8111-111111111111']) {
      const r = await t.run(q, { id }, traveller('PAY_FOR_PARTY'));
      expect(codes(r), id).toEqual(['NOT_FOUND']);
    }
    const r = await t.run<{ portalTrip: { name: string } }>(q, { id: bOnlyTripId }, traveller('MANAGE_FAMILY'));
    expect(ok(r).portalTrip.name).toBe('Dolomites hut to hut');
  });

  it('is closed to staff, and staff fields are closed to travellers', async () => {
    expect(codes(await t.run(TRIPS, {}, as.admin))).toEqual(['FORBIDDEN']);
    expect(
      codes(await t.run(`query { clientTrips(first: 1) { totalCount } }`, {}, traveller('MANAGE_FAMILY'))),
    ).toEqual(['FORBIDDEN']);
    expect(
      codes(await t.run(`query { pendingPassportChanges { totalCount } }`, {}, traveller('MANAGE_FAMILY'))),
    ).toEqual(['FORBIDDEN']);
  });
});

describe('family and payment access', () => {
  it('shows the family’s travellers and documents, masked, only with family access', async () => {
    const q = `query { portalSelf { id isSelf documents { nodes { documentType maskedNumber expiry } } } portalFamily { nodes { id isSelf } } }`;
    expect(codes(await t.run(q, {}, traveller('PAY_FOR_PARTY')))).toContain('FORBIDDEN');
    const r = ok(
      await t.run<{
        portalSelf: { id: string; isSelf: boolean; documents: { nodes: { maskedNumber: string }[] } };
        portalFamily: { nodes: { id: string; isSelf: boolean }[] };
      }>(q, {}, traveller('MANAGE_FAMILY')),
    );
    expect(r.portalSelf).toMatchObject({ id: family.a, isSelf: true });
    expect(r.portalFamily.nodes.map((n) => n.id)).toContain(family.b);
    expect(r.portalFamily.nodes.map((n) => n.id)).not.toContain(family.a);
    const a = t.sim.control.db.travelers.get(family.a);
    for (const d of r.portalSelf.documents.nodes) {
      expect(d.maskedNumber).toMatch(/^•••• .{1,4}$/);
      if (a?.passportNumber) expect(d.maskedNumber).not.toContain(a.passportNumber);
    }
  });

  it('shows the client’s invoices and balances with payment access only, and how to pay without a provider', async () => {
    const q = `query { portalInvoices(first: 100) { totalCount balanceCents nodes { id invoiceNumber totalCents amountPaidCents balanceCents } } }`;
    expect(codes(await t.run(q, {}, traveller('VIEW_OWN')))).toEqual(['FORBIDDEN']);
    const r = ok(
      await t.run<{
        portalInvoices: {
          totalCount: number;
          balanceCents: number;
          nodes: { id: string; totalCents: number; amountPaidCents: number; balanceCents: number }[];
        };
      }>(q, {}, traveller('PAY_FOR_PARTY')),
    );
    const expected = [...t.sim.control.db.invoices.values()].filter(
      (i) => i.clientId === family.clientId && i.status !== 'draft' && i.deletedAt === null,
    );
    expect(r.portalInvoices.nodes.map((n) => n.id).sort()).toEqual(expected.map((i) => i.id).sort());
    for (const n of r.portalInvoices.nodes) expect(n.balanceCents).toBeLessThanOrEqual(n.totalCents);

    const inst = ok(
      await t.run<{ portalInstallments: { nodes: { id: string; payable: boolean }[] } }>(
        `query { portalInstallments(first: 100) { nodes { id payable } } }`,
        {},
        traveller('PAY_FOR_PARTY'),
      ),
    );
    const schedules = [...t.sim.control.db.paymentSchedules.values()].filter(
      (s) => s.clientId === family.clientId && s.deletedAt === null,
    );
    expect(inst.portalInstallments.nodes.map((n) => n.id).sort()).toEqual(schedules.map((s) => s.id).sort());
    const otherSchedule = [...t.sim.control.db.paymentSchedules.values()].find((s) => s.clientId !== family.clientId);
    const pay = `mutation($id: ID!) { portalPayInstallment(id: $id) { method amountCents checkoutUrl instructions } }`;
    expect(codes(await t.run(pay, { id: otherSchedule?.id }, traveller('PAY_FOR_PARTY')))).toEqual(['NOT_FOUND']);
    const payable = inst.portalInstallments.nodes.find((n) => n.payable);
    expect(payable).toBeDefined();
    const start = ok(
      await t.run<{ portalPayInstallment: { method: string; instructions: string } }>(
        pay,
        { id: payable?.id },
        traveller('PAY_FOR_PARTY'),
      ),
    );
    expect(start.portalPayInstallment.method).toBe('INSTRUCTIONS');
    expect(start.portalPayInstallment.instructions).toMatch(/advisor/);
  });
});

describe('a passport update waits for an advisor', () => {
  const submit = `mutation($input: PortalPassportUpdateInput!) { portalSubmitPassportUpdate(input: $input) { id status maskedNumber } }`;
  const pending = `query { pendingPassportChanges(first: 100) { nodes { id travelerId documentNumber status } } }`;

  it('refuses impossible dates and writes nothing', async () => {
    const bad = [
      { issueDate: day(10), expiryDate: day(3000), field: 'input.issueDate' },
      { issueDate: day(-100), expiryDate: day(-200), field: 'input.expiryDate' },
      { issueDate: day(-100), expiryDate: day(-10), field: 'input.expiryDate' },
    ];
    for (const b of bad) {
      const r = await t.run(
        submit,
        {
          input: { documentNumber: 'X1234567', issuingCountry: 'US', issueDate: b.issueDate, expiryDate: b.expiryDate },
        },
        traveller('VIEW_OWN'),
      );
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(JSON.stringify(r.errors?.[0]?.extensions?.fields)).toContain(b.field);
    }
    const r = await t.run(
      submit,
      {
        input: { documentNumber: 'X1234567', issuingCountry: 'US', issueDate: '2025-02-30', expiryDate: '2035-01-01' },
      },
      traveller('VIEW_OWN'),
    );
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(
      ok(await t.run<{ pendingPassportChanges: { nodes: unknown[] } }>(pending, {}, as.advisor)).pendingPassportChanges
        .nodes,
    ).toEqual([]);
  });

  it('is invisible to agents and viewers, shown to an advisor who applies it to the traveller’s passport', async () => {
    const r = ok(
      await t.run<{ portalSubmitPassportUpdate: { id: string; status: string; maskedNumber: string } }>(
        submit,
        { input: { documentNumber: 'ZX 98765432', issuingCountry: 'us', issueDate: day(-30), expiryDate: day(3000) } },
        traveller('VIEW_OWN'),
      ),
    );
    expect(r.portalSubmitPassportUpdate).toMatchObject({ status: 'PENDING', maskedNumber: '•••• 5432' });
    expect(codes(await t.run(pending, {}, as.agent))).toEqual(['FORBIDDEN']);
    expect(codes(await t.run(pending, {}, as.viewer))).toEqual(['FORBIDDEN']);
    const seen = ok(
      await t.run<{ pendingPassportChanges: { nodes: { id: string; documentNumber: string; travelerId: string }[] } }>(
        pending,
        {},
        as.advisor,
      ),
    );
    expect(seen.pendingPassportChanges.nodes).toEqual([
      expect.objectContaining({
        id: r.portalSubmitPassportUpdate.id,
        documentNumber: 'ZX98765432',
        travelerId: family.a,
      }),
    ]);
    // A family member's passport is not theirs to change without family access.
    const other = await t.run(
      submit,
      {
        input: {
          travelerId: family.b,
          documentNumber: 'AB1234567',
          issuingCountry: 'US',
          issueDate: day(-30),
          expiryDate: day(3000),
        },
      },
      traveller('PAY_FOR_PARTY'),
    );
    expect(codes(other)).toEqual(['NOT_FOUND']);

    const applied = ok(
      await t.run<{ applyPassportChange: { status: string; documentNumber: string } }>(
        `mutation($id: ID!) { applyPassportChange(id: $id) { status documentNumber } }`,
        { id: r.portalSubmitPassportUpdate.id },
        as.advisor,
      ),
    );
    expect(applied.applyPassportChange).toEqual({ status: 'APPLIED', documentNumber: '•••• 5432' });
    const onFile = t.sim.control.db.travelers.get(family.a);
    expect(onFile).toMatchObject({
      passportNumber: 'ZX98765432',
      passportCountry: 'US',
      passportExpiryDate: day(3000),
    });
    const mine = ok(
      await t.run<{
        portalSelf: {
          passportChanges: { nodes: { status: string }[] };
          documents: { nodes: { documentType: string; maskedNumber: string; expiry: string }[] };
        };
      }>(
        `query { portalSelf { passportChanges { nodes { status } } documents { nodes { documentType maskedNumber expiry } } } }`,
        {},
        traveller('VIEW_OWN'),
      ),
    );
    expect(mine.portalSelf.passportChanges.nodes[0]?.status).toBe('APPLIED');
    expect(mine.portalSelf.documents.nodes).toContainEqual({
      documentType: 'PASSPORT',
      maskedNumber: '•••• 5432',
      expiry: 'VALID',
    });
  });
});

describe('the document vault', () => {
  const upload = `mutation($input: PortalUploadPassportScanInput!) { portalUploadPassportScan(input: $input) { id kind sizeBytes downloadUrl purgeAfter } }`;
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  let tripId: string;
  beforeAll(() => {
    tripId = [...t.sim.control.db.clientTrips.values()].find((x) => x.travelerIds.includes(family.a))?.id ?? '';
  });
  const files = async () =>
    ok(
      await t.run<{ tripDocuments: { nodes: { kind: string }[] } }>(
        `query($id: ID!) { tripDocuments(clientTripId: $id) { nodes { kind } } }`,
        { id: tripId },
        as.advisor,
      ),
    ).tripDocuments.nodes;

  it('refuses files too large, of a refused type, or not what they claim, and stores nothing', async () => {
    const input = (contentType: string, bytes: Buffer) => ({
      clientTripId: tripId,
      fileName: 'C:\\scans\\passport.pdf',
      contentType,
      contentBase64: bytes.toString('base64'),
    });
    const tooBig = Buffer.concat([pdf, Buffer.alloc(t.env.PORTAL_UPLOAD_MAX_BYTES)]);
    for (const [i, field] of [
      [input('application/pdf', tooBig), 'input.contentBase64'],
      [input('application/x-msdownload', Buffer.from('MZ....')), 'input.contentType'],
      [input('image/png', pdf), 'input.contentType'],
    ] as const) {
      const r = await t.run(upload, { input: i }, traveller('VIEW_OWN'));
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(JSON.stringify(r.errors?.[0]?.extensions?.fields)).toContain(field);
    }
    expect(await files()).toEqual([]);
  });

  it('keeps a passport scan for the traveller and advisors, not for another traveller on the trip', async () => {
    const r = ok(
      await t.run<{
        portalUploadPassportScan: { id: string; sizeBytes: number; downloadUrl: string; purgeAfter: string };
      }>(
        upload,
        {
          input: {
            clientTripId: tripId,
            fileName: 'passport.pdf',
            contentType: 'application/pdf',
            contentBase64: pdf.toString('base64'),
          },
        },
        traveller('VIEW_OWN'),
      ),
    );
    expect(r.portalUploadPassportScan.sizeBytes).toBe(pdf.length);
    expect(r.portalUploadPassportScan.downloadUrl).toMatch(/\/portal-files\/[0-9a-f-]+\?exp=\d+&sig=/);
    expect(await files()).toEqual([{ kind: 'PASSPORT_SCAN' }]);
    const docs = `query($id: ID!) { portalTrip(id: $id) { documents { nodes { id kind } } } }`;
    const mine = ok(
      await t.run<{ portalTrip: { documents: { nodes: { id: string }[] } } }>(
        docs,
        { id: tripId },
        traveller('VIEW_OWN'),
      ),
    );
    expect(mine.portalTrip.documents.nodes.map((n) => n.id)).toEqual([r.portalUploadPassportScan.id]);
    const theirs = ok(
      await t.run<{ portalTrip: { documents: { nodes: unknown[] } } }>(
        docs,
        { id: tripId },
        traveller('VIEW_OWN', family.b),
      ),
    );
    expect(theirs.portalTrip.documents.nodes).toEqual([]);
    expect(
      codes(
        await t.run(
          `mutation($id: ID!) { portalDeletePassportScan(id: $id) }`,
          { id: r.portalUploadPassportScan.id },
          traveller('VIEW_OWN', family.b),
        ),
      ),
    ).toEqual(['NOT_FOUND']);
  });
});

describe('the vault purge', () => {
  it('deletes passport scans once their trip is over (and the retention passed), keeping shared vouchers', async () => {
    const tripId = [...t.sim.control.db.clientTrips.values()].find((x) => x.travelerIds.includes(family.a))?.id ?? '';
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64');
    ok(
      await t.run(
        `mutation($input: ShareTripDocumentInput!) { shareTripDocument(input: $input) { id } }`,
        {
          input: {
            clientTripId: tripId,
            title: 'Ferry tickets',
            fileName: 'ferry.pdf',
            contentType: 'application/pdf',
            contentBase64: pdf,
          },
        },
        as.advisor,
      ),
    );
    const kinds = async () =>
      ok(
        await t.run<{ tripDocuments: { nodes: { kind: string; purgeAfter: string | null }[] } }>(
          `query($id: ID!) { tripDocuments(clientTripId: $id) { nodes { kind purgeAfter } } }`,
          { id: tripId },
          as.advisor,
        ),
      ).tripDocuments.nodes;
    const before = await kinds();
    const scan = before.find((k) => k.kind === 'PASSPORT_SCAN');
    expect(scan?.purgeAfter).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const em = t.deps.orm.em.fork();
    // The day of the purge date itself: nothing goes yet; the day after: the scan goes.
    expect(await purgeExpiredScans(em, new Date(`${scan?.purgeAfter}T12:00:00Z`))).toEqual({ purged: 0 });
    const after = new Date(Date.parse(`${scan?.purgeAfter}T12:00:00Z`) + DAY_MS);
    expect((await purgeExpiredScans(em, after)).purged).toBeGreaterThanOrEqual(1);
    expect((await kinds()).map((k) => k.kind)).toEqual(['VOUCHER']);
    expect(await purgeExpiredScans(em, after)).toEqual({ purged: 0 });
  });
});

describe('the trip as a calendar', () => {
  it('exports the published itinerary’s timed entries at their place’s time', async () => {
    const tripId = [...t.sim.control.db.clientTrips.values()].find((x) => x.travelerIds.includes(family.a))?.id ?? '';
    const created = ok(
      await t.run<{ createItinerary: { id: string } }>(
        `mutation($input: CreateItineraryInput!) { createItinerary(input: $input) { id } }`,
        { input: { clientTripId: tripId, title: 'Calendar test' } },
        as.advisor,
      ),
    );
    ok(
      await t.run(
        `mutation($input: SaveItineraryEntriesInput!) { saveItineraryEntries(input: $input) { id } }`,
        {
          input: {
            id: created.createItinerary.id,
            entries: [
              {
                day: 1,
                kind: 'FLIGHT',
                title: 'Fly to Warsaw',
                startTime: '09:30',
                endTime: '11:05',
                timeZone: 'Europe/Warsaw',
                flightNumber: 'LO 281',
              },
            ],
          },
        },
        as.advisor,
      ),
    );
    ok(
      await t.run(
        `mutation($id: ID!) { publishItinerary(id: $id) { publishedVersion } }`,
        { id: created.createItinerary.id },
        as.advisor,
      ),
    );
    const r = ok(
      await t.run<{
        portalTrip: {
          startDate: string | null;
          calendar: string;
          itinerary: { version: number; pdfUrl: string };
          offline: { version: number; urls: string[] };
        };
      }>(
        `query($id: ID!) { portalTrip(id: $id) { startDate calendar itinerary { version pdfUrl } offline { version urls } } }`,
        { id: tripId },
        traveller('VIEW_OWN'),
      ),
    );
    const ics = r.portalTrip.calendar;
    expect(ics).toMatch(/^BEGIN:VCALENDAR/);
    expect(ics).toContain('SUMMARY:Fly to Warsaw');
    const start = r.portalTrip.startDate ?? '';
    expect(start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    {
      const stamp = (hhmm: string) => {
        const [y, m, d] = start.split('-').map(Number);
        const wall = Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, Number(hhmm.slice(0, 2)), Number(hhmm.slice(3)));
        const local = new Date(
          new Date(wall).toLocaleString('en-US', { timeZone: 'Europe/Warsaw' }) + ' UTC',
        ).getTime();
        return new Date(wall - (local - wall)).toISOString().replace(/[-:]/g, '').slice(0, 13);
      };
      expect(ics).toContain(`DTSTART:${stamp('09:30')}`);
    }
    expect(r.portalTrip.itinerary.version).toBe(1);
    const pdfPath = new URL(r.portalTrip.itinerary.pdfUrl).pathname;
    expect(r.portalTrip.offline).toEqual({ version: 1, urls: [pdfPath.replace(/\/pdf$/, ''), pdfPath] });
  });
});
