import { QueryOrder, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  findConnection,
  notFound,
  parseInput,
  publishSafely,
  zId,
  type ConnectionArgs,
  type EventBus,
  type Logger,
  type Viewer,
} from '@nexus/platform';
import { NOTIFICATION_TYPES, Notification } from '../entities/index.ts';
import { wantsNotification } from './profile.service.ts';
import { containsPattern } from './like.ts';

const mine = (viewer: Viewer) => ({ userId: viewer.id ?? '00000000-0000-0000-0000-000000000000' });

const filterInput = z.object({
  search: z.string().trim().max(200).nullish(),
  unreadOnly: z.boolean().nullish(),
  types: z.array(z.enum(NOTIFICATION_TYPES)).max(NOTIFICATION_TYPES.length).nullish(),
});

/** The viewer's notifications, newest first by keyset, so pages stay put while new ones arrive. */
export async function listNotifications(
  em: EntityManager,
  viewer: Viewer,
  args: ConnectionArgs & { filter?: unknown },
) {
  const f = parseInput(filterInput, args.filter ?? {}, 'filter');
  const w: FilterQuery<Notification>[] = [mine(viewer)];
  if (f.unreadOnly) w.push({ readAt: null });
  if (f.types?.length) w.push({ type: { $in: f.types } });
  if (f.search)
    w.push({
      $or: [{ title: { $ilike: containsPattern(f.search) } }, { body: { $ilike: containsPattern(f.search) } }],
    });
  const [page, unread] = await Promise.all([
    findConnection(em, Notification, { $and: w }, args, [{ createdAt: QueryOrder.DESC }, { id: QueryOrder.DESC }]),
    unreadCount(em, viewer),
  ]);
  return { ...page, unreadCount: unread };
}

export const unreadCount = (em: EntityManager, viewer: Viewer) =>
  em.count(Notification, { ...mine(viewer), readAt: null });

/** Only the recipient sees a notification; to anybody else it does not exist. */
export async function getNotification(em: EntityManager, viewer: Viewer, id: unknown) {
  const nid = parseInput(zId, id, 'id');
  return em.findOne(Notification, { id: nid, ...mine(viewer) });
}

export async function markRead(em: EntityManager, viewer: Viewer, id: unknown) {
  const n = await getNotification(em, viewer, id);
  if (!n) throw notFound('Notification');
  if (!n.readAt) {
    n.readAt = new Date();
    await em.flush();
  }
  return n;
}

export const markAllRead = (em: EntityManager, viewer: Viewer) =>
  em.nativeUpdate(Notification, { ...mine(viewer), readAt: null }, { readAt: new Date() });

export const notifyInput = z.object({
  userId: zId,
  type: z.enum(NOTIFICATION_TYPES),
  title: z.string().trim().min(1).max(200),
  body: z.string().max(4000).nullish(),
  link: z.string().max(500).nullish(),
  /** Same key twice creates one notification: jobs may run more than once. */
  dedupeKey: z.string().max(200).nullish(),
});
export type NotifyInput = z.infer<typeof notifyInput>;

/**
 * Creates a notification and announces it to the recipient's live subscriptions; null when the
 * recipient muted its type.
 */
export async function notify(
  em: EntityManager,
  bus: EventBus,
  log: Logger,
  input: unknown,
): Promise<Notification | null> {
  const data = parseInput(notifyInput, input, 'job');
  if (!(await wantsNotification(em, data.userId, data.type))) return null;
  if (data.dedupeKey) {
    const existing = await em.findOne(Notification, { dedupeKey: data.dedupeKey });
    if (existing) return existing;
  }
  const n = em.create(Notification, {
    userId: data.userId,
    type: data.type,
    title: data.title,
    body: data.body ?? null,
    link: data.link ?? null,
    dedupeKey: data.dedupeKey ?? null,
  });
  await em.flush();
  await publishSafely(bus, 'notificationAdded', { id: n.id, audienceUserId: n.userId }, log);
  return n;
}
