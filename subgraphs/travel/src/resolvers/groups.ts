import type {
  SatisfactionScoreResolvers,
  TopOpportunityResolvers,
  TravelAlertResolvers,
  TravelGroupMemberResolvers,
  TravelGroupResolvers,
} from '../__generated__/resolvers-types.ts';
import { memoryConnection } from '../services/lists.ts';
import { roomBlockOf, roomingListOf } from '../services/rooming.service.ts';

export const TravelGroup: TravelGroupResolvers = {
  tripOffering: (g, _a, ctx) => (g.tripOfferingId ? ctx.loaders.tripOffering.load(g.tripOfferingId) : null),
  ttOrganizerContactId: (g) => g.organizerContactId,
  members: async (g, args, ctx) => memoryConnection((await ctx.loaders.groupDetail.load(g.id)).members, args),
  milestones: async (g, args, ctx) => memoryConnection((await ctx.loaders.groupDetail.load(g.id)).milestones, args),
  roomingList: (g, _a, ctx) => roomingListOf(ctx.em, g.id),
  roomBlock: async (g, _a, ctx) => roomBlockOf(ctx.tt, ctx.em, await ctx.loaders.groupDetail.load(g.id)),
};

export const TravelGroupMember: TravelGroupMemberResolvers = {
  ttContactId: (m) => m.contactId,
};

export const TravelAlert: TravelAlertResolvers = {
  destination: (a, _x, ctx) => (a.destinationId ? ctx.loaders.destination.load(a.destinationId) : null),
};

export const SatisfactionScore: SatisfactionScoreResolvers = {
  client: (s, _a, ctx) => ctx.loaders.client.load(s.clientId),
  booking: (s, _a, ctx) => (s.bookingId ? ctx.loaders.booking.load(s.bookingId) : null),
  clientTrip: (s, _a, ctx) => (s.clientTripId ? ctx.loaders.clientTrip.load(s.clientTripId) : null),
};

export const TopOpportunity: TopOpportunityResolvers = {
  client: (o, _a, ctx) => ctx.loaders.client.load(o.clientId),
  tripOffering: (o, _a, ctx) => ctx.loaders.tripOffering.load(o.tripOfferingId),
};
