import { parseInput, zId } from '@nexus/platform';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import { listApiKeys } from '../services/api-keys.service.ts';
import { rateLimitOf } from '../services/api-key-usage.service.ts';
import { listAudit } from '../services/audit.service.ts';
import { getNotification, listNotifications, unreadCount } from '../services/notifications.service.ts';
import { notificationPreferences } from '../services/profile.service.ts';
import { listUsers } from '../services/users.service.ts';

export const Query: QueryResolvers = {
  me: (_p, _a, ctx) => (ctx.viewer.id && !ctx.viewer.apiKeyId ? ctx.loaders.user.load(ctx.viewer.id) : null),
  user: (_p, { id }, ctx) => ctx.loaders.user.load(parseInput(zId, id, 'id')),
  users: (_p, args, ctx) => listUsers(ctx.em, args),
  apiKeys: (_p, args, ctx) => listApiKeys(ctx.em, args),
  notifications: (_p, args, ctx) => listNotifications(ctx.em, ctx.viewer, args),
  notification: (_p, { id }, ctx) => getNotification(ctx.em, ctx.viewer, id),
  unreadNotificationCount: (_p, _a, ctx) => unreadCount(ctx.em, ctx.viewer),
  notificationPreferences: (_p, _a, ctx) => notificationPreferences(ctx.em, ctx.viewer),
  auditLog: (_p, args, ctx) => listAudit(ctx.em, args),
  rateLimit: (_p, _a, ctx) => rateLimitOf(ctx),
};
