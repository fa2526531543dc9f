import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { badInput, parseInput } from '@nexus/platform';
import { MarketingSettings, type AudienceMember, type Campaign } from '../entities/index.ts';

/**
 * The one place every marketing send asks "may this email go now?" (campaigns today; workflows and
 * sequences call the same `sendDecision`): the trip quiet period, the frequency cap across
 * campaigns, quiet hours in the recipient's time zone and a campaign's local send time. Also the
 * throttle's warm-up ramp and UTM tagging of links. Transactional mail never comes here.
 */

export const QUIET_BEFORE_DEPARTURE_MS = 72 * 3600 * 1000;
const DAY_MS = 86_400_000;

export interface SettingsValues {
  frequencyCapCount: number | null;
  frequencyCapDays: number;
  quietHoursStart: number | null;
  quietHoursEnd: number | null;
  defaultTimezone: string;
  warmupStartRate: number | null;
  warmupStartedOn: string | null;
  warmupDailyIncreasePercent: number;
}

export const DEFAULT_SETTINGS: SettingsValues = {
  frequencyCapCount: null,
  frequencyCapDays: 7,
  quietHoursStart: null,
  quietHoursEnd: null,
  defaultTimezone: 'UTC',
  warmupStartRate: null,
  warmupStartedOn: null,
  warmupDailyIncreasePercent: 50,
};

const SETTINGS_ID = 1;
const CACHE_MS = 5_000;
let cache: { at: number; values: SettingsValues; db: string } | null = null;

/** The settings (defaults when never saved); cached a few seconds per database, as every send reads them. */
export async function loadSettings(em: EntityManager, fresh = false): Promise<SettingsValues> {
  const db = em.getConnection().getConnectionOptions().database ?? '';
  if (!fresh && cache && cache.db === db && Date.now() - cache.at < CACHE_MS) return cache.values;
  const row = await em.fork().findOne(MarketingSettings, { id: SETTINGS_ID });
  const values = row ? pickValues(row) : DEFAULT_SETTINGS;
  cache = { at: Date.now(), values, db };
  return values;
}

const pickValues = (s: MarketingSettings): SettingsValues => ({
  frequencyCapCount: s.frequencyCapCount ?? null,
  frequencyCapDays: s.frequencyCapDays,
  quietHoursStart: s.quietHoursStart ?? null,
  quietHoursEnd: s.quietHoursEnd ?? null,
  defaultTimezone: s.defaultTimezone,
  warmupStartRate: s.warmupStartRate ?? null,
  warmupStartedOn: s.warmupStartedOn ?? null,
  warmupDailyIncreasePercent: s.warmupDailyIncreasePercent,
});

export const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const hour = z.number().int().min(0, { message: 'must be an hour from 0 to 23' }).max(23, {
  message: 'must be an hour from 0 to 23',
});
const settingsInput = z.object({
  frequencyCapCount: z.number().int().min(1).max(100).nullish(),
  frequencyCapDays: z.number().int().min(1).max(90).optional(),
  quietHoursStart: hour.nullish(),
  quietHoursEnd: hour.nullish(),
  defaultTimezone: z.string().refine(isTimeZone, { message: 'is not an IANA time zone' }).optional(),
  warmupStartRate: z.number().int().min(1).max(10_000).nullish(),
  warmupStartedOn: z.iso.date({ message: 'must be a date (YYYY-MM-DD)' }).nullish(),
  warmupDailyIncreasePercent: z.number().int().min(1).max(1000).optional(),
});

/** A manager's change: only the given fields; quiet hours come as a pair; warm-up needs its rate and start day. */
export async function updateSettings(em: EntityManager, input: unknown): Promise<SettingsValues> {
  const data = parseInput(settingsInput, input);
  const row =
    (await em.findOne(MarketingSettings, { id: SETTINGS_ID })) ??
    em.create(MarketingSettings, { id: SETTINGS_ID, ...DEFAULT_SETTINGS });
  const next = { ...pickValues(row) };
  for (const [k, v] of Object.entries(data)) if (v !== undefined) Object.assign(next, { [k]: v });
  if (
    (next.quietHoursStart === null) !== (next.quietHoursEnd === null) ||
    (next.quietHoursStart !== null && next.quietHoursStart === next.quietHoursEnd)
  )
    throw badInput('Quiet hours need a different start and end hour (or neither).', [
      { path: 'input.quietHoursEnd', message: 'must be set with quietHoursStart and differ from it' },
    ]);
  if ((next.warmupStartRate === null) !== (next.warmupStartedOn === null))
    throw badInput('A warm-up needs both its starting rate and its first day (or neither).', [
      { path: 'input.warmupStartedOn', message: 'must be set with warmupStartRate' },
    ]);
  if (data.defaultTimezone) {
    const known = await em.execute(`select 1 from pg_timezone_names where name = ?`, [data.defaultTimezone]);
    if (!known.length)
      throw badInput('Unknown time zone.', [{ path: 'input.defaultTimezone', message: 'is not an IANA time zone' }]);
  }
  em.assign(row, next);
  await em.flush();
  cache = null;
  return pickValues(row);
}

/** Emails per second the throttle allows now: the configured rate, or less while warming up. */
export function effectiveSendRate(s: SettingsValues, configured: number, now: Date): number {
  if (s.warmupStartRate === null || s.warmupStartedOn === null) return configured;
  const days = Math.floor((now.getTime() - Date.parse(`${s.warmupStartedOn}T00:00:00Z`)) / DAY_MS);
  if (days < 0) return configured;
  const rate = Math.floor(s.warmupStartRate * (1 + s.warmupDailyIncreasePercent / 100) ** days);
  return Math.max(1, Math.min(configured, rate));
}

/** Minutes past local midnight in this time zone (the default one when the contact's is unknown). */
function localMinutes(now: Date, tz: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: 'numeric', minute: 'numeric', hourCycle: 'h23' })
    .formatToParts(now)
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return Number(parts.hour) * 60 + Number(parts.minute);
}

/** Whether the contact is on a trip now: departed and not yet back. */
export const travellingAt = (m: Partial<Pick<AudienceMember, 'nextDepartureAt' | 'nextReturnAt'>>, now: Date) =>
  !!m.nextDepartureAt &&
  now.getTime() >= m.nextDepartureAt.getTime() &&
  now.getTime() <= (m.nextReturnAt ?? m.nextDepartureAt).getTime();

/**
 * The zone a contact's clock reads: while travelling, where the trip's itinerary puts them; else
 * their own; else the account's default. Without `now`, their own or the default.
 */
export const timeZoneOf = (
  m: Pick<AudienceMember, 'timezone'> &
    Partial<Pick<AudienceMember, 'travelTimeZone' | 'nextDepartureAt' | 'nextReturnAt'>>,
  s: SettingsValues,
  now?: Date,
) =>
  now && m.travelTimeZone && isTimeZone(m.travelTimeZone) && travellingAt(m, now)
    ? m.travelTimeZone
    : m.timezone && isTimeZone(m.timezone)
      ? m.timezone
      : s.defaultTimezone;

/** In a trip quiet period: from 72 h before departure until return, no promotions. */
export const inTripQuietPeriod = (m: Pick<AudienceMember, 'nextDepartureAt' | 'nextReturnAt'>, now: Date) =>
  !!m.nextDepartureAt &&
  now.getTime() >= m.nextDepartureAt.getTime() - QUIET_BEFORE_DEPARTURE_MS &&
  now.getTime() <= (m.nextReturnAt ?? m.nextDepartureAt).getTime();

/** When quiet hours end for this contact, if `now` falls in them; null otherwise. */
export function quietHoursUntil(s: SettingsValues, tz: string, now: Date): Date | null {
  if (s.quietHoursStart === null || s.quietHoursEnd === null) return null;
  const local = localMinutes(now, tz);
  const start = s.quietHoursStart * 60;
  const end = s.quietHoursEnd * 60;
  const quiet = start < end ? local >= start && local < end : local >= start || local < end;
  if (!quiet) return null;
  const wait = (end - local + 1440) % 1440;
  return new Date(Math.floor(now.getTime() / 60_000) * 60_000 + wait * 60_000);
}

export type SendDecision =
  { action: 'send' } | { action: 'skip'; reason: string } | { action: 'defer'; until: Date; reason: string };

/**
 * May this marketing email go to this contact now? Skips during a trip (promotions) and over the
 * frequency cap (marketing emails sent to the contact in the cap's window, any campaign); defers
 * until the row's own send time and out of quiet hours.
 */
export async function sendDecision(
  em: EntityManager,
  s: SettingsValues,
  m: Pick<AudienceMember, 'id' | 'timezone' | 'nextDepartureAt' | 'nextReturnAt'>,
  o: { promotional: boolean; notBefore: Date | null; now: Date },
): Promise<SendDecision> {
  if (o.promotional && inTripQuietPeriod(m, o.now)) return { action: 'skip', reason: 'trip quiet period' };
  if (o.notBefore && o.notBefore.getTime() > o.now.getTime())
    return { action: 'defer', until: o.notBefore, reason: 'local send time' };
  const quietUntil = quietHoursUntil(s, timeZoneOf(m, s, o.now), o.now);
  if (quietUntil) return { action: 'defer', until: quietUntil, reason: 'quiet hours' };
  if (s.frequencyCapCount !== null) {
    const [row] = await em.execute<{ n: string }[]>(
      `select count(*) as n from email_send where contact_id = ? and kind = 'CAMPAIGN' and status = 'SENT' and sent_at > ?`,
      [m.id, new Date(o.now.getTime() - s.frequencyCapDays * DAY_MS)],
    );
    if (Number(row?.n ?? 0) >= s.frequencyCapCount) return { action: 'skip', reason: 'frequency cap' };
  }
  return { action: 'send' };
}

/**
 * Gives each row of a campaign its local send time: the first `HH:MM` in the contact's time zone
 * (the default one when unknown or not a zone PostgreSQL and Intl both know) at or after `from`.
 */
export async function applyLocalSendTimes(
  em: EntityManager,
  campaignId: string,
  from: Date,
  hhmm: string,
  s: SettingsValues,
): Promise<void> {
  const named = await em.execute<{ timezone: string }[]>(
    `select distinct a.timezone from email_send s join audience_member a on a.id = s.contact_id
     where s.campaign_id = ? and a.timezone is not null`,
    [campaignId],
  );
  const candidates = named.map((r) => r.timezone).filter(isTimeZone);
  const known = candidates.length
    ? (
        await em.execute<{ name: string }[]>(`select name from pg_timezone_names where name = any(?::text[])`, [
          `{${candidates.map((t) => `"${t.replace(/["\\]/g, '')}"`).join(',')}}`,
        ])
      ).map((r) => r.name)
    : [];
  await em.execute(
    `update email_send s
       set not_before = (case when l.t >= (?::timestamptz at time zone l.tz) then l.t else l.t + interval '1 day' end) at time zone l.tz
     from audience_member a,
       lateral (select z.tz, ((?::timestamptz at time zone z.tz)::date + ?::time) as t
                from (select case when a.timezone = any(?::text[]) then a.timezone else ? end as tz) z) l
     where a.id = s.contact_id and s.campaign_id = ?`,
    [from, from, hhmm, `{${known.map((t) => `"${t}"`).join(',')}}`, s.defaultTimezone, campaignId],
  );
}

export const slug = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 100) || 'campaign';

/** Adds the campaign's UTM parameters to an http(s) link (parameters the link already has win). */
export function tagUtm(campaign: Pick<Campaign, 'utmEnabled' | 'utmSource' | 'utmMedium' | 'utmCampaign' | 'name'>) {
  return (url: string): string => {
    if (!campaign.utmEnabled) return url;
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return url;
    }
    const set = (k: string, v: string) => {
      if (!u.searchParams.has(k)) u.searchParams.set(k, v);
    };
    set('utm_source', campaign.utmSource);
    set('utm_medium', campaign.utmMedium);
    set('utm_campaign', campaign.utmCampaign || slug(campaign.name));
    return u.toString();
  };
}
