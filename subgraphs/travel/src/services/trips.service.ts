/** The catalogue (destinations, trip offerings, vendors), client trips, bookings and payments on them. */
import type {
  QueryBookingsArgs,
  QueryClientTripsArgs,
  QueryDestinationsArgs,
  QueryTripOfferingsArgs,
  QueryVendorsArgs,
} from '../__generated__/resolvers-types.ts';
import type { TtApiClient } from '../tt-api/client.ts';
import {
  createBookingPaymentSchema,
  createBookingSchema,
  createClientTripSchema,
  createTripOfferingSchema,
  createVendorSchema,
  updateBookingSchema,
  updateClientTripSchema,
  updateTripOfferingSchema,
  updateVendorSchema,
} from '../tt-api/contract.ts';
import { conflict } from '@nexus/platform';
import { checkConfirmation } from './confirmations.service.ts';
import { parseTt, parseUpdate } from './inputs.ts';
import { checkId, filterOf, orderOf, ttConnection } from './lists.ts';
import { orNull } from './people.service.ts';

/** By name, A to Z, unless ordered otherwise. */
export function listDestinations(tt: TtApiClient, args: QueryDestinationsArgs) {
  const query = { ...filterOf(args.filter), ...orderOf(args.orderBy, { sortBy: 'name', sortOrder: 'asc' }) };
  return ttConnection((p) => tt.listDestinations({ ...query, ...p }), args);
}
export const getDestination = (tt: TtApiClient, id: string) => orNull(tt.getDestination(checkId(id)));

/** Soonest departure first unless ordered otherwise. */
export function listTripOfferings(tt: TtApiClient, args: QueryTripOfferingsArgs) {
  const query = { ...filterOf(args.filter), ...orderOf(args.orderBy, { sortBy: 'departureDate', sortOrder: 'asc' }) };
  return ttConnection((p) => tt.listTripOfferings({ ...query, ...p }), args);
}
export const getTripOffering = (tt: TtApiClient, id: string) => orNull(tt.getTripOffering(checkId(id)));
export const createTripOffering = (tt: TtApiClient, input: unknown) =>
  tt.createTripOffering(parseTt(createTripOfferingSchema, input));
export function updateTripOffering(tt: TtApiClient, input: { id: string }) {
  const { id, changes } = parseUpdate(updateTripOfferingSchema, input);
  return tt.updateTripOffering(id, changes);
}
export const deleteTripOffering = async (tt: TtApiClient, id: string) => (await tt.deleteTripOffering(checkId(id))).id;

/** By name, A to Z, unless ordered otherwise. */
export function listVendors(tt: TtApiClient, args: QueryVendorsArgs) {
  const query = { ...filterOf(args.filter), ...orderOf(args.orderBy, { sortBy: 'name', sortOrder: 'asc' }) };
  return ttConnection((p) => tt.listVendors({ ...query, ...p }), args);
}
export const getVendor = (tt: TtApiClient, id: string) => orNull(tt.getVendor(checkId(id)));
export const createVendor = (tt: TtApiClient, input: unknown) => tt.createVendor(parseTt(createVendorSchema, input));
export function updateVendor(tt: TtApiClient, input: { id: string }) {
  const { id, changes } = parseUpdate(updateVendorSchema, input);
  return tt.updateVendor(id, changes);
}

export function listClientTrips(tt: TtApiClient, args: QueryClientTripsArgs) {
  const query = { ...filterOf(args.filter), ...orderOf(args.orderBy, { sortBy: 'createdAt', sortOrder: 'desc' }) };
  return ttConnection((p) => tt.listClientTrips({ ...query, ...p }), args);
}
export const getClientTrip = (tt: TtApiClient, id: string) => orNull(tt.getClientTrip(checkId(id)));
export const createClientTrip = (tt: TtApiClient, input: unknown) =>
  tt.createClientTrip(parseTt(createClientTripSchema, input));
export function updateClientTrip(tt: TtApiClient, input: { id: string }) {
  const { id, changes } = parseUpdate(updateClientTripSchema, input);
  return tt.updateClientTrip(id, changes);
}
export const deleteClientTrip = async (tt: TtApiClient, id: string) => (await tt.deleteClientTrip(checkId(id))).id;

export function listBookings(tt: TtApiClient, args: QueryBookingsArgs) {
  const query = { ...filterOf(args.filter), ...orderOf(args.orderBy, { sortBy: 'createdAt', sortOrder: 'desc' }) };
  return ttConnection((p) => tt.listBookings({ ...query, ...p }), args);
}
export const getBooking = (tt: TtApiClient, id: string) => orNull(tt.getBooking(checkId(id)));
/** Booked means confirmed: a confirmed status needs the supplier's number, unique per supplier. */
export async function createBooking(tt: TtApiClient, input: unknown) {
  const booking = parseTt(createBookingSchema, input);
  await checkConfirmation(tt, { id: null, ...booking });
  return tt.createBooking(booking);
}
export async function updateBooking(tt: TtApiClient, input: { id: string }) {
  const { id, changes } = parseUpdate(updateBookingSchema, input);
  if ('status' in changes || 'vendorConfirmationNumber' in changes || 'vendorId' in changes) {
    const current = await tt.getBooking(id);
    await checkConfirmation(tt, {
      id,
      vendorId: changes.vendorId !== undefined ? changes.vendorId : current.vendorId,
      status: changes.status ?? current.status,
      vendorConfirmationNumber:
        changes.vendorConfirmationNumber !== undefined
          ? changes.vendorConfirmationNumber
          : current.vendorConfirmationNumber,
    });
  }
  return tt.updateBooking(id, changes);
}
/**
 * Payments are money records: TT-API would keep them after the booking is gone, listed against
 * nothing. So a booking that holds payments is cancelled or refunded, never deleted (CONFLICT).
 */
export async function deleteBooking(tt: TtApiClient, id: string) {
  const bookingId = checkId(id);
  const payments = await tt.listPayments({ bookingId, limit: 1 });
  if (payments.pagination.total > 0)
    throw conflict(
      `Booking ${bookingId} holds ${payments.pagination.total} payment(s); cancel or refund it instead of deleting it.`,
    );
  return (await tt.deleteBooking(bookingId)).id;
}

/**
 * A client payment against a booking (TT-API's POST /bookings/:id/payments). Answers with the
 * booking as it now stands, read after the write, so the advisor sees the new balance.
 */
export async function recordPayment(tt: TtApiClient, input: { bookingId: string }) {
  const { bookingId, ...payment } = input;
  const id = checkId(bookingId, 'input.bookingId');
  const created = await tt.createBookingPayment(id, parseTt(createBookingPaymentSchema, payment));
  return { payment: created, receipt: created, booking: await tt.getBooking(id) };
}
