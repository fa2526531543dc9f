import { DateTime, IANAZone } from 'luxon';
import type { WeeklyHours } from '../entities/index.ts';

/** What the business-time arithmetic needs of a calendar. */
export interface BusinessCalendar {
  timeZone: string;
  alwaysOpen: boolean;
  hours: WeeklyHours[];
  holidays: readonly string[];
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** Problems with a calendar's definition (one line per problem), empty when it is usable. */
export function calendarProblems(c: BusinessCalendar): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (!IANAZone.isValidZone(c.timeZone)) problems.push({ path: 'timeZone', message: 'is not a known IANA time zone' });
  c.hours.forEach((h, i) => {
    if (!Number.isInteger(h.weekday) || h.weekday < 1 || h.weekday > 7)
      problems.push({ path: `hours.${i}.weekday`, message: 'must be 1 (Monday) to 7 (Sunday)' });
    if (!HHMM.test(h.start) || !HHMM.test(h.end) || minutesOf(h.start) >= minutesOf(h.end))
      problems.push({ path: `hours.${i}`, message: 'must be HH:mm times with start before end' });
  });
  for (let i = 0; i < c.hours.length; i++) {
    for (let j = i + 1; j < c.hours.length; j++) {
      const a = c.hours[i];
      const b = c.hours[j];
      if (!a || !b || a.weekday !== b.weekday) continue;
      if (minutesOf(a.start) < minutesOf(b.end) && minutesOf(b.start) < minutesOf(a.end))
        problems.push({ path: `hours.${j}`, message: `overlaps hours.${i} on weekday ${a.weekday}` });
    }
  }
  c.holidays.forEach((d, i) => {
    if (!DateTime.fromISO(d, { zone: 'utc' }).isValid || !/^\d{4}-\d{2}-\d{2}$/.test(d))
      problems.push({ path: `holidays.${i}`, message: 'must be a YYYY-MM-DD date' });
  });
  if (!c.alwaysOpen && c.hours.length === 0)
    problems.push({ path: 'hours', message: 'a calendar that is not 24/7 needs opening hours' });
  return problems;
}

/** Wall-clock time on a local day (set, not added, so a DST change that day keeps 09:00 at 09:00). */
const atLocal = (day: DateTime, minutes: number) =>
  minutes >= 24 * 60
    ? day.plus({ days: 1 }).startOf('day')
    : day.startOf('day').set({ hour: Math.floor(minutes / 60), minute: minutes % 60 });

/** The open windows of the local day that contains `day`, as absolute instants, in order. */
function windowsOf(c: BusinessCalendar, day: DateTime): { start: DateTime; end: DateTime }[] {
  if (c.holidays.includes(day.toISODate() ?? '')) return [];
  return c.hours
    .filter((h) => h.weekday === day.weekday)
    .map((h) => ({
      start: atLocal(day, minutesOf(h.start)),
      end: atLocal(day, minutesOf(h.end)),
    }))
    .sort((a, b) => a.start.toMillis() - b.start.toMillis());
}

/** Days searched before giving up (a calendar with hours always has an open day within a year). */
const HORIZON_DAYS = 800;

/** The instant `minutes` business minutes after `from` in the calendar. */
export function addBusinessMinutes(c: BusinessCalendar, from: Date, minutes: number): Date {
  if (c.alwaysOpen) return new Date(from.getTime() + minutes * 60_000);
  let remaining = minutes * 60_000;
  let cursor: DateTime = DateTime.fromJSDate(from, { zone: c.timeZone });
  let day: DateTime = cursor.startOf('day');
  for (let i = 0; i < HORIZON_DAYS; i++, day = day.plus({ days: 1 }).startOf('day')) {
    for (const w of windowsOf(c, day)) {
      if (w.end <= cursor) continue;
      const start = w.start > cursor ? w.start : cursor;
      const available = w.end.toMillis() - start.toMillis();
      if (remaining <= available) return start.plus({ milliseconds: remaining }).toJSDate();
      remaining -= available;
      cursor = w.end;
    }
  }
  throw new Error('calendar has no open hours within the horizon');
}

/** Business minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(c: BusinessCalendar, from: Date, to: Date): number {
  if (to <= from) return 0;
  if (c.alwaysOpen) return (to.getTime() - from.getTime()) / 60_000;
  const end = DateTime.fromJSDate(to, { zone: c.timeZone });
  const begin = DateTime.fromJSDate(from, { zone: c.timeZone });
  let total = 0;
  for (let day: DateTime = begin.startOf('day'); day <= end; day = day.plus({ days: 1 }).startOf('day')) {
    for (const w of windowsOf(c, day)) {
      const s = w.start > begin ? w.start : begin;
      const e = w.end < end ? w.end : end;
      if (e > s) total += e.toMillis() - s.toMillis();
    }
  }
  return total / 60_000;
}
