import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { DateTime } from 'luxon';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCatcher, type CaughtMail, type MailCatcher } from '@nexus/platform';
import type { SalesDeps } from '../../subgraphs/sales/src/context.ts';
import { loadSalesEnv } from '../../subgraphs/sales/src/env.ts';
import { externalCalendars } from '../../subgraphs/sales/src/services/external-calendars.ts';
import { startSystem, type System } from '../support/system.ts';
import { codes, data, eventually, fieldPaths, signInStaff, type Staff } from '../support/staff.ts';

/**
 * Meetings through the whole system: members' hours in their own time zones (across a
 * daylight-saving change), booking pages at /meet through the gateway, one winner for a raced slot,
 * round robin, busy time from an ICS feed, a CalDAV server and Google Calendar (local receivers
 * speaking their real contracts), routing forms handing answers over server-side, the demo data,
 * and invitations (request, update, cancel with one UID) delivered over real SMTP by marketing's
 * transactional mail processor. Time-dependent rules read the sales subgraph's clock, which tests set.
 */
let system: System;
let staff: Staff;
let mail: MailCatcher;
let feed: http.Server;
let feedBody = '';

/** Busy and free events the CalDAV and Google receivers answer with (absolute times). */
interface CalEvent {
  uid: string;
  start: Date;
  end: Date;
  transparent?: boolean;
}
const fmtUtc = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
const CALDAV_AUTH = `Basic ${Buffer.from('nexus-calendars:app-password-1').toString('base64')}`;
const caldav = {
  events: [] as CalEvent[],
  /** Whether the collection answers free-busy-query (some servers only do calendar-query). */
  freeBusy: true,
  requests: [] as { method: string; depth: string | undefined; auth: string | undefined; body: string }[],
};
const google = {
  busy: [] as { start: Date; end: Date }[],
  tokenRequests: [] as URLSearchParams[],
  queries: [] as { auth: string | undefined; body: { timeMin: string; timeMax: string; items: { id: string }[] } }[],
};
const readBody = (req: http.IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A CalDAV calendar collection (RFC 4791): free-busy-query answers a VFREEBUSY, calendar-query a multistatus of VEVENTs. */
const caldavServer = http.createServer((req, res) => {
  void (async () => {
    const body = await readBody(req);
    caldav.requests.push({
      method: req.method ?? '',
      depth: req.headers.depth as string | undefined,
      auth: req.headers.authorization,
      body,
    });
    if (req.headers.authorization !== CALDAV_AUTH) return res.writeHead(401, { 'www-authenticate': 'Basic' }).end();
    if (req.method !== 'REPORT') return res.writeHead(405).end();
    const range = /time-range start="(\d{8}T\d{6}Z)" end="(\d{8}T\d{6}Z)"/.exec(body);
    const parse = (v: string) => DateTime.fromFormat(v, "yyyyMMdd'T'HHmmss'Z'", { zone: 'utc' }).toJSDate();
    if (!range?.[1] || !range[2]) return res.writeHead(400).end();
    const from = parse(range[1]);
    const to = parse(range[2]);
    const inRange = caldav.events.filter((e) => e.end > from && e.start < to);
    if (body.includes('free-busy-query')) {
      if (!caldav.freeBusy) return res.writeHead(501).end();
      const lines = [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//test caldav//EN',
        'BEGIN:VFREEBUSY',
        `DTSTAMP:${fmtUtc(new Date())}`,
        `DTSTART:${range[1]}`,
        `DTEND:${range[2]}`,
        ...inRange.map((e) => `FREEBUSY;FBTYPE=${e.transparent ? 'FREE' : 'BUSY'}:${fmtUtc(e.start)}/${fmtUtc(e.end)}`),
        'END:VFREEBUSY',
        'END:VCALENDAR',
      ];
      return res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8' }).end(lines.join('\r\n'));
    }
    const responses = inRange.map((e) => {
      const ics = [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//test caldav//EN',
        'BEGIN:VEVENT',
        `UID:${e.uid}`,
        `DTSTAMP:${fmtUtc(new Date())}`,
        `DTSTART:${fmtUtc(e.start)}`,
        `DTEND:${fmtUtc(e.end)}`,
        ...(e.transparent ? ['TRANSP:TRANSPARENT'] : []),
        'SUMMARY:Busy & away',
        'END:VEVENT',
        'END:VCALENDAR',
      ].join('\r\n');
      return `<D:response><D:href>/dav/cal/${e.uid}.ics</D:href><D:propstat><D:prop><D:getetag>"${e.uid}"</D:getetag><C:calendar-data>${xmlEscape(ics)}</C:calendar-data></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>`;
    });
    res
      .writeHead(207, { 'content-type': 'application/xml; charset=utf-8' })
      .end(
        `<?xml version="1.0" encoding="utf-8"?><D:multistatus xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">${responses.join('')}</D:multistatus>`,
      );
  })();
});

/** Google's OAuth token endpoint and Calendar API freeBusy.query, as their JSON contracts have them. */
const googleServer = http.createServer((req, res) => {
  void (async () => {
    const body = await readBody(req);
    const json = (status: number, v: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(v));
    if (req.method === 'POST' && req.url === '/token') {
      const form = new URLSearchParams(body);
      google.tokenRequests.push(form);
      if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== 'refresh-1')
        return json(400, { error: 'invalid_grant' });
      return json(200, { access_token: 'access-1', expires_in: 3599, token_type: 'Bearer' });
    }
    if (req.method === 'POST' && req.url === '/calendar/v3/freeBusy') {
      const q = JSON.parse(body) as { timeMin: string; timeMax: string; items: { id: string }[] };
      google.queries.push({ auth: req.headers.authorization, body: q });
      if (req.headers.authorization !== 'Bearer access-1') return json(401, { error: { code: 401 } });
      const from = new Date(q.timeMin);
      const to = new Date(q.timeMax);
      const busy = google.busy
        .filter((b) => b.end > from && b.start < to)
        .map((b) => ({ start: b.start.toISOString(), end: b.end.toISOString() }));
      return json(200, {
        kind: 'calendar#freeBusy',
        timeMin: q.timeMin,
        timeMax: q.timeMax,
        calendars: Object.fromEntries(q.items.map((i) => [i.id, { busy }])),
      });
    }
    json(404, { error: { code: 404 } });
  })();
});

const listen = (server: http.Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
let caldavUrl = '';

beforeAll(async () => {
  mail = await startMailCatcher();
  feed = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/calendar' }).end(feedBody));
  await listen(feed);
  caldavUrl = `http://127.0.0.1:${await listen(caldavServer)}/dav/cal/`;
  const googlePort = await listen(googleServer);
  system = await startSystem({
    worker: true,
    env: {
      SMTP_URL: mail.smtpUrl,
      SALES_CALDAV_USERNAME: 'nexus-calendars',
      SALES_CALDAV_PASSWORD: 'app-password-1',
      SALES_GOOGLE_CLIENT_ID: 'client-1',
      SALES_GOOGLE_CLIENT_SECRET: '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5Ja',
      SALES_GOOGLE_REFRESH_TOKEN: 'refresh-1',
      SALES_GOOGLE_API_URL: `http://127.0.0.1:${googlePort}/calendar/v3`,
      SALES_GOOGLE_TOKEN_URL: `http://127.0.0.1:${googlePort}/token`,
    },
  });
  staff = await signInStaff(system);
}, 120_000);
afterAll(async () => {
  await system?.close();
  await mail?.close();
  for (const server of [feed, caldavServer, googleServer])
    await new Promise((resolve) => (server.listening ? server.close(resolve) : resolve(undefined)));
});

const salesDeps = () => system.deps.sales as SalesDeps;
/** Runs `work` with the sales subgraph's clock at `at` (then the real clock again). */
async function at<T>(when: Date, work: () => Promise<T>): Promise<T> {
  const deps = salesDeps();
  const real = deps.clock;
  deps.clock = () => when;
  try {
    return await work();
  } finally {
    deps.clock = real;
  }
}

const ALL_WEEK = (start: string, end: string) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, end }));
const SET_AVAILABILITY = 'mutation($i: SetAvailabilityInput!) { setAvailability(input: $i) { userId timeZone } }';
const CREATE_TYPE = 'mutation($i: CreateMeetingTypeInput!) { createMeetingType(input: $i) { id slug bookingUrl } }';
const SLOTS = `query($id: ID!, $from: DateTime, $to: DateTime, $tz: String) {
  meetingType(id: $id) { openSlots(from: $from, to: $to, timeZone: $tz) { startsAt endsAt localStart hostIds } } }`;
const BOOK = 'mutation($i: BookMeetingInput!) { bookMeeting(input: $i) { id hostId startsAt uid sequence status } }';

interface SlotShape {
  startsAt: string;
  endsAt: string;
  localStart: string;
  hostIds: string[];
}
const slotsOf = async (id: string, o: { from?: string; to?: string; tz?: string } = {}) =>
  data(await staff.as.viewer<{ meetingType: { openSlots: SlotShape[] } }>(SLOTS, { id, ...o })).meetingType.openSlots;

let slugSeq = 0;
const slug = (p: string) => `${p}-${Date.now().toString(36)}${(slugSeq++).toString(36)}`;

const gatewayPost = (path: string, form: Record<string, string>) =>
  fetch(`${system.gatewayUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });

/** The iCalendar part of a caught message (nodemailer sends it as a text/calendar alternative). */
const icsOf = (m: CaughtMail | undefined): string => {
  const part = m?.parsed.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  return (part ? part.content.toString('utf8') : (m?.raw ?? '')).replace(/\r?\n[ \t]/g, '');
};
const field = (ics: string, name: string) => new RegExp(`^${name}[:;](.*)$`, 'm').exec(ics)?.[1]?.trim() ?? '';

const mailTo = (to: string, subject: RegExp, count = 1) =>
  eventually(async () => {
    const found = mail.messages.filter((m) => m.envelopeTo.includes(to) && subject.test(m.subject));
    expect(found.length).toBeGreaterThanOrEqual(count);
    return found;
  }, 20_000);

describe('demo data', () => {
  it('after a start with demo data a visitor can book: the advisor has hours, a booking page and a routing form', async () => {
    const hours = data(
      await staff.as.viewer<{ availability: { displayName: string; timeZone: string; weekly: unknown[] } | null }>(
        'query($u: ID) { availability(userId: $u) { displayName timeZone weekly { weekday } } }',
        { u: staff.id.advisor },
      ),
    ).availability;
    expect(hours).toMatchObject({ displayName: 'Avery Advisor', timeZone: 'America/Los_Angeles' });
    expect(hours?.weekly).toHaveLength(5);
    const page = await (await fetch(`${system.gatewayUrl}/meet/avery-intro-call`)).text();
    expect(page).toContain('Intro call with Avery');
    const slot = /name="slot" value="([^"]+)"/.exec(page)?.[1] ?? '';
    expect(slot).not.toBe('');
    const booked = await gatewayPost('/meet/avery-intro-call', {
      slot,
      name: 'Demo Visitor',
      email: 'demo.visitor@example.com',
      tz: 'Europe/London',
    });
    expect(booked.status).toBe(200);
    expect(await booked.text()).toContain('You are booked');
    const form = await fetch(`${system.gatewayUrl}/meet/route/plan-your-trip`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('<option value="Japan">Japan</option>');
  });
});

describe('availability', () => {
  it('refuses overlapping ranges, a bad time zone and a bad external calendar, naming the field; writes nothing', async () => {
    // The member's own hours before the refused changes: they must come through untouched.
    const before = {
      displayName: 'Avery Advisor',
      email: 'advisor@nexus.test',
      timeZone: 'Europe/Lisbon',
      weekly: [{ weekday: 2, start: '10:00', end: '12:00' }],
    };
    data(await staff.as.advisor(SET_AVAILABILITY, { i: before }));
    const OWN =
      '{ availability { displayName email timeZone weekly { weekday start end } externalCalendar { provider } } }';
    const own = async () => data(await staff.as.advisor<{ availability: unknown }>(OWN)).availability;
    expect(await own()).toEqual({ ...before, externalCalendar: null });
    const overlapping = await staff.as.advisor(SET_AVAILABILITY, {
      i: {
        displayName: 'Avery Advisor',
        email: 'advisor@nexus.test',
        timeZone: 'America/New_York',
        weekly: [
          { weekday: 1, start: '09:00', end: '12:00' },
          { weekday: 1, start: '11:00', end: '13:00' },
        ],
      },
    });
    expect(codes(overlapping)).toContain('BAD_USER_INPUT');
    expect(fieldPaths(overlapping)).toContain('input.weekly.1.start');
    const badZone = await staff.as.advisor(SET_AVAILABILITY, {
      i: { displayName: 'A', email: 'advisor@nexus.test', timeZone: 'Mars/Olympus', weekly: [] },
    });
    expect(fieldPaths(badZone)).toContain('input.timeZone');
    for (const [externalCalendar, message] of [
      [{ provider: 'GOOGLE', address: 'not a calendar id' }, 'Google calendar id'],
      [{ provider: 'CALDAV', address: 'ftp://dav.example.com/cal/' }, 'CalDAV calendar'],
      [{ provider: 'ICS_FEED', address: 'busy.ics' }, "feed's http(s) URL"],
    ] as const) {
      const bad = await staff.as.advisor(SET_AVAILABILITY, {
        i: { ...before, timeZone: 'UTC', externalCalendar },
      });
      expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
      expect(fieldPaths(bad)).toEqual(['input.externalCalendar.address']);
      expect(bad.errors?.[0]?.message).toContain(message);
    }
    expect(await own()).toEqual({ ...before, externalCalendar: null });
    expect(
      codes(
        await staff.as.agent(SET_AVAILABILITY, {
          i: { displayName: 'A', email: 'agent@nexus.test', timeZone: 'UTC', weekly: [] },
        }),
      ),
    ).toContain('FORBIDDEN');
  });
});

describe('slots', () => {
  it('keep 09:00 local on both sides of a daylight-saving change', async () => {
    data(
      await staff.as.advisor(SET_AVAILABILITY, {
        i: {
          displayName: 'Avery Advisor',
          email: 'advisor@nexus.test',
          timeZone: 'America/New_York',
          weekly: ALL_WEEK('09:00', '10:00'),
        },
      }),
    );
    const type = data(
      await staff.as.advisor<{ createMeetingType: { id: string } }>(CREATE_TYPE, {
        i: { slug: slug('dst'), name: 'DST check', durationMinutes: 30, minimumNoticeMinutes: 60, maxDaysAhead: 400 },
      }),
    ).createMeetingType;
    // The next change of offset in New York, at least two days away.
    const zone = 'America/New_York';
    let day = DateTime.now().setZone(zone).startOf('day').plus({ days: 2 });
    while (day.offset === day.plus({ days: 1 }).offset) day = day.plus({ days: 1 });
    // `day` is the day of the change (its midnight has the old offset, the next midnight the new one).
    const before = day.minus({ days: 1 });
    const after = day.plus({ days: 1 });
    const slots = await slotsOf(type.id, {
      from: before.toUTC().toISO() ?? '',
      to: after.endOf('day').toUTC().toISO() ?? '',
      tz: zone,
    });
    const expected = [before, day, after].flatMap((d) =>
      [
        { hour: 9, minute: 0 },
        { hour: 9, minute: 30 },
      ].map((t) => d.set(t)),
    );
    expect(slots.map((s) => new Date(s.startsAt).toISOString())).toEqual(
      expected.map((d) => d.toJSDate().toISOString()),
    );
    expect(slots.map((s) => s.localStart.slice(11, 16))).toEqual([
      '09:00',
      '09:30',
      '09:00',
      '09:30',
      '09:00',
      '09:30',
    ]);
    // The UTC instant of 09:00 moved by the hour the clocks did.
    const firstUtcHour = new Date(slots[0]?.startsAt ?? '').getUTCHours();
    const lastUtcHour = new Date(slots[4]?.startsAt ?? '').getUTCHours();
    expect(firstUtcHour - lastUtcHour).toBe((after.offset - before.offset) / 60);
  });

  it('a busy block from an ICS feed removes its slots', async () => {
    const tomorrow = DateTime.now().setZone('Europe/Lisbon').startOf('day').plus({ days: 2 });
    const busyStart = tomorrow.set({ hour: 10 }).toUTC();
    const fmt = (d: DateTime) => d.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'");
    feedBody = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//test//EN',
      'BEGIN:VEVENT',
      'UID:busy-1@test',
      `DTSTAMP:${fmt(DateTime.now())}`,
      `DTSTART:${fmt(busyStart)}`,
      `DTEND:${fmt(busyStart.plus({ hours: 1 }))}`,
      'SUMMARY:Dentist',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:free-1@test',
      `DTSTAMP:${fmt(DateTime.now())}`,
      `DTSTART:${fmt(busyStart.plus({ hours: 2 }))}`,
      `DTEND:${fmt(busyStart.plus({ hours: 3 }))}`,
      'TRANSP:TRANSPARENT',
      'SUMMARY:Free time',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const { port } = feed.address() as AddressInfo;
    data(
      await staff.as.admin(SET_AVAILABILITY, {
        i: {
          displayName: 'Ada Admin',
          email: 'admin@nexus.test',
          timeZone: 'Europe/Lisbon',
          weekly: ALL_WEEK('09:00', '14:00'),
          externalCalendar: { provider: 'ICS_FEED', address: `http://127.0.0.1:${port}/busy.ics` },
        },
      }),
    );
    const type = data(
      await staff.as.admin<{ createMeetingType: { id: string } }>(CREATE_TYPE, {
        i: { slug: slug('feed'), name: 'Feed check', durationMinutes: 60 },
      }),
    ).createMeetingType;
    const slots = await slotsOf(type.id, {
      from: tomorrow.toUTC().toISO() ?? '',
      to: tomorrow.endOf('day').toUTC().toISO() ?? '',
      tz: 'Europe/Lisbon',
    });
    expect(slots.map((s) => s.localStart.slice(11, 16))).toEqual(['09:00', '11:00', '12:00', '13:00']);
  });

  /** A member's hours in Lisbon 09:00-14:00 every day, with this external calendar; a one-hour type; the slots of `day`. */
  async function lisbonSlots(
    role: 'manager' | 'admin',
    externalCalendar: { provider: string; address: string },
    day: DateTime,
  ) {
    const names = { manager: 'Morgan Manager', admin: 'Ada Admin' };
    data(
      await staff.as[role](SET_AVAILABILITY, {
        i: {
          displayName: names[role],
          email: `${role}@nexus.test`,
          timeZone: 'Europe/Lisbon',
          weekly: ALL_WEEK('09:00', '14:00'),
          externalCalendar,
        },
      }),
    );
    const type = data(
      await staff.as[role]<{ createMeetingType: { id: string } }>(CREATE_TYPE, {
        i: { slug: slug('ext'), name: 'External check', durationMinutes: 60 },
      }),
    ).createMeetingType;
    const slots = await slotsOf(type.id, {
      from: day.toUTC().toISO() ?? '',
      to: day.endOf('day').toUTC().toISO() ?? '',
      tz: 'Europe/Lisbon',
    });
    return { typeId: type.id, local: slots.map((s) => s.localStart.slice(11, 16)) };
  }

  it('busy time from a CalDAV calendar removes its slots: free-busy-query, or calendar-query where the server lacks it', async () => {
    const day = DateTime.now().setZone('Europe/Lisbon').startOf('day').plus({ days: 3 });
    const local = (hour: number) => day.set({ hour }).toJSDate();
    caldav.events = [
      { uid: 'dentist', start: local(10), end: local(11) },
      { uid: 'lunch-free', start: local(12), end: local(13), transparent: true },
    ];
    caldav.freeBusy = true;
    caldav.requests = [];
    const first = await lisbonSlots('manager', { provider: 'CALDAV', address: caldavUrl }, day);
    expect(first.local).toEqual(['09:00', '11:00', '12:00', '13:00']);
    const asked = caldav.requests.find((r) => r.body.includes('free-busy-query'));
    expect(asked).toMatchObject({ method: 'REPORT', depth: '1', auth: CALDAV_AUTH });
    expect(asked?.body).toMatch(/<C:time-range start="\d{8}T\d{6}Z" end="\d{8}T\d{6}Z"\/>/);
    expect(caldav.requests.some((r) => r.body.includes('calendar-query'))).toBe(false);

    // A server without free-busy-query (501): the events of the window are read instead.
    caldav.freeBusy = false;
    caldav.events.push({ uid: 'call', start: local(13), end: local(14) });
    const second = await slotsOf(first.typeId, {
      from: day.toUTC().toISO() ?? '',
      to: day.endOf('day').toUTC().toISO() ?? '',
      tz: 'Europe/Lisbon',
    });
    expect(second.map((s) => s.localStart.slice(11, 16))).toEqual(['09:00', '11:00', '12:00']);
    expect(caldav.requests.some((r) => r.method === 'REPORT' && r.body.includes('calendar-query'))).toBe(true);
    // Booking checks the calendar too: the busy hour cannot be taken.
    const refused = await staff.as.agent(BOOK, {
      i: { meetingTypeId: first.typeId, startsAt: local(10).toISOString(), name: 'C', email: 'c@example.com' },
    });
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(refused)).toEqual(['input.startsAt']);
    const listed = data(
      await staff.as.manager<{ availability: { externalCalendar: unknown } }>(
        '{ availability { externalCalendar { provider address connected } } }',
      ),
    ).availability.externalCalendar;
    expect(listed).toEqual({ provider: 'CALDAV', address: caldavUrl, connected: true });
  });

  it('busy time from Google Calendar (freeBusy.query) removes its slots', async () => {
    const day = DateTime.now().setZone('Europe/Lisbon').startOf('day').plus({ days: 4 });
    const local = (hour: number) => day.set({ hour }).toJSDate();
    google.busy = [{ start: local(11), end: local(12) }];
    google.queries = [];
    const { typeId, local: slots } = await lisbonSlots(
      'admin',
      { provider: 'GOOGLE', address: 'ada@traveltamers.example' },
      day,
    );
    expect(slots).toEqual(['09:00', '10:00', '12:00', '13:00']);
    expect(google.tokenRequests.at(-1)?.get('client_id')).toBe('client-1');
    expect(google.queries.at(-1)).toMatchObject({
      auth: 'Bearer access-1',
      body: { items: [{ id: 'ada@traveltamers.example' }] },
    });
    const refused = await staff.as.agent(BOOK, {
      i: { meetingTypeId: typeId, startsAt: local(11).toISOString(), name: 'G', email: 'g@example.com' },
    });
    expect(fieldPaths(refused)).toEqual(['input.startsAt']);
    const booked = data(
      await staff.as.agent<{ bookMeeting: { startsAt: string } }>(BOOK, {
        i: { meetingTypeId: typeId, startsAt: local(12).toISOString(), name: 'G', email: 'g@example.com' },
      }),
    ).bookMeeting;
    expect(new Date(booked.startsAt).toISOString()).toBe(local(12).toISOString());
  });

  it('without CalDAV or Google credentials nothing is asked: the log names the member and the window, and the time counts as free', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    });
    // This file's system has credentials; the same settings without them.
    const withoutCredentials = Object.fromEntries(
      Object.entries(system.iso.vars).filter(([k]) => !/^SALES_(CALDAV|GOOGLE)_/.test(k)),
    );
    const calendars = externalCalendars(loadSalesEnv(withoutCredentials), pino({ level: 'info' }, sink));
    expect(calendars.connected('CALDAV')).toBe(false);
    expect(calendars.connected('GOOGLE')).toBe(false);
    const window = { from: new Date('2030-03-04T00:00:00Z'), to: new Date('2030-03-05T00:00:00Z') };
    caldav.requests = [];
    google.queries = [];
    const member = { userId: staff.id.manager, displayName: 'Morgan Manager' };
    expect(await calendars.busy(member, { provider: 'CALDAV', address: caldavUrl }, window)).toEqual([]);
    expect(await calendars.busy(member, { provider: 'GOOGLE', address: 'morgan@example.com' }, window)).toEqual([]);
    expect(caldav.requests).toEqual([]);
    expect(google.queries).toEqual([]);
    const said = lines.filter((l) => String(l.msg).includes('would have read busy time'));
    expect(said.map((l) => l.provider)).toEqual(['CALDAV', 'GOOGLE']);
    for (const l of said)
      expect(l).toMatchObject({
        member: staff.id.manager,
        memberName: 'Morgan Manager',
        window: { from: '2030-03-04T00:00:00.000Z', to: '2030-03-05T00:00:00.000Z' },
      });
  });

  it('round robin spreads bookings across the team', async () => {
    for (const [role, name] of [
      ['advisor', 'Avery Advisor'],
      ['manager', 'Morgan Manager'],
    ] as const)
      data(
        await staff.as[role](SET_AVAILABILITY, {
          i: { displayName: name, email: `${role}@nexus.test`, timeZone: 'UTC', weekly: ALL_WEEK('00:00', '24:00') },
        }),
      );
    const advisorOnly = await staff.as.advisor(CREATE_TYPE, {
      i: {
        slug: slug('rr'),
        name: 'x',
        durationMinutes: 30,
        kind: 'ROUND_ROBIN',
        hostIds: [staff.id.advisor, staff.id.manager],
      },
    });
    expect(codes(advisorOnly)).toContain('FORBIDDEN');
    const type = data(
      await staff.as.manager<{ createMeetingType: { id: string } }>(CREATE_TYPE, {
        i: {
          slug: slug('rr'),
          name: 'Trip planning',
          durationMinutes: 30,
          kind: 'ROUND_ROBIN',
          hostIds: [staff.id.advisor, staff.id.manager],
        },
      }),
    ).createMeetingType;
    const slots = (await slotsOf(type.id)).filter((s) => s.hostIds.length === 2).slice(0, 4);
    expect(slots).toHaveLength(4);
    const hosts: string[] = [];
    for (const [i, s] of slots.entries()) {
      const booked = data(
        await staff.as.agent<{ bookMeeting: { hostId: string } }>(BOOK, {
          i: { meetingTypeId: type.id, startsAt: s.startsAt, name: `Visitor ${i}`, email: `rr${i}@example.com` },
        }),
      ).bookMeeting;
      hosts.push(booked.hostId);
    }
    expect(hosts.filter((h) => h === staff.id.advisor)).toHaveLength(2);
    expect(hosts.filter((h) => h === staff.id.manager)).toHaveLength(2);
  });

  it("a collective meeting is open only while every host is free, and takes every host's time", async () => {
    for (const [role, name] of [
      ['advisor', 'Avery Advisor'],
      ['manager', 'Morgan Manager'],
    ] as const)
      data(
        await staff.as[role](SET_AVAILABILITY, {
          i: { displayName: name, email: `${role}@nexus.test`, timeZone: 'UTC', weekly: ALL_WEEK('00:00', '24:00') },
        }),
      );
    const lonely = await staff.as.manager(CREATE_TYPE, {
      i: { slug: slug('co'), name: 'x', durationMinutes: 30, kind: 'COLLECTIVE', hostIds: [staff.id.manager] },
    });
    expect(codes(lonely)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(lonely)).toEqual(['input.hostIds']);
    const collective = data(
      await staff.as.manager<{ createMeetingType: { id: string } }>(CREATE_TYPE, {
        i: {
          slug: slug('co'),
          name: 'Honeymoon design session',
          durationMinutes: 30,
          kind: 'COLLECTIVE',
          hostIds: [staff.id.advisor, staff.id.manager],
        },
      }),
    ).createMeetingType;
    const solo = data(
      await staff.as.manager<{ createMeetingType: { id: string } }>(CREATE_TYPE, {
        i: { slug: slug('solo'), name: 'Manager call', durationMinutes: 30, hostIds: [staff.id.manager] },
      }),
    ).createMeetingType;
    const before = await slotsOf(collective.id);
    expect(before.length).toBeGreaterThan(2);
    for (const s of before) expect([...s.hostIds].sort()).toEqual([staff.id.advisor, staff.id.manager].sort());
    const [first, second] = before;

    // The manager alone is booked at the second slot: the collective slot closes though the advisor is free.
    data(
      await staff.as.agent(BOOK, {
        i: { meetingTypeId: solo.id, startsAt: second?.startsAt, name: 'Solo Visitor', email: 'solo@example.com' },
      }),
    );
    const afterSolo = (await slotsOf(collective.id)).map((s) => s.startsAt);
    expect(afterSolo).not.toContain(second?.startsAt);
    expect(afterSolo).toContain(first?.startsAt);

    // Booking the collective slot takes both hosts' time and invites both.
    const booked = data(
      await staff.as.agent<{ bookMeeting: { id: string; hostId: string; status: string } }>(BOOK, {
        i: { meetingTypeId: collective.id, startsAt: first?.startsAt, name: 'Pair Visitor', email: 'pair@example.com' },
      }),
    ).bookMeeting;
    expect(booked).toMatchObject({ hostId: staff.id.advisor, status: 'BOOKED' });
    const row = data(
      await staff.as.viewer<{ meeting: { coHostIds: string[] } }>(
        'query($id: ID!) { meeting(id: $id) { coHostIds } }',
        {
          id: booked.id,
        },
      ),
    ).meeting;
    expect(row.coHostIds).toEqual([staff.id.manager]);
    expect((await slotsOf(solo.id)).map((s) => s.startsAt)).not.toContain(first?.startsAt);
    const managers = data(
      await staff.as.viewer<{ meetings: { nodes: { id: string }[] } }>(
        'query($h: ID!) { meetings(first: 100, filter: { hostId: $h }) { nodes { id } } }',
        { h: staff.id.manager },
      ),
    ).meetings.nodes.map((m) => m.id);
    expect(managers).toContain(booked.id);
    for (const to of ['pair@example.com', 'advisor@nexus.test', 'manager@nexus.test'])
      await mailTo(to, /^Invitation: Honeymoon design session/);
  });
});

describe('the public booking page', () => {
  let typeId = '';
  let typeSlug = '';
  beforeAll(async () => {
    data(
      await staff.as.advisor(SET_AVAILABILITY, {
        i: {
          displayName: 'Avery Advisor',
          email: 'advisor@nexus.test',
          timeZone: 'UTC',
          weekly: ALL_WEEK('00:00', '24:00'),
        },
      }),
    );
    typeSlug = slug('consult');
    typeId = data(
      await staff.as.advisor<{ createMeetingType: { id: string } }>(CREATE_TYPE, {
        i: {
          slug: typeSlug,
          name: 'Consultation',
          durationMinutes: 30,
          bufferAfterMinutes: 15,
          slotStepMinutes: 15,
          location: 'https://meet.example.com/avery',
        },
      }),
    ).createMeetingType.id;
  });

  it('lists slots in the visitor time zone, books with a POST, and mails an invitation; update and cancel keep its UID', async () => {
    const page = await fetch(`${system.gatewayUrl}/meet/${typeSlug}?tz=Asia/Tokyo`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Consultation');
    expect(html).toContain('value="Asia/Tokyo"');
    const first = /name="slot" value="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(first).not.toBe('');
    // The slot is shown at its Tokyo time.
    expect(html).toContain(DateTime.fromISO(first).setZone('Asia/Tokyo').toFormat('HH:mm'));

    const booked = await gatewayPost(`/meet/${typeSlug}`, {
      slot: first,
      name: 'Vera Visitor',
      email: 'vera@example.com',
      tz: 'Asia/Tokyo',
    });
    expect(booked.status).toBe(200);
    const confirmation = await booked.text();
    expect(confirmation).toContain('You are booked');
    const manage = /href="(\/meet\/booking\/[^"]+)"/.exec(confirmation)?.[1] ?? '';
    expect(manage).not.toBe('');

    const [invite] = await mailTo('vera@example.com', /^Invitation: Consultation/);
    const [hostInvite] = await mailTo('advisor@nexus.test', /^Invitation: Consultation/);
    const ics = icsOf(invite);
    expect(field(ics, 'METHOD')).toBe('REQUEST');
    expect(field(ics, 'SEQUENCE')).toBe('0');
    const uid = field(ics, 'UID');
    expect(uid).toMatch(/@nexus-sales$/);
    expect(field(icsOf(hostInvite), 'UID')).toBe(uid);
    expect(field(ics, 'DTSTART')).toBe(DateTime.fromISO(first).toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'"));
    expect(invite?.parsed.text).toContain(manage);

    // crm has the visitor as a contact with the meeting logged on it, written as service:sales-meetings.
    await eventually(async () => {
      const found = data(
        await staff.as.viewer<{
          contacts: {
            nodes: {
              firstName: string;
              lastName: string;
              activities: { nodes: { type: string; subject: string }[] };
            }[];
          };
        }>(
          'query($s: String!) { contacts(first: 5, filter: { search: $s }) { nodes { firstName lastName activities(first: 5) { nodes { type subject } } } } }',
          { s: 'vera@example.com' },
        ),
      ).contacts.nodes;
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ firstName: 'Vera', lastName: 'Visitor' });
      expect(found[0]?.activities.nodes).toContainEqual({
        type: 'MEETING',
        subject: 'Consultation booked by Vera Visitor',
      });
    }, 20_000);

    // The slot and the buffer after it are gone from the page.
    const again = await (await fetch(`${system.gatewayUrl}/meet/${typeSlug}`)).text();
    expect(again).not.toContain(`value="${first}"`);
    const next15 = new Date(new Date(first).getTime() + 30 * 60_000).toISOString();
    expect(again).not.toContain(`value="${next15}"`);

    // Reschedule from the manage link: same UID, SEQUENCE 1.
    const manageHtml = await (await fetch(`${system.gatewayUrl}${manage}`)).text();
    const later = [...manageHtml.matchAll(/name="slot" value="([^"]+)"/g)].map((m) => m[1] ?? '')[8] ?? '';
    expect(later).not.toBe('');
    const moved = await gatewayPost(`${manage}/reschedule`, { slot: later });
    expect(moved.status).toBe(200);
    const [update] = await mailTo('vera@example.com', /^Updated: Consultation/);
    expect(field(icsOf(update), 'UID')).toBe(uid);
    expect(field(icsOf(update), 'SEQUENCE')).toBe('1');
    expect(field(icsOf(update), 'METHOD')).toBe('REQUEST');

    const cancelled = await gatewayPost(`${manage}/cancel`, { reason: 'Plans changed' });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.text()).toContain('cancelled');
    const [cancel] = await mailTo('vera@example.com', /^Cancelled: Consultation/);
    const [hostCancel] = await mailTo('advisor@nexus.test', /^Cancelled: Consultation/);
    expect(field(icsOf(cancel), 'METHOD')).toBe('CANCEL');
    expect(field(icsOf(cancel), 'UID')).toBe(uid);
    expect(field(icsOf(cancel), 'SEQUENCE')).toBe('2');
    expect(field(icsOf(hostCancel), 'UID')).toBe(uid);

    // The slot is open again.
    expect(await (await fetch(`${system.gatewayUrl}/meet/${typeSlug}`)).text()).toContain(`value="${first}"`);
  });

  it('sends a reminder before the meeting, and a started meeting can be marked a no-show by its host', async () => {
    const soon = data(
      await staff.as.advisor<{ createMeetingType: { id: string } }>(CREATE_TYPE, {
        i: { slug: slug('soon'), name: 'Quick check-in', durationMinutes: 30, minimumNoticeMinutes: 0 },
      }),
    ).createMeetingType;
    // The first open time is within the day, so its reminder (a day ahead by default) is due at once.
    const first = (await slotsOf(soon.id))[0]?.startsAt ?? '';
    expect(new Date(first).getTime() - Date.now()).toBeLessThan(86_400_000);
    const booked = data(
      await staff.as.agent<{ bookMeeting: { id: string } }>(BOOK, {
        i: { meetingTypeId: soon.id, startsAt: first, name: 'Rita Reminded', email: 'rita@example.com' },
      }),
    ).bookMeeting;
    const [reminder] = await mailTo('rita@example.com', /^Reminder: Quick check-in with Avery Advisor/);
    expect(reminder?.parsed.text).toContain('A reminder of your meeting');

    const NO_SHOW = 'mutation($id: ID!) { markMeetingNoShow(id: $id) { id noShow } }';
    const STARTED = 'query($id: ID!) { meeting(id: $id) { started noShow } }';
    const early = await staff.as.advisor(NO_SHOW, { id: booked.id });
    expect(codes(early)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(early)).toEqual(['id']);
    expect(data(await staff.as.viewer<{ meeting: unknown }>(STARTED, { id: booked.id })).meeting).toEqual({
      started: false,
      noShow: false,
    });
    // Fifteen minutes into the meeting by the sales clock: it has started, and nobody came.
    const during = new Date(new Date(first).getTime() + 15 * 60_000);
    await at(during, async () => {
      expect(
        data(await staff.as.viewer<{ meeting: { started: boolean } }>(STARTED, { id: booked.id })).meeting.started,
      ).toBe(true);
      expect(codes(await staff.as.agent(NO_SHOW, { id: booked.id }))).toEqual(['FORBIDDEN']);
      expect(codes(await staff.as.manager(NO_SHOW, { id: '00000000-0000-4000-8000-00000000dead' }))).toEqual([
        'NOT_FOUND',
      ]);
      const marked = data(
        await staff.as.advisor<{ markMeetingNoShow: { noShow: boolean } }>(NO_SHOW, { id: booked.id }),
      );
      expect(marked.markMeetingNoShow.noShow).toBe(true);
    });
  });

  it('two visitors racing for one slot: exactly one gets it', async () => {
    const slot = (await slotsOf(typeId))[20]?.startsAt ?? '';
    const results = await Promise.all(
      ['racer.one@example.com', 'racer.two@example.com', 'racer.three@example.com'].map((email) =>
        gatewayPost(`/meet/${typeSlug}`, { slot, name: 'Racer', email }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 400, 400]);
    const loser = results.find((r) => r.status === 400);
    expect(await loser?.text()).toContain('not available');
    const meetings = data(
      await staff.as.viewer<{ meetings: { totalCount: number } }>(
        'query($id: ID!, $from: DateTime, $to: DateTime) { meetings(filter: { meetingTypeId: $id, status: [BOOKED], from: $from, to: $to }) { totalCount } }',
        { id: typeId, from: slot, to: new Date(new Date(slot).getTime() + 60_000).toISOString() },
      ),
    );
    expect(meetings.meetings.totalCount).toBe(1);
  });

  it('refuses a past or taken slot and bad input as BAD_USER_INPUT, naming the field', async () => {
    const past = await staff.as.agent(BOOK, {
      i: {
        meetingTypeId: typeId,
        startsAt: new Date(Date.now() - 3600_000).toISOString(),
        name: 'P',
        email: 'p@example.com',
      },
    });
    expect(codes(past)).toContain('BAD_USER_INPUT');
    expect(fieldPaths(past)).toContain('input.startsAt');
    const offGrid = await staff.as.agent(BOOK, {
      i: {
        meetingTypeId: typeId,
        startsAt: new Date(Math.ceil(Date.now() / 3600_000) * 3600_000 + 86_400_000 + 7 * 60_000).toISOString(),
        name: 'P',
        email: 'p@example.com',
      },
    });
    expect(fieldPaths(offGrid)).toContain('input.startsAt');
    const badEmail = await staff.as.agent(BOOK, {
      i: { meetingTypeId: typeId, startsAt: (await slotsOf(typeId))[0]?.startsAt, name: 'P', email: 'not-an-email' },
    });
    expect(fieldPaths(badEmail)).toContain('input.email');
    const pageWithBadEmail = await gatewayPost(`/meet/${typeSlug}`, {
      slot: (await slotsOf(typeId))[0]?.startsAt ?? '',
      name: 'P',
      email: 'nope',
    });
    expect(pageWithBadEmail.status).toBe(400);
    expect((await fetch(`${system.gatewayUrl}/meet/no-such-page-here`)).status).toBe(404);
  });
});

describe('routing forms', () => {
  const CREATE_FORM = `mutation($i: CreateRoutingFormInput!) { createRoutingForm(input: $i) { id slug url rules { field values hostId } } }`;
  const UPDATE_FORM = `mutation($i: UpdateRoutingFormInput!) { updateRoutingForm(input: $i) { id fallbackHostId } }`;
  const ROUTE = `query($id: ID!, $d: String, $t: String, $e: String) {
    routingForm(id: $id) { route(destination: $d, tripType: $t, email: $e) { reason hostId bookingUrl } } }`;
  let typeId = '';
  let typeSlug = '';
  let formId = '';
  let formSlug = '';
  const clientEmail = `known.client.${Date.now().toString(36)}@example.com`;

  beforeAll(async () => {
    for (const [role, name] of [
      ['advisor', 'Avery Advisor'],
      ['manager', 'Morgan Manager'],
      ['admin', 'Ada Admin'],
    ] as const)
      data(
        await staff.as[role](SET_AVAILABILITY, {
          i: { displayName: name, email: `${role}@nexus.test`, timeZone: 'UTC', weekly: ALL_WEEK('00:00', '24:00') },
        }),
      );
    typeSlug = slug('plan');
    typeId = data(
      await staff.as.manager<{ createMeetingType: { id: string } }>(CREATE_TYPE, {
        i: {
          slug: typeSlug,
          name: 'Trip planning call',
          durationMinutes: 30,
          kind: 'ROUND_ROBIN',
          hostIds: [staff.id.advisor, staff.id.manager, staff.id.admin],
        },
      }),
    ).createMeetingType.id;
    // A known client: a crm contact owned by the admin.
    data(
      await staff.as.manager('mutation($i: CreateContactInput!) { createContact(input: $i) { id } }', {
        i: { firstName: 'Kim', lastName: 'Client', email: clientEmail, ownerId: staff.id.admin },
      }),
    );
  });

  const formCount = async () =>
    data(await staff.as.viewer<{ routingForms: { totalCount: number } }>('{ routingForms { totalCount } }'))
      .routingForms.totalCount;

  it('managers configure them; bad rules name the field and write nothing', async () => {
    const base = {
      name: 'Plan your trip',
      meetingTypeId: typeId,
      destinations: ['Japan', 'Italy', 'Kenya'],
      tripTypes: ['Honeymoon', 'Safari', 'Family'],
    };
    const before = await formCount();
    expect(codes(await staff.as.advisor(CREATE_FORM, { i: { ...base, slug: slug('route') } }))).toContain('FORBIDDEN');
    const notAHost = await staff.as.manager(CREATE_FORM, {
      i: { ...base, slug: slug('route'), rules: [{ field: 'DESTINATION', values: ['Japan'], hostId: staff.id.agent }] },
    });
    expect(codes(notAHost)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(notAHost)).toEqual(['input.rules.0.hostId']);
    const unknownValue = await staff.as.manager(CREATE_FORM, {
      i: {
        ...base,
        slug: slug('route'),
        rules: [{ field: 'TRIP_TYPE', values: ['Honeymoon', 'Cruise'], hostId: staff.id.manager }],
      },
    });
    expect(fieldPaths(unknownValue)).toEqual(['input.rules.0.values.1']);
    const twice = await staff.as.manager(CREATE_FORM, {
      i: { ...base, slug: slug('route'), destinations: ['Japan', 'japan'] },
    });
    expect(fieldPaths(twice)).toEqual(['input.destinations.1']);
    const collective = data(
      await staff.as.manager<{ createMeetingType: { id: string } }>(CREATE_TYPE, {
        i: {
          slug: slug('pair'),
          name: 'Pair call',
          durationMinutes: 30,
          kind: 'COLLECTIVE',
          hostIds: [staff.id.advisor, staff.id.manager],
        },
      }),
    ).createMeetingType;
    const toCollective = await staff.as.manager(CREATE_FORM, {
      i: { ...base, slug: slug('route'), meetingTypeId: collective.id },
    });
    expect(fieldPaths(toCollective)).toEqual(['input.meetingTypeId']);
    expect(await formCount()).toBe(before);

    formSlug = slug('route');
    const form = data(
      await staff.as.manager<{ createRoutingForm: { id: string; url: string; rules: unknown[] } }>(CREATE_FORM, {
        i: {
          ...base,
          slug: formSlug,
          intro: 'Tell us about your trip and we will find the right specialist.',
          rules: [
            { field: 'DESTINATION', values: ['japan'], hostId: staff.id.advisor },
            { field: 'TRIP_TYPE', values: ['Honeymoon', 'Safari'], hostId: staff.id.manager },
          ],
        },
      }),
    ).createRoutingForm;
    formId = form.id;
    expect(form.url).toMatch(new RegExp(`/meet/route/${formSlug}$`));
    // Values are kept as the form lists them.
    expect(form.rules[0]).toEqual({ field: 'DESTINATION', values: ['Japan'], hostId: staff.id.advisor });
  });

  it('sends a visitor to the specialist for their destination, then their trip type, and books with that member', async () => {
    const page = await fetch(`${system.gatewayUrl}/meet/route/${formSlug}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Tell us about your trip');
    expect(html).toContain('<option value="Kenya">Kenya</option>');
    expect(html).toContain('<option value="Safari">Safari</option>');

    // Destination Japan: the advisor (the destination rule comes first, though Honeymoon matches too).
    const routed = await fetch(`${system.gatewayUrl}/meet/route/${formSlug}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        name: 'Nora Newcomer',
        email: 'nora@example.com',
        destination: 'Japan',
        tripType: 'Honeymoon',
      }),
    });
    expect(routed.status).toBe(303);
    const location = routed.headers.get('location') ?? '';
    // The URL carries only a random hand-off token: no name, email or answers.
    expect(location).toMatch(new RegExp(`^/meet/${staff.id.advisor}/${typeSlug}\\?h=[A-Za-z0-9_-]{32}$`));
    for (const personal of ['nora', 'Nora', 'Japan', 'Honeymoon', 'example.com'])
      expect(location).not.toContain(personal);
    const handoff = new URL(location, system.gatewayUrl).searchParams.get('h') ?? '';
    const memberPage = await (await fetch(`${system.gatewayUrl}${location}`)).text();
    expect(memberPage).toContain('with Avery Advisor');
    expect(memberPage).toContain('value="nora@example.com"');
    expect(memberPage).toContain('value="Nora Newcomer"');
    expect(memberPage).toContain('Destination: Japan');
    // Changing the time zone keeps the hand-off, not the details, in the address.
    expect(memberPage).toContain(`<input type="hidden" name="h" value="${handoff}">`);
    expect(memberPage).not.toMatch(/type="hidden" name="(name|email|notes)"/);
    // A made-up token prefills nothing; past its time (by the sales clock) neither does the real one.
    const forged = await (
      await fetch(`${system.gatewayUrl}/meet/${staff.id.advisor}/${typeSlug}?h=${'x'.repeat(32)}`)
    ).text();
    expect(forged).not.toContain('nora@example.com');
    const later = await at(new Date(Date.now() + 31 * 60_000), async () =>
      (await fetch(`${system.gatewayUrl}${location}`)).text(),
    );
    expect(later).toContain('with Avery Advisor');
    expect(later).not.toContain('nora@example.com');
    const slot = /name="slot" value="([^"]+)"/.exec(memberPage)?.[1] ?? '';
    expect(slot).not.toBe('');
    const booked = await gatewayPost(`/meet/${staff.id.advisor}/${typeSlug}`, {
      slot,
      name: 'Nora Newcomer',
      email: 'nora@example.com',
      notes: 'Destination: Japan\nTrip type: Honeymoon',
      h: handoff,
    });
    expect(booked.status).toBe(200);
    // Once booked, the hand-off is gone.
    expect(await (await fetch(`${system.gatewayUrl}${location}`)).text()).not.toContain('nora@example.com');
    const meetings = data(
      await staff.as.agent<{ meetings: { nodes: { hostId: string; visitorEmail: string; notes: string }[] } }>(
        'query($id: ID!) { meetings(first: 10, filter: { meetingTypeId: $id }) { nodes { hostId visitorEmail notes } } }',
        { id: typeId },
      ),
    ).meetings.nodes;
    expect(meetings).toContainEqual({
      hostId: staff.id.advisor,
      visitorEmail: 'nora@example.com',
      notes: 'Destination: Japan\nTrip type: Honeymoon',
    });

    // Kenya has no destination rule; a safari goes to the manager.
    const bySafari = data(
      await staff.as.agent<{ routingForm: { route: { reason: string; hostId: string; bookingUrl: string } } }>(ROUTE, {
        id: formId,
        d: 'Kenya',
        t: 'safari',
        e: 'someone.new@example.com',
      }),
    ).routingForm.route;
    expect(bySafari).toMatchObject({ reason: 'TRIP_TYPE', hostId: staff.id.manager });
    expect(bySafari.bookingUrl).toMatch(new RegExp(`/meet/${staff.id.manager}/${typeSlug}$`));

    // A member's page shows only types they host.
    expect((await fetch(`${system.gatewayUrl}/meet/${staff.id.agent}/${typeSlug}`)).status).toBe(404);
  });

  it('sends a known client to their own advisor, and anyone unmatched to the fallback', async () => {
    const own = data(
      await staff.as.agent<{ routingForm: { route: { reason: string; hostId: string } } }>(ROUTE, {
        id: formId,
        d: 'Japan',
        e: clientEmail.toUpperCase(),
      }),
    ).routingForm.route;
    expect(own).toMatchObject({ reason: 'OWN_ADVISOR', hostId: staff.id.admin });
    const ownPage = await fetch(`${system.gatewayUrl}/meet/route/${formSlug}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'Kim Client', email: clientEmail, destination: 'Japan' }),
    });
    expect(ownPage.headers.get('location')).toMatch(new RegExp(`^/meet/${staff.id.admin}/${typeSlug}\\?`));

    // Nothing matches and there is no fallback member: the type's own page, where any host may take them.
    const unmatched = { id: formId, d: 'Italy', t: 'Family', e: 'someone.else@example.com' };
    const open = data(
      await staff.as.agent<{ routingForm: { route: { reason: string; hostId: string | null; bookingUrl: string } } }>(
        ROUTE,
        unmatched,
      ),
    ).routingForm.route;
    expect(open).toMatchObject({ reason: 'FALLBACK', hostId: null });
    expect(open.bookingUrl).toMatch(new RegExp(`/meet/${typeSlug}$`));
    data(await staff.as.manager(UPDATE_FORM, { i: { id: formId, fallbackHostId: staff.id.manager } }));
    const fallback = data(
      await staff.as.agent<{ routingForm: { route: { reason: string; hostId: string } } }>(ROUTE, unmatched),
    ).routingForm.route;
    expect(fallback).toMatchObject({ reason: 'FALLBACK', hostId: staff.id.manager });
    const notAHost = await staff.as.manager(UPDATE_FORM, { i: { id: formId, fallbackHostId: staff.id.viewer } });
    expect(fieldPaths(notAHost)).toEqual(['input.fallbackHostId']);
  });

  it('refuses bad answers on the public form, naming the field', async () => {
    const post = (form: Record<string, string>) => gatewayPost(`/meet/route/${formSlug}`, form);
    const badEmail = await post({ name: 'P', email: 'not-an-email', destination: 'Japan' });
    expect(badEmail.status).toBe(400);
    expect(await badEmail.text()).toContain('email: must be a valid email address');
    const offList = await post({ name: 'P', email: 'p@example.com', destination: 'Atlantis' });
    expect(offList.status).toBe(400);
    const text = await offList.text();
    expect(text).toContain('destination: pick one of the destinations listed');
    expect(text).toContain('value="p@example.com"');
    expect((await fetch(`${system.gatewayUrl}/meet/route/no-such-form-here`)).status).toBe(404);
  });
});
