/**
 * Calendar weeks in a person's own time zone: "due this week" must not depend on the server's
 * clock zone or start on a day the person does not count as the first of the week.
 */

const DAY_MS = 86_400_000;

/** The zone's local date and weekday (0 Sunday … 6 Saturday) at an instant. */
function localDate(at: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    weekday: 'short',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return { year: Number(get('year')), month: Number(get('month')), day: Number(get('day')), weekday };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - Math.floor(at / 1000) * 1000;
}

/** The instant the zone's clocks show midnight starting the given calendar day. */
export function zonedMidnight(year: number, month: number, day: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day);
  let at = wall - offsetAt(wall, timeZone);
  // Once more at the guess: right across a daylight-saving change the offset differs.
  at = wall - offsetAt(at, timeZone);
  return new Date(at);
}

/** The person's first day of the week from their locale (0 Sunday, 1 Monday), Monday when unknown. */
export function localeFirstDay(locale: string): number {
  try {
    const info =
      (
        new Intl.Locale(locale) as Intl.Locale & {
          getWeekInfo?: () => { firstDay: number };
          weekInfo?: { firstDay: number };
        }
      ).getWeekInfo?.() ?? (new Intl.Locale(locale) as Intl.Locale & { weekInfo?: { firstDay: number } }).weekInfo;
    return info ? info.firstDay % 7 : 1;
  } catch {
    return 1;
  }
}

/** The calendar week holding `now` in `timeZone`: from midnight of its first day to the next week's. */
export function weekOf(now: Date, timeZone: string, firstDay: number): { start: Date; end: Date } {
  const today = localDate(now.getTime(), timeZone);
  const back = (today.weekday - firstDay + 7) % 7;
  // Calendar arithmetic at noon UTC, clear of any zone's day boundary.
  const startDay = new Date(Date.UTC(today.year, today.month - 1, today.day, 12) - back * DAY_MS);
  const endDay = new Date(startDay.getTime() + 7 * DAY_MS);
  const midnight = (d: Date) => zonedMidnight(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), timeZone);
  return { start: midnight(startDay), end: midnight(endDay) };
}
