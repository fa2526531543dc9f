import type { EntityManager } from '@mikro-orm/postgresql';
import { Webhook } from 'standardwebhooks';
import {
  NOTIFY_ADMINS_JOB,
  QUEUES,
  RetryAfterError,
  enqueue,
  type NotifyAdminsJob,
  type WebhookEventJob,
} from '@nexus/platform';
import type { OpsDeps } from '../context.ts';
import type { Delivery } from '../entities/index.ts';
import { recordAttempt, type DeliveryResult } from '../ledger/ledger.ts';
import type { Replayer } from '../ledger/replay.ts';
import { clientOf, type SendResult } from './client.ts';
import { TEST_EVENT_TYPE, payloadFor } from './events.ts';
import { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from './webhook.entity.ts';

/**
 * Delivery of integrators' webhooks, at least once: an event from another subgraph's outbox is fanned
 * out to every enabled endpoint subscribed to its type (one delivery each, queued through ops' own
 * outbox), and each delivery is tried on the schedule (immediately, then the WEBHOOK_RETRY_DELAYS_MS
 * waits with jitter), re-signed on every attempt. Every attempt is a row of its own (status,
 * latency, excerpt) and counts on the delivery's ledger entry (channel WEBHOOK).
 */

/** The events fanned out: one delivery per subscribed endpoint, once however often the job runs. */
export async function fanOut(deps: OpsDeps, event: WebhookEventJob) {
  const em = deps.orm.em.fork();
  const endpoints = await em.find(WebhookEndpoint, { enabled: true, eventTypes: { $overlap: [event.type] } });
  if (!endpoints.length) return { deliveries: 0 };
  const done = new Set(
    (await em.find(WebhookDelivery, { eventId: event.id }, { fields: ['endpoint'] })).map((d) => d.endpoint.id),
  );
  let created = 0;
  for (const endpoint of endpoints) {
    if (done.has(endpoint.id)) continue;
    const delivery = em.create(WebhookDelivery, {
      endpoint,
      eventId: event.id,
      eventType: event.type,
      body: JSON.stringify(payloadFor(event, endpoint.rank)),
      occurredAt: new Date(event.occurredAt),
    });
    enqueue(em, QUEUES.webhooks, 'webhook-deliver', { deliveryId: delivery.id }, { jobId: `webhook:${delivery.id}` });
    created++;
  }
  await em.flush();
  return { deliveries: created };
}

/** Every secret that signs now: the current one, and the previous one during a rotation's overlap. */
export const signingSecrets = (endpoint: WebhookEndpoint, now: Date) => [
  endpoint.secret,
  ...(endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now
    ? [endpoint.previousSecret]
    : []),
];

/** Standard Webhooks headers for one attempt: one `v1,` signature per secret, space-separated. */
export function signedHeaders(endpoint: WebhookEndpoint, delivery: WebhookDelivery, now: Date): Record<string, string> {
  const signature = signingSecrets(endpoint, now)
    .map((secret) => new Webhook(secret).sign(delivery.eventId, now, delivery.body))
    .join(' ');
  return {
    'webhook-id': delivery.eventId,
    'webhook-timestamp': Math.floor(now.getTime() / 1000).toString(),
    'webhook-signature': signature,
    'user-agent': 'Nexus-Webhooks/1',
  };
}

/** A wait with ±10 % jitter, so endpoints that failed together are not retried together. */
const jitter = (ms: number) => Math.round(ms * (0.9 + Math.random() * 0.2));

const succeeded = (r: SendResult) => r.error === null && r.status !== null && r.status >= 200 && r.status < 300;

/** One attempt: signed, sent, recorded as a row; the delivery row counts it. */
async function sendOnce(deps: OpsDeps, em: EntityManager, delivery: WebhookDelivery, manual: boolean) {
  const endpoint = delivery.endpoint;
  const attemptedAt = deps.clock();
  const result = await clientOf(deps).post(endpoint.url, signedHeaders(endpoint, delivery, attemptedAt), delivery.body);
  const attempt = em.create(WebhookAttempt, {
    delivery,
    number: delivery.attempts + 1,
    attemptedAt,
    latencyMs: result.latencyMs,
    succeeded: succeeded(result),
    responseStatus: result.status,
    responseExcerpt: result.excerpt?.slice(0, 1024) ?? null,
    error: result.error?.slice(0, 500) ?? null,
    nextAttemptAt: null,
    manual,
  });
  delivery.attempts += 1;
  delivery.lastResponseStatus = result.status;
  return { result, attempt };
}

const ledgerResult = (result: SendResult): DeliveryResult => ({
  outcome: succeeded(result) ? 'SUCCEEDED' : 'FAILED',
  status: result.status,
  response: result.excerpt,
  effect: succeeded(result) ? `delivered in ${result.latencyMs} ms` : null,
  error: succeeded(result) ? null : result.error,
});

/** Disables an endpoint (once) and tells the admins. */
async function disable(
  deps: OpsDeps,
  em: EntityManager,
  endpoint: WebhookEndpoint,
  reason: 'GONE' | 'FAILING',
  why: string,
) {
  const now = deps.clock();
  const rows = await em.execute<{ id: string }[]>(
    `update "webhook_endpoint" set "enabled" = false, "disabled_reason" = ?, "disabled_at" = ? where "id" = ? and "enabled" returning "id"`,
    [reason, now, endpoint.id],
  );
  if (!rows.length) return;
  const alert: NotifyAdminsJob = {
    type: 'SYSTEM',
    title: `Webhook endpoint disabled: ${endpoint.url}`.slice(0, 200),
    body: `Deliveries to ${endpoint.url} stopped: ${why}. Fix the receiver, then enable the endpoint again.`.slice(
      0,
      2000,
    ),
    link: '/settings/webhooks',
    dedupeKey: `webhook-disabled:${endpoint.id}:${now.getTime()}`,
  };
  enqueue(em, QUEUES.notifications, NOTIFY_ADMINS_JOB, { ...alert }, { jobId: alert.dedupeKey ?? undefined });
  await em.flush();
  deps.log.warn({ endpointId: endpoint.id, reason }, 'webhook endpoint disabled');
}

/** A failed attempt counts towards disabling: every attempt of N events in a row, or failing for days. */
async function countFailure(
  deps: OpsDeps,
  em: EntityManager,
  endpoint: WebhookEndpoint,
  at: Date,
  eventGaveUp: boolean,
) {
  const rows = await em.execute<{ consecutive_failed_events: number; failing_since: Date }[]>(
    `update "webhook_endpoint" set "consecutive_failed_events" = "consecutive_failed_events" + ?,
       "failing_since" = coalesce("failing_since", ?) where "id" = ? returning "consecutive_failed_events", "failing_since"`,
    [eventGaveUp ? 1 : 0, at, endpoint.id],
  );
  const row = rows[0];
  if (!row) return;
  const failingMs = at.getTime() - new Date(row.failing_since).getTime();
  if (row.consecutive_failed_events >= deps.env.WEBHOOK_DISABLE_AFTER_FAILED_EVENTS) {
    await disable(
      deps,
      em,
      endpoint,
      'FAILING',
      `every attempt of the last ${row.consecutive_failed_events} events failed`,
    );
  } else if (failingMs >= deps.env.WEBHOOK_DISABLE_AFTER_FAILING_MS) {
    await disable(deps, em, endpoint, 'FAILING', `failing since ${new Date(row.failing_since).toISOString()}`);
  }
}

const countSuccess = async (em: EntityManager, endpoint: WebhookEndpoint) => {
  if (endpoint.consecutiveFailedEvents === 0 && !endpoint.failingSince) return;
  await em.execute(
    `update "webhook_endpoint" set "consecutive_failed_events" = 0, "failing_since" = null where "id" = ?`,
    [endpoint.id],
  );
};

/**
 * One scheduled attempt of a delivery (the `webhook-deliver` job). Throws a RetryAfterError naming
 * the next wait while attempts remain, so the queue retries it then; returns once it is settled.
 */
export async function deliver(deps: OpsDeps, deliveryId: string) {
  const em = deps.orm.em.fork();
  const delivery = await em.findOne(WebhookDelivery, { id: deliveryId }, { populate: ['endpoint'] });
  if (!delivery || delivery.status !== 'PENDING') return { skipped: true };
  const endpoint = delivery.endpoint;
  const isTest = delivery.eventType === TEST_EVENT_TYPE;
  if (endpoint.deletedAt || (!endpoint.enabled && !isTest)) {
    em.assign(delivery, { status: 'FAILED', nextAttemptAt: null });
    await em.flush();
    return { skipped: true, reason: endpoint.deletedAt ? 'endpoint deleted' : 'endpoint disabled' };
  }

  let sent: Awaited<ReturnType<typeof sendOnce>> | null = null;
  const attempt = await recordAttempt(
    deps,
    {
      direction: 'OUT',
      channel: 'WEBHOOK',
      key: `${endpoint.id}:${delivery.eventId}`,
      action: delivery.eventType,
      summary: `${delivery.eventType} to ${endpoint.url}`,
      body: delivery.body,
    },
    async () => {
      sent = await sendOnce(deps, em, delivery, false);
      return ledgerResult(sent.result);
    },
    { retryFailed: true },
  );
  delivery.ledgerId = attempt.delivery.id;
  const outcome = sent as Awaited<ReturnType<typeof sendOnce>> | null;
  if (!outcome) {
    await em.flush();
    // An admin's replay is sending it right now: look again shortly.
    if (attempt.kind === 'in-flight') throw new RetryAfterError('another attempt of this delivery is running', 5000);
    // Another run sent it already (a stalled job run twice): its outcome stands.
    if (attempt.delivery.outcome === 'SUCCEEDED') {
      em.assign(delivery, { status: 'SUCCEEDED', nextAttemptAt: null });
      await em.flush();
    }
    return { skipped: true, reason: attempt.kind };
  }
  const { result, attempt: row } = outcome;
  const now = row.attemptedAt;
  if (succeeded(result)) {
    em.assign(delivery, { status: 'SUCCEEDED', deliveredAt: now, nextAttemptAt: null });
    await em.flush();
    await countSuccess(em, endpoint);
    return { delivered: true, attempts: delivery.attempts };
  }
  if (result.status === 410) {
    em.assign(delivery, { status: 'FAILED', nextAttemptAt: null });
    await em.flush();
    await disable(deps, em, endpoint, 'GONE', 'the receiver answered 410 Gone');
    return { delivered: false, gone: true };
  }
  // The schedule counts its own attempts: an admin's replays in between do not shorten it.
  await em.flush();
  const scheduled = await em.count(WebhookAttempt, { delivery: delivery.id, manual: false });
  const wait = deps.env.WEBHOOK_RETRY_DELAYS_MS[scheduled - 1];
  if (wait !== undefined && !isTest) {
    const ms = jitter(wait);
    row.nextAttemptAt = new Date(now.getTime() + ms);
    delivery.nextAttemptAt = row.nextAttemptAt;
    await em.flush();
    await countFailure(deps, em, endpoint, now, false);
    throw new RetryAfterError(`attempt ${delivery.attempts} failed: ${result.error ?? result.status}`, ms);
  }
  em.assign(delivery, { status: 'FAILED', nextAttemptAt: null });
  await em.flush();
  if (!isTest) await countFailure(deps, em, endpoint, now, true);
  return { delivered: false, attempts: delivery.attempts };
}

/**
 * An admin's replay (`replayDelivery` on a WEBHOOK ledger entry): one more attempt now, signed with
 * today's secrets; its outcome becomes the delivery's. Audited by the ledger's replay.
 */
export const webhookReplayer =
  (deps: OpsDeps): Replayer =>
  async (entry: Delivery) => {
    const em = deps.orm.em.fork();
    const delivery = await em.findOne(WebhookDelivery, { ledgerId: entry.id }, { populate: ['endpoint'] });
    if (!delivery) return { outcome: 'FAILED', error: 'no webhook delivery is linked to this entry' };
    if (delivery.endpoint.deletedAt) return { outcome: 'FAILED', error: 'the endpoint was deleted' };
    const { result, attempt } = await sendOnce(deps, em, delivery, true);
    if (succeeded(result))
      em.assign(delivery, { status: 'SUCCEEDED', deliveredAt: delivery.deliveredAt ?? attempt.attemptedAt });
    else if (delivery.status !== 'PENDING') delivery.status = 'FAILED';
    await em.flush();
    if (succeeded(result)) await countSuccess(em, delivery.endpoint);
    return ledgerResult(result);
  };
