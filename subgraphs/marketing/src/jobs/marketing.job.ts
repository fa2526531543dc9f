import {
  QUEUES,
  TRANSACTIONAL_MAIL_JOB,
  AUDIENCE_CONTACT_JOB,
  AUDIENCE_TRAVEL_JOB,
  QUOTE_ACCEPTED_JOB,
  enqueue,
  type AudienceContactJob,
  type AudienceTravelJob,
  type Logger,
  type Queue,
  type WorkerPart,
} from '@nexus/platform';
import { MAIL_CONNECTIONS, type MarketingDeps } from '../context.ts';
import { campaignStats, pickWinner } from '../services/campaigns.service.ts';
import {
  REQUEUE_AFTER_MS,
  finishIfDone,
  processCampaignSend,
  processTransactional,
  queueSends,
  startCampaign,
} from '../services/sending.ts';
import { pollBounceMailbox } from '../services/bounces.ts';
import { isTimeZone } from '../services/send-policy.ts';
import { refreshSegment } from '../services/segments.service.ts';
import { attributeBooking, attributeQuote } from '../services/attribution.ts';
import { publishDueSocialPosts } from '../services/social.service.ts';

/** Applies one crm feed message; an older version than the one applied is skipped. */
export async function applyAudienceContact(deps: MarketingDeps, msg: AudienceContactJob): Promise<void> {
  const em = deps.orm.em.fork();
  if (msg.op === 'delete') {
    await em.execute(
      `update audience_member set deleted_at = now(), source_updated_at = ? where id = ? and source_updated_at <= ?`,
      [msg.updatedAt, msg.contactId, msg.updatedAt],
    );
    return;
  }
  const c = msg.contact;
  await em.execute(
    `insert into audience_member (id, email, first_name, last_name, lifecycle_stage, lead_status, source, tags, score, owner_id, company_id,
       company_type, company_tier, custom_fields, timezone, source_updated_at, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?::jsonb, ?, ?, now())
     on conflict (id) do update set email = excluded.email, first_name = excluded.first_name, last_name = excluded.last_name,
       lifecycle_stage = excluded.lifecycle_stage, lead_status = excluded.lead_status, source = excluded.source, tags = excluded.tags,
       score = excluded.score, owner_id = excluded.owner_id, company_id = excluded.company_id,
       company_type = coalesce(excluded.company_type, case when audience_member.company_id is not distinct from excluded.company_id then audience_member.company_type end),
       company_tier = coalesce(excluded.company_tier, case when audience_member.company_id is not distinct from excluded.company_id then audience_member.company_tier end),
       custom_fields = excluded.custom_fields, timezone = excluded.timezone, source_updated_at = excluded.source_updated_at, deleted_at = null
     where audience_member.source_updated_at <= excluded.source_updated_at and audience_member.erased_at is null`,
    [
      c.id,
      c.email?.toLowerCase() ?? null,
      c.firstName,
      c.lastName,
      c.lifecycleStage,
      c.leadStatus,
      c.source,
      `{${c.tags.map((t) => `"${t.replace(/["\\]/g, '')}"`).join(',')}}`,
      c.score,
      c.ownerId,
      c.companyId,
      c.companyType,
      c.companyTier,
      JSON.stringify(c.customFields),
      c.timezone,
      c.updatedAt,
    ],
  );
}

/** Asks travel (outbox) to send every linked contact's travel summary again. */
export async function requestAudienceTravel(deps: MarketingDeps): Promise<void> {
  const em = deps.orm.em.fork();
  enqueue(em, QUEUES.travel, 'audience-travel-publish', { contactIds: null });
  await em.flush();
}

/**
 * Applies one travel summary (travel's `audience-travel` feed): the travel fields only, never crm's.
 * A summary may arrive before crm's first message for the contact: it then waits in a row that stays
 * hidden (deleted) until crm's upsert brings the contact in. An older summary than the one applied
 * is skipped; an empty one for a contact marketing does not know is dropped.
 */
export async function applyAudienceTravel(deps: MarketingDeps, msg: AudienceTravelJob): Promise<void> {
  const em = deps.orm.em.fork();
  const empty =
    msg.destinations.length === 0 &&
    !msg.nextDepartureOn &&
    !msg.passportExpiresOn &&
    msg.bookingValueCents === 0 &&
    !msg.commissionCents;
  const values = [
    `{${msg.destinations.map((d) => `"${d.replace(/["\\]/g, '')}"`).join(',')}}`,
    msg.nextDepartureOn ? `${msg.nextDepartureOn}T00:00:00Z` : null,
    msg.nextReturnOn ? `${msg.nextReturnOn}T23:59:59Z` : null,
    msg.bookingValueCents,
    msg.passportExpiresOn,
    msg.computedAt,
  ];
  // An older message without the zone keeps the stored one (null there means "absent").
  const zone =
    msg.travelTimeZone === undefined
      ? undefined
      : msg.travelTimeZone && isTimeZone(msg.travelTimeZone)
        ? msg.travelTimeZone
        : null;
  // An older message without the commission keeps the stored figure.
  const commission = msg.commissionCents ?? null;
  const set = `destinations = ?::text[], next_departure_at = ?, next_return_at = ?, booking_value_cents = ?,
    passport_expires_on = ?::date, travel_updated_at = ?, commission_cents = coalesce(?::bigint, a.commission_cents),
    travel_time_zone = case when ?::boolean then ?::varchar else a.travel_time_zone end`;
  const updated = await em.execute<
    {
      id: string;
      before: string;
      after: string;
      commission_before: string;
      commission_after: string;
      had_summary: boolean;
    }[]
  >(
    `with old as (select id, booking_value_cents, commission_cents, travel_updated_at from audience_member where id = ? for update)
     update audience_member a set ${set} from old
     where a.id = old.id and a.erased_at is null and (a.travel_updated_at is null or a.travel_updated_at <= ?)
     returning a.id, old.booking_value_cents as before, a.booking_value_cents as after,
       old.commission_cents as commission_before, a.commission_cents as commission_after,
       old.travel_updated_at is not null as had_summary`,
    [msg.contactId, ...values, commission, zone !== undefined, zone ?? null, msg.computedAt],
  );
  const row = updated[0];
  // Booked value and expected commission that rose since the last summary are new business:
  // attributed to a campaign (see attributeBooking).
  if (row && row.had_summary)
    await attributeBooking(
      em,
      msg.contactId,
      Number(row.after) - Number(row.before),
      new Date(msg.computedAt),
      Number(row.commission_after) - Number(row.commission_before),
    );
  if (updated.length || empty) return;
  await em.execute(
    `insert into audience_member (id, first_name, destinations, next_departure_at, next_return_at, booking_value_cents,
       passport_expires_on, travel_updated_at, commission_cents, source_updated_at, deleted_at, created_at)
     values (?, '', ?::text[], ?, ?, ?, ?::date, ?, coalesce(?::bigint, 0), 'epoch', now(), now())
     on conflict (id) do update set destinations = excluded.destinations, next_departure_at = excluded.next_departure_at,
       next_return_at = excluded.next_return_at, booking_value_cents = excluded.booking_value_cents,
       passport_expires_on = excluded.passport_expires_on, travel_updated_at = excluded.travel_updated_at,
       commission_cents = coalesce(?::bigint, audience_member.commission_cents)
     where audience_member.erased_at is null
       and (audience_member.travel_updated_at is null or audience_member.travel_updated_at <= excluded.travel_updated_at)`,
    [msg.contactId, ...values, commission, commission],
  );
}

/**
 * The 60 s checker (DR-05), a repeatable job so several workers never run it twice: starts due
 * scheduled campaigns (each start is a guarded status change, so a second run finds nothing),
 * releases A/B remainders to the winner after the test window, finishes campaigns and publishes
 * due social posts.
 */
export async function checkCampaigns(
  deps: MarketingDeps,
  log: Logger,
  queue?: Pick<Queue, 'getWaitingCount'>,
): Promise<{ started: number; posted: number }> {
  const em = deps.orm.em.fork();
  const now = deps.now();
  const due = await em.execute<{ id: string }[]>(
    `select id from campaign where status = 'SCHEDULED' and send_at <= ? and deleted_at is null order by send_at limit 50`,
    [now],
  );
  let started = 0;
  for (const { id } of due) if ((await startCampaign(deps, id, log)) >= 0) started++;
  const testing = await em.execute<{ id: string }[]>(
    `select c.id from campaign c where c.status = 'SENDING' and c.winner_variant is null and c.started_at + make_interval(mins => c.test_window_minutes) <= ?
       and exists (select 1 from email_send s where s.campaign_id = c.id and s.status = 'HELD')`,
    [now],
  );
  for (const { id } of testing) {
    const winner = pickWinner(await campaignStats(em, id));
    await em.fork().transactional(async (tx) => {
      const claimed = await tx.execute<{ id: string }[]>(
        `update campaign set winner_variant = ? where id = ? and winner_variant is null returning id`,
        [winner, id],
      );
      if (!claimed.length) return;
      await tx.execute(
        `update email_send set status = 'QUEUED', variant = ? where campaign_id = ? and status = 'HELD'`,
        [winner, id],
      );
      await queueSends(tx, id, `winner-${winner}`);
    });
    log.info({ campaignId: id, winner }, 'A/B winner chosen');
  }
  const sending = await em.execute<{ id: string }[]>(`select id from campaign where status = 'SENDING'`);
  const staleBefore = new Date(now.getTime() - REQUEUE_AFTER_MS);
  // Jobs still waiting in the queue are not lost, only late: while a backlog remains, a row queued
  // long ago is most likely still waiting its turn, so the sweep leaves it alone (a second job would
  // only double the work). Rows whose job really died are queued again once the backlog is gone.
  const backlog = queue ? await queue.getWaitingCount() : 0;
  for (const { id } of sending) {
    if (backlog === 0) {
      const requeued = await em.fork().transactional((tx) => queueSends(tx, id, `sweep-${now.getTime()}`, staleBefore));
      if (requeued) log.warn({ campaignId: id, requeued }, 'queued again the sends whose jobs did not finish');
    }
    await finishIfDone(em.fork(), id, now);
  }
  const posted = await publishDueSocialPosts(em.fork(), log, now);
  return { started, posted };
}

export const marketingWorker = (deps: MarketingDeps, log: Logger): WorkerPart => ({
  processors: {
    [QUEUES.mail]: { [TRANSACTIONAL_MAIL_JOB]: (job) => processTransactional(deps, job, log) },
    [QUEUES.marketing]: {
      [AUDIENCE_CONTACT_JOB]: (job) => applyAudienceContact(deps, job.data),
      [AUDIENCE_TRAVEL_JOB]: (job) => applyAudienceTravel(deps, job.data),
      [QUOTE_ACCEPTED_JOB]: (job) => attributeQuote(deps.orm.em.fork(), job.data),
      'audience-travel-refresh': () => requestAudienceTravel(deps),
      'campaign-send': (job) => processCampaignSend(deps, job, log),
      'campaign-start': (job) => startCampaign(deps, job.data.campaignId, log),
      'campaign-check': (job) => checkCampaigns(deps, log, job.queue),
      'segment-refresh': (job) => refreshSegment(deps.orm.em.fork(), deps.bus, log, job.data.segmentId),
      'bounce-poll': async () => {
        const url = deps.env.BOUNCE_IMAP_URL;
        return url ? pollBounceMailbox(deps, url, log) : null;
      },
    },
  },
  // One email per job: mostly waiting on PostgreSQL, Redis and SMTP, so many run at once (the
  // throttle, not the job count, sets the pace); the SMTP pool has MAIL_CONNECTIONS connections.
  concurrency: { 'campaign-send': 4 * MAIL_CONNECTIONS },
  schedules: [
    // Delivery status notifications are optional (P-08): no bounce mailbox, no schedule.
    ...(deps.env.BOUNCE_IMAP_URL ? [{ queue: QUEUES.marketing, job: 'bounce-poll' as const, every: 60_000 }] : []),
    { queue: QUEUES.marketing, job: 'campaign-check', every: 60_000 },
    // TT-API changes outside Nexus too: travel sends every linked contact's summary again hourly.
    { queue: QUEUES.marketing, job: 'audience-travel-refresh', every: 3_600_000 },
  ],
});
