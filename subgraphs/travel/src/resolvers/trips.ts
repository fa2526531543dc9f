import type {
  BookingResolvers, BookingTravelerResolvers, ClientTripResolvers, DestinationResolvers, TripOfferingResolvers,
  VendorContractResolvers, VendorResolvers,
} from '../__generated__/resolvers-types.ts';
import { relationLimit } from '../services/lists.ts';
import { first, isRow } from './client.ts';

export const Destination: DestinationResolvers = {
  travelAlerts: async (d, { activeOnly, limit }, ctx) => {
    const res = await ctx.tt.listTravelAlerts({
      destinationId: d.id,
      ...(activeOnly === false ? {} : { isActive: true }),
      limit: relationLimit(limit),
      sortBy: 'startsAt',
      sortOrder: 'desc',
    });
    return res.data;
  },
};

export const TripOffering: TripOfferingResolvers = {
  spotsLeft: (t) => Math.max(0, t.capacity - t.spotsBooked),
  vendor: (t, _a, ctx) => (t.vendorId ? ctx.loaders.vendor.load(t.vendorId) : null),
  destination: (t, _a, ctx) => (t.destinationId ? ctx.loaders.destination.load(t.destinationId) : null),
  itineraryLegs: async (t, _a, ctx) =>
    [...(await ctx.loaders.tripOfferingDetail.load(t.id)).itineraryLegs].sort((a, b) => a.dayNumber - b.dayNumber),
};

export const ClientTrip: ClientTripResolvers = {
  client: (t, _a, ctx) => ctx.loaders.client.load(t.clientId),
  tripOffering: (t, _a, ctx) => (t.tripOfferingId ? ctx.loaders.tripOffering.load(t.tripOfferingId) : null),
  travelers: async (t, _a, ctx) => (await ctx.loaders.traveler.loadMany(t.travelerIds)).filter(isRow),
  bookings: (t, { limit }, ctx) => ctx.loaders.bookingsOfClientTrip.load(t.id).then(first(limit)),
  paymentSchedules: (t, _a, ctx) => ctx.loaders.schedulesOfClientTrip.load(t.id),
};

export const Booking: BookingResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.booking.load(ref.id),
  ttDealId: (b) => b.dealId,
  deal: (b) => (b.dealId ? { ttDealId: b.dealId } : null),
  client: (b, _a, ctx) => (b.clientId ? ctx.loaders.client.load(b.clientId) : null),
  clientTrip: (b, _a, ctx) => (b.clientTripId ? ctx.loaders.clientTrip.load(b.clientTripId) : null),
  tripOffering: (b, _a, ctx) => (b.tripOfferingId ? ctx.loaders.tripOffering.load(b.tripOfferingId) : null),
  vendor: (b, _a, ctx) => (b.vendorId ? ctx.loaders.vendor.load(b.vendorId) : null),
  payments: (b, _a, ctx) => ctx.loaders.paymentsOfBooking.load(b.id),
  commissions: (b, _a, ctx) => ctx.loaders.commissionsOfBooking.load(b.id),
  paymentSchedules: (b, _a, ctx) => ctx.loaders.schedulesOfBooking.load(b.id),
  invoices: (b, _a, ctx) => ctx.loaders.invoicesOfBooking.load(b.id),
};

export const BookingTraveler: BookingTravelerResolvers = {
  traveler: (bt, _a, ctx) => ctx.loaders.traveler.load(bt.travelerId),
};

export const Vendor: VendorResolvers = {
  commissionRules: async (v, _a, ctx) => (await ctx.loaders.vendorDetail.load(v.id)).commissionRules,
  contracts: async (v, _a, ctx) => (await ctx.loaders.vendorDetail.load(v.id)).contracts,
  tripOfferings: async (v, { limit }, ctx) => {
    const res = await ctx.tt.listTripOfferings({ vendorId: v.id, limit: relationLimit(limit), sortBy: 'departureDate', sortOrder: 'asc' });
    return res.data;
  },
};

export const VendorContract: VendorContractResolvers = {
  tripOffering: (k, _a, ctx) => (k.tripOfferingId ? ctx.loaders.tripOffering.load(k.tripOfferingId) : null),
};
