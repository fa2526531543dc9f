import type { Viewer } from '@nexus/platform';
import { badInput, publishSafely } from '@nexus/platform';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ServiceDeps } from '../context.ts';
import { readableTicket } from './tickets.service.ts';

export type TicketActivity = 'VIEWING' | 'REPLYING';
const ACTIVITIES: readonly TicketActivity[] = ['VIEWING', 'REPLYING'];

/**
 * How long a heartbeat counts: the staff app beats every 10 seconds while a ticket is open, so
 * someone who closes the tab or loses the connection drops out within half a minute.
 */
export const PRESENCE_TTL_MS = 30_000;

/** One other staff member on a ticket. */
export interface PresenceEntry {
  userId: string;
  activity: TicketActivity;
  since: Date;
  lastSeenAt: Date;
}

/** A ticket's presence as one viewer sees it: everyone else there now. */
export interface TicketPresence {
  id: string;
  viewerId: string;
  entries: PresenceEntry[];
}

/**
 * Per ticket, in Redis: a sorted set of user ids scored by when their heartbeat runs out, and a hash
 * of their activity (`ACTIVITY|sinceMs|lastSeenMs`). Both keys expire a little after the last beat,
 * so an abandoned ticket leaves nothing behind.
 */
const keys = (deps: ServiceDeps, ticketId: string) => ({
  until: `${deps.env.REDIS_PREFIX}:presence:ticket:${ticketId}`,
  activity: `${deps.env.REDIS_PREFIX}:presence:ticket:${ticketId}:activity`,
});

async function entries(deps: ServiceDeps, ticketId: string, now: number): Promise<PresenceEntry[]> {
  const k = keys(deps, ticketId);
  const expired = await deps.redis.zRangeByScore(k.until, '-inf', now);
  if (expired.length) {
    await deps.redis.multi().zRemRangeByScore(k.until, '-inf', now).hDel(k.activity, expired).exec();
  }
  const ids = await deps.redis.zRange(k.until, 0, -1);
  if (!ids.length) return [];
  const raw = await deps.redis.hmGet(k.activity, ids);
  const out: PresenceEntry[] = [];
  ids.forEach((userId, i) => {
    const [activity, since, seen] = String(raw[i] ?? '').split('|');
    if (!ACTIVITIES.includes(activity as TicketActivity)) return;
    out.push({
      userId,
      activity: activity as TicketActivity,
      since: new Date(Number(since)),
      lastSeenAt: new Date(Number(seen)),
    });
  });
  // Replying first (the collision that matters), then who came first.
  return out.sort(
    (a, b) =>
      Number(b.activity === 'REPLYING') - Number(a.activity === 'REPLYING') ||
      a.since.getTime() - b.since.getTime() ||
      a.userId.localeCompare(b.userId),
  );
}

const forViewer = (ticketId: string, v: Viewer, all: PresenceEntry[]): TicketPresence => ({
  id: ticketId,
  viewerId: v.id ?? '',
  entries: all.filter((e) => e.userId !== v.id),
});

const announce = (deps: ServiceDeps, ticketId: string) =>
  publishSafely(deps.bus, 'ticketPresenceChanged', { id: ticketId, ticketId }, deps.log);

/** Who else is on a ticket the viewer may read (NOT_FOUND otherwise). */
export async function ticketPresence(em: EntityManager, deps: ServiceDeps, v: Viewer, ticketId: string) {
  await readableTicket(em, v, ticketId);
  return forViewer(ticketId, v, await entries(deps, ticketId, deps.clock().getTime()));
}

/**
 * A heartbeat: the viewer is on the ticket, viewing or writing a reply, for the next
 * `PRESENCE_TTL_MS`. Subscribers hear about arrivals and activity changes (not every beat); the
 * answer is everyone else there now, so each beat also drops those whose heartbeat stopped.
 */
export async function touchPresence(
  em: EntityManager,
  deps: ServiceDeps,
  v: Viewer,
  input: { ticketId: string; activity: string },
) {
  if (!ACTIVITIES.includes(input.activity as TicketActivity))
    throw badInput('input.activity: must be VIEWING or REPLYING', [
      { path: 'input.activity', message: 'must be VIEWING or REPLYING' },
    ]);
  await readableTicket(em, v, input.ticketId);
  const userId = v.id;
  if (!userId)
    throw badInput('Only a staff member can be on a ticket.', [
      { path: 'input.ticketId', message: 'needs a staff member' },
    ]);
  const now = deps.clock().getTime();
  const k = keys(deps, input.ticketId);
  const before = (await entries(deps, input.ticketId, now)).find((e) => e.userId === userId);
  const since = before && before.activity === input.activity ? before.since.getTime() : now;
  await deps.redis
    .multi()
    .zAdd(k.until, { score: now + PRESENCE_TTL_MS, value: userId })
    .hSet(k.activity, userId, `${input.activity}|${since}|${now}`)
    .pExpire(k.until, PRESENCE_TTL_MS * 2)
    .pExpire(k.activity, PRESENCE_TTL_MS * 2)
    .exec();
  if (before?.activity !== input.activity) await announce(deps, input.ticketId);
  return forViewer(input.ticketId, v, await entries(deps, input.ticketId, now));
}

/** The viewer left the ticket (closed it or navigated away): gone for everyone at once. */
export async function leavePresence(em: EntityManager, deps: ServiceDeps, v: Viewer, ticketId: string) {
  await readableTicket(em, v, ticketId);
  const k = keys(deps, ticketId);
  const now = deps.clock().getTime();
  if (v.id) {
    const [removed] = await deps.redis.multi().zRem(k.until, v.id).hDel(k.activity, v.id).exec();
    if (Number(removed) > 0) await announce(deps, ticketId);
  }
  return forViewer(ticketId, v, await entries(deps, ticketId, now));
}
