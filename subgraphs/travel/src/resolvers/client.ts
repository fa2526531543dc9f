import type { ClientResolvers, FamilyGroupResolvers } from '../__generated__/resolvers-types.ts';
import { relationLimit } from '../services/lists.ts';

const first = <T>(limit: number | null | undefined) => {
  const n = relationLimit(limit);
  return (rows: T[]) => rows.slice(0, n);
};

export const Client: ClientResolvers = {
  // crm refers to clients (Client.contact, Client.company): a page of them is one TT-API call.
  __resolveReference: (ref, ctx) => ctx.loaders.client.load(ref.id),
  ttCompanyId: (client) => client.companyId,
  addresses: (client, _a, ctx) => ctx.loaders.addressesOfClient.load(client.id),
  familyGroups: async (client, _a, ctx) => (await ctx.loaders.clientDetail.load(client.id)).familyGroups,
  travelers: (client, { limit }, ctx) => ctx.loaders.travelersOfClient.load(client.id).then(first(limit)),
  trips: (client, { limit }, ctx) => ctx.loaders.tripsOfClient.load(client.id).then(first(limit)),
  bookings: (client, { limit }, ctx) => ctx.loaders.bookingsOfClient.load(client.id).then(first(limit)),
  satisfactionScores: (client, { limit }, ctx) => ctx.loaders.satisfactionOfClient.load(client.id).then(first(limit)),
  payments: (client, { limit }, ctx) => ctx.loaders.paymentsOfClient.load(client.id).then(first(limit)),
  invoices: (client, { limit }, ctx) => ctx.loaders.invoicesOfClient.load(client.id).then(first(limit)),
};

export const FamilyGroup: FamilyGroupResolvers = {
  primaryClient: (group, _a, ctx) => ctx.loaders.client.load(group.primaryClientId),
  members: async (group, _a, ctx) => (await ctx.loaders.client.loadMany(group.memberClientIds)).filter(isRow),
};

/** loadMany answers an Error or null for a key it could not load; a list shows the rest. */
export function isRow<T>(value: T | Error | null): value is T {
  if (value instanceof Error) throw value;
  return value !== null;
}

export { first };
