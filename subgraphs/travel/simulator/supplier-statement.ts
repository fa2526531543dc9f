/**
 * A supplier's commission statement as the supplier would send it (CSV), built from the
 * simulator's commission entries with known discrepancies seeded in: one line paid short, one
 * commission left out, one booking the agency never made, and one line that names the booking by
 * the supplier's confirmation number only. Suppliers are outside TT-API; this is their side of
 * the reconciliation, for tests, benches and the demo.
 */
import type { SimDb } from './db.ts';

export interface SeededStatement {
  vendorId: string;
  vendorName: string;
  fileName: string;
  csv: string;
  /** What matching must find. */
  seeded: {
    matched: string[];
    amountMismatches: { bookingReference: string; paidCents: number; expectedCents: number }[];
    unknownBookings: string[];
    /** Booking references of owed commissions the statement leaves out. */
    missing: string[];
  };
}

const OWED = new Set(['earned', 'invoiced']);
const money = (cents: number) =>
  `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100).toLocaleString('en-US')}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The statement of `vendorId`, or of the supplier owing the most commissions (at least three). */
export function supplierStatement(db: SimDb, vendorId?: string, date = new Date()): SeededStatement {
  const owedBy = new Map<string, { bookingId: string; gross: number }[]>();
  for (const c of [...db.commissions.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    if (!OWED.has(c.status)) continue;
    const list = owedBy.get(c.vendorId) ?? [];
    if (!list.some((x) => x.bookingId === c.bookingId))
      list.push({ bookingId: c.bookingId, gross: c.grossCommissionCents });
    owedBy.set(c.vendorId, list);
  }
  const chosen =
    vendorId ?? [...owedBy.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))[0]?.[0];
  const vendor = chosen ? db.vendors.get(chosen) : undefined;
  const owed = chosen ? (owedBy.get(chosen) ?? []) : [];
  if (!vendor || owed.length < 3) throw new Error(`supplier ${chosen ?? '(none)'} owes fewer than three commissions`);
  const seeded: SeededStatement['seeded'] = { matched: [], amountMismatches: [], unknownBookings: [], missing: [] };
  const rows: string[][] = [];
  const day = date.toISOString().slice(0, 10);
  owed.forEach(({ bookingId, gross }, k) => {
    const b = db.bookings.get(bookingId);
    if (!b) return;
    const traveller = b.travelers[0] ? db.travelers.get(b.travelers[0].travelerId) : undefined;
    const passenger = traveller ? `${traveller.lastName}/${traveller.firstName}` : '';
    if (k === 1) {
      // Paid short: a tenth withheld.
      const paid = gross - Math.max(100, Math.round(gross / 10));
      seeded.amountMismatches.push({ bookingReference: b.bookingReference, paidCents: paid, expectedCents: gross });
      rows.push([b.bookingReference, b.vendorConfirmationNumber ?? '', passenger, b.departureDate, money(paid)]);
      return;
    }
    if (k === 2) {
      seeded.missing.push(b.bookingReference);
      return;
    }
    seeded.matched.push(b.bookingReference);
    // The last matched line names the booking by the supplier's confirmation number alone, when it has one.
    const byConfirmation = k === owed.length - 1 && k > 2 && b.vendorConfirmationNumber !== null;
    rows.push([
      byConfirmation ? '' : b.bookingReference,
      b.vendorConfirmationNumber ?? '',
      passenger,
      b.departureDate,
      money(gross),
    ]);
  });
  seeded.unknownBookings.push('TT-1999-99999');
  rows.push(['TT-1999-99999', 'ZZ000000', 'Unknown/Guest', day, money(12_345)]);
  const header = ['Booking Reference', 'Confirmation Number', 'Passenger', 'Sail Date', 'Commission Paid'];
  const csv = [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
  return { vendorId: vendor.id, vendorName: vendor.name, fileName: `${vendor.slug}-statement-${day}.csv`, csv, seeded };
}
