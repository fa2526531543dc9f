import ical, { type CalendarComponent, type CalendarResponse } from 'node-ical';
import { XMLParser } from 'fast-xml-parser';
import type { Logger } from '@nexus/platform';
import type { CalendarProvider } from '../entities/index.ts';
import type { SalesEnv } from '../env.ts';

/** A span of a member's time that an outside calendar says is taken. */
export interface Busy {
  start: Date;
  end: Date;
}
export interface BusyWindow {
  from: Date;
  to: Date;
}
/** Whose calendar is read, for the log lines. */
export interface CalendarMember {
  userId: string;
  displayName: string;
}
/** A member's external calendar: an ICS feed URL, a CalDAV calendar collection URL, or a Google calendar id. */
export interface ExternalCalendar {
  provider: CalendarProvider;
  address: string;
}

/**
 * The busy time of a member's external calendar, one provider each: an ICS feed (a plain GET),
 * CalDAV (a REPORT on the calendar collection) or Google Calendar (freeBusy.query). A calendar that
 * cannot be read never closes the booking page: its busy list is empty and the log says why.
 * Without credentials for CalDAV or Google, nothing is asked and the log says what would have been.
 */
export interface ExternalCalendars {
  busy(member: CalendarMember, calendar: ExternalCalendar, window: BusyWindow): Promise<Busy[]>;
  /** Whether the server has what it needs to read this provider (credentials for CalDAV and Google). */
  connected(provider: CalendarProvider): boolean;
}

type CalendarEnv = Pick<
  SalesEnv,
  | 'SALES_CALENDAR_TIMEOUT_MS'
  | 'SALES_CALDAV_USERNAME'
  | 'SALES_CALDAV_PASSWORD'
  | 'SALES_GOOGLE_CLIENT_ID'
  | 'SALES_GOOGLE_CLIENT_SECRET'
  | 'SALES_GOOGLE_REFRESH_TOKEN'
  | 'SALES_GOOGLE_API_URL'
  | 'SALES_GOOGLE_TOKEN_URL'
>;

const overlaps = (b: Busy, w: BusyWindow) => b.end > w.from && b.start < w.to;

/** Busy time in iCalendar text: events (recurring ones expanded) that are not free or cancelled, and VFREEBUSY periods that are not FREE. */
export function busyFromIcs(body: string, window: BusyWindow): Busy[] {
  const parsed: CalendarResponse = ical.sync.parseICS(body);
  const out: Busy[] = [];
  for (const c of Object.values(parsed) as (CalendarComponent | undefined)[]) {
    if (!c) continue;
    if (c.type === 'VFREEBUSY') {
      for (const fb of c.freebusy ?? [])
        if (fb.start && fb.end && String(fb.type ?? 'BUSY').toUpperCase() !== 'FREE')
          out.push({ start: new Date(fb.start), end: new Date(fb.end) });
      continue;
    }
    if (c.type !== 'VEVENT') continue;
    if (c.transparency === 'TRANSPARENT' || c.status === 'CANCELLED') continue;
    if (c.rrule) {
      for (const i of ical.expandRecurringEvent(c, { from: window.from, to: window.to, expandOngoing: true }))
        out.push({ start: new Date(i.start), end: new Date(i.end) });
    } else if (c.start) {
      const start = new Date(c.start);
      const end = c.end ? new Date(c.end) : new Date(start.getTime() + 24 * 3600_000);
      out.push({ start, end });
    }
  }
  return out.filter((b) => overlaps(b, window));
}

/** iCalendar UTC date-time (`20261207T100000Z`), as CalDAV time ranges take it. */
const icsUtc = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

const xml = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, trimValues: false });
const list = <T>(v: T | T[] | undefined | null): T[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];

/** The `calendar-data` texts of a CalDAV multistatus answer (RFC 4791 §9.6). */
export function calendarDataOf(multistatus: string): string[] {
  const doc = xml.parse(multistatus) as { multistatus?: { response?: unknown } };
  const out: string[] = [];
  for (const r of list(doc.multistatus?.response) as { propstat?: unknown }[])
    for (const ps of list(r?.propstat) as { status?: string; prop?: Record<string, unknown> }[]) {
      if (ps?.status && !/\s2\d\d\s/.test(` ${ps.status} `)) continue;
      const data = ps?.prop?.['calendar-data'];
      const text = typeof data === 'string' ? data : (data as { '#text'?: string } | undefined)?.['#text'];
      if (text?.trim()) out.push(text);
    }
  return out;
}

const FREE_BUSY_QUERY = (w: BusyWindow) => `<?xml version="1.0" encoding="utf-8"?>
<C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav">
  <C:time-range start="${icsUtc(w.from)}" end="${icsUtc(w.to)}"/>
</C:free-busy-query>`;

const CALENDAR_QUERY = (w: BusyWindow) => `<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:getetag/><C:calendar-data/></D:prop>
  <C:filter>
    <C:comp-filter name="VCALENDAR">
      <C:comp-filter name="VEVENT">
        <C:time-range start="${icsUtc(w.from)}" end="${icsUtc(w.to)}"/>
      </C:comp-filter>
    </C:comp-filter>
  </C:filter>
</C:calendar-query>`;

/** Statuses by which a CalDAV server says it does not do free-busy-query on this collection. */
const NO_FREE_BUSY = new Set([400, 403, 404, 405, 415, 422, 501]);

export function externalCalendars(env: CalendarEnv, log: Logger, fetchImpl: typeof fetch = fetch): ExternalCalendars {
  const timeout = () => AbortSignal.timeout(env.SALES_CALENDAR_TIMEOUT_MS);
  const caldavAuth =
    env.SALES_CALDAV_USERNAME && env.SALES_CALDAV_PASSWORD
      ? `Basic ${Buffer.from(`${env.SALES_CALDAV_USERNAME}:${env.SALES_CALDAV_PASSWORD}`).toString('base64')}`
      : null;
  const google =
    env.SALES_GOOGLE_CLIENT_ID && env.SALES_GOOGLE_CLIENT_SECRET && env.SALES_GOOGLE_REFRESH_TOKEN
      ? {
          clientId: env.SALES_GOOGLE_CLIENT_ID,
          clientSecret: env.SALES_GOOGLE_CLIENT_SECRET,
          refreshToken: env.SALES_GOOGLE_REFRESH_TOKEN,
        }
      : null;
  let googleToken: { value: string; until: number } | null = null;

  const connected = (provider: CalendarProvider) =>
    provider === 'ICS_FEED' ? true : provider === 'CALDAV' ? caldavAuth !== null : google !== null;

  const windowLog = (w: BusyWindow) => ({ from: w.from.toISOString(), to: w.to.toISOString() });

  async function icsFeed(cal: ExternalCalendar, w: BusyWindow): Promise<Busy[]> {
    const res = await fetchImpl(cal.address, { signal: timeout(), redirect: 'follow' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return busyFromIcs(await res.text(), w);
  }

  /**
   * CalDAV: a free-busy-query REPORT (RFC 4791 §7.10; the answer is a VFREEBUSY); a server that
   * does not offer it on the collection is asked with a calendar-query REPORT for the events in
   * the window (§7.8; a multistatus of calendar-data), whose busy time is worked out here.
   */
  async function caldav(cal: ExternalCalendar, w: BusyWindow, auth: string): Promise<Busy[]> {
    const report = (body: string, depth: string) =>
      fetchImpl(cal.address, {
        method: 'REPORT',
        headers: { authorization: auth, depth, 'content-type': 'application/xml; charset=utf-8' },
        body,
        signal: timeout(),
      });
    const fb = await report(FREE_BUSY_QUERY(w), '1');
    if (fb.ok && /text\/calendar/i.test(fb.headers.get('content-type') ?? '')) return busyFromIcs(await fb.text(), w);
    if (!fb.ok && !NO_FREE_BUSY.has(fb.status)) throw new Error(`free-busy-query: HTTP ${fb.status}`);
    await fb.body?.cancel();
    const q = await report(CALENDAR_QUERY(w), '1');
    if (q.status !== 207 && !q.ok) throw new Error(`calendar-query: HTTP ${q.status}`);
    return calendarDataOf(await q.text()).flatMap((text) => busyFromIcs(text, w));
  }

  async function googleAccessToken(g: NonNullable<typeof google>): Promise<string> {
    if (googleToken && googleToken.until > Date.now()) return googleToken.value;
    const res = await fetchImpl(env.SALES_GOOGLE_TOKEN_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: g.clientId,
        client_secret: g.clientSecret,
        refresh_token: g.refreshToken,
      }),
      signal: timeout(),
    });
    if (!res.ok) throw new Error(`token endpoint: HTTP ${res.status}`);
    const body = (await res.json()) as { access_token?: string; expires_in?: number };
    if (!body.access_token) throw new Error('token endpoint: no access_token');
    googleToken = { value: body.access_token, until: Date.now() + Math.max(0, (body.expires_in ?? 3600) - 60) * 1000 };
    return googleToken.value;
  }

  /** Google Calendar freeBusy.query: the busy periods of one calendar id. */
  async function googleBusy(cal: ExternalCalendar, w: BusyWindow, g: NonNullable<typeof google>): Promise<Busy[]> {
    const token = await googleAccessToken(g);
    const res = await fetchImpl(`${env.SALES_GOOGLE_API_URL.replace(/\/+$/, '')}/freeBusy`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        timeMin: w.from.toISOString(),
        timeMax: w.to.toISOString(),
        items: [{ id: cal.address }],
      }),
      signal: timeout(),
    });
    if (res.status === 401) googleToken = null;
    if (!res.ok) throw new Error(`freeBusy: HTTP ${res.status}`);
    const body = (await res.json()) as {
      calendars?: Record<string, { busy?: { start: string; end: string }[]; errors?: { reason?: string }[] }>;
    };
    const found = body.calendars?.[cal.address];
    if (!found) throw new Error('freeBusy: the calendar is not in the answer');
    if (found.errors?.length) throw new Error(`freeBusy: ${found.errors.map((e) => e.reason ?? 'error').join(', ')}`);
    return (found.busy ?? [])
      .map((b) => ({ start: new Date(b.start), end: new Date(b.end) }))
      .filter((b) => !Number.isNaN(b.start.getTime()) && !Number.isNaN(b.end.getTime()) && overlaps(b, w));
  }

  return {
    connected,
    async busy(member, cal, w) {
      const about = {
        member: member.userId,
        memberName: member.displayName,
        provider: cal.provider,
        window: windowLog(w),
      };
      try {
        if (cal.provider === 'ICS_FEED') return await icsFeed(cal, w);
        if (cal.provider === 'CALDAV') {
          if (!caldavAuth) {
            log.info(
              { ...about, calendar: cal.address, would: 'REPORT free-busy-query' },
              'CalDAV is not configured (SALES_CALDAV_USERNAME/PASSWORD): would have read busy time; booking as free from it',
            );
            return [];
          }
          return await caldav(cal, w, caldavAuth);
        }
        if (!google) {
          log.info(
            { ...about, calendar: cal.address, would: 'POST freeBusy' },
            'Google Calendar is not configured (SALES_GOOGLE_*): would have read busy time; booking as free from it',
          );
          return [];
        }
        return await googleBusy(cal, w, google);
      } catch (err) {
        // An unreachable calendar must not close the booking page; its slots stay open and the log says why.
        log.warn({ ...about, err }, 'external calendar unavailable; slots are not filtered by it');
        return [];
      }
    },
  };
}
