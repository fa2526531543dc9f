/** Payments, payment schedules, invoices and commissions: MANAGER territory (ranks in the schema). */
import type {
  CommissionFilter, QueryCommissionsArgs, QueryInvoicesArgs, QueryPaymentSchedulesArgs, QueryPaymentsArgs,
} from '../__generated__/resolvers-types.ts';
import type { TtApiClient } from '../tt-api/client.ts';
import {
  calculateCommissionSchema, commissionStatuses, createInvoiceSchema, createPaymentScheduleSchema,
  createPaymentSchema, updateCommissionSchema, updateInvoiceSchema, updatePaymentScheduleSchema, updatePaymentSchema,
} from '../tt-api/contract.ts';
import type { CommissionSummary } from '../tt-api/contract.ts';
import { parseTt, parseUpdate } from './inputs.ts';
import { checkId, filterOf, paging, sortOf, toPage } from './lists.ts';
import { orNull } from './people.service.ts';

export const listPayments = async (tt: TtApiClient, args: QueryPaymentsArgs) =>
  toPage(await tt.listPayments({ ...filterOf(args.filter), ...sortOf(args.sort, 'desc'), ...paging(args) }));
export const getPayment = (tt: TtApiClient, id: string) => orNull(tt.getPayment(checkId(id)));
export const createPayment = (tt: TtApiClient, input: unknown) => tt.createPayment(parseTt(createPaymentSchema, input));
export function updatePayment(tt: TtApiClient, input: { id: string }) {
  const { id, changes } = parseUpdate(updatePaymentSchema, input);
  return tt.updatePayment(id, changes);
}

/** Soonest due first unless sorted otherwise. */
export const listPaymentSchedules = async (tt: TtApiClient, args: QueryPaymentSchedulesArgs) =>
  toPage(
    await tt.listPaymentSchedules({ sortBy: 'dueDate', sortOrder: 'asc', ...filterOf(args.filter), ...sortOf(args.sort, 'asc'), ...paging(args) }),
  );
export const getPaymentSchedule = (tt: TtApiClient, id: string) => orNull(tt.getPaymentSchedule(checkId(id)));
export const createPaymentSchedule = (tt: TtApiClient, input: unknown) =>
  tt.createPaymentSchedule(parseTt(createPaymentScheduleSchema, input));
export function updatePaymentSchedule(tt: TtApiClient, input: { id: string }) {
  const { id, changes } = parseUpdate(updatePaymentScheduleSchema, input);
  return tt.updatePaymentSchedule(id, changes);
}

export const listInvoices = async (tt: TtApiClient, args: QueryInvoicesArgs) =>
  toPage(await tt.listInvoices({ ...filterOf(args.filter), ...sortOf(args.sort, 'desc'), ...paging(args) }));
export const getInvoice = (tt: TtApiClient, id: string) => orNull(tt.getInvoice(checkId(id)));
export const createInvoice = (tt: TtApiClient, input: unknown) => tt.createInvoice(parseTt(createInvoiceSchema, input));
export function updateInvoice(tt: TtApiClient, input: { id: string }) {
  const { id, changes } = parseUpdate(updateInvoiceSchema, input);
  return tt.updateInvoice(id, changes);
}

/** A page of entries with TT-API's summary over every entry matching the filter. */
export async function listCommissions(tt: TtApiClient, args: QueryCommissionsArgs) {
  const res = await tt.listCommissions({ ...filterOf(args.filter), ...sortOf(args.sort, 'desc'), ...paging(args) });
  return { ...toPage(res), summary: res.summary };
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

/** TT-API's per-status object as a list in pipeline order. */
export const byStatusList = (summary: CommissionSummary) =>
  commissionStatuses.map((status) => ({ status, ...summary.byStatus[status] }));
