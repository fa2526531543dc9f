/**
 * The portal's travel data through the whole system: a traveller invited by an advisor and signed
 * in through the real flow reads their trips through the gateway (others' ids NOT_FOUND, payment
 * fields refused below payment access), downloads their vault file by its signed link through the
 * REST edge, hears of a republished itinerary by email when they opted in, and sees the trip
 * change live over a subscription filtered to them. A payer pays an installment through Stripe
 * Checkout (a stand-in for Stripe's API answering the checkout-session contract), and Stripe's
 * signed event records the payment in TT-API.
 */

/** Stripe's `POST /v1/checkout/sessions`, as a stand-in: records each request, answers a session. */
interface StripeStandIn {
  url: string;
  requests: { params: URLSearchParams; idempotencyKey: string | undefined; auth: string | undefined }[];
  close(): Promise<void>;
}
async function startStripeStandIn(): Promise<StripeStandIn> {
  const requests: StripeStandIn['requests'] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/checkout/sessions') {
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { type: 'invalid_request_error', message: 'Unrecognized request URL' } }));
        return;
      }
      const params = new URLSearchParams(body);
      requests.push({
        params,
        idempotencyKey: req.headers['idempotency-key'] as string | undefined,
        auth: req.headers.authorization,
      });
      const id = `cs_test_${requests.length}`;
      res.writeHead(200, { 'content-type': 'application/json', 'request-id': `req_${requests.length}` }).end(
        JSON.stringify({
          id,
          object: 'checkout.session',
          mode: params.get('mode'),
          status: 'open',
          payment_status: 'unpaid',
          amount_total: Number(params.get('line_items[0][price_data][unit_amount]')),
          currency: params.get('line_items[0][price_data][currency]'),
          client_reference_id: params.get('client_reference_id'),
          metadata: { scheduleId: params.get('metadata[scheduleId]') },
          success_url: params.get('success_url'),
          cancel_url: params.get('cancel_url'),
          url: `https://checkout.stripe.com/c/pay/${id}`,
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
const STRIPE_WEBHOOK_SECRET = 'whsec_portalTestSigningSecret0123456789ab';
let stripe: StripeStandIn;
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TravelDeps } from '../../subgraphs/travel/src/context.ts';
import { sendPaymentDueReminders } from '../../subgraphs/travel/src/portal/notifications.service.ts';
import { codes, data, eventually, signInStaff, type Staff } from '../support/staff.ts';
import { signInTraveller, startPortalSystem, type PortalSystem, type SignedInTraveller } from '../support/portal.ts';
import { subscribe, wsClient } from '../support/ws.ts';

let world: PortalSystem;
let staff: Staff;
let tripId: string;
let otherTripId: string;
let a: SignedInTraveller;
let email: string;

beforeAll(async () => {
  stripe = await startStripeStandIn();
  world = await startPortalSystem({
    env: { STRIPE_SECRET_KEY: 'sk_test_portal', STRIPE_WEBHOOK_SECRET, STRIPE_API_URL: stripe.url },
  });
  staff = await signInStaff(world.system);
  const db = world.system.simulator.control.db;
  const trip = [...db.clientTrips.values()].find(
    (t) => t.deletedAt === null && t.travelerIds.length >= 1 && t.startDate,
  );
  const other = [...db.clientTrips.values()].find((t) => t.deletedAt === null && trip && t.clientId !== trip.clientId);
  if (!trip || !other) throw new Error('no demo trips');
  tripId = trip.id;
  otherTripId = other.id;
  email = `traveller-${Date.now().toString(36)}@example.test`;
  a = await signInTraveller(world.system, world.mail, {
    email,
    ttClientId: trip.clientId,
    ttTravelerId: trip.travelerIds[0] ?? '',
    access: 'VIEW_OWN',
  });
}, 180_000);
afterAll(async () => {
  await world?.close();
  await stripe?.close();
});

const url = () => world.system.gatewayUrl;
/** A link the subgraph built on PUBLIC_URL, pointed at this test's gateway. */
const local = (link: string) => link.replace(/^https?:\/\/[^/]+/, url());

describe('through the gateway', () => {
  it('reads the traveller’s trips, NOT_FOUND for anyone else’s, nothing of payments or staff', async () => {
    const trips = data(await a.call<{ portalTrips: { nodes: { id: string }[] } }>(`{ portalTrips { nodes { id } } }`));
    expect(trips.portalTrips.nodes.map((n) => n.id)).toContain(tripId);
    expect(trips.portalTrips.nodes.map((n) => n.id)).not.toContain(otherTripId);
    expect(codes(await a.call(`query($id: ID!) { portalTrip(id: $id) { id } }`, { id: otherTripId }))).toEqual([
      'NOT_FOUND',
    ]);
    expect(codes(await a.call(`{ portalInvoices { totalCount } }`))).toEqual(['FORBIDDEN']);
    expect(codes(await a.call(`{ clientTrips(first: 1) { totalCount } }`))).toEqual(['FORBIDDEN']);
  });

  it('downloads a vault file by its signed link through the REST edge; a forged link is refused', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% a voucher\n%%EOF\n');
    data(
      await staff.as.advisor(`mutation($input: ShareTripDocumentInput!) { shareTripDocument(input: $input) { id } }`, {
        input: {
          clientTripId: tripId,
          title: 'Hotel voucher',
          fileName: 'voucher.pdf',
          contentType: 'application/pdf',
          contentBase64: pdf.toString('base64'),
        },
      }),
    );
    const docs = data(
      await a.call<{ portalTrip: { documents: { nodes: { title: string; downloadUrl: string }[] } } }>(
        `query($id: ID!) { portalTrip(id: $id) { documents { nodes { title downloadUrl } } } }`,
        { id: tripId },
      ),
    );
    const link = docs.portalTrip.documents.nodes.find((d) => d.title === 'Hotel voucher')?.downloadUrl ?? '';
    const res = await fetch(local(link));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/pdf');
    expect(Buffer.from(await res.arrayBuffer()).equals(pdf)).toBe(true);
    const forged = await fetch(local(link).replace(/sig=[^&]+/, 'sig=AAAA'));
    expect(forged.status).toBe(404);
    await forged.arrayBuffer();
  });

  it('emails an opted-in traveller when the itinerary is published, and tells their subscription', async () => {
    data(await a.call(`mutation { portalUpdateNotifications(input: { notifyItineraryPublished: true }) { id } }`));
    const ws = wsClient(url(), a.token);
    const sub = subscribe<{ portalTripChanged: { id: string; itinerary: { version: number } | null } }>(
      ws,
      `subscription($id: ID!) { portalTripChanged(id: $id) { id itinerary { version } } }`,
      { id: tripId },
    );
    // Someone else's trip: the filter keeps it away from this traveller.
    const stranger = subscribe(ws, `subscription($id: ID!) { portalTripChanged(id: $id) { id } }`, { id: otherTripId });
    await new Promise((r) => setTimeout(r, 300));
    const created = data(
      await staff.as.advisor<{ createItinerary: { id: string } }>(
        `mutation($input: CreateItineraryInput!) { createItinerary(input: $input) { id } }`,
        { input: { clientTripId: tripId, title: 'Portal trip' } },
      ),
    );
    data(
      await staff.as.advisor(
        `mutation($input: SaveItineraryEntriesInput!) { saveItineraryEntries(input: $input) { id } }`,
        {
          input: {
            id: created.createItinerary.id,
            entries: [
              { day: 1, kind: 'ACTIVITY', title: 'Welcome dinner', startTime: '19:00', timeZone: 'Europe/Rome' },
            ],
          },
        },
      ),
    );
    const since = world.mail.messages.length;
    data(
      await staff.as.advisor(`mutation($id: ID!) { publishItinerary(id: $id) { publishedVersion } }`, {
        id: created.createItinerary.id,
      }),
    );

    const event = await sub.next((v) => v.portalTripChanged.itinerary?.version === 1, 10_000);
    expect(event.portalTripChanged.id).toBe(tripId);
    const mail = await eventually(async () => {
      const hit = world.mail.messages
        .slice(since)
        .find((m) => m.envelopeTo.includes(email) && /itinerary/i.test(m.subject));
      if (!hit) throw new Error('no itinerary email yet');
      return hit;
    }, 20_000);
    expect(mail.parsed.text).toContain(`/portal/trips/${tripId}`);
    expect(stranger.values).toEqual([]);
    sub.dispose();
    stranger.dispose();
    await ws.dispose();

    // The page the phone keeps offline carries the numbers to call.
    const trip = data(
      await a.call<{ portalTrip: { offline: { urls: string[] } } }>(
        `query($id: ID!) { portalTrip(id: $id) { offline { urls } } }`,
        { id: tripId },
      ),
    );
    const page = await fetch(`${url()}${trip.portalTrip.offline.urls[0] ?? ''}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Welcome dinner');
    expect(html).toContain('Numbers to call');
  }, 60_000);

  it('pays an installment through Stripe Checkout; Stripe’s signed event records it in TT-API once', async () => {
    const db = world.system.simulator.control.db;
    const schedule = [...db.paymentSchedules.values()].find(
      (x) => x.deletedAt === null && x.clientId && x.bookingId && ['upcoming', 'due', 'overdue'].includes(x.status),
    );
    if (!schedule?.clientId) throw new Error('no open demo installment');
    const traveler = [...db.travelers.values()].find((x) => x.clientId === schedule.clientId);
    const payerEmail = `payer-${Date.now().toString(36)}@example.test`;
    const payer = await signInTraveller(world.system, world.mail, {
      email: payerEmail,
      ttClientId: schedule.clientId,
      ttTravelerId: traveler?.id ?? '',
      access: 'PAY_FOR_PARTY',
    });
    // Opted in to payment reminders: the daily job emails what falls due, once.
    data(await payer.call(`mutation { portalUpdateNotifications(input: { notifyPaymentDue: true }) { id } }`));
    const travel = world.system.deps.travel as TravelDeps;
    const noticeDeps = {
      em: travel.orm.em.fork(),
      tt: travel.tt,
      graph: travel.graph,
      publicUrl: travel.env.PUBLIC_URL,
      log: travel.log,
      days: 400,
    };
    const first = await sendPaymentDueReminders(noticeDeps);
    expect(first.queued).toBeGreaterThanOrEqual(1);
    expect((await sendPaymentDueReminders({ ...noticeDeps, em: travel.orm.em.fork() })).queued).toBe(0);
    const reminder = await eventually(async () => {
      const hit = world.mail.messages.find((m) => m.envelopeTo.includes(payerEmail) && /Payment due/.test(m.subject));
      if (!hit) throw new Error('no payment reminder yet');
      return hit;
    }, 20_000);
    expect(reminder.parsed.text).toContain('/portal/payments');

    const pay = `mutation($id: ID!) { portalPayInstallment(id: $id) { method amountCents checkoutUrl instructions } }`;
    const start = data(
      await payer.call<{ portalPayInstallment: { method: string; checkoutUrl: string; amountCents: number } }>(pay, {
        id: schedule.id,
      }),
    );
    expect(start.portalPayInstallment).toMatchObject({
      method: 'CHECKOUT',
      amountCents: schedule.amountCents,
      checkoutUrl: 'https://checkout.stripe.com/c/pay/cs_test_1',
    });
    const sent = stripe.requests[0];
    expect(sent?.auth).toBe('Bearer sk_test_portal');
    expect(sent?.params.get('line_items[0][price_data][unit_amount]')).toBe(String(schedule.amountCents));
    expect(sent?.params.get('metadata[scheduleId]')).toBe(schedule.id);
    expect(sent?.idempotencyKey).toBe(`installment-${schedule.id}-${schedule.amountCents}`);
    // Someone else's installment is not theirs to pay.
    const foreign = [...db.paymentSchedules.values()].find((x) => x.clientId !== schedule.clientId);
    expect(codes(await payer.call(pay, { id: foreign?.id }))).toEqual(['NOT_FOUND']);

    const event = JSON.stringify({
      id: 'evt_portal_1',
      object: 'event',
      type: 'checkout.session.completed',
      data: {
        object: {
          id: 'cs_test_1',
          object: 'checkout.session',
          payment_status: 'paid',
          amount_total: schedule.amountCents,
          payment_intent: 'pi_portal_1',
          client_reference_id: schedule.id,
          metadata: { scheduleId: schedule.id },
        },
      },
    });
    const post = (signature: string) =>
      fetch(`${url()}/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signature },
        body: event,
      });
    const forged = await post('t=1,v1=00');
    expect(forged.status).toBe(401);
    await forged.arrayBuffer();
    const header = new Stripe('sk_test_portal').webhooks.generateTestHeaderString({
      payload: event,
      secret: STRIPE_WEBHOOK_SECRET,
    });
    const ok = await post(header);
    expect(ok.status).toBe(200);
    await ok.arrayBuffer();
    expect(db.paymentSchedules.get(schedule.id)).toMatchObject({ status: 'paid' });
    const payments = [...db.payments.values()].filter((p) => p.transactionId === 'pi_portal_1');
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ bookingId: schedule.bookingId, amountCents: schedule.amountCents });
    // Stripe delivers again (a new signature, same event): nothing is recorded twice.
    const again = await post(
      new Stripe('sk_test_portal').webhooks.generateTestHeaderString({
        payload: event,
        secret: STRIPE_WEBHOOK_SECRET,
        timestamp: Math.floor(Date.now() / 1000) + 1,
      }),
    );
    expect(again.status).toBe(200);
    await again.arrayBuffer();
    expect([...db.payments.values()].filter((p) => p.transactionId === 'pi_portal_1')).toHaveLength(1);
  });
});
