/**
 * Resilience of the travel subgraph (I-01, DR-06): travel fields fail with UPSTREAM_UNAVAILABLE
 * while TT-API is down and at once, without reaching it, while the circuit is open; Nexus-side
 * fields in the same operation still answer; malformed upstream bodies never become data;
 * identical GETs within one request go out once; every breaker change is announced.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '@nexus/platform';
import { ttDemoLinks } from '@nexus/platform';
import { as, codes, ok, startTravel, type Travel } from './harness.ts';

const RESET_MS = 400;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let t: Travel;
let events: ChangeEvent[];
let unsubscribe: () => Promise<void>;

beforeAll(async () => {
  t = await startTravel({ env: { TT_CB_RESET_TIMEOUT_MS: String(RESET_MS) } });
  unsubscribe = await t.deps.bus.subscribe('integrationHealthChanged', (e) => events.push(e));
});
afterAll(async () => {
  await unsubscribe?.();
  await t?.stop();
});
beforeEach(async () => {
  await t.reset();
  // The reset itself is a breaker change; let its announcement arrive before counting afresh.
  await sleep(150);
  events = [];
});

const BOOKINGS = `{ bookings(first: 1) { totalCount } passportAlerts { totalCount } }`;
const HEALTH = `{ integrationHealth { state failuresInWindow rejectedCalls nextAttemptAt } }`;
const state = async () =>
  ok(
    await t.run<{
      integrationHealth: {
        state: string;
        failuresInWindow: number;
        rejectedCalls: number;
        nextAttemptAt: string | null;
      };
    }>(HEALTH, {}, as.viewer),
  ).integrationHealth;
const waitFor = async (what: () => boolean, ms = 2000) => {
  const until = Date.now() + ms;
  while (!what() && Date.now() < until) await sleep(10);
};

describe('circuit breaker through the schema', () => {
  it('opens after 5 failures; then travel fields fail at once without reaching TT-API, Nexus fields still answer', async () => {
    t.sim.control.setFaults({ errorRate: 1, errorStatuses: [503] });
    for (let i = 1; i <= 5; i++) {
      const r = await t.run<{ bookings: unknown; passportAlerts: { totalCount: number } }>(BOOKINGS, {}, as.viewer);
      expect(codes(r)).toEqual(['UPSTREAM_UNAVAILABLE']);
      expect(r.errors?.[0]?.path).toEqual(['bookings']);
      // The Nexus-side list in the same operation is unaffected.
      expect(r.data).toEqual({ bookings: null, passportAlerts: { totalCount: 0 } });
    }
    expect(t.sim.control.requestCount('/api/bookings')).toBe(5);
    expect(await state()).toMatchObject({ state: 'OPEN', failuresInWindow: 0 });

    t.sim.control.clearFaults();
    // Failing fast is shown by TT-API never being asked (its time is in bench/README.md, travel-outage).
    const r = await t.run(BOOKINGS, {}, as.viewer);
    expect(codes(r)).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(r.errors?.[0]?.message).toMatch(/circuit is open/);
    expect(t.sim.control.requestCount('/api/bookings')).toBe(5);
    expect((await state()).rejectedCalls).toBeGreaterThan(0);
  });

  it('half-opens after the reset timeout and closes after 2 successful trials, announcing each change', async () => {
    t.sim.control.setFaults({ errorRate: 1, errorStatuses: [500] });
    for (let i = 0; i < 5; i++) await t.run(BOOKINGS, {}, as.viewer);
    t.sim.control.clearFaults();
    const open = await state();
    expect(open.state).toBe('OPEN');
    expect(Date.parse(open.nextAttemptAt ?? '')).toBeGreaterThan(Date.now());

    await sleep(RESET_MS + 50);
    expect((await state()).state).toBe('HALF_OPEN');
    ok(await t.run(BOOKINGS, {}, as.viewer));
    expect((await state()).state).toBe('HALF_OPEN');
    ok(await t.run(BOOKINGS, {}, as.viewer));
    expect((await state()).state).toBe('CLOSED');

    await waitFor(() => events.length >= 3);
    expect(events).toEqual([{ id: 'tt-api' }, { id: 'tt-api' }, { id: 'tt-api' }]);
  });

  it('reopens on a failed trial while half-open', async () => {
    t.sim.control.setFaults({ errorRate: 1 });
    for (let i = 0; i < 5; i++) await t.run(BOOKINGS, {}, as.viewer);
    await sleep(RESET_MS + 50);
    expect(codes(await t.run(BOOKINGS, {}, as.viewer))).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect((await state()).state).toBe('OPEN');
  });

  it('answers UPSTREAM_UNAVAILABLE while TT-API refuses connections, and the probe says so', async () => {
    await t.sim.control.outage({ mode: 'refuse' });
    try {
      const r = await t.run<{ integrationHealth: { probe: { ok: boolean; error: string } } }>(
        `{ traveler(id: "${ttDemoLinks.travelers[0]?.id}") { id } integrationHealth { state probe { ok status error } } }`,
        {},
        as.viewer,
      );
      expect(codes(r)).toEqual(['UPSTREAM_UNAVAILABLE']);
      expect(r.data?.integrationHealth.probe).toMatchObject({ ok: false, status: null });
    } finally {
      await t.sim.control.restore();
    }
  });
});

describe('malformed upstream bodies', () => {
  it.each(['wrong-shape', 'non-json'] as const)(
    'turns a %s body into UPSTREAM_UNAVAILABLE, never into data',
    async (malformed) => {
      t.sim.control.setFaults({ malformed, pathPrefix: '/api/clients' });
      const r = await t.run<{ clients: unknown; bookings: { totalCount: number } }>(
        `{ clients { totalCount nodes { id } } bookings(first: 1) { totalCount } }`,
        {},
        as.viewer,
      );
      expect(codes(r)).toEqual(['UPSTREAM_UNAVAILABLE']);
      expect(r.errors?.[0]?.message).toMatch(/malformed/);
      expect(r.errors?.[0]?.path).toEqual(['clients']);
      expect(r.data?.clients).toBeNull();
      expect(r.data?.bookings.totalCount).toBeGreaterThan(0);
    },
  );

  it('fails only the fields of a malformed batch in a nested list', async () => {
    t.sim.control.setFaults({ malformed: 'wrong-shape', pathPrefix: '/api/travel-documents' });
    const r = await t.run<{ travelers: { nodes: { firstName: string; documents: unknown }[] } }>(
      `{ travelers(first: 3) { nodes { firstName documents { nodes { id } } } } }`,
      {},
      as.viewer,
    );
    expect(r.data?.travelers.nodes).toHaveLength(3);
    expect(r.data?.travelers.nodes.every((n) => n.documents === null && n.firstName)).toBe(true);
    expect(new Set(codes(r))).toEqual(new Set(['UPSTREAM_UNAVAILABLE']));
    expect(t.sim.control.requestCount('/api/travel-documents')).toBe(1);
  });
});

describe('one request', () => {
  it('sends identical GETs once', async () => {
    const booking = [...t.sim.control.db.bookings.values()][0];
    const r = ok(
      await t.run<{ a: { id: string }; b: { status: string } }>(
        `query($id: ID!) { a: booking(id: $id) { id } b: booking(id: $id) { status } c: booking(id: $id) { client { id } } }`,
        { id: booking?.id },
        as.viewer,
      ),
    );
    expect(r.a.id).toBe(booking?.id);
    expect(t.sim.control.requestCount(`/api/bookings/${booking?.id}`)).toBe(1);
  });

  it('does not share answers between requests', async () => {
    const id = ttDemoLinks.clients[0]?.id;
    await t.run(`query($id: ID!) { client(id: $id) { id } }`, { id }, as.viewer);
    await t.run(`query($id: ID!) { client(id: $id) { id } }`, { id }, as.viewer);
    expect(t.sim.control.requestCount(`/api/clients/${id}`)).toBe(2);
  });
});
