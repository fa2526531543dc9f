import type { TravelerReadinessResolvers, TripReadinessResolvers } from '../__generated__/resolvers-types.ts';

export const TripReadiness: TripReadinessResolvers = {
  travelers: (r) => r.travelers,
};

export const TravelerReadiness: TravelerReadinessResolvers = {
  traveler: (t, _a, ctx) => t.traveler ?? ctx.loaders.traveler.load(t.travelerId),
  missing: (t) => t.items.filter((i) => i.state === 'PENDING' || i.state === 'MISSING'),
};
