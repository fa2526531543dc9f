import type { TouchpointResolvers, TtActivityResolvers } from '../__generated__/resolvers-types.ts';

export const Touchpoint: TouchpointResolvers = {
  client: (t, _a, ctx) => (t.clientId ? ctx.loaders.client.load(t.clientId) : null),
  ttContactId: (t) => t.contactId,
};

export const TtActivity: TtActivityResolvers = {
  client: (a, _x, ctx) => (a.clientId ? ctx.loaders.client.load(a.clientId) : null),
  ttContactId: (a) => a.contactId,
  ttDealId: (a) => a.dealId,
};
