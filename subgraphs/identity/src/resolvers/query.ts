import { parseInput, zId } from '@nexus/platform';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import { listApiKeys } from '../services/api-keys.service.ts';
import { listAudit } from '../services/audit.service.ts';
import { getNotification, listNotifications, unreadCount } from '../services/notifications.service.ts';
import { listUsers } from '../services/users.service.ts';

export const Query: QueryResolvers = {
  me: (_p, _a, ctx) => (ctx.viewer.id && !ctx.viewer.apiKeyId ? ctx.loaders.user.load(ctx.viewer.id) : null),
  user: (_p, { id }, ctx) => ctx.loaders.user.load(parseInput(zId, id, 'id')),
  users: (_p, { filter, limit, offset }, ctx) => listUsers(ctx.em, filter, limit ?? 50, offset ?? 0),
  apiKeys: (_p, { includeRevoked }, ctx) => listApiKeys(ctx.em, includeRevoked ?? false),
  notifications: (_p, { unreadOnly, limit, offset }, ctx) =>
    listNotifications(ctx.em, ctx.viewer, unreadOnly ?? false, limit ?? 20, offset ?? 0),
  notification: (_p, { id }, ctx) => getNotification(ctx.em, ctx.viewer, id),
  unreadNotificationCount: (_p, _a, ctx) => unreadCount(ctx.em, ctx.viewer),
  auditLog: (_p, { filter, limit, offset }, ctx) => listAudit(ctx.em, filter ?? {}, limit ?? 50, offset ?? 0),
};
