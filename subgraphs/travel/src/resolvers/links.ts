import type { CompanyResolvers, ContactResolvers, DealResolvers, UserResolvers } from '../__generated__/resolvers-types.ts';
import { relationLimit } from '../services/lists.ts';

/**
 * crm's Contact and Company, extended with their TT-API profiles. The gateway sends a page of
 * contacts as ONE `_entities` call carrying each contact's `ttTravelerId`/`ttClientId`; the
 * loaders turn those into one `GET /api/travelers?ids=` and one `GET /api/clients?ids=`.
 */
export const Contact: ContactResolvers = {
  __resolveReference: (ref) => ref,
  traveler: (contact, _a, ctx) => (contact.ttTravelerId ? ctx.loaders.traveler.load(contact.ttTravelerId) : null),
  client: (contact, _a, ctx) => (contact.ttClientId ? ctx.loaders.client.load(contact.ttClientId) : null),
};

export const Company: CompanyResolvers = {
  __resolveReference: (ref) => ref,
  clients: async (company, { limit }, ctx) => {
    if (!company.ttCompanyId) return [];
    const n = relationLimit(limit);
    return (await ctx.loaders.clientsOfCompany.load(company.ttCompanyId)).slice(0, n);
  },
};

export const Deal: DealResolvers = {
  __resolveReference: (ref) => ref,
  bookings: async (deal, { limit }, ctx) => {
    if (!deal.ttDealId) return [];
    const n = relationLimit(limit);
    return (await ctx.loaders.bookingsOfDeal.load(deal.ttDealId)).slice(0, n);
  },
};

/** Stubs only (`resolvable: false`): identity resolves users. */
export const User: UserResolvers = {};
