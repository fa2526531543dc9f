/** Helpers and domain rules the simulator's resource modules share. */
import { randomUUID } from 'node:crypto';
import { dealStages, ttResources } from '../../src/tt-api/contract.ts';
import type {
  Booking,
  CommissionEntry,
  CommissionSummary,
  DealStage,
  PaymentStatus,
} from '../../src/tt-api/contract.ts';
import { findLive, live } from '../db.ts';
import type { SimDb } from '../db.ts';
import { nowIso } from '../crud.ts';
import type { RowFilter } from '../crud.ts';
import { conflictError, missingReference, validationError } from '../http-errors.ts';

export const R = ttResources;
export const today = () => nowIso().slice(0, 10);
export const pctOf = (value: number, pct: number) => Math.round((value * pct) / 100);
export const slugify = (s: string) =>
  s
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'item';
export const fresh = () => {
  const t = nowIso();
  return { id: randomUUID(), createdAt: t, updatedAt: t, deletedAt: null };
};

export function requireRef<T extends { deletedAt: string | null }>(
  table: Map<string, T>,
  id: string | null | undefined,
  field: string,
  entity: string,
): void {
  if (id !== null && id !== undefined && findLive(table, id) === undefined) throw missingReference(field, entity, id);
}

export function uniqueSlug<T extends { id: string; slug: string; deletedAt: string | null }>(
  table: Map<string, T>,
  slug: string,
  exceptId: string | null,
): string {
  if (live(table).some((r) => r.slug === slug && r.id !== exceptId))
    throw conflictError(`Slug "${slug}" is already taken`);
  return slug;
}

/** Default probability by deal stage, used when a deal is created or moved without one. */
export const STAGE_PROBABILITY: Record<DealStage, number> = {
  lead: 10,
  qualified: 20,
  proposal_sent: 35,
  proposal_viewed: 40,
  negotiating: 55,
  verbal_yes: 75,
  booking_pending: 85,
  booking_confirmed: 95,
  traveling: 100,
  completed: 100,
  won: 100,
  lost: 0,
};

export function paymentStatusOf(
  b: Pick<Booking, 'amountPaidCents' | 'totalPriceCents' | 'paymentStatus'>,
): PaymentStatus {
  if (b.paymentStatus === 'refunded') return 'refunded';
  if (b.amountPaidCents === 0) return b.paymentStatus === 'failed' ? 'failed' : 'pending';
  return b.amountPaidCents >= b.totalPriceCents ? 'paid' : 'partial';
}

export function bookingTravelers(
  db: SimDb,
  bookingId: string,
  input: ReadonlyArray<{ travelerId: string; isPrimary?: boolean | undefined }>,
): Booking['travelers'] {
  const primaries = input.filter((t) => t.isPrimary === true).length;
  if (primaries > 1) throw validationError([{ path: ['travelers'], message: 'At most one traveler can be primary' }]);
  const seen = new Set<string>();
  return input.map((t, k) => {
    if (findLive(db.travelers, t.travelerId) === undefined) {
      throw missingReference(`travelers.${k}.travelerId`, 'Traveler', t.travelerId);
    }
    if (seen.has(t.travelerId)) {
      throw validationError([{ path: ['travelers', k, 'travelerId'], message: 'Traveler listed twice' }]);
    }
    seen.add(t.travelerId);
    return {
      id: randomUUID(),
      bookingId,
      travelerId: t.travelerId,
      // The first traveler is primary unless the caller chose one.
      isPrimary: primaries === 0 ? k === 0 : t.isPrimary === true,
    };
  });
}

export function commissionSummary(rows: readonly CommissionEntry[]): CommissionSummary {
  const bucket = () => ({ count: 0, grossCommissionCents: 0 });
  const byStatus: CommissionSummary['byStatus'] = {
    projected: bucket(),
    earned: bucket(),
    invoiced: bucket(),
    received: bucket(),
    split_paid: bucket(),
    final: bucket(),
  };
  const summary: CommissionSummary = {
    count: 0,
    totalBookingValueCents: 0,
    totalGrossCommissionCents: 0,
    totalNexionShareCents: 0,
    totalAgentNetCents: 0,
    byStatus,
  };
  for (const r of rows) {
    summary.count++;
    summary.totalBookingValueCents += r.bookingValueCents;
    summary.totalGrossCommissionCents += r.grossCommissionCents;
    summary.totalNexionShareCents += r.nexionShareCents;
    summary.totalAgentNetCents += r.agentNetCents;
    byStatus[r.status].count++;
    byStatus[r.status].grossCommissionCents += r.grossCommissionCents;
  }
  return summary;
}

export const dateFrom: RowFilter<{ departureDate: string }> = (row, v) =>
  typeof v === 'string' && row.departureDate >= v;
export const dateTo: RowFilter<{ departureDate: string }> = (row, v) => typeof v === 'string' && row.departureDate <= v;

// Keep the stage list referenced so a new stage added to the contract gets a probability.
for (const stage of dealStages)
  if (STAGE_PROBABILITY[stage] === undefined) throw new Error(`no probability for ${stage}`);

export function mergePreferences(
  travelerId: string,
  p: {
    cabinClass?: string | null | undefined;
    seatPreference?: string | null | undefined;
    dietaryRestrictions?: string[] | undefined;
    preferredAirlines?: string[] | undefined;
    hotelPreferences?: string | null | undefined;
    specialRequests?: string | null | undefined;
  },
) {
  return {
    travelerId,
    cabinClass: p.cabinClass ?? null,
    seatPreference: p.seatPreference ?? null,
    dietaryRestrictions: p.dietaryRestrictions ?? [],
    preferredAirlines: p.preferredAirlines ?? [],
    hotelPreferences: p.hotelPreferences ?? null,
    specialRequests: p.specialRequests ?? null,
    updatedAt: nowIso(),
  };
}
