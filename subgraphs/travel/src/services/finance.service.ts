/** Payments, payment schedules, invoices and commissions: MANAGER territory (ranks in the schema). */
import type {
  CommissionFilter,
  QueryCommissionsArgs,
  QueryInvoicesArgs,
  QueryPaymentSchedulesArgs,
  QueryPaymentsArgs,
} from '../__generated__/resolvers-types.ts';
import type { TtApiClient } from '../tt-api/client.ts';
import {
  calculateCommissionSchema,
  commissionStatuses,
  createInvoiceSchema,
  createPaymentScheduleSchema,
  createPaymentSchema,
  updateCommissionSchema,
  updateInvoiceSchema,
  updatePaymentScheduleSchema,
  updatePaymentSchema,
} from '../tt-api/contract.ts';
import type { CommissionEntry, CommissionSummary } from '../tt-api/contract.ts';
import { offsetWindow, type ConnectionArgs } from '@nexus/platform';
import { parseTt, parseUpdate } from './inputs.ts';
import { checkId, filterOf, memoryConnection, orderOf, ttConnection, type ChildBatch } from './lists.ts';
import { orNull } from './people.service.ts';

export function listPayments(tt: TtApiClient, args: QueryPaymentsArgs) {
  const query = { ...filterOf(args.filter), ...orderOf(args.orderBy, { sortBy: 'createdAt', sortOrder: 'desc' }) };
  return ttConnection((p) => tt.listPayments({ ...query, ...p }), args);
}
export const getPayment = (tt: TtApiClient, id: string) => orNull(tt.getPayment(checkId(id)));
export const createPayment = (tt: TtApiClient, input: unknown) => tt.createPayment(parseTt(createPaymentSchema, input));
export function updatePayment(tt: TtApiClient, input: { id: string }) {
  const { id, changes } = parseUpdate(updatePaymentSchema, input);
  return tt.updatePayment(id, changes);
}

/** Soonest due first unless ordered otherwise. */
export function listPaymentSchedules(tt: TtApiClient, args: QueryPaymentSchedulesArgs) {
  const query = { ...filterOf(args.filter), ...orderOf(args.orderBy, { sortBy: 'dueDate', sortOrder: 'asc' }) };
  return ttConnection((p) => tt.listPaymentSchedules({ ...query, ...p }), args);
}
export const getPaymentSchedule = (tt: TtApiClient, id: string) => orNull(tt.getPaymentSchedule(checkId(id)));
export const createPaymentSchedule = (tt: TtApiClient, input: unknown) =>
  tt.createPaymentSchedule(parseTt(createPaymentScheduleSchema, input));
export function updatePaymentSchedule(tt: TtApiClient, input: { id: string }) {
  const { id, changes } = parseUpdate(updatePaymentScheduleSchema, input);
  return tt.updatePaymentSchedule(id, changes);
}

export function listInvoices(tt: TtApiClient, args: QueryInvoicesArgs) {
  const query = { ...filterOf(args.filter), ...orderOf(args.orderBy, { sortBy: 'issueDate', sortOrder: 'desc' }) };
  return ttConnection((p) => tt.listInvoices({ ...query, ...p }), args);
}
export const getInvoice = (tt: TtApiClient, id: string) => orNull(tt.getInvoice(checkId(id)));
export const createInvoice = (tt: TtApiClient, input: unknown) => tt.createInvoice(parseTt(createInvoiceSchema, input));
export function updateInvoice(tt: TtApiClient, input: { id: string }) {
  const { id, changes } = parseUpdate(updateInvoiceSchema, input);
  return tt.updateInvoice(id, changes);
}

/** A page of entries with TT-API's summary over every entry matching the filter. */
export async function listCommissions(tt: TtApiClient, args: QueryCommissionsArgs) {
  const query = { ...filterOf(args.filter), ...orderOf(args.orderBy, { sortBy: 'createdAt', sortOrder: 'desc' }) };
  const { response, ...connection } = await ttConnection((p) => tt.listCommissions({ ...query, ...p }), args);
  return { ...connection, summary: response.summary };
}
export const getCommissionEntry = (tt: TtApiClient, id: string) => orNull(tt.getCommission(checkId(id)));
export const commissionSummary = (tt: TtApiClient, filter: CommissionFilter | null | undefined) =>
  tt.getCommissionSummary(filterOf(filter));
export function updateCommissionEntry(tt: TtApiClient, input: { id: string }) {
  const { id, changes } = parseUpdate(updateCommissionSchema, input);
  return tt.updateCommission(id, changes);
}
export const calculateCommission = (tt: TtApiClient, input: unknown) =>
  tt.calculateCommission(parseTt(calculateCommissionSchema, input));

/** TT-API's summary of some commission entries, computed from the entries themselves. */
export function summarize(entries: readonly CommissionEntry[]): CommissionSummary {
  const byStatus = Object.fromEntries(
    commissionStatuses.map((s) => [s, { count: 0, grossCommissionCents: 0 }]),
  ) as CommissionSummary['byStatus'];
  const summary: CommissionSummary = {
    count: 0,
    totalBookingValueCents: 0,
    totalGrossCommissionCents: 0,
    totalNexionShareCents: 0,
    totalAgentNetCents: 0,
    byStatus,
  };
  for (const e of entries) {
    summary.count++;
    summary.totalBookingValueCents += e.bookingValueCents;
    summary.totalGrossCommissionCents += e.grossCommissionCents;
    summary.totalNexionShareCents += e.nexionShareCents;
    summary.totalAgentNetCents += e.agentNetCents;
    byStatus[e.status].count++;
    byStatus[e.status].grossCommissionCents += e.grossCommissionCents;
  }
  return summary;
}

/**
 * A booking's commission entries with their summary. From the batch its page of bookings shares
 * when that holds all of them (the summary is then computed, costing no call); otherwise from the
 * booking's own pages, with TT-API's summary for the booking.
 */
export async function bookingCommissions(
  tt: TtApiClient,
  children: { load: (id: string) => Promise<ChildBatch<CommissionEntry>> },
  bookingId: string,
  args: ConnectionArgs,
) {
  offsetWindow(args);
  const batch = await children.load(bookingId);
  if (batch.complete) return { ...memoryConnection(batch.rows, args), summary: summarize(batch.rows) };
  const { response, ...connection } = await ttConnection(
    (p) => tt.listCommissions({ bookingIds: [bookingId], sortBy: 'createdAt', sortOrder: 'desc', ...p }),
    args,
  );
  return { ...connection, summary: response.summary };
}

/** TT-API's per-status object as a list in pipeline order. */
export const byStatusList = (summary: CommissionSummary) =>
  commissionStatuses.map((status) => ({ status, ...summary.byStatus[status] }));
