import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import type { IdentityContext } from '../context.ts';
import { createApiKey, revokeApiKey, updateApiKeyLimits } from '../services/api-keys.service.ts';
import { recordServiceWrite } from '../services/audit.service.ts';
import { markAllRead, markRead } from '../services/notifications.service.ts';
import { login, logout, refresh, type Session } from '../services/sessions.service.ts';
import { changePassword, updateNotificationPreferences, updateProfile } from '../services/profile.service.ts';
import { changeRole, createUser, resetPassword, setActive } from '../services/users.service.ts';

// The gateway turns these headers into (or out of) the browser's HttpOnly refresh cookie.
import { CLEAR_REFRESH_HEADER, FORWARDED_REFRESH_HEADER, SET_REFRESH_HEADER } from '@nexus/platform';

const handOver = (ctx: IdentityContext, s: Session): Session => {
  ctx.http.setHeader(SET_REFRESH_HEADER, `${s.refreshToken};${s.refreshTokenExpiresAt.toISOString()}`);
  return s;
};

export const Mutation: MutationResolvers = {
  login: async (_p, { email, password }, ctx) => handOver(ctx, await login(ctx.em, ctx.deps, email, password)),
  refreshSession: async (_p, { refreshToken }, ctx) =>
    handOver(ctx, await refresh(ctx.em, ctx.deps, refreshToken ?? ctx.http.header(FORWARDED_REFRESH_HEADER))),
  logout: async (_p, { refreshToken }, ctx) => {
    ctx.http.setHeader(CLEAR_REFRESH_HEADER, '1');
    return logout(ctx.em, ctx.deps, refreshToken ?? ctx.http.header(FORWARDED_REFRESH_HEADER));
  },
  createUser: (_p, { input }, ctx) => createUser(ctx.em, ctx.viewer, input),
  changeUserRole: (_p, { input }, ctx) => changeRole(ctx.em, ctx.deps, ctx.viewer, input),
  deactivateUser: (_p, { id }, ctx) => setActive(ctx.em, ctx.deps, ctx.viewer, id, false),
  reactivateUser: (_p, { id }, ctx) => setActive(ctx.em, ctx.deps, ctx.viewer, id, true),
  resetUserPassword: (_p, { input }, ctx) => resetPassword(ctx.em, ctx.deps, ctx.viewer, input),
  createApiKey: (_p, { input }, ctx) => createApiKey(ctx.em, ctx.viewer, input),
  revokeApiKey: (_p, { id }, ctx) => revokeApiKey(ctx.em, ctx.deps, ctx.viewer, id),
  updateApiKeyLimits: (_p, { input }, ctx) => updateApiKeyLimits(ctx.em, ctx.viewer, input),
  updateProfile: (_p, { input }, ctx) => updateProfile(ctx.em, ctx.viewer, input),
  changePassword: (_p, { input }, ctx) =>
    changePassword(ctx.em, ctx.deps, ctx.viewer, input, ctx.http.header(FORWARDED_REFRESH_HEADER)),
  updateNotificationPreferences: (_p, { input }, ctx) => updateNotificationPreferences(ctx.em, ctx.viewer, input),
  markNotificationRead: (_p, { id }, ctx) => markRead(ctx.em, ctx.viewer, id),
  markAllNotificationsRead: (_p, _a, ctx) => markAllRead(ctx.em, ctx.viewer),
  recordServiceWrite: (_p, { input }, ctx) => recordServiceWrite(ctx.em, ctx.viewer, input),
};
