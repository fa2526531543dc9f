import { isBookingBooked } from '../services/confirmations.service.ts';
import { bookingMoney } from '../services/money.service.ts';
import type {
  BookingResolvers,
  BookingTravelerResolvers,
  ClientTripResolvers,
  DestinationResolvers,
  TripOfferingResolvers,
  VendorContractResolvers,
  VendorResolvers,
} from '../__generated__/resolvers-types.ts';
import { bookingCommissions } from '../services/finance.service.ts';
import { memoryConnection, ttConnection } from '../services/lists.ts';
import { known } from '../graphql-enums.ts';
import { bookingTypeOf } from '../services/derived.ts';
import { supplierTypes } from '../tt-api/contract.ts';
import { isRow } from './client.ts';

export const Destination: DestinationResolvers = {
  // One call per destination, as before: destinations are read one at a time, not in pages.
  travelAlerts: (d, { activeOnly, ...args }, ctx) =>
    ttConnection(
      (paging) =>
        ctx.tt.listTravelAlerts({
          destinationId: d.id,
          ...(activeOnly === false ? {} : { isActive: true }),
          sortBy: 'startsAt',
          sortOrder: 'desc',
          ...paging,
        }),
      args,
    ),
};

export const TripOffering: TripOfferingResolvers = {
  spotsLeft: (t) => Math.max(0, t.capacity - t.spotsBooked),
  vendor: (t, _a, ctx) => (t.vendorId ? ctx.loaders.vendor.load(t.vendorId) : null),
  destination: (t, _a, ctx) => (t.destinationId ? ctx.loaders.destination.load(t.destinationId) : null),
  itineraryLegs: async (t, args, ctx) =>
    memoryConnection(
      [...(await ctx.loaders.tripOfferingDetail.load(t.id)).itineraryLegs].sort((a, b) => a.dayNumber - b.dayNumber),
      args,
    ),
};

export const ClientTrip: ClientTripResolvers = {
  client: (t, _a, ctx) => ctx.loaders.client.load(t.clientId),
  tripOffering: (t, _a, ctx) => (t.tripOfferingId ? ctx.loaders.tripOffering.load(t.tripOfferingId) : null),
  travelers: async (t, args, ctx) =>
    memoryConnection((await ctx.loaders.traveler.loadMany(t.travelerIds)).filter(isRow), args),
  bookings: (t, args, ctx) => ctx.loaders.bookingsOfClientTrip.connection(t.id, args),
  paymentSchedules: (t, args, ctx) => ctx.loaders.schedulesOfClientTrip.connection(t.id, args),
  readiness: (t, _a, ctx) => ctx.loaders.readiness.load(t),
};

export const Booking: BookingResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.booking.load(ref.id),
  ttDealId: (b) => b.dealId,
  booked: (b) => isBookingBooked(b),
  money: (b, _a, ctx) => bookingMoney(ctx.em, ctx.tt, b, ctx.deps.env.ADVISOR_COMMISSION_SPLIT_PCT, new Date()),
  bookingType: async (b, _a, ctx) => {
    const vendor = b.vendorId ? await ctx.loaders.vendor.load(b.vendorId) : null;
    return bookingTypeOf(vendor ? known(supplierTypes, vendor.vendorType, 'other') : null);
  },
  deal: (b) => (b.dealId ? { ttDealId: b.dealId } : null),
  client: (b, _a, ctx) => (b.clientId ? ctx.loaders.client.load(b.clientId) : null),
  clientTrip: (b, _a, ctx) => (b.clientTripId ? ctx.loaders.clientTrip.load(b.clientTripId) : null),
  tripOffering: (b, _a, ctx) => (b.tripOfferingId ? ctx.loaders.tripOffering.load(b.tripOfferingId) : null),
  vendor: (b, _a, ctx) => (b.vendorId ? ctx.loaders.vendor.load(b.vendorId) : null),
  travelers: (b, args) => memoryConnection(b.travelers, args),
  payments: (b, args, ctx) => ctx.loaders.paymentsOfBooking.connection(b.id, args),
  commissions: (b, args, ctx) => bookingCommissions(ctx.tt, ctx.loaders.commissionsOfBooking, b.id, args),
  paymentSchedules: (b, args, ctx) => ctx.loaders.schedulesOfBooking.connection(b.id, args),
  invoices: (b, args, ctx) => ctx.loaders.invoicesOfBooking.connection(b.id, args),
};

export const BookingTraveler: BookingTravelerResolvers = {
  traveler: (bt, _a, ctx) => ctx.loaders.traveler.load(bt.travelerId),
};

export const Vendor: VendorResolvers = {
  vendorType: (v) => known(supplierTypes, v.vendorType, 'other'),
  commissionRules: async (v, args, ctx) =>
    memoryConnection((await ctx.loaders.vendorDetail.load(v.id)).commissionRules, args),
  contracts: async (v, args, ctx) => memoryConnection((await ctx.loaders.vendorDetail.load(v.id)).contracts, args),
  // One call per vendor, as before: vendors are read one at a time, not in pages.
  tripOfferings: (v, args, ctx) =>
    ttConnection(
      (paging) => ctx.tt.listTripOfferings({ vendorId: v.id, sortBy: 'departureDate', sortOrder: 'asc', ...paging }),
      args,
    ),
};

export const VendorContract: VendorContractResolvers = {
  tripOffering: (k, _a, ctx) => (k.tripOfferingId ? ctx.loaders.tripOffering.load(k.tripOfferingId) : null),
};
