import type {
  CompanyResolvers,
  ContactResolvers,
  DealResolvers,
  UserResolvers,
} from '../__generated__/resolvers-types.ts';
import { memoryConnection } from '../services/lists.ts';

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
  clients: (company, args, ctx) =>
    company.ttCompanyId
      ? ctx.loaders.clientsOfCompany.connection(company.ttCompanyId, args)
      : memoryConnection([], args),
};

export const Deal: DealResolvers = {
  __resolveReference: (ref) => ref,
  bookings: (deal, args, ctx) =>
    deal.ttDealId ? ctx.loaders.bookingsOfDeal.connection(deal.ttDealId, args) : memoryConnection([], args),
};

/** Stubs only (`resolvable: false`): identity resolves users. */
export const User: UserResolvers = {};
