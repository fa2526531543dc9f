/**
 * Commission reconciliation and booking sync runs: the record n8n's `commission-reconcile` and
 * `booking-sync` actions keep of each pass (status, counts, a short error summary).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { findConnection, type ConnectionArgs } from '@nexus/platform';
import { BookingSyncRun, CommissionReconciliationRun, type RunStatus, type RunTrigger } from '../entities/index.ts';

export interface ReconciliationCounts {
  entriesChecked: number;
  entriesMatched: number;
  entriesMismatched: number;
  entriesFailed: number;
}

export interface BookingSyncCounts {
  bookingsSeen: number;
  bookingsCreated: number;
  bookingsUpdated: number;
  bookingsFailed: number;
}

/** An error summary marks a run FAILED; summaries are short, human-readable, never stack traces. */
const closing = (errorSummary: string | null) => ({
  status: errorSummary ? ('FAILED' as const) : ('SUCCEEDED' as const),
  finishedAt: new Date(),
  errorSummary: errorSummary?.slice(0, 2000) ?? null,
});

export async function startCommissionReconciliation(
  em: EntityManager,
  trigger: RunTrigger,
  requestedByUserId: string | null = null,
) {
  const run = em.create(CommissionReconciliationRun, { trigger, requestedByUserId, startedAt: new Date() });
  await em.flush();
  return run;
}

export async function finishCommissionReconciliation(
  em: EntityManager,
  run: CommissionReconciliationRun,
  counts: ReconciliationCounts,
  errorSummary: string | null = null,
) {
  em.assign(run, { ...counts, ...closing(errorSummary) });
  await em.flush();
  return run;
}

export async function startBookingSync(
  em: EntityManager,
  trigger: RunTrigger,
  requestedByUserId: string | null = null,
) {
  const run = em.create(BookingSyncRun, { trigger, requestedByUserId, startedAt: new Date() });
  await em.flush();
  return run;
}

export async function finishBookingSync(
  em: EntityManager,
  run: BookingSyncRun,
  counts: BookingSyncCounts,
  errorSummary: string | null = null,
) {
  em.assign(run, { ...counts, ...closing(errorSummary) });
  await em.flush();
  return run;
}

interface RunListArgs extends ConnectionArgs {
  filter?: { status?: RunStatus | null } | null;
}

/** Newest first, keyset-paged (the id breaks ties), so pages stay put while new runs start. */
const runOrder = [{ startedAt: 'desc', id: 'desc' }] as const;
const runWhere = (args: RunListArgs) => (args.filter?.status ? { status: args.filter.status } : {});

export const listCommissionReconciliations = (em: EntityManager, args: RunListArgs) =>
  findConnection(em, CommissionReconciliationRun, runWhere(args), args, [...runOrder]);

export const listBookingSyncs = (em: EntityManager, args: RunListArgs) =>
  findConnection(em, BookingSyncRun, runWhere(args), args, [...runOrder]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One run, or null (an id that is not a UUID is simply not one of ours). */
export const findCommissionReconciliation = (em: EntityManager, id: string) =>
  UUID.test(id) ? em.findOne(CommissionReconciliationRun, { id }) : Promise.resolve(null);
export const findBookingSync = (em: EntityManager, id: string) =>
  UUID.test(id) ? em.findOne(BookingSyncRun, { id }) : Promise.resolve(null);
