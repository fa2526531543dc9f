import type { TravelSearchHitResolvers } from '../__generated__/resolvers-types.ts';

/** The hit's record in the field of its kind (the search already holds the row: no further call). */
export const TravelSearchHit: TravelSearchHitResolvers = {
  client: (h) => (h.kind === 'CLIENT' ? h.row : null),
  traveler: (h) => (h.kind === 'TRAVELER' ? h.row : null),
  clientTrip: (h) => (h.kind === 'CLIENT_TRIP' ? h.row : null),
  booking: (h) => (h.kind === 'BOOKING' ? h.row : null),
  tripOffering: (h) => (h.kind === 'TRIP_OFFERING' ? h.row : null),
};
