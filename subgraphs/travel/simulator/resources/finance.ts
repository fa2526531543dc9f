/** TT-API simulator: Finance: payments, payment schedules, invoices, commissions; and vendors, whose rates drive commissions. */
import { commissionStatuses } from '../../src/tt-api/contract.ts';
import { live } from '../db.ts';
import type { SimDb } from '../db.ts';
import { mountResource, nowIso } from '../crud.ts';
import type { SimApp, SimCtx } from '../crud.ts';
import { conflictError, validationError } from '../http-errors.ts';
import { fresh, pctOf, R, requireRef, slugify, today, uniqueSlug } from './shared.ts';

/**
 * Finance: payments, payment schedules, invoices, commissions; and vendors, whose rates drive commissions.
 */
export function mountFinanceAndVendors(app: SimApp, ctx: SimCtx): void {
  mountResource(app, ctx, {
    def: R.payments,
    table: (db: SimDb) => db.payments,
    create: (input, db) => {
      requireRef(db.clients, input.clientId, 'clientId', 'Client');
      requireRef(db.bookings, input.bookingId, 'bookingId', 'Booking');
      return {
        ...fresh(),
        clientId: input.clientId ?? null,
        bookingId: input.bookingId ?? null,
        amountCents: input.amountCents,
        paymentType: input.paymentType,
        status: input.status ?? 'pending',
        paymentMethod: input.paymentMethod ?? null,
        transactionId: input.transactionId ?? null,
        paidAt: input.paidAt ?? (input.status === 'paid' ? nowIso() : null),
        notes: input.notes ?? null,
      };
    },
    update: (row, input) => ({
      ...row,
      ...input,
      paidAt:
        input.paidAt !== undefined
          ? input.paidAt
          : input.status === 'paid' && row.paidAt === null
            ? nowIso()
            : row.paidAt,
    }),
  });

  mountResource(app, ctx, {
    def: R.paymentSchedules,
    table: (db: SimDb) => db.paymentSchedules,
    filters: {
      dueBefore: (s, v) => typeof v === 'string' && s.dueDate <= v,
      dueAfter: (s, v) => typeof v === 'string' && s.dueDate >= v,
    },
    create: (input, db) => {
      requireRef(db.clientTrips, input.clientTripId, 'clientTripId', 'ClientTrip');
      requireRef(db.bookings, input.bookingId, 'bookingId', 'Booking');
      requireRef(db.clients, input.clientId, 'clientId', 'Client');
      if (input.bookingId == null && input.clientTripId == null) {
        throw validationError([{ path: ['bookingId'], message: 'A schedule belongs to a booking or a client trip' }]);
      }
      const clash = live(db.paymentSchedules).some(
        (s) =>
          s.installmentNumber === input.installmentNumber &&
          ((input.bookingId != null && s.bookingId === input.bookingId) ||
            (input.bookingId == null && input.clientTripId != null && s.clientTripId === input.clientTripId)),
      );
      if (clash) throw conflictError(`Installment ${input.installmentNumber} is already scheduled`);
      return {
        ...fresh(),
        clientTripId: input.clientTripId ?? null,
        bookingId: input.bookingId ?? null,
        clientId: input.clientId ?? null,
        installmentNumber: input.installmentNumber,
        amountCents: input.amountCents,
        dueDate: input.dueDate,
        status: input.status ?? (input.dueDate < today() ? 'overdue' : 'upcoming'),
        paidAt: null,
        paymentId: null,
        reminderCount: 0,
        lastReminderSentAt: null,
        nextReminderAt: input.nextReminderAt ?? null,
      };
    },
    update: (row, input, db) => {
      requireRef(db.payments, input.paymentId, 'paymentId', 'Payment');
      const next = { ...row, ...input };
      if (input.status === 'paid' && next.paidAt === null) next.paidAt = nowIso();
      return next;
    },
  });

  const lineItems = (items: ReadonlyArray<{ description: string; quantity: number; unitPriceCents: number }>) =>
    items.map((li) => ({ ...li, totalCents: li.quantity * li.unitPriceCents }));
  mountResource(app, ctx, {
    def: R.invoices,
    table: (db: SimDb) => db.invoices,
    create: (input, db) => {
      requireRef(db.clients, input.clientId, 'clientId', 'Client');
      requireRef(db.bookings, input.bookingId, 'bookingId', 'Booking');
      const base = fresh();
      const taken = (n: string) => live(db.invoices).some((i) => i.invoiceNumber === n);
      let invoiceNumber = input.invoiceNumber;
      if (invoiceNumber !== undefined && taken(invoiceNumber))
        throw conflictError(`Invoice ${invoiceNumber} already exists`);
      for (let n = db.invoices.size + 1001; invoiceNumber === undefined; n++) {
        const candidate = `INV-${base.createdAt.slice(0, 4)}-${n}`;
        if (!taken(candidate)) invoiceNumber = candidate;
      }
      const items = lineItems(input.lineItems);
      const subtotal = items.reduce((s, li) => s + li.totalCents, 0);
      const tax = input.taxCents ?? 0;
      const status = input.status ?? 'draft';
      return {
        ...base,
        invoiceNumber,
        clientId: input.clientId,
        bookingId: input.bookingId ?? null,
        status,
        currency: 'USD',
        issueDate: input.issueDate ?? base.createdAt.slice(0, 10),
        dueDate: input.dueDate,
        lineItems: items,
        subtotalCents: subtotal,
        taxCents: tax,
        totalCents: subtotal + tax,
        amountPaidCents: 0,
        sentToEmail: input.sentToEmail ?? null,
        sentAt: status === 'sent' ? base.createdAt : null,
        viewedAt: null,
        deliveryStatus: status === 'sent' ? ('sent' as const) : null,
        deliveryAttempts: status === 'sent' ? 1 : 0,
        notes: input.notes ?? null,
      };
    },
    update: (row, input, db) => {
      if (row.status === 'void') throw conflictError(`Invoice ${row.invoiceNumber} is void and cannot change`);
      requireRef(db.bookings, input.bookingId, 'bookingId', 'Booking');
      const { lineItems: newItems, ...fields } = input;
      const next = { ...row, ...fields };
      if (newItems !== undefined) next.lineItems = lineItems(newItems);
      next.subtotalCents = next.lineItems.reduce((s, li) => s + li.totalCents, 0);
      next.totalCents = next.subtotalCents + next.taxCents;
      if (next.amountPaidCents > next.totalCents) {
        throw validationError([{ path: ['amountPaidCents'], message: 'Cannot exceed the invoice total' }]);
      }
      if (input.status === 'sent' && row.sentAt === null) {
        next.sentAt = nowIso();
        next.deliveryAttempts = row.deliveryAttempts + 1;
        next.deliveryStatus = next.deliveryStatus ?? 'sent';
      }
      if (input.status === 'viewed' && row.viewedAt === null) next.viewedAt = nowIso();
      return next;
    },
  });

  // GET :id and PATCH; the list (with summary) is registered above.
  mountResource(app, ctx, {
    def: { ...R.commissions, ops: ['get', 'update'] },
    table: (db: SimDb) => db.commissions,
    update: (row, input) => {
      if (
        input.status !== undefined &&
        commissionStatuses.indexOf(input.status) < commissionStatuses.indexOf(row.status)
      ) {
        throw conflictError(`Commission status cannot move back from ${row.status} to ${input.status}`);
      }
      const next = { ...row, ...input };
      next.nexionShareCents = pctOf(next.grossCommissionCents, next.nexionSplitPct);
      next.agentNetCents = next.grossCommissionCents - next.nexionShareCents;
      if (input.status === 'received' && next.receivedAt === null) next.receivedAt = nowIso();
      return next;
    },
  });

  mountResource(app, ctx, {
    def: R.vendors,
    table: (db: SimDb) => db.vendors,
    detail: (row, db) => ({
      ...row,
      commissionRules: [...db.vendorRules.values()].filter((r) => r.vendorId === row.id),
      contracts: [...db.vendorContracts.values()].filter((k) => k.vendorId === row.id),
    }),
    create: (input, db) => ({
      ...fresh(),
      name: input.name,
      slug: uniqueSlug(db.vendors, input.slug ?? slugify(input.name), null),
      vendorType: input.vendorType,
      tier: input.tier ?? 'standard',
      defaultCommissionPct: input.defaultCommissionPct,
      contactEmail: input.contactEmail ?? null,
      contactPhone: input.contactPhone ?? null,
      website: input.website ?? null,
      isActive: input.isActive ?? true,
      notes: input.notes ?? null,
    }),
    update: (row, input, db) => {
      if (input.slug !== undefined) uniqueSlug(db.vendors, input.slug, row.id);
      return { ...row, ...input };
    },
  });
}
