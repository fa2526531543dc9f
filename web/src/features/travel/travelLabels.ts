import type { BookingStatus, TripStatus } from '../../__generated__/graphql.ts';

export const TRIP_STATUSES: readonly TripStatus[] = ['INQUIRY', 'PLANNING', 'QUOTED', 'BOOKED', 'DEPOSITED', 'PAID', 'TRAVELING', 'COMPLETED', 'CANCELLED'];

export const BOOKING_STATUSES: readonly BookingStatus[] = [
  'INQUIRY',
  'QUOTED',
  'HOLD',
  'DEPOSIT_PAID',
  'CONFIRMED',
  'TICKETED',
  'IN_PROGRESS',
  'COMPLETED',
  'CANCELLED',
  'REFUNDED',
];

/** Statuses that read as "done well" get the gold badge; cancelled ones are muted. */
export function statusBadge(status: string): string {
  if (['CONFIRMED', 'TICKETED', 'PAID', 'COMPLETED', 'BOOKED', 'DEPOSITED', 'TRAVELING', 'IN_PROGRESS'].includes(status)) return 'badge badge--gold';
  if (['CANCELLED', 'REFUNDED'].includes(status)) return 'badge badge--muted';
  return 'badge';
}

/** Expiry within this many days reads as a warning: many countries want six months left on a passport. */
export const EXPIRY_WARNING_DAYS = 180;

export interface ExpiryMarker {
  label: string;
  className: string;
}

/**
 * "Expires in 42 days", "Expires today", "Expired" for a document's `daysUntilExpiry` (negative
 * once expired); null when the document has no expiry date.
 */
export function expiryMarker(daysUntilExpiry: number | null | undefined): ExpiryMarker | null {
  if (daysUntilExpiry === null || daysUntilExpiry === undefined) return null;
  if (daysUntilExpiry < 0) return { label: 'Expired', className: 'badge badge--danger' };
  const label = daysUntilExpiry === 0 ? 'Expires today' : `Expires in ${daysUntilExpiry} day${daysUntilExpiry === 1 ? '' : 's'}`;
  return { label, className: daysUntilExpiry < EXPIRY_WARNING_DAYS ? 'badge badge--danger' : 'badge' };
}

/** The last 4 characters of a document or membership number, all the page ever shows of it. */
export const lastFour = (value: string): string => value.trim().slice(-4);

/** A document or membership number shown by its last 4 characters only: `•••• 4821`. */
export const maskNumber = (value: string): string => `•••• ${lastFour(value)}`;
