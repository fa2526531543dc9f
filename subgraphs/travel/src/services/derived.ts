/** T-10's booking_type and traveler_status: TT-API has neither, so Nexus derives them. */
import type { Booking, SupplierType } from '../tt-api/contract.ts';

export const BOOKING_TYPES = [
  'CRUISE',
  'HOTEL',
  'TOUR',
  'FLIGHT',
  'RAIL',
  'CAR_RENTAL',
  'INSURANCE',
  'PACKAGE',
  'OTHER',
] as const;
export type BookingType = (typeof BOOKING_TYPES)[number];

const BY_SUPPLIER: Record<SupplierType, BookingType> = {
  cruise_line: 'CRUISE',
  hotel: 'HOTEL',
  tour_operator: 'TOUR',
  airline: 'FLIGHT',
  rail: 'RAIL',
  car_rental: 'CAR_RENTAL',
  insurance: 'INSURANCE',
  dmc: 'PACKAGE',
  other: 'OTHER',
};
export const bookingTypeOf = (supplierType: SupplierType | null): BookingType =>
  supplierType === null ? 'OTHER' : BY_SUPPLIER[supplierType];

export type TravelerStatus = 'TRAVELING' | 'UPCOMING' | 'PAST' | 'NO_TRIPS';
const DEAD: readonly Booking['status'][] = ['cancelled', 'refunded'];

/** Where a traveler stands on `today` (`YYYY-MM-DD`), from their bookings. */
export function travelerStatusOf(bookings: readonly Booking[], today: string): TravelerStatus {
  const live = bookings.filter((b) => !DEAD.includes(b.status));
  if (live.some((b) => b.departureDate <= today && (b.returnDate ?? b.departureDate) >= today)) return 'TRAVELING';
  if (live.some((b) => b.departureDate > today)) return 'UPCOMING';
  return live.length > 0 ? 'PAST' : 'NO_TRIPS';
}
