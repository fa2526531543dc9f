import type {
  BookingMoneyResolvers,
  ScheduleChangeResolvers,
  SupplierCommissionResolvers,
  SupplierPaymentResolvers,
  SupplierStatementLineResolvers,
  SupplierStatementResolvers,
} from '../__generated__/resolvers-types.ts';
import { splitsOf, statementLines } from '../services/money.service.ts';
import { memoryConnection } from '../services/lists.ts';
import { userRef } from '../services/refs.ts';

const sum = <T>(rows: readonly T[], f: (r: T) => number) => rows.reduce((n, r) => n + f(r), 0);

export const BookingMoney: BookingMoneyResolvers = {
  booking: (m) => m.booking,
  clientPriceCents: (m) => m.booking.totalPriceCents,
  clientPaidCents: (m) => m.booking.amountPaidCents,
  clientBalanceCents: (m) => Math.max(0, m.booking.totalPriceCents - m.booking.amountPaidCents),
  installments: (m, args) => memoryConnection(m.installments, args),
  supplierPayments: (m, args) => memoryConnection(m.supplierPayments, args),
  supplierOwedCents: (m) => sum(m.supplierPayments, (p) => Number(p.row.amountCents)),
  supplierPaidCents: (m) => sum(m.supplierPayments, (p) => (p.row.paidAt ? Number(p.row.amountCents) : 0)),
  supplierShortfalls: (m) => m.supplierPayments.filter((p) => p.shortfallCents > 0).length,
  grossCommissionCents: (m) => splitsOf(m).grossCommissionCents,
  commissionReceivedCents: (m) => sum(m.commissions, (c) => c.collection.receivedCents),
  commissionOutstandingCents: (m) => sum(m.commissions, (c) => c.collection.outstandingCents),
  hostAgencyShareCents: (m) => splitsOf(m).hostAgencyShareCents,
  agencyNetCents: (m) => splitsOf(m).agencyNetCents,
  advisorSplitPct: (m) => m.advisorSplitPct,
  advisorShareCents: (m) => splitsOf(m).advisorShareCents,
  profitCents: (m) => splitsOf(m).profitCents,
};

export const SupplierPayment: SupplierPaymentResolvers = {
  id: (p) => p.row.id,
  booking: (p, _a, ctx) => ctx.loaders.booking.load(p.row.bookingId),
  vendor: (p, _a, ctx) => (p.row.vendorId ? ctx.loaders.vendor.load(p.row.vendorId) : null),
  description: (p) => p.row.description,
  amountCents: (p) => Number(p.row.amountCents),
  dueDate: (p) => p.row.dueDate,
  paidAt: (p) => p.row.paidAt ?? null,
  reference: (p) => p.row.reference ?? null,
  createdAt: (p) => p.row.createdAt,
};

export const SupplierCommission: SupplierCommissionResolvers = {
  vendor: (r, _a, ctx) => ctx.loaders.vendor.load(r.vendorId),
};

export const SupplierStatement: SupplierStatementResolvers = {
  vendor: (s, _a, ctx) => ctx.loaders.vendor.load(s.vendorId),
  totalCents: (s) => Number(s.totalCents),
  importedBy: (s) => (s.importedById ? userRef(s.importedById) : null),
  lines: async (s, args, ctx) => memoryConnection(await statementLines(ctx.em, s.id, args.result), args),
};

export const SupplierStatementLine: SupplierStatementLineResolvers = {
  paidCents: (l) => Number(l.paidCents),
  expectedCents: (l) => (l.expectedCents === null || l.expectedCents === undefined ? null : Number(l.expectedCents)),
  differenceCents: (l) =>
    l.differenceCents === null || l.differenceCents === undefined ? null : Number(l.differenceCents),
  booking: (l, _a, ctx) => (l.bookingId ? ctx.loaders.booking.load(l.bookingId) : null),
};

export const ScheduleChange: ScheduleChangeResolvers = {
  recordedBy: (c) => (c.recordedById ? userRef(c.recordedById) : null),
  advisor: (c) => (c.advisorId ? userRef(c.advisorId) : null),
};
