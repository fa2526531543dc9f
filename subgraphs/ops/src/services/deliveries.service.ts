import { z } from 'zod';
import type { EntityManager, FilterQuery, QueryOrderMap } from '@mikro-orm/postgresql';
import {
  actorOf,
  badInput,
  findConnection,
  notFound,
  parseInput,
  zId,
  type ConnectionArgs,
  type Viewer,
} from '@nexus/platform';
import {
  DELIVERY_CHANNELS,
  DELIVERY_DIRECTIONS,
  DELIVERY_OUTCOMES,
  Delivery,
  OpsAuditEntry,
} from '../entities/index.ts';
import { finishDelivery, type LedgerDeps } from '../ledger/ledger.ts';
import type { Replayers } from '../ledger/replay.ts';

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const filterInput = z
  .object({
    search: z.string().trim().max(200).nullish(),
    direction: z.enum(DELIVERY_DIRECTIONS).nullish(),
    channels: z.array(z.enum(DELIVERY_CHANNELS)).max(DELIVERY_CHANNELS.length).nullish(),
    outcomes: z.array(z.enum(DELIVERY_OUTCOMES)).max(DELIVERY_OUTCOMES.length).nullish(),
    since: z.coerce.date().nullish(),
    until: z.coerce.date().nullish(),
  })
  .refine((f) => !f.since || !f.until || f.since < f.until, { message: 'must be after since', path: ['until'] });

export interface DeliveryListArgs extends ConnectionArgs {
  filter?: unknown;
  orderBy?: { field: 'FIRST_ATTEMPT_AT' | 'LAST_ATTEMPT_AT' | 'ATTEMPTS'; direction?: 'ASC' | 'DESC' | null } | null;
}

/** Keyset pages of the ledger, newest first unless ordered; the id settles ties. */
export function listDeliveries(em: EntityManager, args: DeliveryListArgs) {
  const f = parseInput(filterInput, args.filter ?? {}, 'filter');
  const w: FilterQuery<Delivery>[] = [];
  if (f.search) {
    const p = like(f.search);
    w.push({ $or: [{ idempotencyKey: { $ilike: p } }, { action: { $ilike: p } }, { requestSummary: { $ilike: p } }] });
  }
  if (f.direction) w.push({ direction: f.direction });
  if (f.channels?.length) w.push({ channel: { $in: f.channels } });
  if (f.outcomes?.length) w.push({ outcome: { $in: f.outcomes } });
  if (f.since) w.push({ firstAttemptAt: { $gte: f.since } });
  if (f.until) w.push({ firstAttemptAt: { $lt: f.until } });
  const dir = args.orderBy?.direction === 'ASC' ? ('asc' as const) : ('desc' as const);
  const field = args.orderBy?.field ?? 'FIRST_ATTEMPT_AT';
  const first: QueryOrderMap<Delivery> =
    field === 'LAST_ATTEMPT_AT'
      ? { lastAttemptAt: dir }
      : field === 'ATTEMPTS'
        ? { attempts: dir }
        : { firstAttemptAt: dir };
  return findConnection(em, Delivery, w.length ? { $and: w } : {}, args, [first, { id: dir }]);
}

export const isReplayable = (d: Delivery, replayers: Replayers) =>
  d.requestBody !== null && Boolean(replayers[d.channel]);

const replayInput = z.object({ id: zId });

/**
 * An admin's replay: the channel's replayer runs on the stored request, the entry counts one more
 * attempt and takes the replay's outcome and answer; audited in the same ledger database.
 */
export async function replayDelivery(
  deps: LedgerDeps & { replayers: Replayers },
  viewer: Viewer,
  input: unknown,
): Promise<Delivery> {
  const { id } = parseInput(replayInput, input);
  const em = deps.orm.em.fork();
  const delivery = await em.findOne(Delivery, { id });
  if (!delivery) throw notFound('delivery', id);
  const replayer = deps.replayers[delivery.channel];
  if (!replayer || delivery.requestBody === null) {
    throw badInput('This delivery cannot be replayed.', [
      { path: 'input.id', message: `${delivery.channel} deliveries are not replayable` },
    ]);
  }
  const now = deps.clock();
  const previousOutcome = delivery.outcome;
  em.assign(delivery, {
    outcome: 'PENDING',
    attempts: delivery.attempts + 1,
    lastAttemptAt: now,
    replayCount: delivery.replayCount + 1,
    lastReplayedAt: now,
  });
  em.create(OpsAuditEntry, {
    action: 'DELIVERY_REPLAYED',
    actor: actorOf(viewer),
    targetType: 'Delivery',
    targetId: delivery.id,
    details: { channel: delivery.channel, key: delivery.idempotencyKey, previousOutcome },
  });
  await em.flush();
  let result;
  try {
    result = await replayer(delivery);
  } catch (e) {
    deps.log.warn({ err: e, deliveryId: id }, 'delivery replay failed');
    result = { outcome: 'FAILED' as const, error: e instanceof Error ? e.message : String(e) };
  }
  return finishDelivery(deps, id, result);
}
