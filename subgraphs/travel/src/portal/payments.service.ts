/**
 * What the family owes, in the client portal (payment access): its payment schedule and invoices
 * with balances, and paying an installment through Stripe Checkout when the agency configured
 * Stripe (STRIPE_SECRET_KEY), else the agency's how-to-pay instructions. Stripe's signed
 * `checkout.session.completed` event records the payment in TT-API and settles the installment.
 */
import {
  type ClientScope,
  type ConnectionArgs,
  type Logger,
  conflict,
  notFound,
  upstreamUnavailable,
} from '@nexus/platform';
import Stripe from 'stripe';
import type { TtApiClient } from '../tt-api/client.ts';
import { MAX_PAGE_LIMIT, type ClientTrip, type PaymentSchedule } from '../tt-api/contract.ts';
import { memoryConnection } from '../services/lists.ts';
import { allPages } from '../services/money.service.ts';
import { portalId } from './scope.service.ts';

export interface PaymentDeps {
  tt: TtApiClient;
  /** Stripe, when configured. */
  stripe: Stripe | null;
  /** Where Checkout sends the traveller back (the portal's payments page). */
  portalUrl: string;
  instructions: string;
}

/** A Stripe client from the environment, or null (then travellers read the how-to-pay text). */
export function stripeFrom(env: {
  STRIPE_SECRET_KEY?: string | undefined;
  STRIPE_API_URL?: string | undefined;
}): Stripe | null {
  if (!env.STRIPE_SECRET_KEY) return null;
  const api = env.STRIPE_API_URL ? new URL(env.STRIPE_API_URL) : null;
  return new Stripe(env.STRIPE_SECRET_KEY, {
    maxNetworkRetries: 2,
    timeout: 10_000,
    telemetry: false,
    ...(api
      ? {
          host: api.hostname,
          port: api.port || (api.protocol === 'http:' ? 80 : 443),
          protocol: api.protocol === 'http:' ? 'http' : 'https',
        }
      : {}),
  });
}

const PAYABLE = new Set(['upcoming', 'due', 'overdue']);

async function familySchedules(tt: TtApiClient, scope: ClientScope) {
  const rows = await allPages(
    (page) =>
      tt.listPaymentSchedules({
        clientId: scope.ttClientId,
        page,
        limit: MAX_PAGE_LIMIT,
        sortBy: 'dueDate',
        sortOrder: 'asc',
      }),
    10,
  );
  return rows.filter((s) => s.deletedAt === null);
}

export async function portalInstallments(tt: TtApiClient, scope: ClientScope, args: ConnectionArgs) {
  const schedules = await familySchedules(tt, scope);
  const tripIds = [...new Set(schedules.flatMap((s) => (s.clientTripId ? [s.clientTripId] : [])))];
  const trips = new Map<string, ClientTrip>();
  for (let i = 0; i < tripIds.length; i += 100) {
    const res = await tt.listClientTrips({ ids: tripIds.slice(i, i + 100), limit: MAX_PAGE_LIMIT });
    for (const t of res.data) trips.set(t.id, t);
  }
  return memoryConnection(
    schedules.map((s) => ({
      id: s.id,
      clientTripId: s.clientTripId,
      tripName: s.clientTripId ? (trips.get(s.clientTripId)?.name ?? null) : null,
      installmentNumber: s.installmentNumber,
      amountCents: s.amountCents,
      dueDate: s.dueDate,
      status: s.status,
      paidAt: s.paidAt,
      payable: PAYABLE.has(s.status),
    })),
    args,
  );
}

export async function portalInvoices(tt: TtApiClient, scope: ClientScope, args: ConnectionArgs) {
  const invoices = (
    await allPages(
      (page) =>
        tt.listInvoices({
          clientId: scope.ttClientId,
          page,
          limit: MAX_PAGE_LIMIT,
          sortBy: 'issueDate',
          sortOrder: 'desc',
        }),
      10,
    )
  ).filter((i) => i.deletedAt === null && i.status !== 'draft');
  const rows = invoices.map((i) => ({
    id: i.id,
    invoiceNumber: i.invoiceNumber,
    status: i.status,
    currency: i.currency,
    issueDate: i.issueDate,
    dueDate: i.dueDate,
    lines: i.lineItems,
    subtotalCents: i.subtotalCents,
    taxCents: i.taxCents,
    totalCents: i.totalCents,
    amountPaidCents: i.amountPaidCents,
    balanceCents: i.status === 'void' ? 0 : Math.max(0, i.totalCents - i.amountPaidCents),
  }));
  return { ...memoryConnection(rows, args), balanceCents: rows.reduce((sum, r) => sum + r.balanceCents, 0) };
}

/** One installment of the traveller's client, or NOT_FOUND. */
async function ownInstallment(tt: TtApiClient, scope: ClientScope, id: unknown): Promise<PaymentSchedule> {
  const scheduleId = portalId(id, 'Installment');
  const schedule = await tt.getPaymentSchedule(scheduleId).catch((e: unknown) => {
    if (e instanceof Error && 'code' in e && e.code === 'NOT_FOUND') return null;
    throw e;
  });
  if (!schedule || schedule.deletedAt !== null || schedule.clientId !== scope.ttClientId)
    throw notFound('Installment', scheduleId);
  return schedule;
}

export async function payInstallment(deps: PaymentDeps, scope: ClientScope, id: unknown) {
  const schedule = await ownInstallment(deps.tt, scope, id);
  if (!PAYABLE.has(schedule.status)) throw conflict(`This installment is ${schedule.status}: nothing to pay.`);
  if (!deps.stripe)
    return {
      method: 'INSTRUCTIONS' as const,
      amountCents: schedule.amountCents,
      checkoutUrl: null,
      instructions: deps.instructions,
    };
  const back = `${deps.portalUrl.replace(/\/$/, '')}/payments`;
  const session = await deps.stripe.checkout.sessions
    .create(
      {
        mode: 'payment',
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: 'usd',
              unit_amount: schedule.amountCents,
              product_data: { name: `Installment ${schedule.installmentNumber}, due ${schedule.dueDate}` },
            },
          },
        ],
        client_reference_id: schedule.id,
        metadata: { scheduleId: schedule.id, ttClientId: scope.ttClientId, accountId: scope.accountId },
        success_url: `${back}?paid=${schedule.id}`,
        cancel_url: back,
      },
      // One session per installment and amount: a double tap opens the same checkout.
      { idempotencyKey: `installment-${schedule.id}-${schedule.amountCents}` },
    )
    .catch((e: unknown) => {
      // Stripe unreachable or refusing: the traveller can try again (or pay as the agency says).
      if (e instanceof Stripe.errors.StripeError)
        throw upstreamUnavailable('Stripe', 'Online payment is unavailable right now; try again shortly.');
      throw e;
    });
  if (!session.url) throw new Error('Stripe returned a checkout session without a URL');
  return {
    method: 'CHECKOUT' as const,
    amountCents: schedule.amountCents,
    checkoutUrl: session.url,
    instructions: null,
  };
}

/**
 * Stripe's signed event (`checkout.session.completed`, paid): the payment is recorded in TT-API
 * against the installment's booking (or client) and the installment marked paid. A redelivery
 * finds the installment paid, or the payment already recorded under Stripe's id, and does nothing.
 */
export async function settleCheckout(tt: TtApiClient, event: Stripe.Event, log: Logger) {
  if (event.type !== 'checkout.session.completed' && event.type !== 'checkout.session.async_payment_succeeded')
    return { handled: false };
  const session = event.data.object;
  const scheduleId = session.metadata?.scheduleId ?? session.client_reference_id;
  if (session.payment_status !== 'paid' || !scheduleId) return { handled: false };
  const schedule = await tt.getPaymentSchedule(scheduleId);
  if (schedule.status === 'paid') return { handled: true, already: true };
  const transactionId =
    typeof session.payment_intent === 'string' ? session.payment_intent : (session.payment_intent?.id ?? session.id);
  const amountCents = session.amount_total ?? schedule.amountCents;
  const existing = (
    await tt.listPayments({
      ...(schedule.bookingId ? { bookingId: schedule.bookingId } : { clientId: schedule.clientId ?? undefined }),
      limit: MAX_PAGE_LIMIT,
    })
  ).data.find((p) => p.transactionId === transactionId);
  const payment =
    existing ??
    (schedule.bookingId
      ? await tt.createBookingPayment(schedule.bookingId, {
          amountCents,
          paymentMethod: 'card',
          paymentType: 'installment',
          transactionId,
          notes: `Stripe Checkout ${session.id}`,
        })
      : await tt.createPayment({
          clientId: schedule.clientId,
          amountCents,
          paymentType: 'installment',
          status: 'paid',
          paymentMethod: 'card',
          transactionId,
          paidAt: new Date().toISOString(),
          notes: `Stripe Checkout ${session.id}`,
        }));
  await tt.updatePaymentSchedule(schedule.id, {
    status: 'paid',
    paidAt: new Date().toISOString(),
    paymentId: payment.id,
  });
  log.info({ scheduleId, paymentId: payment.id }, 'installment paid through Stripe Checkout');
  return { handled: true, already: false };
}
