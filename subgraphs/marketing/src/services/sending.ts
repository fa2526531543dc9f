import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  NOTIFY_JOB,
  QUEUES,
  classifySmtpFailure,
  enqueue,
  type Job,
  type Logger,
  type TransactionalMailJob,
} from '@nexus/platform';
import {
  type AudienceMember,
  Campaign,
  EmailSend,
  Segment,
  Suppression,
  type CampaignVariant,
} from '../entities/index.ts';
import { refreshSegment } from './segments.service.ts';
import type { MarketingDeps } from '../context.ts';
import { renderEmail, type MergeContact } from './render.ts';
import { signToken } from './tokens.ts';
import { preferenceBlock, preferencesLink } from './preferences.ts';
import type { EmailFrequency } from '../entities/index.ts';
import { acquireSendSlot } from './throttle.ts';
import { batched } from './batch.ts';
import { applyLocalSendTimes, effectiveSendRate, loadSettings, sendDecision, tagUtm } from './send-policy.ts';

/**
 * The sending pipeline (J-02, DR-15): one send row per (campaign, contact), one job per row; merge
 * and suppression checks at send time; SMTP replies classified (5xx: suppress, no retry; 4xx:
 * retry with backoff); atomic counters; the campaign flips to SENT when no row is left to send.
 */

const MAX_ATTEMPTS = 3;
/** A deferred send's job waits at most this long; due or not, it checks again then. */
const MAX_DELAY_MS = 24 * 3600 * 1000;

const domainOf = (fromAddress: string) => /@([^>\s]+)/.exec(fromAddress)?.[1] ?? 'nexus.local';

export const unsubscribeUrl = (deps: MarketingDeps, sendId: string) =>
  `${deps.env.PUBLIC_URL.replace(/\/$/, '')}/unsubscribe/${signToken(deps.env.UNSUBSCRIBE_SECRET, { p: 'unsubscribe', s: sendId }, deps.now())}`;

const trackUrl = (deps: MarketingDeps, sendId: string) => (url: string) =>
  `${deps.env.PUBLIC_URL.replace(/\/$/, '')}/t/c/${signToken(deps.env.UNSUBSCRIBE_SECRET, { p: 'click', s: sendId, u: url }, deps.now())}`;

const openPixel = (deps: MarketingDeps, sendId: string) =>
  `${deps.env.PUBLIC_URL.replace(/\/$/, '')}/t/o/${signToken(deps.env.UNSUBSCRIBE_SECRET, { p: 'open', s: sendId }, deps.now())}`;

export const mergeContactOf = (
  m: Pick<
    AudienceMember,
    | 'firstName'
    | 'lastName'
    | 'email'
    | 'lifecycleStage'
    | 'score'
    | 'tags'
    | 'companyType'
    | 'timezone'
    | 'nextDepartureAt'
    | 'destinations'
  >,
): MergeContact => ({
  firstName: m.firstName,
  lastName: m.lastName,
  email: m.email ?? null,
  lifecycleStage: m.lifecycleStage ?? null,
  score: m.score,
  tags: m.tags,
  companyType: m.companyType ?? null,
  timezone: m.timezone ?? null,
  nextDepartureAt: m.nextDepartureAt ?? null,
  destinations: m.destinations,
});

/** Whether marketing may not reach this address (any suppression) or, `hardOnly`, transactional may not. */
export async function isSuppressed(em: EntityManager, email: string, hardOnly: boolean): Promise<boolean> {
  const row = await em.findOne(Suppression, { email: email.toLowerCase() });
  if (!row) return false;
  return hardOnly ? row.reason === 'HARD_BOUNCE' || row.reason === 'COMPLAINED' : true;
}

export async function suppress(
  em: EntityManager,
  email: string,
  reason: Suppression['reason'],
  detail: string | null,
): Promise<void> {
  await em.execute(
    `insert into suppression (email, reason, detail, created_at) values (?, ?, ?, now())
     on conflict (email) do update set reason = case when suppression.reason in ('HARD_BOUNCE','COMPLAINED') then suppression.reason else excluded.reason end, detail = excluded.detail`,
    [email.toLowerCase(), reason, detail?.slice(0, 500) ?? null],
  );
  const status = reason === 'HARD_BOUNCE' ? 'BOUNCED' : reason === 'COMPLAINED' ? 'COMPLAINED' : 'UNSUBSCRIBED';
  await em.execute(`update audience_member set email_status = ? where lower(email) = ?`, [status, email.toLowerCase()]);
}

/**
 * Moves a campaign to SENDING and creates one send row and one job per recipient, in one
 * transaction (so a second checker finds it already SENDING and does nothing).
 */
export async function startCampaign(deps: MarketingDeps, campaignId: string, log: Logger): Promise<number> {
  // Dynamic segments are refreshed first, so the audience is who matches now.
  const draft = await deps.orm.em.fork().findOne(Campaign, { id: campaignId });
  if (!draft || (draft.status !== 'SCHEDULED' && draft.status !== 'DRAFT')) return 0;
  const dynamic = await deps.orm.em.fork().find(Segment, { id: { $in: draft.segmentIds }, kind: 'DYNAMIC' });
  for (const segment of dynamic) await refreshSegment(deps.orm.em.fork(), deps.bus, log, segment.id);
  return deps.orm.em.fork().transactional(async (em) => {
    const rows = await em.execute<{ id: string }[]>(
      `update campaign set status = 'SENDING', started_at = ?, updated_at = now() where id = ? and status in ('SCHEDULED','DRAFT') and deleted_at is null returning id`,
      [deps.now(), campaignId],
    );
    if (rows.length === 0) return 0;
    const campaign = await em.findOneOrFail(Campaign, { id: campaignId });
    const variants: CampaignVariant[] = campaign.variants.length
      ? campaign.variants
      : [{ key: 'A', subject: '', percent: 100 }];
    // Recipients in a stable random order; the first testPercent are split among the variants by their
    // percentages, the rest wait (HELD) for the winner.
    const cumulative: { key: string; upTo: number }[] = [];
    let acc = 0;
    for (const v of variants) {
      acc += v.percent;
      cumulative.push({ key: v.key, upTo: acc });
    }
    const caseSql = cumulative
      .map((c) => `when pos * 100.0 / n_test <= ${c.upTo} then '${c.key.replace(/'/g, '')}'`)
      .join(' ');
    const inserted = await em.execute<{ n: string }[]>(
      `with audience as (
         select distinct on (lower(a.email)) a.id, a.email from audience_member a
         join segment_member sm on sm.contact_id = a.id
         where sm.segment_id = any(?::uuid[]) and a.deleted_at is null and a.email is not null
           and a.email_status in ('SUBSCRIBED','PENDING')
           and not exists (select 1 from suppression s where s.email = lower(a.email))
           and not exists (select 1 from email_preference p where p.email = lower(a.email) and ? = any(p.left_types))
         order by lower(a.email), a.id
       ), ordered as (
         select id, email, row_number() over (order by md5(id::text || ?)) as pos, count(*) over () as total from audience
       ), split as (
         select id, email, pos, greatest(1, ceil(total * ? / 100.0)) as n_test from ordered
       ), ins as (
         insert into email_send (id, kind, campaign_id, contact_id, to_address, variant, status, attempts, links, created_at, message_id)
         select gen_random_uuid(), 'CAMPAIGN', ?, id, lower(email),
           ${campaign.variants.length ? `case when pos <= n_test then (case ${caseSql} else '${cumulative.at(-1)?.key ?? 'A'}' end) end` : 'null'},
           (case when pos <= n_test then 'QUEUED' else 'HELD' end)::mk_send_status, 0, '[]', now(), null
         from split
         on conflict (campaign_id, contact_id) do nothing
         returning 1
       ) select count(*) as n from ins`,
      [`{${campaign.segmentIds.join(',')}}`, campaign.subscriptionType, campaign.id, campaign.testPercent, campaign.id],
    );
    const total = Number(inserted[0]?.n ?? 0);
    await em.execute(`update campaign set total_recipients = ? where id = ?`, [total, campaign.id]);
    await em.execute(
      `update email_send set message_id = '<' || id || '@' || ? || '>' where campaign_id = ? and message_id is null`,
      [domainOf(deps.env.MAIL_FROM), campaign.id],
    );
    if (campaign.sendLocalTime)
      await applyLocalSendTimes(em, campaign.id, deps.now(), campaign.sendLocalTime, await loadSettings(em));
    await queueSends(em, campaign.id, 'start');
    log.info({ campaignId, recipients: total }, 'campaign started');
    if (total === 0) await finishIfDone(em, campaign.id, deps.now());
    return total;
  });
}

/**
 * One outbox job per QUEUED send row of the campaign (`staleBefore`: only rows last queued before
 * then); `round` keeps each round's job ids apart. A row queued twice is still sent once: its job
 * takes the row's lock and checks its status.
 */
export async function queueSends(
  em: EntityManager,
  campaignId: string,
  round: string,
  staleBefore?: Date,
): Promise<number> {
  const stale = staleBefore ? `and (s.queued_at is null or s.queued_at < ?)` : '';
  const params = staleBefore ? [campaignId, staleBefore] : [campaignId];
  const rows = await em.execute<{ id: string }[]>(
    `update email_send s set queued_at = now() where s.campaign_id = ? and s.status = 'QUEUED' ${stale} returning s.id`,
    params,
  );
  if (rows.length === 0) return 0;
  // A row with a later send time (the recipient's local time) is queued with that delay.
  await em.execute(
    `insert into outbox_message (id, queue, job_name, payload, job_id, delay_ms, created_at)
     select gen_random_uuid(), ?, 'campaign-send', json_build_object('sendId', s.id), 'send:' || s.id || ':' || ?,
       least(?, greatest(0, coalesce(ceil(extract(epoch from (s.not_before - now())) * 1000), 0)))::int, now()
     from email_send s where s.id = any(?::uuid[])`,
    [QUEUES.marketing, round, MAX_DELAY_MS, `{${rows.map((r) => r.id).join(',')}}`],
  );
  return rows.length;
}

/** Rows whose job died (a killed worker, a dead-lettered job) are queued again after this long. */
export const REQUEUE_AFTER_MS = 2 * 60_000;

/** Flips a SENDING campaign to SENT when no row is left to send, and tells its owner (once). */
export async function finishIfDone(em: EntityManager, campaignId: string, now: Date): Promise<boolean> {
  const rows = await em.execute<{ owner_id: string | null; name: string; total_sent: number }[]>(
    `update campaign set status = 'SENT', completed_at = ?, updated_at = now()
     where id = ? and status = 'SENDING'
       and not exists (select 1 from email_send where campaign_id = ? and status in ('QUEUED','HELD'))
     returning owner_id, name, total_sent`,
    [now, campaignId, campaignId],
  );
  const done = rows[0];
  if (!done) return false;
  if (done.owner_id) {
    enqueue(em, QUEUES.notifications, NOTIFY_JOB, {
      userId: done.owner_id,
      type: 'CAMPAIGN_COMPLETED',
      title: `Campaign “${done.name}” has been sent`,
      body: `${done.total_sent} email(s) sent.`,
      link: `/marketing/campaigns/${campaignId}`,
      dedupeKey: `campaign-completed:${campaignId}`,
    });
    await em.flush();
  }
  return true;
}

type Outcome = 'sent' | 'suppressed' | 'skipped' | 'failed' | 'waiting' | 'deferred';

/**
 * Puts a send off until `until` (its local send time, the end of quiet hours): a delayed job, and the
 * row counts as queued then, so the checker's sweep leaves it alone until it is due.
 */
async function deferSend(em: EntityManager, sendId: string, until: Date, now: Date): Promise<void> {
  await em.transactional(async (tx) => {
    const rows = await tx.execute<{ id: string }[]>(
      `update email_send set not_before = ?, queued_at = ?, lease_until = null where id = ? and status = 'QUEUED' returning id`,
      [until, until, sendId],
    );
    if (!rows.length) return;
    enqueue(
      tx,
      QUEUES.marketing,
      'campaign-send',
      { sendId },
      {
        jobId: `send:${sendId}:at-${until.getTime()}`,
        delayMs: Math.min(MAX_DELAY_MS, Math.max(0, until.getTime() - now.getTime())),
      },
    );
  });
}

/** Settles a send row that will not be sent (suppressed, skipped, failed) and counts it. */
async function settleRow(
  em: EntityManager,
  send: Pick<EmailSend, 'id' | 'campaignId'>,
  status: 'SUPPRESSED' | 'SKIPPED' | 'FAILED',
  error: string | null,
  now: Date,
) {
  const changed = await em.execute<{ id: string }[]>(
    `update email_send set status = ?, last_error = ?, lease_until = null where id = ? and status = 'QUEUED' returning id`,
    [status, error?.slice(0, 500) ?? null, send.id],
  );
  if (!changed.length || !send.campaignId) return;
  const column = status === 'FAILED' ? 'total_failed' : 'total_suppressed';
  await em.execute(
    `update campaign set ${column} = ${column} + 1${status === 'FAILED' ? ', error_count = error_count + 1' : ''} where id = ?`,
    [send.campaignId],
  );
  await finishIfDone(em, send.campaignId, now);
}

/**
 * The `campaign-send` processor: sends one row, at most once. One worker at a time per row (a
 * resumed campaign or the checker's sweep may queue a row twice): the job takes the row's lease in
 * the statement that reads the row, and the statement that settles the row gives it back, so the
 * lease costs no round trip of its own. A second job for a leased row waits its turn through a retry
 * and then finds the row settled; the lease expires, so a worker that dies holding it delays the
 * row, never loses it.
 */
export async function processCampaignSend(
  deps: MarketingDeps,
  job: Job<{ sendId: string }>,
  log: Logger,
): Promise<Outcome> {
  const em = deps.orm.em.fork();
  const claimed = await batchesOf(deps).claim(job.data.sendId);
  const row = claimed?.row;
  if (!claimed || !row || row.status !== 'QUEUED' || !row.campaign_id) return 'skipped';
  if (!row.claimed) throw new Error(`send:${job.data.sendId} is being sent by another worker`);
  const lease = { token: claimed.token, held: true };
  try {
    return await sendCampaignRow(deps, em, { ...row, campaign_id: row.campaign_id }, lease, job, log);
  } finally {
    // Still held when the row stays QUEUED without a statement that released it (a paused campaign, an error).
    if (lease.held)
      await em.execute(`update email_send set lease_until = null where id = ? and lease_token = ?`, [
        row.id,
        lease.token,
      ]);
  }
}

/** How long a campaign send's lease lasts; a send holds it from reading its row to settling it. */
const LEASE_SECONDS = 30;

/**
 * One worker at a time per transactional dedupe key (a repeated job): the other waits its turn
 * through a retry and then finds the send settled. The lock expires, so a worker that dies holding
 * it delays the mail, never loses it.
 */
async function withSendLock<T>(deps: MarketingDeps, name: string, fn: () => Promise<T>): Promise<T> {
  const key = `${deps.env.REDIS_PREFIX}:marketing:lock:${name}`;
  const token = randomUUID();
  const got = await deps.redis.set(key, token, { NX: true, PX: 30_000 });
  if (got !== 'OK') throw new Error(`${name} is being sent by another worker`);
  try {
    return await fn();
  } finally {
    // Released only if still ours (it may have expired and been taken), in one atomic step.
    await deps.redis.eval(RELEASE, { keys: [key], arguments: [token] });
  }
}

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * Everything one campaign send needs, read in one statement that also takes the row's lease (a
 * 10,000-recipient campaign reads it 10,000 times).
 */
interface SendRow {
  /** Whether this statement took the row's lease (false: another job holds it). */
  claimed: boolean;
  id: string;
  status: EmailSend['status'];
  campaign_id: string | null;
  contact_id: string | null;
  to_address: string;
  variant: string | null;
  message_id: string | null;
  not_before: Date | null;
  c_status: Campaign['status'] | null;
  c_name: string;
  c_variants: CampaignVariant[];
  c_promotional: boolean;
  c_subscription_type: Campaign['subscriptionType'];
  c_utm_enabled: boolean;
  c_utm_source: string;
  c_utm_medium: string;
  c_utm_campaign: string | null;
  t_found: boolean;
  t_subject: string;
  t_preheader: string;
  t_body: string;
  a_id: string | null;
  a_deleted_at: Date | null;
  a_email: string | null;
  a_email_status: AudienceMember['emailStatus'];
  a_first_name: string;
  a_last_name: string;
  a_lifecycle_stage: string | null;
  a_score: number;
  a_tags: string[];
  a_company_type: string | null;
  a_timezone: string | null;
  a_next_departure_at: Date | null;
  a_next_return_at: Date | null;
  a_destinations: string[];
  suppressed: boolean;
  p_left_types: string[] | null;
  p_frequency: EmailFrequency | null;
  p_paused_until: Date | null;
}

/**
 * Reads the rows and takes their leases for the jobs that start together (one statement for all of
 * them; one lease token per statement). A row asked for twice in one batch is leased to the first
 * job only.
 */
async function claimSendRows(em: EntityManager, sendIds: string[]): Promise<(ClaimedRow | undefined)[]> {
  const token = randomUUID();
  const ids = `{${[...new Set(sendIds)].join(',')}}`;
  const rows = await em.execute<SendRow[]>(
    `with claim as (
         update email_send set lease_until = now() + make_interval(secs => ?), lease_token = ?
         where id = any(?::uuid[]) and status = 'QUEUED' and (lease_until is null or lease_until < now())
         returning id
       )
       select s.id in (select id from claim) as claimed, s.id, s.status, s.campaign_id, s.contact_id, s.to_address, s.variant, s.message_id, s.not_before,
         c.status as c_status, c.name as c_name, c.variants as c_variants, c.promotional as c_promotional,
         c.subscription_type as c_subscription_type, c.utm_enabled as c_utm_enabled, c.utm_source as c_utm_source,
         c.utm_medium as c_utm_medium, c.utm_campaign as c_utm_campaign,
         t.id is not null as t_found, t.subject as t_subject, t.preheader as t_preheader, t.body as t_body,
         a.id as a_id, a.deleted_at as a_deleted_at, a.email as a_email, a.email_status as a_email_status,
         a.first_name as a_first_name, a.last_name as a_last_name, a.lifecycle_stage as a_lifecycle_stage, a.score as a_score,
         a.tags as a_tags, a.company_type as a_company_type, a.timezone as a_timezone, a.next_departure_at as a_next_departure_at,
         a.next_return_at as a_next_return_at, a.destinations as a_destinations,
         exists (select 1 from suppression x where x.email = s.to_address) as suppressed,
         p.left_types as p_left_types, p.frequency as p_frequency, p.paused_until as p_paused_until
       from email_send s
       left join campaign c on c.id = s.campaign_id and c.deleted_at is null
       left join email_template t on t.id = c.template_id
       left join audience_member a on a.id = s.contact_id
       left join email_preference p on p.email = s.to_address
       where s.id = any(?::uuid[])`,
    [LEASE_SECONDS, token, ids, ids],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const given = new Set<string>();
  return sendIds.map((id) => {
    const row = byId.get(id);
    if (!row) return undefined;
    const first = !given.has(id);
    given.add(id);
    return { row: { ...row, claimed: row.claimed && first }, token };
  });
}

interface ClaimedRow {
  row: SendRow;
  /** The lease's token: the release of this row's lease names it. */
  token: string;
}

interface SentRow {
  id: string;
  subject: string;
  links: string[];
  sentAt: Date;
}

/**
 * Marks the rows sent whose emails went out together, in one statement: each row (only while still
 * QUEUED: counted once), its campaign's `totalSent` (atomic, one increment per campaign) and its
 * contact's sends; each gets back whether it was counted and its campaign's settled and total counts.
 */
async function markSent(
  em: EntityManager,
  sent: SentRow[],
): Promise<({ settled: number; total: number } | undefined)[]> {
  const unique = [...new Map(sent.map((r) => [r.id, r])).values()];
  const rows = await em.execute<{ id: string; settled: number; total: number }[]>(
    `with v as (select * from jsonb_to_recordset(?::jsonb) as v(id uuid, subject text, links jsonb, sent_at timestamptz)),
     s as (
       update email_send e set status = 'SENT', sent_at = v.sent_at, attempts = e.attempts + 1, subject = v.subject,
         links = v.links, lease_until = null
       from v where e.id = v.id and e.status = 'QUEUED'
       returning e.id, e.contact_id, e.campaign_id
     ), a as (
       update audience_member m set sends_count = m.sends_count + k.n
       from (select contact_id, count(*)::int as n from s where contact_id is not null group by contact_id) k
       where m.id = k.contact_id
     ), c as (
       update campaign c set total_sent = c.total_sent + k.n
       from (select campaign_id, count(*)::int as n from s group by campaign_id) k
       where c.id = k.campaign_id
       returning c.id, c.total_sent + c.total_failed + c.total_suppressed as settled, c.total_recipients as total
     )
     select s.id, c.settled, c.total from s join c on c.id = s.campaign_id`,
    [
      JSON.stringify(
        unique.map((r) => ({
          id: r.id,
          subject: r.subject.slice(0, 300),
          links: r.links,
          sent_at: r.sentAt.toISOString(),
        })),
      ),
    ],
  );
  const byId = new Map(rows.map((r) => [r.id, { settled: Number(r.settled), total: Number(r.total) }]));
  return sent.map((r) => byId.get(r.id));
}

/** The batched statements of one process's campaign sends (per deps: one database). */
const sendBatches = new WeakMap<
  MarketingDeps,
  {
    claim: (sendId: string) => Promise<ClaimedRow | undefined>;
    sent: (row: SentRow) => Promise<{ settled: number; total: number } | undefined>;
  }
>();

/**
 * Two workers' batches may lock the same rows in another order (campaigns sharing contacts): the one
 * PostgreSQL picks as the deadlock's victim runs again; each statement is all or nothing.
 */
async function retryDeadlock<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if ((e as { code?: string }).code !== '40P01' || attempt >= 5) throw e;
    }
  }
}

function batchesOf(deps: MarketingDeps) {
  let b = sendBatches.get(deps);
  if (!b) {
    b = {
      claim: batched((ids: string[]) => retryDeadlock(() => claimSendRows(deps.orm.em.fork(), ids))),
      sent: batched((rows: SentRow[]) => retryDeadlock(() => markSent(deps.orm.em.fork(), rows))),
    };
    sendBatches.set(deps, b);
  }
  return b;
}

const asDate = (v: Date | string | null) => (v === null ? null : new Date(v));

/** Sends a row whose lease this job holds; every statement that settles or defers the row releases it. */
async function sendCampaignRow(
  deps: MarketingDeps,
  em: EntityManager,
  row: SendRow & { campaign_id: string },
  lease: { token: string; held: boolean },
  job: Job<{ sendId: string }>,
  log: Logger,
): Promise<Outcome> {
  const settle = async (...args: Parameters<typeof settleRow>) => {
    await settleRow(...args);
    lease.held = false;
  };
  const send = {
    id: row.id,
    campaignId: row.campaign_id,
    toAddress: row.to_address,
    messageId: row.message_id,
    variant: row.variant,
  };
  if (!row.c_status || row.c_status === 'CANCELLED') {
    await settle(em, send, 'SKIPPED', 'campaign cancelled', deps.now());
    return 'skipped';
  }
  // A paused campaign keeps its rows QUEUED; resuming queues them again.
  if (row.c_status !== 'SENDING') return 'waiting';
  const campaign = {
    id: row.campaign_id,
    name: row.c_name,
    variants: row.c_variants,
    promotional: row.c_promotional,
    subscriptionType: row.c_subscription_type,
    utmEnabled: row.c_utm_enabled,
    utmSource: row.c_utm_source,
    utmMedium: row.c_utm_medium,
    utmCampaign: row.c_utm_campaign,
  };
  if (
    !row.a_id ||
    row.a_deleted_at ||
    !row.a_email ||
    !['SUBSCRIBED', 'PENDING'].includes(row.a_email_status) ||
    row.suppressed
  ) {
    await settle(em, send, 'SUPPRESSED', 'suppressed at send time', deps.now());
    return 'suppressed';
  }
  const member = {
    id: row.a_id,
    firstName: row.a_first_name,
    lastName: row.a_last_name,
    email: row.a_email,
    lifecycleStage: row.a_lifecycle_stage,
    score: row.a_score,
    tags: row.a_tags,
    companyType: row.a_company_type,
    timezone: row.a_timezone,
    nextDepartureAt: asDate(row.a_next_departure_at),
    nextReturnAt: asDate(row.a_next_return_at),
    destinations: row.a_destinations,
  };
  const preference = row.p_frequency
    ? { left_types: row.p_left_types ?? [], frequency: row.p_frequency, paused_until: row.p_paused_until }
    : null;
  const blocked = await preferenceBlock(em, send.toAddress, campaign.subscriptionType, deps.now(), { row: preference });
  if (blocked) {
    await settle(em, send, 'SKIPPED', blocked, deps.now());
    return 'skipped';
  }
  const settings = await loadSettings(em);
  const decision = await sendDecision(em, settings, member, {
    promotional: campaign.promotional,
    notBefore: asDate(row.not_before),
    now: deps.now(),
  });
  if (decision.action === 'skip') {
    await settle(em, send, 'SKIPPED', decision.reason, deps.now());
    return 'skipped';
  }
  if (decision.action === 'defer') {
    await deferSend(em, send.id, decision.until, deps.now());
    lease.held = false;
    return 'deferred';
  }
  if (!deps.mail) throw new Error('SMTP_URL is not configured');
  if (!row.t_found) {
    await settle(em, send, 'FAILED', 'template missing', deps.now());
    return 'failed';
  }
  const template = { subject: row.t_subject, preheader: row.t_preheader, body: row.t_body };
  const variant = campaign.variants.find((v) => v.key === send.variant);
  const unsubscribe = unsubscribeUrl(deps, send.id);
  const rendered = await renderEmail(
    { subject: variant?.subject || template.subject, preheader: template.preheader, body: template.body },
    {
      contact: mergeContactOf(member),
      campaignName: campaign.name,
      postalAddress: deps.env.MARKETING_POSTAL_ADDRESS,
      unsubscribeUrl: unsubscribe,
      preferencesUrl: preferencesLink(deps, { s: send.id }),
    },
    { footer: true, trackLink: trackUrl(deps, send.id), tagLink: tagUtm(campaign), path: 'template' },
  );
  // Set when the row was created, so ESP events and replies can find this send.
  const messageId = send.messageId ?? `<${send.id}@${domainOf(deps.env.MAIL_FROM)}>`;
  await acquireSendSlot(deps, send.toAddress, effectiveSendRate(settings, deps.env.MARKETING_SEND_RATE, deps.now()));
  const html = rendered.html.replace(
    /<\/body>/i,
    `<img src="${openPixel(deps, send.id)}" width="1" height="1" alt="" style="display:none"></body>`,
  );
  try {
    await deps.mail.send({
      from: deps.env.MAIL_FROM,
      to: send.toAddress,
      subject: rendered.subject,
      html,
      text: rendered.text,
      messageId,
      returnPath: deps.env.MAIL_BOUNCE_ADDRESS,
      textEncoding: 'base64',
      buffered: true,
      headers: {
        'List-Unsubscribe': `<${unsubscribe}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'X-Nexus-Send': send.id,
      },
    });
  } catch (err) {
    const failure = classifySmtpFailure(err);
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? MAX_ATTEMPTS);
    if (failure.kind === 'permanent') {
      await suppress(em, send.toAddress, 'HARD_BOUNCE', failure.message);
      await settle(em, send, 'FAILED', failure.message, deps.now());
      await maybePause(em, campaign.id, deps.env.MARKETING_PAUSE_AFTER_ERRORS, log);
      return 'failed';
    }
    await em.execute(
      `update email_send set attempts = attempts + 1, last_error = ?,
         lease_until = case when lease_token = ? then null else lease_until end
       where id = ?`,
      [failure.message, lease.token, send.id],
    );
    lease.held = false;
    if (lastAttempt) {
      await settle(em, send, 'FAILED', failure.message, deps.now());
      await maybePause(em, campaign.id, deps.env.MARKETING_PAUSE_AFTER_ERRORS, log);
    }
    throw new Error(`transient SMTP failure: ${failure.message}`, { cause: err });
  }
  // One statement for the emails that went out together: the rows, the campaigns' counters and the
  // contacts' engagement; the campaign is checked for completion only when its counters say every
  // row is settled.
  const counts = await batchesOf(deps).sent({
    id: send.id,
    subject: rendered.subject,
    links: rendered.links,
    sentAt: deps.now(),
  });
  lease.held = false;
  if (counts && counts.settled >= counts.total) await finishIfDone(em, campaign.id, deps.now());
  return 'sent';
}

async function maybePause(em: EntityManager, campaignId: string, limit: number, log: Logger) {
  const paused = await em.execute<{ id: string }[]>(
    `update campaign set status = 'PAUSED', updated_at = now() where id = ? and status = 'SENDING' and error_count >= ? returning id`,
    [campaignId, limit],
  );
  if (paused.length) log.warn({ campaignId }, 'campaign paused itself: too many failed sends');
}

/**
 * The transactional pipeline every subgraph enqueues to (`mail`/`transactional`): no marketing
 * suppression, footer or caps, but never to a hard-bounced or complained address; one send per
 * dedupe key.
 */
export const processTransactional = (deps: MarketingDeps, job: Job<TransactionalMailJob>, log: Logger) =>
  withSendLock(deps, `tx:${job.data.dedupeKey}`, () => sendTransactional(deps, job, log));

async function sendTransactional(deps: MarketingDeps, job: Job<TransactionalMailJob>, log: Logger): Promise<Outcome> {
  const em = deps.orm.em.fork();
  const m = job.data;
  const to = m.to.trim().toLowerCase();
  await em.execute(
    `insert into email_send (id, kind, contact_id, to_address, dedupe_key, status, attempts, links, subject, created_at)
     values (?, 'TRANSACTIONAL', ?, ?, ?, 'QUEUED', 0, '[]', ?, now()) on conflict (dedupe_key) do nothing`,
    [randomUUID(), m.contactId ?? null, to, `tx:${m.dedupeKey}`.slice(0, 200), m.subject.slice(0, 300)],
  );
  const send = await em.findOneOrFail(EmailSend, { dedupeKey: `tx:${m.dedupeKey}`.slice(0, 200) });
  if (send.status !== 'QUEUED') return 'skipped';
  if (await isSuppressed(em, to, true)) {
    await em.execute(
      `update email_send set status = 'SUPPRESSED', last_error = 'hard bounced or complained' where id = ?`,
      [send.id],
    );
    log.info({ category: m.category, sendId: send.id }, 'transactional mail not sent: address bounced');
    return 'suppressed';
  }
  if (!deps.mail) throw new Error('SMTP_URL is not configured');
  try {
    await deps.mail.send({
      from: deps.env.MAIL_FROM,
      to,
      subject: m.subject,
      html: m.html ?? undefined,
      text: m.text,
      replyTo: m.replyTo ?? undefined,
      messageId: m.messageId ?? `<${send.id}@${domainOf(deps.env.MAIL_FROM)}>`,
      inReplyTo: m.inReplyTo ?? undefined,
      returnPath: deps.env.MAIL_BOUNCE_ADDRESS,
      references: m.references ?? undefined,
      headers: { ...(m.headers ?? {}), 'X-Nexus-Category': m.category },
      icalEvent: m.icalEvent ?? undefined,
      attachments: m.attachments?.map((a) => ({
        filename: a.filename,
        content: Buffer.from(a.contentBase64, 'base64'),
        contentType: a.contentType,
      })),
    });
  } catch (err) {
    const failure = classifySmtpFailure(err);
    if (failure.kind === 'permanent') {
      await suppress(em, to, 'HARD_BOUNCE', failure.message);
      await em.execute(`update email_send set status = 'FAILED', last_error = ? where id = ?`, [
        failure.message,
        send.id,
      ]);
      return 'failed';
    }
    throw new Error(`transient SMTP failure: ${failure.message}`, { cause: err });
  }
  await em.execute(
    `update email_send set status = 'SENT', sent_at = ?, attempts = attempts + 1, message_id = ? where id = ?`,
    [deps.now(), m.messageId ?? `<${send.id}@${domainOf(deps.env.MAIL_FROM)}>`, send.id],
  );
  return 'sent';
}
