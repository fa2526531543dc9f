import { CLEAR_REFRESH_HEADER, CLIENT_IP_HEADER, FORWARDED_REFRESH_HEADER, SET_REFRESH_HEADER } from '@nexus/platform';
import type {
  MutationResolvers,
  PortalMeResolvers,
  QueryResolvers,
  TravelerAccountResolvers,
} from '../__generated__/resolvers-types.ts';
import type { IdentityContext } from '../context.ts';
import {
  changeAccess,
  getTravelerAccount,
  inviteTraveler,
  listTravelerAccounts,
  portalSelf,
  resendInvitation,
  setAccountActive,
  statusOf,
  updatePortalNotifications,
} from '../services/portal-accounts.service.ts';
import {
  confirmSignIn,
  refreshPortalSession,
  requestSignIn,
  setPortalPassword,
  signInLinkStatus,
  signInWithCode,
  signInWithPassword,
  signOut,
  type PortalSession,
} from '../services/portal-sessions.service.ts';

const ipOf = (ctx: IdentityContext) => ctx.http.header(CLIENT_IP_HEADER) ?? 'unknown';

// The gateway turns these headers into (or out of) the portal's HttpOnly refresh cookie.
const handOver = (ctx: IdentityContext, s: PortalSession): PortalSession => {
  ctx.http.setHeader(SET_REFRESH_HEADER, `${s.refreshToken};${s.refreshTokenExpiresAt.toISOString()}`);
  return s;
};

export const PortalQuery: QueryResolvers = {
  travelerAccounts: (_p, args, ctx) => listTravelerAccounts(ctx.em, args),
  travelerAccount: (_p, { id }, ctx) => getTravelerAccount(ctx.em, id),
  portalMe: (_p, _a, ctx) => portalSelf(ctx.em, ctx.viewer),
  portalSignInLinkStatus: (_p, { token }, ctx) => signInLinkStatus(ctx.em, ctx.deps, token),
};

export const PortalMutation: MutationResolvers = {
  inviteTraveler: (_p, { input }, ctx) => inviteTraveler(ctx.em, ctx.deps, ctx.viewer, input),
  resendTravelerInvitation: (_p, { id }, ctx) => resendInvitation(ctx.em, ctx.deps, ctx.viewer, id),
  changeTravelerAccess: (_p, { input }, ctx) => changeAccess(ctx.em, ctx.deps, ctx.viewer, input),
  disableTravelerAccount: (_p, { id }, ctx) => setAccountActive(ctx.em, ctx.deps, ctx.viewer, id, false),
  enableTravelerAccount: (_p, { id }, ctx) => setAccountActive(ctx.em, ctx.deps, ctx.viewer, id, true),
  portalRequestSignIn: (_p, { email }, ctx) => requestSignIn(ctx.em, ctx.deps, email, ipOf(ctx)),
  portalConfirmSignIn: async (_p, { token }, ctx) => handOver(ctx, await confirmSignIn(ctx.em, ctx.deps, token)),
  portalSignInWithCode: async (_p, { email, code }, ctx) =>
    handOver(ctx, await signInWithCode(ctx.em, ctx.deps, email, code, ipOf(ctx))),
  portalSignInWithPassword: async (_p, { email, password }, ctx) =>
    handOver(ctx, await signInWithPassword(ctx.em, ctx.deps, email, password, ipOf(ctx))),
  portalRefreshSession: async (_p, { refreshToken }, ctx) =>
    handOver(
      ctx,
      await refreshPortalSession(ctx.em, ctx.deps, refreshToken ?? ctx.http.header(FORWARDED_REFRESH_HEADER)),
    ),
  portalSignOut: (_p, { refreshToken }, ctx) => {
    ctx.http.setHeader(CLEAR_REFRESH_HEADER, '1');
    return signOut(ctx.em, ctx.deps, refreshToken ?? ctx.http.header(FORWARDED_REFRESH_HEADER));
  },
  portalUpdateNotifications: (_p, { input }, ctx) => updatePortalNotifications(ctx.em, ctx.viewer, input),
  portalSetPassword: async (_p, { input }, ctx) =>
    setPortalPassword(
      ctx.em,
      ctx.deps,
      await portalSelf(ctx.em, ctx.viewer),
      input,
      ctx.http.header(FORWARDED_REFRESH_HEADER),
    ),
};

export const TravelerAccount: TravelerAccountResolvers = {
  __resolveReference: (ref, ctx) => getTravelerAccount(ctx.em, ref.id),
  status: (a) => statusOf(a),
  hasPassword: async (a, _args, ctx) => {
    await ctx.em.populate(a, ['passwordHash']);
    return Boolean(a.passwordHash);
  },
  invitedBy: (a, _args, ctx) => (a.invitedById ? ctx.loaders.user.load(a.invitedById) : null),
};

export const PortalMe: PortalMeResolvers = {
  travelerId: (a) => a.ttTravelerId,
  clientId: (a) => a.ttClientId,
  hasPassword: async (a, _args, ctx) => {
    await ctx.em.populate(a, ['passwordHash']);
    return Boolean(a.passwordHash);
  },
};
