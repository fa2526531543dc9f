import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { notFound, parseInput, publishSafely, zId, type EventBus, type Logger, type Viewer } from '@nexus/platform';
import { NOTIFICATION_TYPES, Notification } from '../entities/index.ts';

const mine = (viewer: Viewer) => ({ userId: viewer.id ?? '00000000-0000-0000-0000-000000000000' });

export async function listNotifications(em: EntityManager, viewer: Viewer, unreadOnly: boolean, limit: number, offset: number) {
  const paging = parseInput(z.object({ limit: z.number().int().min(1).max(100), offset: z.number().int().min(0) }), { limit, offset }, 'args');
  const where = { ...mine(viewer), ...(unreadOnly ? { readAt: null } : {}) };
  const [[nodes, totalCount], unreadCount] = await Promise.all([
    em.findAndCount(Notification, where, { orderBy: { createdAt: 'desc', id: 'desc' }, ...paging }),
    em.count(Notification, { ...mine(viewer), readAt: null }),
  ]);
  return { nodes, totalCount, unreadCount };
}

export const unreadCount = (em: EntityManager, viewer: Viewer) => em.count(Notification, { ...mine(viewer), readAt: null });

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

/** Creates a notification and announces it to the recipient's live subscriptions. */
export async function notify(em: EntityManager, bus: EventBus, log: Logger, input: unknown): Promise<Notification> {
  const data = parseInput(notifyInput, input, 'job');
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
