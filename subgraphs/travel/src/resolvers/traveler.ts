import type {
  TravelDocumentResolvers,
  TravelerPreferencesResolvers,
  TravelerResolvers,
} from '../__generated__/resolvers-types.ts';
import { known } from '../graphql-enums.ts';
import { travelerStatusOf } from '../services/derived.ts';
import { cabinClasses, documentTypes, seatPreferences } from '../tt-api/contract.ts';
import { daysUntil } from '../services/people.service.ts';

export const Traveler: TravelerResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.traveler.load(ref.id),
  client: (t, _a, ctx) => (t.clientId ? ctx.loaders.client.load(t.clientId) : null),
  status: async (t, _a, ctx) => {
    const batch = await ctx.loaders.bookingsOfTraveler.load(t.id);
    // A traveler with more bookings than the batch holds: their 100 newest decide.
    const rows = batch.complete
      ? batch.rows
      : (await ctx.loaders.bookingsOfTraveler.connection(t.id, { first: 100 })).nodes;
    return travelerStatusOf(rows, new Date().toISOString().slice(0, 10));
  },
  documents: (t, args, ctx) => ctx.loaders.documentsOfTraveler.connection(t.id, args),
  preferences: async (t, _a, ctx) => (await ctx.loaders.travelerDetail.load(t.id)).preferences,
  emergencyContacts: (t, args, ctx) => ctx.loaders.emergencyContactsOfTraveler.connection(t.id, args),
  loyaltyPrograms: (t, args, ctx) => ctx.loaders.loyaltyOfTraveler.connection(t.id, args),
  trips: (t, args, ctx) => ctx.loaders.tripsOfTraveler.connection(t.id, args),
  bookings: (t, args, ctx) => ctx.loaders.bookingsOfTraveler.connection(t.id, args),
};

export const TravelDocument: TravelDocumentResolvers = {
  traveler: (d, _a, ctx) => ctx.loaders.traveler.load(d.travelerId),
  documentType: (d) => known(documentTypes, d.documentType, 'other'),
  daysUntilExpiry: (d) => daysUntil(d.expiryDate),
  passportAlert: (d, _a, ctx) => ctx.loaders.passportAlertByDocument.load(d.id),
};

export const TravelerPreferences: TravelerPreferencesResolvers = {
  cabinClass: (p) => known(cabinClasses, p.cabinClass, null),
  seatPreference: (p) => known(seatPreferences, p.seatPreference, null),
};
