import { DateTime } from 'luxon';
import type { DateOverride, TimeRange, WeeklyRange } from '../entities/index.ts';

/**
 * Open slots, computed with luxon in each member's own time zone: "09:00 on Mondays" is 09:00 local
 * on both sides of a daylight-saving change (so its UTC instant moves), and a range that falls into
 * a spring-forward gap starts at the first local time that exists.
 */
export interface HostCalendar {
  hostId: string;
  timeZone: string;
  weekly: WeeklyRange[];
  overrides: DateOverride[];
  /** Time already taken: booked meetings (with their buffers) and external busy blocks. */
  busy: { start: Date; end: Date }[];
}

export interface SlotRules {
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minimumNoticeMinutes: number;
  maxDaysAhead: number;
  slotStepMinutes: number | null;
}

export interface Slot {
  startsAt: Date;
  endsAt: Date;
  /** The hosts free for it (one for a one-person type; any of them for round robin). */
  hostIds: string[];
}

/** The ranges a member offers on one local date: the date's override, else the weekday's hours. */
export function rangesOn(date: DateTime, weekly: WeeklyRange[], overrides: DateOverride[]): TimeRange[] {
  const iso = date.toISODate();
  const override = overrides.find((o) => o.date === iso);
  if (override) return override.ranges;
  return weekly.filter((w) => w.weekday === date.weekday);
}

const at = (date: DateTime, hhmm: string) => {
  if (hhmm === '24:00') return date.plus({ days: 1 }).startOf('day');
  const [h, m] = hhmm.split(':').map(Number);
  return date.set({ hour: h ?? 0, minute: m ?? 0, second: 0, millisecond: 0 });
};

/** Every slot start of one host in [from, to), earliest first. */
export function hostSlots(cal: HostCalendar, rules: SlotRules, o: { now: Date; from: Date; to: Date }): Slot[] {
  const step = rules.slotStepMinutes ?? rules.durationMinutes;
  const earliest = DateTime.fromJSDate(o.now).plus({ minutes: rules.minimumNoticeMinutes });
  const latest = DateTime.fromJSDate(o.now).plus({ days: rules.maxDaysAhead });
  const from = DateTime.max(DateTime.fromJSDate(o.from), earliest);
  const to = DateTime.min(DateTime.fromJSDate(o.to), latest);
  if (to <= from) return [];
  // Busy time as epoch milliseconds, sorted by start: each candidate is checked with plain numbers.
  const lo = from.toMillis() - 86_400_000;
  const hi = to.toMillis() + 86_400_000;
  const busy = cal.busy
    .map((b) => [b.start.getTime(), b.end.getTime()] as const)
    .filter(([bs, be]) => be > bs && be > lo && bs < hi)
    .sort((a, b) => a[0] - b[0]);
  const before = rules.bufferBeforeMinutes * 60_000;
  const after = rules.bufferAfterMinutes * 60_000;
  const overlapsBusy = (start: number, end: number) => {
    for (const [bs, be] of busy) {
      if (bs >= end) return false;
      if (be > start) return true;
    }
    return false;
  };
  const out: Slot[] = [];
  // A day before and after in the member's zone, so ranges that cross into [from, to) are seen.
  let day = from.setZone(cal.timeZone).startOf('day').minus({ days: 1 });
  const lastDay = to.setZone(cal.timeZone).startOf('day').plus({ days: 1 });
  while (day <= lastDay) {
    for (const r of rangesOn(day, cal.weekly, cal.overrides)) {
      const end = at(day, r.end);
      for (let s = at(day, r.start); s.plus({ minutes: rules.durationMinutes }) <= end; s = s.plus({ minutes: step })) {
        const e = s.plus({ minutes: rules.durationMinutes });
        if (s < from || s >= to) continue;
        if (overlapsBusy(s.toMillis() - before, e.toMillis() + after)) continue;
        out.push({ startsAt: s.toJSDate(), endsAt: e.toJSDate(), hostIds: [cal.hostId] });
      }
    }
    day = day.plus({ days: 1 });
  }
  return out;
}

/**
 * Slots of several hosts merged by start time: by default (round robin) a slot is open while anyone
 * is free; with `all` (collective) only while every host of `cals` is.
 */
export function openSlots(
  cals: HostCalendar[],
  rules: SlotRules,
  o: { now: Date; from: Date; to: Date },
  mode: 'any' | 'all' = 'any',
): Slot[] {
  const byStart = new Map<number, Slot>();
  for (const cal of cals)
    for (const slot of hostSlots(cal, rules, o)) {
      const key = slot.startsAt.getTime();
      const seen = byStart.get(key);
      if (seen) seen.hostIds.push(cal.hostId);
      else byStart.set(key, slot);
    }
  return [...byStart.values()]
    .filter((s) => mode === 'any' || s.hostIds.length === cals.length)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** Problems with a set of ranges of one day: bad times, empty ranges, overlaps (named by path). */
export function rangeProblems(ranges: TimeRange[], pathOf: (i: number, f: string) => string) {
  const problems: { path: string; message: string }[] = [];
  ranges.forEach((r, i) => {
    if (!HHMM.test(r.start)) problems.push({ path: pathOf(i, 'start'), message: 'must be a time HH:mm' });
    if (!HHMM.test(r.end)) problems.push({ path: pathOf(i, 'end'), message: 'must be a time HH:mm' });
    if (HHMM.test(r.start) && HHMM.test(r.end) && minutesOf(r.end) <= minutesOf(r.start))
      problems.push({ path: pathOf(i, 'end'), message: 'must be after start' });
  });
  if (problems.length) return problems;
  const sorted = ranges.map((r, i) => ({ ...r, i })).sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1]!;
    const cur = sorted[k]!;
    if (minutesOf(cur.start) < minutesOf(prev.end))
      problems.push({ path: pathOf(cur.i, 'start'), message: `overlaps ${prev.start}-${prev.end} on the same day` });
  }
  return problems;
}
