import type { TravelDocumentResolvers, TravelerResolvers } from '../__generated__/resolvers-types.ts';
import { daysUntil } from '../services/people.service.ts';
import { first } from './client.ts';

export const Traveler: TravelerResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.traveler.load(ref.id),
  client: (t, _a, ctx) => (t.clientId ? ctx.loaders.client.load(t.clientId) : null),
  documents: (t, _a, ctx) => ctx.loaders.documentsOfTraveler.load(t.id),
  preferences: async (t, _a, ctx) => (await ctx.loaders.travelerDetail.load(t.id)).preferences,
  emergencyContacts: (t, _a, ctx) => ctx.loaders.emergencyContactsOfTraveler.load(t.id),
  loyaltyPrograms: (t, _a, ctx) => ctx.loaders.loyaltyOfTraveler.load(t.id),
  trips: (t, { limit }, ctx) => ctx.loaders.tripsOfTraveler.load(t.id).then(first(limit)),
  bookings: (t, { limit }, ctx) => ctx.loaders.bookingsOfTraveler.load(t.id).then(first(limit)),
};

export const TravelDocument: TravelDocumentResolvers = {
  traveler: (d, _a, ctx) => ctx.loaders.traveler.load(d.travelerId),
  daysUntilExpiry: (d) => daysUntil(d.expiryDate),
  passportAlert: (d, _a, ctx) => ctx.loaders.passportAlertByDocument.load(d.id),
};
