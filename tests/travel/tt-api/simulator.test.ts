/**
 * The simulator as an out-of-process test would use it: plain HTTP, the `/__sim/*` steering
 * routes, TT-API's auth and validation rules, soft delete, and deterministic demo data.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorEnvelopeSchema, listResponse, ttResources } from '../../../subgraphs/travel/src/tt-api/contract.ts';
import {
  buildDemoData, demoLinks, simFaultsSchema, stableUuid, startSimulator,
} from '../../../subgraphs/travel/simulator/index.ts';
import type { RunningSimulator } from '../../../subgraphs/travel/simulator/index.ts';
import { MISSING_ID, rawFetch, withKey } from './support.ts';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, apiKeys: ['key-one', 'key-two'] });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await sim.control.reset();
});

const post = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const errorCode = (body: unknown) => errorEnvelopeSchema.parse(body).error.code;

describe('authentication', () => {
  it('accepts any configured key as X-API-Key or Bearer, and refuses others with the envelope', async () => {
    expect((await rawFetch(sim, '/api/clients', { headers: { 'x-api-key': 'key-two' } })).status).toBe(200);
    expect((await rawFetch(sim, '/api/clients', { headers: { authorization: 'Bearer key-one' } })).status).toBe(200);

    const missing = await rawFetch(sim, '/api/clients');
    expect(missing.status).toBe(401);
    expect(errorEnvelopeSchema.parse(missing.body).error).toMatchObject({ code: 'UNAUTHORIZED', message: 'API key is required', details: null });
    expect(missing.headers.get('x-request-id')).toBe(errorEnvelopeSchema.parse(missing.body).error.requestId);

    const wrong = await rawFetch(sim, '/api/clients', { headers: { authorization: 'Bearer key-three' } });
    expect(wrong.status).toBe(401);
    expect(errorEnvelopeSchema.parse(wrong.body).error.message).toBe('Invalid API key');
  });

  it('serves /health without a key, and everything when no keys are configured', async () => {
    expect((await rawFetch(sim, '/health')).status).toBe(200);
    const open = await startSimulator({ port: 0, apiKeys: [] });
    try {
      expect((await rawFetch(open, '/api/vendors')).status).toBe(200);
    } finally {
      await open.close();
    }
  });
});

describe('request validation', () => {
  it('rejects a non-UUID id, a sortBy outside the allowlist and a malformed body with VALIDATION_ERROR details', async () => {
    const badId = await rawFetch(sim, '/api/bookings/12345', withKey(sim));
    expect(badId.status).toBe(400);
    expect(errorEnvelopeSchema.parse(badId.body).error.details).toEqual([expect.objectContaining({ path: ['id'] })]);

    const badSort = await rawFetch(sim, '/api/clients?sortBy=password', withKey(sim));
    expect(badSort.status).toBe(400);
    expect(errorEnvelopeSchema.parse(badSort.body).error.details).toEqual([expect.objectContaining({ path: ['sortBy'] })]);

    const badJson = await rawFetch(sim, '/api/companies', withKey(sim, { method: 'POST', body: '{"name":' }));
    expect(badJson.status).toBe(400);
    expect(errorCode(badJson.body)).toBe('VALIDATION_ERROR');

    const emptyPatch = await rawFetch(sim, `/api/companies/${demoLinks.companies[0]?.id}`, withKey(sim, { method: 'PATCH', body: '{}' }));
    expect(emptyPatch.status).toBe(400);
  });

  it('answers unknown routes and unsupported operations with NOT_FOUND', async () => {
    const unknown = await rawFetch(sim, '/api/nothing-here', withKey(sim));
    expect(unknown.status).toBe(404);
    expect(errorCode(unknown.body)).toBe('NOT_FOUND');
    // TT-API offers no DELETE on payments.
    const paymentId = sim.control.db.payments.keys().next().value;
    const del = await rawFetch(sim, `/api/payments/${paymentId}`, withKey(sim, { method: 'DELETE' }));
    expect(del.status).toBe(404);
    expect(sim.control.db.payments.get(paymentId ?? '')?.deletedAt).toBeNull();
  });
});

describe('soft delete', () => {
  it('marks the row deleted, hides it from lists and details, and refuses a second delete', async () => {
    const id = demoLinks.travelers[3]?.id ?? MISSING_ID;
    const del = await rawFetch(sim, `/api/travelers/${id}`, withKey(sim, { method: 'DELETE' }));
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ data: { id, deletedAt: expect.any(String) } });
    expect(sim.control.db.travelers.get(id)?.deletedAt).not.toBeNull();
    expect((await rawFetch(sim, `/api/travelers/${id}`, withKey(sim))).status).toBe(404);
    const list = await rawFetch(sim, '/api/travelers?limit=100', withKey(sim));
    const parsed = listResponse(ttResources.travelers.entity).parse(list.body).data;
    expect(parsed.map((t) => t.id)).not.toContain(id);
    expect(parsed).toHaveLength(59);
    expect((await rawFetch(sim, `/api/travelers/${id}`, withKey(sim, { method: 'DELETE' }))).status).toBe(404);
  });
});

describe('steering over HTTP', () => {
  it('injects errors, counts requests per path, and clears faults', async () => {
    const set = await rawFetch(sim, '/__sim/faults', post({ errorRate: 1, errorStatuses: [502] }));
    expect(set.status).toBe(200);
    expect(simFaultsSchema.parse(set.body)).toMatchObject({ errorRate: 1, errorStatuses: [502] });

    const failed = await rawFetch(sim, '/api/vendors', withKey(sim));
    expect(failed.status).toBe(502);
    expect(errorCode(failed.body)).toBe('EXTERNAL_SERVICE_ERROR');
    await rawFetch(sim, '/api/vendors?page=2', withKey(sim));

    const stats = await rawFetch(sim, '/__sim/stats');
    expect(stats.body).toMatchObject({ total: 2, byPath: { '/api/vendors': 2 }, byRoute: { 'GET /api/vendors': 2 } });

    await rawFetch(sim, '/__sim/faults', { method: 'DELETE' });
    expect((await rawFetch(sim, '/api/vendors', withKey(sim))).status).toBe(200);
    await rawFetch(sim, '/__sim/reset-stats', { method: 'POST' });
    expect((await rawFetch(sim, '/__sim/stats')).body).toMatchObject({ total: 0, byPath: {} });
  });

  it('rejects invalid fault settings', async () => {
    expect((await rawFetch(sim, '/__sim/faults', post({ errorRate: 2 }))).status).toBe(400);
    expect((await rawFetch(sim, '/__sim/faults', post({ errorStatuses: [404] }))).status).toBe(400);
    expect((await rawFetch(sim, '/__sim/faults', post({ typo: true }))).status).toBe(400);
    expect(sim.control.faults().errorRate).toBe(0);
  });

  it('scopes faults to a path prefix and serves malformed bodies', async () => {
    await rawFetch(sim, '/__sim/faults', post({ malformed: 'non-json', pathPrefix: '/api/invoices' }));
    const bad = await rawFetch(sim, '/api/invoices', withKey(sim));
    expect(bad.status).toBe(200);
    expect(bad.headers.get('content-type')).toMatch(/json/);
    expect(bad.body).toBeUndefined();
    expect(bad.text).toMatch(/<html>/);
    expect((await rawFetch(sim, '/api/vendors', withKey(sim))).body).toMatchObject({ pagination: { total: 8 } });

    await rawFetch(sim, '/__sim/faults', post({ malformed: 'wrong-shape' }));
    const shape = await rawFetch(sim, '/api/invoices', withKey(sim));
    expect(shape.status).toBe(200);
    expect(listResponse(ttResources.invoices.entity).safeParse(shape.body).success).toBe(false);
  });

  it('adds latency with jitter', async () => {
    await rawFetch(sim, '/__sim/faults', post({ latencyMs: 120, latencyJitterMs: 60 }));
    const started = performance.now();
    await rawFetch(sim, '/health');
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(115);
    expect(took).toBeLessThan(1_000);
  });

  it('stops listening for a timed outage and comes back by itself', async () => {
    const refused = await rawFetch(sim, '/__sim/outage', post({ mode: 'refuse' }));
    expect(refused.status).toBe(400);

    const started = await rawFetch(sim, '/__sim/outage', post({ mode: 'refuse', durationMs: 300 }));
    expect(started.status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    const err = await fetch(`${sim.url}/health`).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect(err).toMatchObject({ cause: { code: 'ECONNREFUSED' } });
    await new Promise((r) => setTimeout(r, 400));
    expect((await rawFetch(sim, '/health')).status).toBe(200);
  });

  it('drops sockets in reset mode until the outage is lifted over HTTP', async () => {
    await rawFetch(sim, '/__sim/outage', post({ mode: 'reset' }));
    await new Promise((r) => setTimeout(r, 20));
    await expect(fetch(`${sim.url}/health`)).rejects.toThrow();
    expect(sim.control.requestCount('/health')).toBe(1);
    expect((await rawFetch(sim, '/__sim/outage', { method: 'DELETE' })).status).toBe(200);
    expect((await rawFetch(sim, '/health')).status).toBe(200);
  });

  it('resets data, faults and stats', async () => {
    const created = await rawFetch(sim, '/api/companies', withKey(sim, { method: 'POST', body: JSON.stringify({ name: 'Ephemeral Inc' }) }));
    expect(created.status).toBe(201);
    await rawFetch(sim, '/__sim/faults', post({ latencyMs: 5 }));
    expect((await rawFetch(sim, '/__sim/reset', post({}))).status).toBe(200);
    expect(sim.control.faults().latencyMs).toBe(0);
    expect(sim.control.requestCount()).toBe(0);
    const list = await rawFetch(sim, '/api/companies?search=ephemeral', withKey(sim));
    expect(list.body).toMatchObject({ data: [], pagination: { total: 0 } });
  });

  it('serves the demo links', async () => {
    expect((await rawFetch(sim, '/__sim/demo-links')).body).toEqual(JSON.parse(JSON.stringify(demoLinks)));
  });
});

describe('demo data', () => {
  it('has stable ids and unique emails that resolve in the simulator', async () => {
    expect(demoLinks.clients).toHaveLength(40);
    expect(demoLinks.travelers).toHaveLength(60);
    expect(demoLinks.clients[0]?.id).toBe(stableUuid('client', 1));
    expect(demoLinks.companies[0]?.id).toBe(stableUuid('company', 1));
    const emails = [...demoLinks.contacts, ...demoLinks.travelers].map((p) => p.email);
    expect(new Set(demoLinks.contacts.map((c) => c.email)).size).toBe(demoLinks.contacts.length);
    expect(new Set(demoLinks.travelers.map((t) => t.email)).size).toBe(demoLinks.travelers.length);
    expect(emails.every((e) => /^[a-z.]+@[a-z.-]+\.example\.(com|net)$/.test(e))).toBe(true);

    for (const c of demoLinks.clients.slice(0, 5)) {
      const res = await rawFetch(sim, `/api/clients/${c.id}`, withKey(sim));
      expect(res.body).toMatchObject({ data: { id: c.id, email: c.email, contactId: c.contactId } });
    }
    const deal = demoLinks.deals[0];
    const res = await rawFetch(sim, `/api/deals/${deal?.id}`, withKey(sim));
    expect(res.body).toMatchObject({ data: { companyId: deal?.companyId, contactId: deal?.contactId } });
  });

  it('is the same for the same reference time', () => {
    const now = new Date('2030-05-01T12:00:00Z');
    const a = buildDemoData(now);
    const b = buildDemoData(now);
    const dump = (db: ReturnType<typeof buildDemoData>) =>
      Object.fromEntries(Object.entries(db).map(([k, table]) => [k, [...table.values()]]));
    expect(dump(a)).toEqual(dump(b));
    expect([...a.travelers.values()].some((t) => t.passportExpiryDate !== null && t.passportExpiryDate < '2030-05-01')).toBe(true);
  });
});
