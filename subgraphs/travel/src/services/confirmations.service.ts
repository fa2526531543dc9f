/**
 * Booked means confirmed: a booking (and an itinerary entry) counts as booked only with the
 * supplier's confirmation number, and a confirmation number names one booking per supplier.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { badInput, conflict, parseInput, zId } from '@nexus/platform';
import { Itinerary } from '../entities/index.ts';
import type { TtApiClient } from '../tt-api/client.ts';
import { MAX_PAGE_LIMIT, type Booking, type BookingStatus } from '../tt-api/contract.ts';

/** Statuses that say the supplier confirmed: each needs the supplier's confirmation number. */
export const CONFIRMED_STATUSES: readonly BookingStatus[] = ['confirmed', 'ticketed', 'in_progress', 'completed'];
const CLOSED_STATUSES: readonly BookingStatus[] = ['cancelled', 'refunded'];

/** A booking is booked only with its supplier's confirmation number (and not cancelled or refunded). */
export const isBookingBooked = (b: Pick<Booking, 'vendorConfirmationNumber' | 'status'>) =>
  Boolean(b.vendorConfirmationNumber?.trim()) && !CLOSED_STATUSES.includes(b.status);

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Another live booking of this supplier already holding this confirmation number, if any. */
export async function bookingWithConfirmation(
  tt: TtApiClient,
  vendorId: string,
  number: string,
  exceptId: string | null,
): Promise<Booking | null> {
  const found = await tt.listBookings({ vendorId, search: number.trim(), limit: MAX_PAGE_LIMIT });
  return (
    found.data.find(
      (b) =>
        b.id !== exceptId &&
        b.vendorConfirmationNumber !== null &&
        same(b.vendorConfirmationNumber, number) &&
        !CLOSED_STATUSES.includes(b.status),
    ) ?? null
  );
}

interface BookingShape {
  id: string | null;
  vendorId?: string | null | undefined;
  status?: BookingStatus | null | undefined;
  vendorConfirmationNumber?: string | null | undefined;
}

/**
 * The rules a booking write must pass before it reaches TT-API: a confirmed status needs the
 * number, and the number must be the supplier's only one. BAD_USER_INPUT on
 * `input.vendorConfirmationNumber` otherwise; nothing is written.
 */
export async function checkConfirmation(tt: TtApiClient, next: BookingShape): Promise<void> {
  const path = 'input.vendorConfirmationNumber';
  const number = next.vendorConfirmationNumber?.trim() || null;
  if (next.status && CONFIRMED_STATUSES.includes(next.status) && !number)
    throw badInput('A booking counts as confirmed only with the supplier’s confirmation number.', [
      { path, message: 'required once the supplier has confirmed (confirmed, ticketed, in progress, completed)' },
    ]);
  if (!number || !next.vendorId) return;
  const other = await bookingWithConfirmation(tt, next.vendorId, number, next.id);
  if (other)
    throw badInput(
      `Confirmation number ${number} is already on booking ${other.bookingReference} with this supplier.`,
      [{ path, message: `already used by booking ${other.bookingReference} with this supplier` }],
    );
}

const confirmSchema = z.object({
  id: zId,
  vendorConfirmationNumber: z.string().trim().min(1, 'required').max(60),
});

/**
 * Records the supplier's confirmation: the number on the booking, CONFIRMED when it stood before
 * that, and the number on the itinerary entries drafted from the booking.
 */
export async function confirmBooking(em: EntityManager, tt: TtApiClient, input: unknown): Promise<Booking> {
  const { id, vendorConfirmationNumber } = parseInput(confirmSchema, input, 'input');
  const booking = await tt.getBooking(id);
  if (CLOSED_STATUSES.includes(booking.status))
    throw conflict(`Booking ${booking.bookingReference} is ${booking.status}; it cannot be confirmed.`);
  await checkConfirmation(tt, {
    id,
    vendorId: booking.vendorId,
    status: 'confirmed',
    vendorConfirmationNumber,
  });
  const status = CONFIRMED_STATUSES.includes(booking.status) ? booking.status : 'confirmed';
  const updated = await tt.updateBooking(id, { vendorConfirmationNumber, status });
  if (booking.clientTripId) {
    const it = await em.findOne(Itinerary, { clientTripId: booking.clientTripId });
    if (it && it.entries.some((e) => e.bookingId === id)) {
      it.entries = it.entries.map((e) =>
        e.bookingId === id ? { ...e, confirmationNumber: vendorConfirmationNumber } : e,
      );
      await em.flush();
    }
  }
  return updated;
}
