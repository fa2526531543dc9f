import type { ClientResolvers, TravelerResolvers } from '../__generated__/resolvers-types.ts';

/**
 * TT-API clients and travelers (travel's) back to the CRM records stamped with their ids. The
 * gateway sends a list of them as one `_entities` call; each loader answers it with one query.
 */
export const Client: ClientResolvers = {
  __resolveReference: (ref) => ref,
  contact: (client, _args, ctx) => ctx.loaders.contactByTtClient.load(client.id),
  company: (client, _args, ctx) => (client.ttCompanyId ? ctx.loaders.companyByTt.load(client.ttCompanyId) : null),
};

export const Traveler: TravelerResolvers = {
  __resolveReference: (ref) => ref,
  contact: (traveler, _args, ctx) => ctx.loaders.contactByTtTraveler.load(traveler.id),
};
