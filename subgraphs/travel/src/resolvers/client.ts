import type { ClientResolvers, FamilyGroupResolvers } from '../__generated__/resolvers-types.ts';
import { memoryConnection } from '../services/lists.ts';

export const Client: ClientResolvers = {
  // crm refers to clients (Client.contact, Client.company): a page of them is one TT-API call.
  __resolveReference: (ref, ctx) => ctx.loaders.client.load(ref.id),
  ttCompanyId: (client) => client.companyId,
  addresses: (client, args, ctx) => ctx.loaders.addressesOfClient.connection(client.id, args),
  familyGroups: async (client, args, ctx) =>
    memoryConnection((await ctx.loaders.clientDetail.load(client.id)).familyGroups, args),
  travelers: (client, args, ctx) => ctx.loaders.travelersOfClient.connection(client.id, args),
  trips: (client, args, ctx) => ctx.loaders.tripsOfClient.connection(client.id, args),
  bookings: (client, args, ctx) => ctx.loaders.bookingsOfClient.connection(client.id, args),
  satisfactionScores: (client, args, ctx) => ctx.loaders.satisfactionOfClient.connection(client.id, args),
  payments: (client, args, ctx) => ctx.loaders.paymentsOfClient.connection(client.id, args),
  invoices: (client, args, ctx) => ctx.loaders.invoicesOfClient.connection(client.id, args),
};

export const FamilyGroup: FamilyGroupResolvers = {
  primaryClient: (group, _a, ctx) => ctx.loaders.client.load(group.primaryClientId),
  members: async (group, args, ctx) =>
    memoryConnection((await ctx.loaders.client.loadMany(group.memberClientIds)).filter(isRow), args),
};

/** loadMany answers an Error or null for a key it could not load; a list shows the rest. */
export function isRow<T>(value: T | Error | null): value is T {
  if (value instanceof Error) throw value;
  return value !== null;
}
