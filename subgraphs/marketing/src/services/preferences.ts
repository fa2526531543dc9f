import type { EntityManager } from '@mikro-orm/postgresql';
import { QUEUES, TRANSACTIONAL_MAIL_JOB, enqueue } from '@nexus/platform';
import type { MarketingDeps } from '../context.ts';
import {
  EMAIL_FREQUENCIES,
  SUBSCRIPTION_LABELS,
  SUBSCRIPTION_TYPES,
  type EmailFrequency,
  type SubscriptionType,
} from '../entities/index.ts';
import { suppress } from './sending.ts';
import { signToken } from './tokens.ts';

/**
 * The public preference centre's rules: per address, the subscription types left, a lower
 * frequency (at most one marketing email a week or a month), a pause; export and erasure of what
 * marketing holds on the address, each confirmed by a link mailed to that address (so only its
 * owner can ask). Campaigns read `preferenceBlock` at send time.
 */

export interface Preferences {
  email: string;
  leftTypes: SubscriptionType[];
  frequency: EmailFrequency;
  pausedUntil: Date | null;
  /** Suppressed for every marketing email (unsubscribed, bounced, complained, erased). */
  suppressed: string | null;
}

const FREQUENCY_DAYS: Record<EmailFrequency, number> = { NORMAL: 0, WEEKLY: 7, MONTHLY: 30 };

export async function loadPreferences(em: EntityManager, email: string): Promise<Preferences> {
  const addr = email.toLowerCase();
  const [row] = await em.execute<
    {
      left_types: string[] | null;
      frequency: EmailFrequency | null;
      paused_until: Date | null;
      reason: string | null;
    }[]
  >(
    `select p.left_types, p.frequency, p.paused_until, (select reason from suppression where email = ?) as reason
     from (select 1) x left join email_preference p on p.email = ?`,
    [addr, addr],
  );
  return {
    email: addr,
    leftTypes: (row?.left_types ?? []).filter((t): t is SubscriptionType =>
      (SUBSCRIPTION_TYPES as readonly string[]).includes(t),
    ),
    frequency: row?.frequency ?? 'NORMAL',
    pausedUntil: row?.paused_until ? new Date(row.paused_until) : null,
    suppressed: row?.reason ?? null,
  };
}

/**
 * Why a campaign email of this type may not go to this address now (null: it may): the type was
 * left, the person paused email, or a lower frequency already had its email this period.
 */
export interface PreferenceRow {
  left_types: string[];
  frequency: EmailFrequency;
  paused_until: Date | string | null;
}

export async function preferenceBlock(
  em: EntityManager,
  email: string,
  type: SubscriptionType,
  now: Date,
  /** The address's preference row when the caller already read it (null: it has none). */
  known?: { row: PreferenceRow | null },
): Promise<string | null> {
  const row = known
    ? known.row
    : ((
        await em.execute<PreferenceRow[]>(
          `select left_types, frequency, paused_until from email_preference where email = ?`,
          [email.toLowerCase()],
        )
      )[0] ?? null);
  if (!row) return null;
  if (row.left_types.includes(type)) return `left ${type.toLowerCase()} in the preference centre`;
  if (row.paused_until && new Date(row.paused_until).getTime() > now.getTime())
    return `paused email until ${new Date(row.paused_until).toISOString().slice(0, 10)}`;
  const days = FREQUENCY_DAYS[row.frequency];
  if (days) {
    const [recent] = await em.execute<{ n: string }[]>(
      `select count(*) as n from email_send where to_address = ? and kind = 'CAMPAIGN' and status = 'SENT' and sent_at > ?`,
      [email.toLowerCase(), new Date(now.getTime() - days * 86_400_000)],
    );
    if (Number(recent?.n ?? 0) > 0) return `asked for at most one email a ${days === 7 ? 'week' : 'month'}`;
  }
  return null;
}

export interface PreferenceChoice {
  /** Types the person still wants; the others are left. */
  keep: SubscriptionType[];
  frequency: EmailFrequency;
  /** Days to pause for (0: no pause). */
  pauseDays: number;
}

/** Reads the preference form (urlencoded); unknown values fall back to the safe choice. */
export function readChoice(form: URLSearchParams): PreferenceChoice {
  const keep = form
    .getAll('type')
    .filter((t): t is SubscriptionType => (SUBSCRIPTION_TYPES as readonly string[]).includes(t));
  const f = form.get('frequency') ?? 'NORMAL';
  const frequency = (EMAIL_FREQUENCIES as readonly string[]).includes(f) ? (f as EmailFrequency) : 'NORMAL';
  const pause = Number(form.get('pause') ?? 0);
  return { keep, frequency, pauseDays: [0, 30, 90, 180].includes(pause) ? pause : 0 };
}

export async function savePreferences(em: EntityManager, email: string, c: PreferenceChoice, now: Date): Promise<void> {
  const left = SUBSCRIPTION_TYPES.filter((t) => !c.keep.includes(t));
  await em.execute(
    `insert into email_preference (email, left_types, frequency, paused_until, updated_at) values (?, ?::text[], ?, ?, now())
     on conflict (email) do update set left_types = excluded.left_types, frequency = excluded.frequency,
       paused_until = excluded.paused_until, updated_at = now()`,
    [
      email.toLowerCase(),
      `{${left.join(',')}}`,
      c.frequency,
      c.pauseDays ? new Date(now.getTime() + c.pauseDays * 86_400_000) : null,
    ],
  );
}

export { SUBSCRIPTION_LABELS };

/** Whether marketing holds anything on this address (an audience member, a send, a suppression). */
export async function knowsAddress(em: EntityManager, email: string): Promise<boolean> {
  const addr = email.toLowerCase();
  const [row] = await em.execute<{ known: boolean }[]>(
    `select exists (select 1 from audience_member where lower(email) = ? and erased_at is null)
       or exists (select 1 from email_send where to_address = ?)
       or exists (select 1 from suppression where email = ?) as known`,
    [addr, addr, addr],
  );
  return !!row?.known;
}

const base = (deps: MarketingDeps) => deps.env.PUBLIC_URL.replace(/\/$/, '');
export const preferencesLink = (deps: MarketingDeps, payload: { s: string } | { e: string }) =>
  `${base(deps)}/preferences/${signToken(deps.env.UNSUBSCRIBE_SECRET, { p: 'preferences', ...payload }, deps.now())}`;

type LinkKind = 'preferences' | 'export' | 'erase';
const LINK_MAIL: Record<LinkKind, { subject: string; lead: string; action: string }> = {
  preferences: {
    subject: 'Your Travel Tamers email preferences',
    lead: 'Someone (we hope you) asked for a link to change which emails Travel Tamers sends to this address.',
    action: 'Open your email preferences',
  },
  export: {
    subject: 'Confirm: download your Travel Tamers marketing data',
    lead: 'You asked for a copy of the marketing data Travel Tamers holds on this address. The link works for 24 hours.',
    action: 'Download your data',
  },
  erase: {
    subject: 'Confirm: erase your Travel Tamers marketing data',
    lead: 'You asked us to erase the marketing data Travel Tamers holds on this address. Nothing happens until you confirm; the link works for 24 hours.',
    action: 'Erase my data',
  },
};

/**
 * Mails the address a signed link (through the transactional pipeline, like all one-person mail):
 * the owner of the mailbox confirms, not whoever filled in a form. At most one of each kind an hour.
 */
export async function mailLink(deps: MarketingDeps, em: EntityManager, email: string, kind: LinkKind): Promise<void> {
  const addr = email.toLowerCase();
  const path = kind === 'preferences' ? 'preferences' : `preferences/${kind}`;
  const url = `${base(deps)}/${path}/${signToken(deps.env.UNSUBSCRIBE_SECRET, { p: kind, e: addr }, deps.now())}`;
  const m = LINK_MAIL[kind];
  const hour = Math.floor(deps.now().getTime() / 3_600_000);
  enqueue(em, QUEUES.mail, TRANSACTIONAL_MAIL_JOB, {
    to: addr,
    subject: m.subject,
    text: `${m.lead}\n\n${m.action}: ${url}\n\nIf you did not ask for this, ignore this email: nothing changes.`,
    html: `<p>${m.lead}</p><p><a href="${url}">${m.action}</a></p><p>If you did not ask for this, ignore this email: nothing changes.</p>`,
    category: `preferences-${kind}`,
    dedupeKey: `preferences-${kind}:${addr}:${hour}`,
  });
  await em.flush();
}

/** Leaves every marketing email at once (the preference centre's "unsubscribe from all"). */
export const leaveAll = (em: EntityManager, email: string) => suppress(em, email, 'UNSUBSCRIBED', 'preference centre');

/** Everything marketing holds on an address, as the person downloads it. */
export async function exportData(em: EntityManager, email: string, now: Date) {
  const addr = email.toLowerCase();
  const members = await em.execute<Record<string, unknown>[]>(
    `select id, email, first_name as "firstName", last_name as "lastName", lifecycle_stage as "lifecycleStage",
       lead_status as "leadStatus", source, tags, score, company_type as "companyType", company_tier as "companyTier",
       custom_fields as "customFields", timezone, email_status as "emailStatus", consent_basis as "consentBasis",
       consent_source as "consentSource", consent_at as "consentAt", destinations, next_departure_at as "nextDepartureAt",
       next_return_at as "nextReturnAt", booking_value_cents as "bookingValueCents", passport_expires_on as "passportExpiresOn",
       sends_count as "sends", opens_count as "opens", clicks_count as "clicks", last_open_at as "lastOpenAt",
       last_click_at as "lastClickAt", created_at as "createdAt"
     from audience_member where lower(email) = ? and erased_at is null order by created_at`,
    [addr],
  );
  const emails = await em.execute<Record<string, unknown>[]>(
    `select s.id, s.kind, c.name as campaign, s.subject, s.status, s.sent_at as "sentAt", s.created_at as "createdAt"
     from email_send s left join campaign c on c.id = s.campaign_id where s.to_address = ? order by s.created_at`,
    [addr],
  );
  const events = await em.execute<Record<string, unknown>[]>(
    `select e.type, e.url, e.machine, e.created_at as "at", e.send_id as "emailId"
     from email_event e join email_send s on s.id = e.send_id where s.to_address = ? order by e.created_at`,
    [addr],
  );
  const [suppression] = await em.execute<Record<string, unknown>[]>(
    `select reason, detail, created_at as "since" from suppression where email = ?`,
    [addr],
  );
  const segments = await em.execute<{ name: string }[]>(
    `select distinct g.name from segment g join segment_member sm on sm.segment_id = g.id
       join audience_member a on a.id = sm.contact_id where lower(a.email) = ? and g.deleted_at is null order by g.name`,
    [addr],
  );
  const prefs = await loadPreferences(em, addr);
  return {
    exportedAt: now.toISOString(),
    controller: 'Travel Tamers',
    address: addr,
    preferences: {
      subscribedTypes: SUBSCRIPTION_TYPES.filter((t) => !prefs.leftTypes.includes(t)),
      frequency: prefs.frequency,
      pausedUntil: prefs.pausedUntil,
    },
    suppression: suppression ?? null,
    contacts: members,
    listsAndSegments: segments.map((s) => s.name),
    emails,
    events,
  };
}

/**
 * Erases an address's marketing data: its audience rows are anonymised (names, fields, travel
 * summary, engagement) and kept out of crm's feed, its list memberships and preferences deleted,
 * its sends stripped of the address and subject, and the address suppressed (reason ERASED) so no
 * marketing email ever reaches it again. Campaign counts and revenue figures stay (they name no one).
 */
export async function eraseData(em: EntityManager, email: string): Promise<{ contacts: number }> {
  const addr = email.toLowerCase();
  return em.transactional(async (tx) => {
    await tx.execute(
      `insert into suppression (email, reason, detail, created_at) values (?, 'ERASED', 'erased on request', now())
       on conflict (email) do update set reason = case when suppression.reason in ('HARD_BOUNCE','COMPLAINED') then suppression.reason else 'ERASED' end,
         detail = 'erased on request'`,
      [addr],
    );
    const ids = await tx.execute<{ id: string }[]>(
      `update audience_member set email = null, first_name = '', last_name = '', lifecycle_stage = null, lead_status = null,
         source = null, tags = '{}', score = 0, owner_id = null, company_id = null, company_type = null, company_tier = null,
         custom_fields = '{}', timezone = null, email_status = 'UNSUBSCRIBED', consent_basis = null, consent_source = null,
         consent_at = null, destinations = '{}', next_departure_at = null, next_return_at = null, booking_value_cents = 0,
         passport_expires_on = null, last_open_at = null, last_click_at = null, sends_count = 0, opens_count = 0,
         clicks_count = 0, erased_at = now(), deleted_at = coalesce(deleted_at, now())
       where lower(email) = ? returning id`,
      [addr],
    );
    const list = `{${ids.map((r) => r.id).join(',')}}`;
    await tx.execute(`delete from segment_member where contact_id = any(?::uuid[])`, [list]);
    await tx.execute(
      `update segment set member_count = (select count(*) from segment_member m where m.segment_id = segment.id)`,
    );
    await tx.execute(`delete from email_preference where email = ?`, [addr]);
    await tx.execute(
      `update email_event set url = null where send_id in (select id from email_send where to_address = ?)`,
      [addr],
    );
    await tx.execute(
      `update email_send set to_address = 'erased', subject = null, links = '[]', last_error = null where to_address = ?`,
      [addr],
    );
    return { contacts: ids.length };
  });
}
