import { collectionOf, type CommissionCollectionSource } from '../services/money.service.ts';
import type {
  CommissionCalculationResolvers,
  CommissionEntryResolvers,
  CommissionSummaryResolvers,
  InvoiceResolvers,
  PaymentResolvers,
  PaymentScheduleResolvers,
} from '../__generated__/resolvers-types.ts';
import { byStatusList } from '../services/finance.service.ts';

export const Payment: PaymentResolvers = {
  client: (p, _a, ctx) => (p.clientId ? ctx.loaders.client.load(p.clientId) : null),
  booking: (p, _a, ctx) => (p.bookingId ? ctx.loaders.booking.load(p.bookingId) : null),
};

export const PaymentSchedule: PaymentScheduleResolvers = {
  clientTrip: (s, _a, ctx) => (s.clientTripId ? ctx.loaders.clientTrip.load(s.clientTripId) : null),
  booking: (s, _a, ctx) => (s.bookingId ? ctx.loaders.booking.load(s.bookingId) : null),
  client: (s, _a, ctx) => (s.clientId ? ctx.loaders.client.load(s.clientId) : null),
  payment: (s, _a, ctx) => (s.paymentId ? ctx.loaders.payment.load(s.paymentId) : null),
};

export const Invoice: InvoiceResolvers = {
  client: (i, _a, ctx) => ctx.loaders.client.load(i.clientId),
  booking: (i, _a, ctx) => (i.bookingId ? ctx.loaders.booking.load(i.bookingId) : null),
  // A void invoice is owed by nobody, whatever it totalled.
  balanceCents: (i) => (i.status === 'void' ? 0 : i.totalCents - i.amountPaidCents),
};

export const CommissionEntry: CommissionEntryResolvers = {
  booking: (c, _a, ctx) => ctx.loaders.booking.load(c.bookingId),
  vendor: (c, _a, ctx) => ctx.loaders.vendor.load(c.vendorId),
  collection: async (c, _a, ctx) =>
    'collection' in c && c.collection
      ? (c.collection as CommissionCollectionSource)
      : collectionOf(c, await ctx.loaders.statementPaid.load(c.bookingId), new Date().toISOString().slice(0, 10)),
};

export const CommissionSummary: CommissionSummaryResolvers = {
  byStatus: (s) => byStatusList(s),
};

export const CommissionCalculation: CommissionCalculationResolvers = {
  booking: (c, _a, ctx) => ctx.loaders.booking.load(c.bookingId),
  vendor: (c, _a, ctx) => ctx.loaders.vendor.load(c.vendorId),
};
