/**
 * The work behind commission reconciliation and booking sync runs (n8n's `commission-reconcile`
 * and `booking-sync` actions, or staff): a mutation records the run and queues it in the same unit
 * of work; the travel worker does the pass and closes the run. Each change is announced on
 * `commissionReconciliationRunChanged` or `bookingSyncRunChanged`.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  QUEUES,
  SERVICES,
  WEBHOOK_EVENT_JOB,
  enqueue,
  parseInput,
  publishSafely,
  runAs,
  webhookEvent,
  type Logger,
  type Viewer,
} from '@nexus/platform';
import type { TravelDeps } from '../context.ts';
import {
  BookingSyncRun,
  CommissionReconciliationRun,
  type CommissionDiscrepancy,
  type RunTrigger,
} from '../entities/index.ts';
import { MAX_PAGE_LIMIT } from '../tt-api/contract.ts';
import type { Booking, CommissionEntry } from '../tt-api/contract.ts';
import { finishBookingSync, finishCommissionReconciliation } from './runs.service.ts';

const PAGE = MAX_PAGE_LIMIT;

async function listAll<T>(fetchPage: (page: number) => Promise<{ data: T[]; pagination: { totalPages: number } }>) {
  const rows: T[] = [];
  for (let page = 1; ; page++) {
    const res = await fetchPage(page);
    rows.push(...res.data);
    if (page >= res.pagination.totalPages || res.data.length === 0) return rows;
  }
}

/** An automation service asking is an n8n action; anyone else is a person. */
const triggerOf = (viewer: Viewer): RunTrigger => (viewer.kind === 'service' ? 'N8N' : 'MANUAL');
const requester = (viewer: Viewer) => (viewer.kind === 'user' ? viewer.id : null);

const announce = (
  deps: Pick<TravelDeps, 'bus' | 'log'>,
  id: string,
  kind: 'COMMISSION_RECONCILIATION' | 'BOOKING_SYNC',
) =>
  publishSafely(
    deps.bus,
    kind === 'BOOKING_SYNC' ? 'bookingSyncRunChanged' : 'commissionReconciliationRunChanged',
    { id },
    deps.log,
  );

export async function requestCommissionReconciliation(em: EntityManager, deps: TravelDeps, viewer: Viewer) {
  const run = em.create(CommissionReconciliationRun, {
    trigger: triggerOf(viewer),
    requestedByUserId: requester(viewer),
    startedAt: new Date(),
  });
  enqueue(em, 'travel', 'commission-reconcile', { runId: run.id });
  await em.flush();
  await announce(deps, run.id, 'COMMISSION_RECONCILIATION');
  return run;
}

const bookingSyncInput = z.object({ since: z.coerce.date().nullish() });

export async function requestBookingSync(em: EntityManager, deps: TravelDeps, viewer: Viewer, input: unknown) {
  const { since } = parseInput(bookingSyncInput, input ?? {});
  const run = em.create(BookingSyncRun, {
    trigger: triggerOf(viewer),
    requestedByUserId: requester(viewer),
    startedAt: new Date(),
  });
  enqueue(em, 'travel', 'booking-sync', { runId: run.id, since: since?.toISOString() ?? null });
  await em.flush();
  await announce(deps, run.id, 'BOOKING_SYNC');
  return run;
}

/** The daily passport check, queued now (alerts stay once per document, so an extra run is harmless). */
export async function requestPassportAlertCheck(em: EntityManager) {
  enqueue(em, 'travel', 'passport-alerts', {});
  await em.flush();
  return true;
}

const pct = (cents: number, percent: number) => Math.round((cents * percent) / 100);

/** What is wrong with one entry against its booking (empty when it agrees). */
export function commissionDiscrepancies(entry: CommissionEntry, booking: Booking | undefined): CommissionDiscrepancy[] {
  const base = { commissionId: entry.id, bookingId: entry.bookingId };
  if (!booking) {
    return [
      {
        ...base,
        kind: 'BOOKING_MISSING',
        expectedCents: null,
        actualCents: entry.grossCommissionCents,
        detail: 'The booking no longer exists.',
      },
    ];
  }
  const found: CommissionDiscrepancy[] = [];
  if (booking.status === 'cancelled' || booking.status === 'refunded') {
    found.push({
      ...base,
      kind: 'BOOKING_CANCELLED',
      expectedCents: 0,
      actualCents: entry.grossCommissionCents,
      detail: `The booking is ${booking.status}.`,
    });
  }
  if (entry.bookingValueCents !== booking.totalPriceCents) {
    found.push({
      ...base,
      kind: 'BOOKING_VALUE',
      expectedCents: booking.totalPriceCents,
      actualCents: entry.bookingValueCents,
      detail: `Booking ${booking.bookingReference} totals ${booking.totalPriceCents} cents; the entry says ${entry.bookingValueCents}.`,
    });
  }
  const expectedGross = pct(entry.bookingValueCents, entry.commissionPct);
  if (Math.abs(expectedGross - entry.grossCommissionCents) > 1) {
    found.push({
      ...base,
      kind: 'GROSS_COMMISSION',
      expectedCents: expectedGross,
      actualCents: entry.grossCommissionCents,
      detail: `${entry.commissionPct}% of ${entry.bookingValueCents} cents is ${expectedGross}; the entry says ${entry.grossCommissionCents}.`,
    });
  }
  return found;
}

const summaryOf = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 300);

/** The pass: every TT-API commission entry against its booking. A TT-API failure closes the run FAILED. */
export async function runCommissionReconciliation(deps: TravelDeps, log: Logger, runId: string) {
  const em = deps.orm.em.fork();
  const run = await em.findOne(CommissionReconciliationRun, { id: runId });
  if (!run || run.status !== 'RUNNING') return { skipped: true };
  const counts = { entriesChecked: 0, entriesMatched: 0, entriesMismatched: 0, entriesFailed: 0 };
  const discrepancies: CommissionDiscrepancy[] = [];
  let error: string | null = null;
  try {
    const entries = await listAll((page) => deps.tt.listCommissions({ page, limit: PAGE }));
    const ids = [...new Set(entries.map((e) => e.bookingId))];
    const bookings = new Map<string, Booking>();
    for (const id of ids) {
      try {
        bookings.set(id, await deps.tt.getBooking(id));
      } catch (e) {
        // A booking TT-API no longer has is a discrepancy of its own; anything else stops the run.
        if (!(e instanceof Error && 'code' in e && e.code === 'NOT_FOUND')) throw e;
      }
    }
    for (const entry of entries) {
      counts.entriesChecked++;
      const found = commissionDiscrepancies(entry, bookings.get(entry.bookingId));
      if (found.length) {
        counts.entriesMismatched++;
        discrepancies.push(...found);
      } else counts.entriesMatched++;
    }
  } catch (e) {
    log.warn({ err: e, runId }, 'commission reconciliation failed');
    error = `TT-API could not be read: ${summaryOf(e)}`;
  }
  run.discrepancies = discrepancies;
  await finishCommissionReconciliation(em, run, counts, error);
  await announce(deps, run.id, 'COMMISSION_RECONCILIATION');
  return { ...counts };
}

const DEAL_SYNC = `mutation BookingSyncDeals($deals: [TtDealSyncInput!]!) { syncTtDeals(deals: $deals) { created updated unchanged } }`;

/**
 * The pass: TT-API bookings changed since `since` (all when null); each one's TT-API deal is brought
 * into the CRM through the graph's deal sync, as `service:tt-sync`.
 */
export async function runBookingSync(deps: TravelDeps, log: Logger, runId: string, since: string | null) {
  const em = deps.orm.em.fork();
  const run = await em.findOne(BookingSyncRun, { id: runId });
  if (!run || run.status !== 'RUNNING') return { skipped: true };
  const counts = { bookingsSeen: 0, bookingsCreated: 0, bookingsUpdated: 0, bookingsFailed: 0 };
  let error: string | null = null;
  try {
    const changed: Booking[] = [];
    for (let page = 1; ; page++) {
      const res = await deps.tt.listBookings({ sortBy: 'updatedAt', sortOrder: 'desc', page, limit: PAGE });
      const fresh = since ? res.data.filter((b) => b.updatedAt >= since) : res.data;
      changed.push(...fresh);
      if (fresh.length < res.data.length || page >= res.pagination.totalPages || res.data.length === 0) break;
    }
    counts.bookingsSeen = changed.length;
    // Committed with the run below: integrators hear of each booking TT-API changed since the last
    // pass (a full pass, without `since`, is a catch-up, not news).
    for (const b of since ? changed : [])
      enqueue(
        em,
        QUEUES.webhooks,
        WEBHOOK_EVENT_JOB,
        webhookEvent('booking.updated', { bookingId: b.id, dealId: b.dealId ?? null }),
      );
    const dealIds = [...new Set(changed.flatMap((b) => (b.dealId ? [b.dealId] : [])))];
    const deals = [];
    for (const id of dealIds) {
      try {
        const d = await deps.tt.getDeal(id);
        deals.push({
          id: d.id,
          title: d.title,
          stage: d.stage.toUpperCase(),
          amountCents: d.amountCents,
          companyId: d.companyId,
          contactId: d.contactId,
          expectedCloseDate: d.expectedCloseDate ? `${d.expectedCloseDate}T00:00:00.000Z` : null,
          leadSource: d.leadSource?.toUpperCase() ?? null,
          updatedAt: d.updatedAt,
        });
      } catch (e) {
        log.warn({ err: e, dealId: id }, 'booking sync could not read a deal');
        counts.bookingsFailed += changed.filter((b) => b.dealId === id).length;
      }
    }
    if (deals.length) {
      const outcome = await runAs(
        deps.graph,
        SERVICES.ttSync,
        { query: DEAL_SYNC, variables: { deals } },
        `booking-sync-${runId}`,
      );
      if (!outcome.ok) throw new Error(outcome.message);
      const report = outcome.data.syncTtDeals as { created: number; updated: number; unchanged: number };
      counts.bookingsCreated = report.created;
      counts.bookingsUpdated = report.updated;
    }
  } catch (e) {
    log.warn({ err: e, runId }, 'booking sync failed');
    error = `Booking sync stopped: ${summaryOf(e)}`;
  }
  await finishBookingSync(em, run, counts, error);
  await announce(deps, run.id, 'BOOKING_SYNC');
  return { ...counts };
}
