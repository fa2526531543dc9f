/**
 * The delivery ledger: every delivery that crosses Nexus' boundary, in or out (Slack events,
 * commands, interactions and posts, n8n actions, TT-API and groups hooks, integrators' webhooks), is
 * ONE row in `delivery`, keyed by (channel, idempotency key), however often it arrives or is tried.
 * Everything that receives or sends calls this module; nothing else writes the table.
 *
 * ```ts
 * const attempt = await recordAttempt(deps, {
 *   direction: 'IN', channel: 'N8N', key: idempotencyKey, action: 'booking-sync',
 *   summary: 'booking-sync since 2026-12-01', body: rawBody,          // body: hashed, kept for replay
 * }, async (delivery) => ({                                            // the effect, run at most once
 *   outcome: 'SUCCEEDED', status: 202, response: JSON.stringify({ runId }),
 *   effect: 'booking sync run started', effectRefs: [{ type: 'BookingSyncRun', id: runId }],
 * }));
 * switch (attempt.kind) {
 *   case 'ran':       // this call ran the effect; attempt.delivery holds its stored result
 *   case 'repeat':    // seen before: answer attempt.delivery.responseStatus / responseBody (the first answer)
 *   case 'in-flight': // seen before and the first attempt has not finished yet (answer 409 or ack and drop)
 *   case 'changed':   // same key, different body: nothing ran (answer 422)
 * }
 * ```
 *
 * - Idempotent under any concurrency: one `insert .. on conflict` decides which call is first; a
 *   repeat only increments `attempts` and `lastAttemptAt` (1,000 duplicates: one effect, one row with
 *   1,000 attempts) and gets the first stored outcome and response.
 * - `retryFailed: true` lets a repeat of a FAILED delivery run the effect again (Slack redelivering
 *   after our 500, a queue retrying an outbound post); one claimant wins. REFUSED is final.
 * - An effect that throws is stored as FAILED with its message (no stack); the error is not rethrown.
 * - Work acknowledged now and done later: call `recordAttempt` without an effect (the row stays
 *   PENDING, `kind` is 'ran' for the first call), then `finishDelivery(deps, id, result)` when done.
 * - Each attempt publishes `deliveryRecorded` (keys only) after it is stored.
 * - Replay by an admin (`replayDelivery`) re-runs the channel's replayer from `ledger/replay.ts` on
 *   the stored request body.
 */
import { createHash } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { publishSafely, type EventBus, type Logger } from '@nexus/platform';
import { Delivery, type DeliveryChannel, type DeliveryDirection, type EffectRef } from '../entities/index.ts';

/** What the ledger needs; `OpsDeps` has all of it. */
export interface LedgerDeps {
  orm: MikroORM;
  bus: EventBus;
  log: Logger;
  clock: () => Date;
}

export interface DeliveryRequest {
  direction: DeliveryDirection;
  channel: DeliveryChannel;
  /** Unique per channel: Slack's `event_id`, the `Idempotency-Key` header, a queue job id. */
  key: string;
  /** The action or event type (`commission-reconcile`, `booking.updated`, `chat.postMessage`). */
  action?: string | null;
  /** One line a person reads in the ledger (cut to 500 characters). */
  summary: string;
  /** The request body: hashed to refuse a changed body under the same key, and kept for replay. */
  body?: string | Buffer | null;
}

/** What handling a delivery came to: stored once and returned to every repeat. */
export interface DeliveryResult {
  outcome: 'SUCCEEDED' | 'FAILED' | 'REFUSED';
  /** The HTTP status answered (inbound) or received (outbound). */
  status?: number | null;
  /** The body answered (inbound) or received (outbound); repeats get exactly this. */
  response?: string | null;
  /** What changed in Nexus, in words. */
  effect?: string | null;
  effectRefs?: EffectRef[];
  error?: string | null;
}

export type Attempt = {
  kind: 'ran' | 'repeat' | 'in-flight' | 'changed';
  /** The row after this attempt (for 'ran' with an effect: with the effect's result stored). */
  delivery: Delivery;
};

const KEY_MAX = 300;
const BODY_MAX = 1024 * 1024;
const EXCERPT_MAX = 64 * 1024;

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
/** Keys longer than the column are stored by their hash: still unique, never truncated into a collision. */
export const ledgerKey = (key: string) => (key.length <= KEY_MAX ? key : `sha256:${sha256(key)}`);
const cut = (s: string | null | undefined, max: number) => (s == null ? null : s.length <= max ? s : s.slice(0, max));
const bodyText = (body: string | Buffer | null | undefined) =>
  body == null ? null : cut(Buffer.isBuffer(body) ? body.toString('utf8') : body, BODY_MAX);

const load = (deps: LedgerDeps, id: string) => deps.orm.em.fork().findOneOrFail(Delivery, { id });

const announce = (deps: LedgerDeps, d: Delivery) =>
  publishSafely(deps.bus, 'deliveryRecorded', { id: d.id, channel: d.channel }, deps.log);

/**
 * Records one attempt of a delivery and, for the first attempt only (or a claimed retry of a failed
 * one), runs `effect` and stores its result. See the top of this file.
 */
export async function recordAttempt(
  deps: LedgerDeps,
  request: DeliveryRequest,
  effect?: (delivery: Delivery) => Promise<DeliveryResult>,
  o: { retryFailed?: boolean } = {},
): Promise<Attempt> {
  const now = deps.clock();
  const key = ledgerKey(request.key);
  const hash = request.body == null ? null : sha256(request.body);
  const em = deps.orm.em.fork();
  const rows = await em.execute<{ id: string; inserted: boolean; outcome: string; request_hash: string | null }[]>(
    `insert into "delivery" ("id", "direction", "channel", "idempotency_key", "action", "request_summary",
       "request_hash", "request_body", "attempts", "first_attempt_at", "last_attempt_at", "outcome")
     values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, 'PENDING')
     on conflict ("channel", "idempotency_key") do update
       set "attempts" = "delivery"."attempts" + 1,
           "last_attempt_at" = greatest("delivery"."last_attempt_at", excluded."last_attempt_at")
     returning "id", (xmax = 0) as "inserted", "outcome", "request_hash"`,
    [
      request.direction,
      request.channel,
      key,
      cut(request.action ?? null, 100),
      cut(request.summary, 500) ?? '',
      hash,
      bodyText(request.body),
      now,
      now,
    ],
  );
  const row = rows[0];
  if (!row) throw new Error('the ledger did not return the delivery row');
  const { id } = row;

  let kind: Attempt['kind'];
  if (row.inserted) kind = 'ran';
  else if (hash !== null && row.request_hash !== null && hash !== row.request_hash) kind = 'changed';
  else if (row.outcome === 'FAILED' && o.retryFailed && (await claimFailed(deps, id))) kind = 'ran';
  else kind = row.outcome === 'PENDING' ? 'in-flight' : 'repeat';

  if (kind === 'ran' && effect) {
    const delivery = await load(deps, id);
    let result: DeliveryResult;
    try {
      result = await effect(delivery);
    } catch (e) {
      deps.log.warn({ err: e, deliveryId: id, channel: request.channel }, 'delivery effect failed');
      result = { outcome: 'FAILED', error: e instanceof Error ? e.message : String(e) };
    }
    return { kind, delivery: await finishDelivery(deps, id, result) };
  }
  const delivery = await load(deps, id);
  await announce(deps, delivery);
  return { kind, delivery };
}

/** Takes a FAILED delivery back to PENDING for one more run; false when another attempt took it first. */
async function claimFailed(deps: LedgerDeps, id: string): Promise<boolean> {
  const claimed = await deps.orm.em
    .fork()
    .execute<{ id: string }[]>(
      `update "delivery" set "outcome" = 'PENDING', "error" = null where "id" = ? and "outcome" = 'FAILED' returning "id"`,
      [id],
    );
  return claimed.length > 0;
}

/** Stores how a delivery ended (after `recordAttempt` without an effect, or a replay). */
export async function finishDelivery(deps: LedgerDeps, id: string, result: DeliveryResult): Promise<Delivery> {
  const em = deps.orm.em.fork();
  const delivery = await em.findOneOrFail(Delivery, { id });
  em.assign(delivery, {
    outcome: result.outcome,
    completedAt: deps.clock(),
    responseStatus: result.status ?? null,
    responseBody: cut(result.response ?? null, EXCERPT_MAX),
    effect: cut(result.effect ?? null, 500),
    effectRefs: result.effectRefs ?? [],
    error: cut(result.error ?? null, 2000),
  });
  await em.flush();
  await announce(deps, delivery);
  return delivery;
}

/** A delivery by channel and key, or null (what a caller checks before deciding to send). */
export async function findDelivery(deps: LedgerDeps, channel: DeliveryChannel, key: string): Promise<Delivery | null> {
  return deps.orm.em.fork().findOne(Delivery, { channel, idempotencyKey: ledgerKey(key) });
}

/**
 * Marks a delivery FAILED if it is still PENDING (its job gave up: attempts used, or its worker
 * died too often); one that has an outcome keeps it. True when it was marked.
 */
export async function failPending(deps: LedgerDeps, id: string, error: string): Promise<boolean> {
  const rows = await deps.orm.em
    .fork()
    .execute<{ id: string; channel: string }[]>(
      `update "delivery" set "outcome" = 'FAILED', "error" = ?, "completed_at" = ? where "id" = ? and "outcome" = 'PENDING' returning "id", "channel"`,
      [cut(error, 2000), deps.clock(), id],
    );
  const row = rows[0];
  if (!row) return false;
  await publishSafely(deps.bus, 'deliveryRecorded', { id: row.id, channel: row.channel as DeliveryChannel }, deps.log);
  return true;
}
