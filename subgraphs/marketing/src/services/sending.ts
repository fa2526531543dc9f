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
  AudienceMember,
  Campaign,
  EmailSend,
  EmailTemplate,
  Segment,
  Suppression,
  type CampaignVariant,
} from '../entities/index.ts';
import { refreshSegment } from './segments.service.ts';
import type { MarketingDeps } from '../context.ts';
import { renderEmail, type MergeContact } from './render.ts';
import { signToken } from './tokens.ts';
import { acquireSendSlot } from './throttle.ts';
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

export const mergeContactOf = (m: AudienceMember): MergeContact => ({
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
      [`{${campaign.segmentIds.join(',')}}`, campaign.id, campaign.testPercent, campaign.id],
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
      `update email_send set not_before = ?, queued_at = ? where id = ? and status = 'QUEUED' returning id`,
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
async function settle(
  em: EntityManager,
  send: EmailSend,
  status: 'SUPPRESSED' | 'SKIPPED' | 'FAILED',
  error: string | null,
  now: Date,
) {
  const changed = await em.execute<{ id: string }[]>(
    `update email_send set status = ?, last_error = ? where id = ? and status = 'QUEUED' returning id`,
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

/** The `campaign-send` processor: sends one row, at most once. */
export const processCampaignSend = (deps: MarketingDeps, job: Job<{ sendId: string }>, log: Logger) =>
  withSendLock(deps, `send:${job.data.sendId}`, () => sendCampaignRow(deps, job, log));

/**
 * One worker at a time per send row (a resumed campaign or a repeated transactional job may queue a
 * row twice): the other waits its turn through a retry and then finds the row settled. The lock
 * expires, so a worker that dies holding it delays the row, never loses it.
 */
async function withSendLock<T>(deps: MarketingDeps, name: string, fn: () => Promise<T>): Promise<T> {
  const key = `${deps.env.REDIS_PREFIX}:marketing:lock:${name}`;
  const token = randomUUID();
  const got = await deps.redis.set(key, token, { NX: true, PX: 30_000 });
  if (got !== 'OK') throw new Error(`${name} is being sent by another worker`);
  try {
    return await fn();
  } finally {
    if ((await deps.redis.get(key)) === token) await deps.redis.del(key);
  }
}

async function sendCampaignRow(deps: MarketingDeps, job: Job<{ sendId: string }>, log: Logger): Promise<Outcome> {
  const em = deps.orm.em.fork();
  const send = await em.findOne(EmailSend, { id: job.data.sendId });
  if (!send || send.status !== 'QUEUED' || !send.campaignId) return 'skipped';
  const campaign = await em.findOne(Campaign, { id: send.campaignId });
  if (!campaign || campaign.status === 'CANCELLED') {
    await settle(em, send, 'SKIPPED', 'campaign cancelled', deps.now());
    return 'skipped';
  }
  // A paused campaign keeps its rows QUEUED; resuming queues them again.
  if (campaign.status !== 'SENDING') return 'waiting';
  const member = send.contactId ? await em.findOne(AudienceMember, { id: send.contactId }) : null;
  if (
    !member ||
    member.deletedAt ||
    !member.email ||
    !['SUBSCRIBED', 'PENDING'].includes(member.emailStatus) ||
    (await isSuppressed(em, send.toAddress, false))
  ) {
    await settle(em, send, 'SUPPRESSED', 'suppressed at send time', deps.now());
    return 'suppressed';
  }
  const settings = await loadSettings(em);
  const decision = await sendDecision(em, settings, member, {
    promotional: campaign.promotional,
    notBefore: send.notBefore ?? null,
    now: deps.now(),
  });
  if (decision.action === 'skip') {
    await settle(em, send, 'SKIPPED', decision.reason, deps.now());
    return 'skipped';
  }
  if (decision.action === 'defer') {
    await deferSend(em, send.id, decision.until, deps.now());
    return 'deferred';
  }
  if (!deps.mail) throw new Error('SMTP_URL is not configured');
  const template = await em.findOne(EmailTemplate, { id: campaign.templateId }, { filters: false });
  if (!template) {
    await settle(em, send, 'FAILED', 'template missing', deps.now());
    return 'failed';
  }
  const variant = campaign.variants.find((v) => v.key === send.variant);
  const unsubscribe = unsubscribeUrl(deps, send.id);
  const rendered = await renderEmail(
    { subject: variant?.subject || template.subject, preheader: template.preheader, body: template.body },
    {
      contact: mergeContactOf(member),
      campaignName: campaign.name,
      postalAddress: deps.env.MARKETING_POSTAL_ADDRESS,
      unsubscribeUrl: unsubscribe,
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
    await em.execute(`update email_send set attempts = attempts + 1, last_error = ? where id = ?`, [
      failure.message,
      send.id,
    ]);
    if (lastAttempt) {
      await settle(em, send, 'FAILED', failure.message, deps.now());
      await maybePause(em, campaign.id, deps.env.MARKETING_PAUSE_AFTER_ERRORS, log);
    }
    throw new Error(`transient SMTP failure: ${failure.message}`, { cause: err });
  }
  // One round trip: the row, the campaign's counter and the contact's engagement; the campaign is
  // checked for completion only when its counters say every row is settled.
  const [counts] = await em.execute<{ settled: number; total: number }[]>(
    `with s as (
       update email_send set status = 'SENT', sent_at = ?, attempts = attempts + 1, subject = ?, links = ?::jsonb
       where id = ? and status = 'QUEUED' returning contact_id
     ), a as (
       update audience_member set sends_count = sends_count + 1 where id = (select contact_id from s)
     )
     update campaign set total_sent = total_sent + 1 where id = ? and exists (select 1 from s)
     returning total_sent + total_failed + total_suppressed as settled, total_recipients as total`,
    [deps.now(), rendered.subject.slice(0, 300), JSON.stringify(rendered.links), send.id, campaign.id],
  );
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
