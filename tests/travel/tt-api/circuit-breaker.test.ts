/**
 * The TT-API circuit breaker's exact transitions, driven through the client against the
 * simulator, with the breaker on a manual clock. The simulator's request count proves which
 * calls reached TT-API.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CircuitBreaker, createManualClock } from '../../../subgraphs/travel/src/tt-api/circuit-breaker.ts';
import type { BreakerStateChange } from '../../../subgraphs/travel/src/tt-api/circuit-breaker.ts';
import { startSimulator } from '../../../subgraphs/travel/simulator/index.ts';
import type { RunningSimulator } from '../../../subgraphs/travel/simulator/index.ts';
import { MISSING_ID, expectNexusError, makeClient } from './support.ts';
import type { TestClient } from './support.ts';

let sim: RunningSimulator;
let t: TestClient;
let changes: BreakerStateChange[];
const PATH = '/api/bookings';

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await sim.control.reset();
  // No retries so one call is one attempt; the retry tests cover the combination.
  t = makeClient(sim, { retryCount: 0 });
  changes = [];
  t.client.breaker.onStateChange((c) => changes.push(c));
});

const reached = () => sim.control.requestCount(PATH);
const failOnce = () => expectNexusError(t.client.listBookings(), 'UPSTREAM_UNAVAILABLE', /HTTP 503/);
const succeed = async () => {
  const res = await t.client.listBookings({ limit: 1 });
  expect(res.data).toHaveLength(1);
};

async function openCircuit() {
  sim.control.setFaults({ errorRate: 1, errorStatuses: [503] });
  for (let i = 0; i < 5; i++) await failOnce();
  sim.control.clearFaults();
  expect(t.client.breaker.state).toBe('open');
}

describe('TT-API circuit breaker', () => {
  it('opens on the 5th failure within the window; the 6th call fails fast without reaching TT-API', async () => {
    sim.control.setFaults({ errorRate: 1, errorStatuses: [503] });
    for (let i = 1; i <= 4; i++) {
      await failOnce();
      t.clock.advance(1_000);
    }
    expect(t.client.breaker.snapshot()).toMatchObject({ state: 'closed', failuresInWindow: 4 });
    await failOnce();
    expect(reached()).toBe(5);
    expect(t.client.breaker.state).toBe('open');
    expect(changes.map((c) => [c.from, c.to])).toEqual([['closed', 'open']]);

    sim.control.clearFaults();
    await expectNexusError(t.client.listBookings(), 'UPSTREAM_UNAVAILABLE', /circuit is open/);
    await expectNexusError(t.client.getBooking(MISSING_ID), 'UPSTREAM_UNAVAILABLE', /circuit is open/);
    expect(reached()).toBe(5);
    expect(sim.control.requestCount()).toBe(5);
    expect(t.client.breaker.snapshot().totals.rejections).toBe(2);
  });

  it('lets no trial through before the reset timeout, one after it, and closes after 2 successes', async () => {
    await openCircuit();
    const openedAt = t.clock.now();
    t.clock.advance(29_999);
    await expectNexusError(t.client.listBookings(), 'UPSTREAM_UNAVAILABLE', /circuit is open/);
    expect(reached()).toBe(5);
    expect(t.client.breaker.state).toBe('open');

    t.clock.advance(1);
    // The timer promotes the state without waiting for a call, so subscribers hear it on time.
    expect(changes.map((c) => c.to)).toEqual(['open', 'half_open']);
    expect(changes[1]?.at).toBe(openedAt + 30_000);

    await succeed();
    expect(reached()).toBe(6);
    expect(t.client.breaker.snapshot()).toMatchObject({ state: 'half_open', halfOpenSuccesses: 1 });
    await succeed();
    expect(reached()).toBe(7);
    expect(t.client.breaker.state).toBe('closed');
    expect(changes.map((c) => [c.from, c.to])).toEqual([
      ['closed', 'open'],
      ['open', 'half_open'],
      ['half_open', 'closed'],
    ]);
    expect(changes[2]?.snapshot).toMatchObject({ state: 'closed', failuresInWindow: 0 });
  });

  it('reopens on a failure while half-open and restarts the reset timeout', async () => {
    await openCircuit();
    t.clock.advance(30_000);
    await succeed();
    expect(t.client.breaker.snapshot()).toMatchObject({ state: 'half_open', halfOpenSuccesses: 1 });

    sim.control.setFaults({ errorRate: 1, errorStatuses: [502] });
    await expectNexusError(t.client.listBookings(), 'UPSTREAM_UNAVAILABLE', /HTTP 502/);
    expect(t.client.breaker.state).toBe('open');
    expect(t.client.breaker.snapshot().nextAttemptAt).toBe(t.clock.now() + 30_000);
    sim.control.clearFaults();

    const count = reached();
    t.clock.advance(29_000);
    await expectNexusError(t.client.listBookings(), 'UPSTREAM_UNAVAILABLE', /circuit is open/);
    expect(reached()).toBe(count);
    t.clock.advance(1_000);
    await succeed();
    await succeed();
    expect(t.client.breaker.state).toBe('closed');
    expect(changes.map((c) => c.to)).toEqual(['open', 'half_open', 'open', 'half_open', 'closed']);
  });

  it('lets one trial at a time through while half-open', async () => {
    await openCircuit();
    t.clock.advance(30_000);
    sim.control.setFaults({ latencyMs: 150 });
    const slow = t.client.listBookings({ limit: 1 });
    await expectNexusError(t.client.listBookings({ limit: 2 }), 'UPSTREAM_UNAVAILABLE', /trial call in progress/);
    expect((await slow).data).toHaveLength(1);
    expect(reached()).toBe(6);
  });

  it('never counts 4xx answers as failures', async () => {
    for (let i = 0; i < 6; i++) {
      await expectNexusError(t.client.getBooking(MISSING_ID), 'NOT_FOUND');
      await expectNexusError(t.client.listBookings({ limit: 500 }), 'BAD_USER_INPUT');
      await expectNexusError(t.client.createContact({ firstName: 'A', lastName: 'B', email: 'bad' }), 'BAD_USER_INPUT');
    }
    const wrongKey = makeClient(sim, { apiKey: 'nope', retryCount: 0 }, { breaker: t.client.breaker });
    for (let i = 0; i < 6; i++) await expectNexusError(wrongKey.client.listBookings(), 'UPSTREAM_UNAVAILABLE', /credentials/);
    expect(t.client.breaker.snapshot()).toMatchObject({ state: 'closed', failuresInWindow: 0 });

    // 4xx between failures neither count nor reset the window.
    sim.control.setFaults({ errorRate: 1, errorStatuses: [500], pathPrefix: PATH });
    for (let i = 0; i < 4; i++) {
      await expectNexusError(t.client.listBookings(), 'UPSTREAM_UNAVAILABLE');
      await expectNexusError(t.client.getCompany(MISSING_ID), 'NOT_FOUND');
    }
    expect(t.client.breaker.snapshot()).toMatchObject({ state: 'closed', failuresInWindow: 4 });
    await expectNexusError(t.client.listBookings(), 'UPSTREAM_UNAVAILABLE');
    expect(t.client.breaker.state).toBe('open');
  });

  it('forgets failures older than the window', async () => {
    sim.control.setFaults({ errorRate: 1, errorStatuses: [503] });
    for (let i = 0; i < 4; i++) await failOnce();
    t.clock.advance(30_000);
    await failOnce();
    expect(t.client.breaker.snapshot()).toMatchObject({ state: 'closed', failuresInWindow: 1 });
    for (let i = 0; i < 3; i++) await failOnce();
    expect(t.client.breaker.snapshot()).toMatchObject({ state: 'closed', failuresInWindow: 4 });
    await failOnce();
    expect(t.client.breaker.state).toBe('open');
  });

  it('counts timeouts, refused connections and malformed answers as failures', async () => {
    // The timeout leaves a busy machine room to answer the malformed and refused cases in time; the
    // latency is well past it.
    const fast = makeClient(sim, { retryCount: 0, timeoutMs: 1_000 });
    sim.control.setFaults({ latencyMs: 3_000 });
    await expectNexusError(fast.client.listBookings(), 'UPSTREAM_UNAVAILABLE', /did not answer within 1000 ms/);
    sim.control.setFaults({ latencyMs: 0, malformed: 'non-json' });
    await expectNexusError(fast.client.listBookings(), 'UPSTREAM_UNAVAILABLE', /malformed/);
    sim.control.clearFaults();
    await sim.control.outage({ mode: 'refuse' });
    try {
      await expectNexusError(fast.client.listBookings(), 'UPSTREAM_UNAVAILABLE', /could not be reached/);
    } finally {
      await sim.control.restore();
    }
    expect(fast.client.breaker.snapshot()).toMatchObject({ state: 'closed', failuresInWindow: 3 });
  });

  it('takes its thresholds from the configuration', async () => {
    const custom = makeClient(sim, { retryCount: 0, breaker: { failureThreshold: 2, resetTimeoutMs: 1_000, successThreshold: 1 } });
    sim.control.setFaults({ errorRate: 1, errorStatuses: [500] });
    await expectNexusError(custom.client.listBookings(), 'UPSTREAM_UNAVAILABLE');
    await expectNexusError(custom.client.listBookings(), 'UPSTREAM_UNAVAILABLE');
    expect(custom.client.breaker.state).toBe('open');
    sim.control.clearFaults();
    custom.clock.advance(1_000);
    await custom.client.listBookings();
    expect(custom.client.breaker.state).toBe('closed');
  });
});

describe('CircuitBreaker unit', () => {
  it('reports its snapshot, survives a throwing subscriber and stops notifying after unsubscribe', () => {
    const clock = createManualClock(1_000);
    const breaker = new CircuitBreaker('X', { failureThreshold: 1 }, clock);
    expect(breaker.snapshot()).toMatchObject({ name: 'X', state: 'closed', lastChangedAt: 1_000, openedAt: null, nextAttemptAt: null });
    const seen: string[] = [];
    breaker.onStateChange(() => {
      throw new Error('bad subscriber');
    });
    const off = breaker.onStateChange((c) => seen.push(`${c.from}>${c.to}:${c.reason}`));
    clock.advance(500);
    breaker.failure(breaker.acquire());
    expect(breaker.snapshot()).toMatchObject({ state: 'open', lastChangedAt: 1_500, openedAt: 1_500, nextAttemptAt: 31_500 });
    expect(seen).toEqual(['closed>open:1 failures within 30000 ms']);
    off();
    clock.advance(30_000);
    expect(breaker.state).toBe('half_open');
    expect(seen).toHaveLength(1);
  });

  it('ignores late results of calls admitted before a state change', () => {
    const clock = createManualClock(0);
    const breaker = new CircuitBreaker('X', { failureThreshold: 2 }, clock);
    const early = breaker.acquire();
    breaker.failure(breaker.acquire());
    breaker.failure(breaker.acquire());
    expect(breaker.state).toBe('open');
    clock.advance(30_000);
    const trial = breaker.acquire();
    // A failure of a call admitted while closed says nothing about the half-open trial.
    breaker.failure(early);
    expect(breaker.state).toBe('half_open');
    breaker.success(trial);
    breaker.success(breaker.acquire());
    expect(breaker.state).toBe('closed');
  });
});
