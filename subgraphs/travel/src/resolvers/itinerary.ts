import { listScheduleChanges } from '../services/schedule-changes.service.ts';
import type { ItineraryEntryResolvers, ItineraryResolvers } from '../__generated__/resolvers-types.ts';
import { isBooked, publicLink } from '../services/itinerary.service.ts';
import { memoryConnection } from '../services/lists.ts';

export const Itinerary: ItineraryResolvers = {
  clientTrip: (it, _a, ctx) => ctx.loaders.clientTrip.load(it.clientTripId),
  entries: (it, args) => memoryConnection(it.entries, args),
  publicUrl: (it, _a, ctx) => (it.publishedVersion > 0 ? publicLink(ctx.deps.env.PUBLIC_URL, it.token) : null),
  scheduleChanges: (it, args, ctx) => listScheduleChanges(ctx.em, it.id, args),
  pdfUrl: (it, _a, ctx) => (it.publishedVersion > 0 ? `${publicLink(ctx.deps.env.PUBLIC_URL, it.token)}/pdf` : null),
};

export const ItineraryEntry: ItineraryEntryResolvers = {
  booked: (e) => isBooked(e),
  flightNumber: (e) => e.flightNumber ?? null,
  booking: (e, _a, ctx) => (e.bookingId ? ctx.loaders.booking.load(e.bookingId) : null),
};
