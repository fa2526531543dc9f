import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCatcher, type CaughtMail, type MailCatcher } from '@nexus/platform';
import { startSystem, type System } from '../support/system.ts';
import { codes, data, eventually, fieldPaths, signInStaff, type Staff } from '../support/staff.ts';

/**
 * Meetings through the whole system: members' hours in their own time zones (across a
 * daylight-saving change), booking pages at /meet through the gateway, one winner for a raced slot,
 * round robin, busy time from an ICS feed, and invitations (request, update, cancel with one UID)
 * delivered over real SMTP by marketing's transactional mail processor.
 */
let system: System;
let staff: Staff;
let mail: MailCatcher;
let feed: http.Server;
let feedBody = '';

beforeAll(async () => {
  mail = await startMailCatcher();
  feed = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/calendar' }).end(feedBody));
  await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
  system = await startSystem({ worker: true, env: { SMTP_URL: mail.smtpUrl } });
  staff = await signInStaff(system);
}, 120_000);
afterAll(async () => {
  await system?.close();
  await mail?.close();
  await new Promise((resolve) => feed?.close(resolve));
});

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

describe('availability', () => {
  it('refuses overlapping ranges and a bad time zone, naming the field; writes nothing', async () => {
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
    const none = await staff.as.advisor<{ availability: null }>('{ availability { userId } }');
    expect(data(none).availability).toBeNull();
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
          icsFeedUrl: `http://127.0.0.1:${port}/busy.ics`,
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
