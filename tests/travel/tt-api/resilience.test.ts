/**
 * Retry (idempotent requests only, exponential backoff), per-attempt timeout, malformed answers,
 * outages, per-request GET dedupe and call logging, against the simulator.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoLinks, startSimulator } from '../../../subgraphs/travel/simulator/index.ts';
import type { RunningSimulator } from '../../../subgraphs/travel/simulator/index.ts';
import { MISSING_ID, expectNexusError, makeClient } from './support.ts';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await sim.control.reset();
});

const bookingId = () => {
  const id = sim.control.db.bookings.keys().next().value;
  if (id === undefined) throw new Error('no bookings');
  return id;
};
const arrivals = (path: string) => sim.control.stats().recent.filter((r) => r.path === path).map((r) => r.at);

describe('retry', () => {
  it('retries a GET once after 500-style failures, with the base delay', async () => {
    const { client } = makeClient(sim, { retryCount: 1, retryBaseMs: 150 });
    sim.control.setFaults({ failNext: 1, errorStatuses: [503] });
    const res = await client.listBookings({ limit: 1 });
    expect(res.data).toHaveLength(1);
    const at = arrivals('/api/bookings');
    expect(at).toHaveLength(2);
    expect((at[1] ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(140);
  });

  it('backs off exponentially and gives up after the configured retries', async () => {
    const { client, logger } = makeClient(sim, { retryCount: 2, retryBaseMs: 150 });
    sim.control.setFaults({ errorRate: 1, errorStatuses: [502] });
    await expectNexusError(client.listBookings(), 'UPSTREAM_UNAVAILABLE', /HTTP 502/);
    const at = arrivals('/api/bookings');
    expect(at).toHaveLength(3);
    // Lower bounds only: a loaded machine may add delay, never remove it.
    expect((at[1] ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(140);
    expect((at[2] ?? 0) - (at[1] ?? 0)).toBeGreaterThanOrEqual(290);
    expect(logger.entries.filter((e) => e.msg === 'tt-api call retrying').map((e) => e.obj['retryInMs'])).toEqual([150, 300]);
  });

  it('retries PUT-like DELETE but never POST or PATCH', async () => {
    const { client } = makeClient(sim, { retryCount: 1, retryBaseMs: 10 });
    const companyId = demoLinks.companies[2]?.id ?? MISSING_ID;

    sim.control.setFaults({ failNext: 1 });
    await expectNexusError(client.createCompany({ name: 'Never Twice' }), 'UPSTREAM_UNAVAILABLE');
    expect(sim.control.requestCount('/api/companies', 'POST')).toBe(1);

    sim.control.setFaults({ failNext: 1 });
    await expectNexusError(client.updateCompany(companyId, { leadScore: 1 }), 'UPSTREAM_UNAVAILABLE');
    expect(sim.control.requestCount(`/api/companies/${companyId}`, 'PATCH')).toBe(1);

    sim.control.setFaults({ failNext: 1 });
    await expectNexusError(client.createBookingPayment(bookingId(), { amountCents: 1, paymentMethod: 'ach' }), 'UPSTREAM_UNAVAILABLE');
    expect(sim.control.requestCount(`/api/bookings/${bookingId()}/payments`, 'POST')).toBe(1);

    sim.control.setFaults({ failNext: 1 });
    const deleted = await client.deleteCompany(companyId);
    expect(deleted.id).toBe(companyId);
    expect(sim.control.requestCount(`/api/companies/${companyId}`, 'DELETE')).toBe(2);
  });

  it('does not retry 4xx answers or malformed bodies', async () => {
    const { client } = makeClient(sim, { retryCount: 2, retryBaseMs: 10 });
    await expectNexusError(client.getBooking(MISSING_ID), 'NOT_FOUND');
    expect(sim.control.requestCount(`/api/bookings/${MISSING_ID}`)).toBe(1);
    sim.control.setFaults({ malformed: 'wrong-shape' });
    await expectNexusError(client.listVendors(), 'UPSTREAM_UNAVAILABLE', /malformed/);
    expect(sim.control.requestCount('/api/vendors')).toBe(1);
  });

  it('maps 429 to RATE_LIMITED with the upstream retryAfterMs, without retry or breaker failure', async () => {
    const { client } = makeClient(sim, { retryCount: 2, retryBaseMs: 5 });
    sim.control.setFaults({ failNext: 1, errorStatuses: [429] });
    const err = await expectNexusError(client.listBookings(), 'RATE_LIMITED');
    expect(err.extensions['retryAfterMs']).toBe(30_000);
    expect(sim.control.requestCount('/api/bookings')).toBe(1);
    expect(client.breaker.snapshot()).toMatchObject({ state: 'closed', failuresInWindow: 0 });
  });

  it('stops retrying once the circuit opens', async () => {
    const { client } = makeClient(sim, { retryCount: 3, retryBaseMs: 5, breaker: { failureThreshold: 2 } });
    sim.control.setFaults({ errorRate: 1, errorStatuses: [500] });
    await expectNexusError(client.listBookings(), 'UPSTREAM_UNAVAILABLE', /circuit is open/);
    expect(sim.control.requestCount('/api/bookings')).toBe(2);
  });
});

describe('timeout', () => {
  it('abandons an attempt after timeoutMs and answers UPSTREAM_UNAVAILABLE', async () => {
    const { client } = makeClient(sim, { timeoutMs: 100, retryCount: 0 });
    sim.control.setFaults({ latencyMs: 1_000 });
    const started = performance.now();
    await expectNexusError(client.listBookings(), 'UPSTREAM_UNAVAILABLE', /did not answer within 100 ms/);
    expect(performance.now() - started).toBeLessThan(800);
  });

  it('applies the timeout to each attempt, so a slow first answer is retried', async () => {
    const { client } = makeClient(sim, { timeoutMs: 300, retryCount: 1, retryBaseMs: 10 });
    sim.control.setFaults({ latencyMs: 1_000, pathPrefix: '/api/vendors' });
    const first = client.listVendors();
    // Once the first attempt has reached the simulator (and hangs there), lift the latency so the
    // retry answers quickly. Lifting it on a timer instead could beat a slow first request there.
    await expect.poll(() => sim.control.requestCount('/api/vendors'), { interval: 5 }).toBeGreaterThanOrEqual(1);
    sim.control.clearFaults();
    expect((await first).data.length).toBe(8);
    expect(sim.control.requestCount('/api/vendors')).toBe(2);
  });

  it('lets answers inside the timeout through, latency jitter included', async () => {
    const { client } = makeClient(sim, { timeoutMs: 1_000 });
    sim.control.setFaults({ latencyMs: 50, latencyJitterMs: 50 });
    const started = performance.now();
    expect((await client.listDestinations()).data.length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });
});

describe('malformed answers and outages', () => {
  it('turns a body of the wrong shape into UPSTREAM_UNAVAILABLE and logs the detail', async () => {
    const { client, logger } = makeClient(sim);
    sim.control.setFaults({ malformed: 'wrong-shape' });
    await expectNexusError(client.getBooking(bookingId()), 'UPSTREAM_UNAVAILABLE', /malformed/);
    const entry = logger.entries.find((e) => e.msg === 'tt-api answered a malformed body');
    expect(entry?.level).toBe('error');
    expect(entry?.obj).toMatchObject({ problem: 'wrong shape', status: 200, method: 'GET' });
    expect(Array.isArray(entry?.obj['issues'])).toBe(true);
  });

  it('turns a non-JSON body into UPSTREAM_UNAVAILABLE', async () => {
    const { client, logger } = makeClient(sim);
    sim.control.setFaults({ malformed: 'non-json' });
    await expectNexusError(client.listCommissions(), 'UPSTREAM_UNAVAILABLE', /malformed/);
    await expectNexusError(client.createCompany({ name: 'Parsed Never' }), 'UPSTREAM_UNAVAILABLE', /malformed/);
    expect(logger.entries.filter((e) => e.obj['problem'] === 'not JSON')).toHaveLength(2);
  });

  it('answers UPSTREAM_UNAVAILABLE while TT-API refuses connections, and recovers after', async () => {
    const { client } = makeClient(sim);
    await sim.control.outage({ mode: 'refuse' });
    try {
      await expectNexusError(client.listClients(), 'UPSTREAM_UNAVAILABLE', /could not be reached/);
    } finally {
      await sim.control.restore();
    }
    expect(sim.control.requestCount('/api/clients')).toBe(0);
    expect((await client.listClients()).pagination.total).toBe(40);
  });

  it('answers UPSTREAM_UNAVAILABLE when TT-API drops the socket', async () => {
    const { client } = makeClient(sim);
    await sim.control.outage({ mode: 'reset' });
    try {
      await expectNexusError(client.listClients(), 'UPSTREAM_UNAVAILABLE', /could not be reached/);
    } finally {
      await sim.control.restore();
    }
    expect((await client.listClients()).pagination.total).toBe(40);
  });

  it('keeps health reachable while the circuit is open', async () => {
    const { client } = makeClient(sim, { breaker: { failureThreshold: 1 } });
    sim.control.setFaults({ failNext: 1, pathPrefix: '/api' });
    await expectNexusError(client.listClients(), 'UPSTREAM_UNAVAILABLE');
    expect(client.breaker.state).toBe('open');
    expect((await client.health()).status).toBe('ok');
  });
});

describe('per-request GET dedupe', () => {
  it('sends identical GETs of one request once, in flight and after', async () => {
    const { client } = makeClient(sim);
    const view = client.forRequest();
    const id = bookingId();
    const [a, b] = await Promise.all([view.getBooking(id), view.getBooking(id)]);
    expect(a).toEqual(b);
    expect(await view.getBooking(id)).toEqual(a);
    expect(sim.control.requestCount(`/api/bookings/${id}`)).toBe(1);

    // Same query in another key order is the same request.
    await Promise.all([
      view.listBookings({ status: 'hold', limit: 5 }),
      view.listBookings({ limit: 5, status: 'hold' }),
    ]);
    expect(sim.control.requestCount('/api/bookings')).toBe(1);
  });

  it('does not share GETs across requests, nor on the process-wide client', async () => {
    const { client } = makeClient(sim);
    const id = bookingId();
    await Promise.all([client.forRequest().getBooking(id), client.forRequest().getBooking(id)]);
    await Promise.all([client.getBooking(id), client.getBooking(id)]);
    expect(sim.control.requestCount(`/api/bookings/${id}`)).toBe(4);
  });

  it('shares the breaker between request views', async () => {
    const { client } = makeClient(sim, { breaker: { failureThreshold: 2 } });
    sim.control.setFaults({ errorRate: 1, errorStatuses: [503] });
    await expectNexusError(client.forRequest().listClients(), 'UPSTREAM_UNAVAILABLE');
    await expectNexusError(client.forRequest().listClients(), 'UPSTREAM_UNAVAILABLE');
    await expectNexusError(client.forRequest().listClients(), 'UPSTREAM_UNAVAILABLE', /circuit is open/);
    expect(sim.control.requestCount('/api/clients')).toBe(2);
  });

  it('reads again after a write in the same request, and does not keep failures', async () => {
    const { client } = makeClient(sim);
    const view = client.forRequest();
    const companyId = demoLinks.companies[0]?.id ?? MISSING_ID;
    expect((await view.getCompany(companyId)).leadScore).not.toBe(3);
    await view.updateCompany(companyId, { leadScore: 3 });
    expect((await view.getCompany(companyId)).leadScore).toBe(3);
    expect(sim.control.requestCount(`/api/companies/${companyId}`, 'GET')).toBe(2);

    sim.control.setFaults({ failNext: 1 });
    await expectNexusError(view.listVendors(), 'UPSTREAM_UNAVAILABLE');
    expect((await view.listVendors()).data).toHaveLength(8);
    expect(sim.control.requestCount('/api/vendors')).toBe(2);
  });
});

describe('call logging', () => {
  it('logs method, path, status and duration of every upstream call, with the request id', async () => {
    const { client, logger } = makeClient(sim);
    const view = client.forRequest({ requestId: 'req-from-gateway' });
    await view.listTripOfferings();
    await expectNexusError(view.getTripOffering(MISSING_ID), 'NOT_FOUND');
    const calls = logger.entries.filter((e) => e.msg === 'tt-api call');
    expect(calls.map((e) => [e.obj['method'], e.obj['path'], e.obj['status']])).toEqual([
      ['GET', '/api/trips', 200],
      ['GET', `/api/trips/${MISSING_ID}`, 404],
    ]);
    expect(calls.every((e) => typeof e.obj['ms'] === 'number')).toBe(true);
    expect(calls[1]?.obj['upstreamRequestId']).toBe('req-from-gateway');
  });

  it('writes those lines through a pino logger', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const { client } = makeClient(sim, {}, { logger: pino({ level: 'info' }, sink) });
    await client.listVendors();
    const line: unknown = JSON.parse(lines.find((l) => l.includes('tt-api call')) ?? '{}');
    expect(line).toMatchObject({ msg: 'tt-api call', method: 'GET', path: '/api/vendors', status: 200, upstream: 'TT-API' });
  });
});
