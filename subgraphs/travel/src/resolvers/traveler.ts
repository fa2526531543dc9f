import type { TravelDocumentResolvers, TravelerResolvers } from '../__generated__/resolvers-types.ts';
import { daysUntil } from '../services/people.service.ts';

export const Traveler: TravelerResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.traveler.load(ref.id),
  client: (t, _a, ctx) => (t.clientId ? ctx.loaders.client.load(t.clientId) : null),
  documents: (t, args, ctx) => ctx.loaders.documentsOfTraveler.connection(t.id, args),
  preferences: async (t, _a, ctx) => (await ctx.loaders.travelerDetail.load(t.id)).preferences,
  emergencyContacts: (t, args, ctx) => ctx.loaders.emergencyContactsOfTraveler.connection(t.id, args),
  loyaltyPrograms: (t, args, ctx) => ctx.loaders.loyaltyOfTraveler.connection(t.id, args),
  trips: (t, args, ctx) => ctx.loaders.tripsOfTraveler.connection(t.id, args),
  bookings: (t, args, ctx) => ctx.loaders.bookingsOfTraveler.connection(t.id, args),
};

export const TravelDocument: TravelDocumentResolvers = {
  traveler: (d, _a, ctx) => ctx.loaders.traveler.load(d.travelerId),
  daysUntilExpiry: (d) => daysUntil(d.expiryDate),
  passportAlert: (d, _a, ctx) => ctx.loaders.passportAlertByDocument.load(d.id),
};
