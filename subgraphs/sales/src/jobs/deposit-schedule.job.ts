import {
  NOTIFY_JOB,
  QUEUES,
  SERVICES,
  enqueue,
  gatewayExecutor,
  runAs,
  type GraphExecutor,
  type Job,
  type JobData,
  type Logger,
  type ServiceOutcome,
} from '@nexus/platform';
import type { SalesDeps } from '../context.ts';
import { Quote } from '../entities/index.ts';
import { quoteReference } from '../services/quotes.service.ts';

type DepositJob = JobData<'sales', 'quote-deposit-schedule'>;

interface BookingRef {
  id: string;
  client: { id: string } | null;
  clientTrip: { id: string } | null;
}
interface ScheduleRef {
  id: string;
  installmentNumber: number;
  amountCents: number;
  dueDate: string;
}

const READ_DEAL = `query SalesDepositDeal($id: ID!) {
  deal(id: $id) { id ttDealId bookings(first: 10) { nodes { id client { id } clientTrip { id } } } } }`;
const SCHEDULES = `query SalesDepositSchedules($bookingId: ID!) {
  paymentSchedules(first: 100, filter: { bookingId: $bookingId }) { nodes { id installmentNumber amountCents dueDate } } }`;
const CREATE = `mutation SalesDepositCreate($input: CreatePaymentScheduleInput!) {
  createPaymentSchedule(input: $input) { id installmentNumber amountCents dueDate } }`;

/** Answers that will not change by asking again: the quote is marked FAILED and its owner told. */
const PERMANENT = new Set(['BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED', 'CONFLICT']);

class Transient extends Error {}
class Permanent extends Error {}

const check = (outcome: ServiceOutcome, what: string): Record<string, unknown> => {
  if (outcome.ok) return outcome.data;
  const message = `${what} failed: ${outcome.code} ${outcome.message}`;
  throw PERMANENT.has(outcome.code) ? new Permanent(message) : new Transient(message);
};

/** The delay before attempt `n` (1-based): doubling from the base, capped. */
export const retryDelay = (n: number, baseMs: number, maxMs: number) =>
  Math.min(maxMs, baseMs * 2 ** Math.min(n - 1, 30));

/**
 * Creates an accepted quote's deposit schedule in TT-API through travel's `createPaymentSchedule`,
 * as `service:sales-quotes`. Idempotent: an installment of the same amount due the same day on the
 * booking is taken as this quote's (a retry after TT-API created it but before the answer came back),
 * and a quote already CREATED is left alone. While TT-API (or the gateway) is unavailable the job
 * enqueues its next attempt with a doubling delay instead of failing, so an outage delays the
 * schedule but never loses it; a refusal (bad input, forbidden) marks it FAILED and tells the owner.
 */
export function depositScheduleProcessor(deps: SalesDeps, log: Logger, execute?: GraphExecutor) {
  const run = execute ?? gatewayExecutor({ gatewayUrl: deps.env.GATEWAY_URL, secret: deps.env.INTERNAL_TOKEN_SECRET });
  return async (job: Job<DepositJob>) => {
    const em = deps.orm.em.fork();
    const quote = await em.findOne(Quote, { id: job.data.quoteId });
    if (!quote || quote.depositSchedule !== 'PENDING' || !quote.depositDue) return { created: false };
    const requestId = `sales-deposit:${quote.id}:${job.data.attempt}`;
    const amountCents = quote.depositDue;
    const dueDate = (quote.acceptedAt ?? new Date()).toISOString().slice(0, 10);
    try {
      const read = check(
        await runAs(run, SERVICES.salesQuotes, { query: READ_DEAL, variables: { id: quote.dealId } }, requestId),
        'reading the deal',
      );
      const deal = read.deal as { ttDealId: string | null; bookings: { nodes: BookingRef[] } | null } | null;
      if (deal?.ttDealId && !deal.bookings) throw new Transient('the deal’s TT-API bookings are unavailable');
      const booking = deal?.bookings?.nodes[0];
      if (!booking) {
        quote.depositSchedule = 'NOT_A_TRIP';
        quote.depositScheduleError = null;
        await em.flush();
        log.info(
          { quoteId: quote.id, dealId: quote.dealId },
          'deposit recorded; the deal has no TT-API booking to schedule',
        );
        return { created: false };
      }
      const listed = check(
        await runAs(run, SERVICES.salesQuotes, { query: SCHEDULES, variables: { bookingId: booking.id } }, requestId),
        'reading the booking’s payment schedules',
      );
      const existing = (listed.paymentSchedules as { nodes: ScheduleRef[] } | null)?.nodes ?? [];
      let schedule = existing.find((s) => s.amountCents === amountCents && s.dueDate === dueDate);
      if (!schedule) {
        const input = {
          bookingId: booking.id,
          clientId: booking.client?.id ?? null,
          clientTripId: booking.clientTrip?.id ?? null,
          installmentNumber: Math.max(0, ...existing.map((s) => s.installmentNumber)) + 1,
          amountCents,
          dueDate,
        };
        const created = check(
          await runAs(run, SERVICES.salesQuotes, { query: CREATE, variables: { input } }, requestId),
          'creating the payment schedule',
        );
        schedule = created.createPaymentSchedule as ScheduleRef;
      }
      quote.depositSchedule = 'CREATED';
      quote.depositScheduleId = schedule.id;
      quote.depositScheduleError = null;
      await em.flush();
      log.info({ quoteId: quote.id, scheduleId: schedule.id, amountCents }, 'created the deposit payment schedule');
      return { created: true, scheduleId: schedule.id };
    } catch (err) {
      const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
      quote.depositScheduleAttempts = job.data.attempt + 1;
      quote.depositScheduleError = message;
      if (err instanceof Permanent) {
        quote.depositSchedule = 'FAILED';
        if (quote.ownerId)
          enqueue(em, QUEUES.notifications, NOTIFY_JOB, {
            userId: quote.ownerId,
            type: 'SYSTEM',
            title: `Deposit schedule for ${quoteReference(quote)} not created`,
            body: message,
            link: `/sales/quotes/${quote.id}`,
            dedupeKey: `quote-deposit-failed:${quote.id}`,
          });
        await em.flush();
        log.error({ quoteId: quote.id, err: message }, 'TT-API refused the deposit payment schedule');
        return { created: false };
      }
      const next = job.data.attempt + 1;
      const delayMs = retryDelay(next, deps.env.SALES_DEPOSIT_RETRY_MS, deps.env.SALES_DEPOSIT_RETRY_MAX_MS);
      enqueue(
        em,
        QUEUES.sales,
        'quote-deposit-schedule',
        { quoteId: quote.id, attempt: next },
        { jobId: `quote-deposit-schedule:${quote.id}:${next}`, delayMs },
      );
      await em.flush();
      log.warn({ quoteId: quote.id, attempt: next, delayMs, err: message }, 'deposit schedule postponed');
      return { created: false, retryInMs: delayMs };
    }
  };
}
