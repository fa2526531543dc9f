/** How numbers, money and dates read everywhere in the app: one place, one locale decision. */

const whole = new Intl.NumberFormat('en-US');
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const usdCompact = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumFractionDigits: 1,
});
const day = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });
// Calendar dates (`YYYY-MM-DD`) carry no time zone: read and print them in UTC so they never shift a day.
const calendarDay = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
const dayTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
const relative = new Intl.RelativeTimeFormat('en-US', { numeric: 'auto' });

export const formatNumber = (value: number): string => whole.format(value);

/** Money is integer cents end to end; it becomes dollars only here, for reading. */
export const formatCents = (cents: number): string => usd.format(cents / 100);
export const formatCentsCompact = (cents: number): string => usdCompact.format(cents / 100);

export const formatDay = (iso: string): string => day.format(new Date(iso));
export const formatDateTime = (iso: string): string => dayTime.format(new Date(iso));

/** A calendar date (`2026-12-13`) as `Dec 13, 2026`. */
export const formatCalendarDate = (date: string): string => calendarDay.format(new Date(`${date}T00:00:00Z`));

/** "3 minutes ago", "in 2 days". */
export function formatRelative(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
  if (abs < 30 * 86_400) return relative.format(Math.round(seconds / 86_400), 'day');
  return formatDay(iso);
}

/** Today as a calendar date in UTC, as the travel filters expect it. */
export function calendarDate(offsetDays = 0, now = Date.now()): string {
  return new Date(now + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

export const personName = (person: { firstName: string; lastName?: string | null }): string =>
  [person.firstName, person.lastName].filter(Boolean).join(' ');

/** `SALES_QUALIFIED` → `Sales qualified`, for enum values without a hand-written label. */
export function humanize(value: string): string {
  const words = value.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
