/**
 * The operations hub end to end: the delivery ledger (one entry per key however often it comes),
 * n8n's actions at the gateway's REST edge (secret, idempotency, travel's real runs through the
 * graph), TT-API and groups hooks, and the ledger in the graph (ranks, replay).
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpsDeps } from '../../subgraphs/ops/src/context.ts';
import { OpsAuditEntry } from '../../subgraphs/ops/src/entities/index.ts';
import { recordAttempt } from '../../subgraphs/ops/src/ledger/ledger.ts';
import { n8nHandler } from '../../subgraphs/ops/src/shims/n8n.ts';
import { startSystem, type System } from '../support/system.ts';
import { codes, data, eventually, signInStaff, unique, type Staff } from '../support/staff.ts';

const N8N_SECRET = 'n8n-secret-for-ops-tests-0123456789';
const TT_SECRET = 'tt-api-hook-secret-for-ops-tests-0123';
const GROUPS_SECRET = 'groups-secret-for-ops-tests-012345678';
let system: System;
let staff: Staff;
let ops: OpsDeps;

beforeAll(async () => {
  system = await startSystem({
    worker: true,
    env: { N8N_WEBHOOK_SECRET: N8N_SECRET, TT_API_HOOK_SECRET: TT_SECRET, GROUPS_WEBHOOK_SECRET: GROUPS_SECRET },
  });
  staff = await signInStaff(system);
  ops = system.deps.ops as OpsDeps;
}, 120_000);
afterAll(async () => {
  await system?.close();
});

const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(`${system.gatewayUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON: the assertions say so
  }
  return { status: res.status, json, text, replayed: res.headers.get('idempotent-replayed') };
};
const n8n = (action: string, body: unknown, key?: string, secret: string | null = N8N_SECRET) =>
  post(`/api/n8n/webhook/${action}`, body, {
    ...(secret === null ? {} : { 'x-webhook-secret': secret }),
    ...(key ? { 'idempotency-key': key } : {}),
  });
const errorCode = (json: Record<string, unknown>) => (json.error as { code?: string } | undefined)?.code;

type Run = {
  id: string;
  status: string;
  entriesChecked: number;
  entriesMismatched: number;
  discrepancies: { kind: string; commissionId: string }[];
};
const RUN = `query($id: ID!) { commissionReconciliationRun(id: $id) { id status entriesChecked entriesMismatched discrepancies { kind commissionId } } }`;
const runCount = async () =>
  data(
    await staff.as.manager<{ commissionReconciliationRuns: { totalCount: number } }>(
      '{ commissionReconciliationRuns { totalCount } }',
    ),
  ).commissionReconciliationRuns.totalCount;

describe('delivery ledger', () => {
  it('records 300 concurrent duplicates as one entry with 300 attempts and one effect', async () => {
    const key = unique('dup').replace(/\s/g, '-');
    let effects = 0;
    const attempts = await Promise.all(
      Array.from({ length: 300 }, () =>
        recordAttempt(
          ops,
          { direction: 'IN', channel: 'WEBHOOK', key, summary: 'duplicate test', body: '{"a":1}' },
          async () => {
            effects++;
            return { outcome: 'SUCCEEDED', status: 200, response: '{"first":true}' };
          },
        ),
      ),
    );
    expect(effects).toBe(1);
    expect(attempts.filter((a) => a.kind === 'ran')).toHaveLength(1);
    const ids = new Set(attempts.map((a) => a.delivery.id));
    expect(ids.size).toBe(1);
    const again = await recordAttempt(ops, { direction: 'IN', channel: 'WEBHOOK', key, summary: 'x', body: '{"a":1}' });
    expect(again).toMatchObject({
      kind: 'repeat',
      delivery: { attempts: 301, outcome: 'SUCCEEDED', responseBody: '{"first":true}' },
    });
    const changed = await recordAttempt(ops, {
      direction: 'IN',
      channel: 'WEBHOOK',
      key,
      summary: 'x',
      body: '{"a":2}',
    });
    expect(changed.kind).toBe('changed');
  });

  it('runs a failed delivery again only when the caller allows it, and one claimant wins', async () => {
    const key = unique('retry').replace(/\s/g, '-');
    const req = { direction: 'OUT' as const, channel: 'WEBHOOK' as const, key, summary: 'retry test' };
    await recordAttempt(ops, req, async () => {
      throw new Error('receiver down');
    });
    const kept = await recordAttempt(ops, req, async () => ({ outcome: 'SUCCEEDED' }));
    expect(kept).toMatchObject({ kind: 'repeat', delivery: { outcome: 'FAILED', error: 'receiver down' } });
    let runs = 0;
    const retries = await Promise.all(
      [1, 2, 3].map(() =>
        recordAttempt(ops, req, async () => (runs++, { outcome: 'SUCCEEDED', status: 200 }), { retryFailed: true }),
      ),
    );
    expect(runs).toBe(1);
    expect(retries.filter((r) => r.kind === 'ran')).toHaveLength(1);
  });
});

describe('n8n actions', () => {
  it('refuses a missing or wrong secret, an unknown action and an invalid payload', async () => {
    expect((await n8n('commission-reconcile', {}, undefined, null)).status).toBe(401);
    const wrong = await n8n('commission-reconcile', {}, undefined, `${N8N_SECRET}x`);
    expect(wrong.status).toBe(401);
    expect(errorCode(wrong.json)).toBe('UNAUTHENTICATED');
    const unknown = await n8n('launch-rockets', {});
    expect(unknown.status).toBe(404);
    expect(errorCode(unknown.json)).toBe('NOT_FOUND');
    const invalid = await n8n('booking-sync', { since: 'yesterday' });
    expect(invalid.status).toBe(400);
    expect(errorCode(invalid.json)).toBe('BAD_USER_INPUT');
    expect(invalid.text).not.toMatch(/at .*\.ts/);
    const notJson = await n8n('booking-sync', '{nope');
    expect(notJson.status).toBe(400);
  });

  it('answers 503 while N8N_WEBHOOK_SECRET is unset (there is no built-in secret)', async () => {
    const app = express();
    app.post('/api/n8n/webhook/:action', n8nHandler({ ...ops, env: { ...ops.env, N8N_WEBHOOK_SECRET: undefined } }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const res = await fetch(
        `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/n8n/webhook/booking-sync`,
        {
          method: 'POST',
          headers: { 'x-webhook-secret': 'anything-at-all-here', 'content-type': 'application/json' },
          body: '{}',
        },
      );
      expect(res.status).toBe(503);
    } finally {
      server.close();
    }
  });

  it('reconciles commissions once per key, finds the seeded discrepancies, and refuses a changed body', async () => {
    const before = await runCount();
    const key = unique('reconcile').replace(/\s/g, '-');
    const first = await n8n('commission-reconcile', {}, key);
    expect(first.status).toBe(202);
    const runId = String(first.json.runId);
    expect(first.json).toMatchObject({ accepted: true, action: 'commission-reconcile', status: 'RUNNING' });

    const repeat = await n8n('commission-reconcile', {}, key);
    expect(repeat.status).toBe(202);
    expect(repeat.replayed).toBe('true');
    expect(repeat.text).toBe(first.text);
    expect(await runCount()).toBe(before + 1);

    const changed = await n8n('commission-reconcile', { extra: true }, key);
    expect(changed.status).toBe(422);

    const run = await eventually(async () => {
      const r = data(
        await staff.as.manager<{ commissionReconciliationRun: Run }>(RUN, { id: runId }),
      ).commissionReconciliationRun;
      if (r.status === 'RUNNING') throw new Error('still running');
      return r;
    }, 30_000);
    expect(run.status).toBe('SUCCEEDED');
    expect(run.entriesChecked).toBeGreaterThan(30);
    expect(run.entriesMismatched).toBeGreaterThanOrEqual(2);
    expect(run.discrepancies.map((d) => d.kind)).toEqual(expect.arrayContaining(['BOOKING_VALUE', 'GROSS_COMMISSION']));
    expect(await runCount()).toBe(before + 1);

    const ledger = data(
      await staff.as.manager<{
        deliveries: {
          nodes: { attempts: number; outcome: string; responseStatus: number; effectRefs: { recordId: string }[] }[];
        };
      }>(
        `query($s: String) { deliveries(filter: { channels: [N8N], search: $s }) { nodes { attempts outcome responseStatus effectRefs { recordId } } } }`,
        { s: key },
      ),
    ).deliveries.nodes;
    expect(ledger).toEqual([{ attempts: 3, outcome: 'SUCCEEDED', responseStatus: 202, effectRefs: [{ recordId: runId }] }]);
  }, 60_000);

  it('starts a booking sync run and queues the passport check', async () => {
    const sync = await n8n('booking-sync', { since: '2020-01-01T00:00:00Z' });
    expect(sync.status).toBe(202);
    const runId = String(sync.json.runId);
    const run = await eventually(async () => {
      const r = data(
        await staff.as.viewer<{ bookingSyncRun: { status: string; trigger: string; bookingsSeen: number } }>(
          `query($id: ID!) { bookingSyncRun(id: $id) { status trigger bookingsSeen } }`,
          { id: runId },
        ),
      ).bookingSyncRun;
      if (r.status === 'RUNNING') throw new Error('still running');
      return r;
    }, 30_000);
    expect(run).toMatchObject({ status: 'SUCCEEDED', trigger: 'N8N' });
    expect(run.bookingsSeen).toBeGreaterThan(0);
    const passport = await n8n('passport-alert', { reason: 'nightly workflow' });
    expect(passport.status).toBe(202);
    expect(passport.json).toMatchObject({ accepted: true, queued: true });
  }, 60_000);
});

describe('TT-API and groups hooks', () => {
  const tt = (hook: string, body: unknown, secret = TT_SECRET) =>
    post(`/hooks/tt-api/${hook}`, body, { 'x-webhook-secret': secret });
  it('validates payloads (400), checks the service key and answers repeats from the ledger', async () => {
    expect((await tt('payment', { bookingId: 'not-a-uuid', amountCents: 10 })).status).toBe(400);
    expect((await tt('booking-update', { status: 'confirmed' })).status).toBe(400);
    expect(
      (await tt('payment', { bookingId: crypto.randomUUID(), amountCents: 10 }, 'wrong-secret-value-000000')).status,
    ).toBe(401);
    const body = { bookingId: crypto.randomUUID(), amountCents: 12_500 };
    const first = await tt('payment', body);
    expect(first.status).toBe(200);
    const again = await tt('payment', body);
    expect(again).toMatchObject({ status: 200, replayed: 'true', text: first.text });
    expect((await tt('refund', body)).status).toBe(404);

    const groups = (b: unknown, secret = GROUPS_SECRET) =>
      post('/hooks/groups/member-joined', b, { 'x-webhook-secret': secret });
    expect((await groups({ groupId: 'g-1' }, TT_SECRET)).status).toBe(401);
    expect((await groups({})).status).toBe(400);
    expect((await groups({ groupId: 'g-1', data: { name: 'Ana' } })).status).toBe(200);
  });
});

describe('the ledger in the graph', () => {
  it('is for managers and above; replay is an admin action that runs the action again', async () => {
    const key = unique('replay').replace(/\s/g, '-');
    const first = await n8n('commission-reconcile', {}, key);
    expect(first.status).toBe(202);
    const Q = `query($s: String) { deliveries(filter: { search: $s }) { totalCount nodes { id replayable } } }`;
    expect(codes(await staff.as.advisor(Q, { s: key }))).toContain('FORBIDDEN');
    const entry = data(
      await staff.as.manager<{ deliveries: { nodes: { id: string; replayable: boolean }[] } }>(Q, { s: key }),
    ).deliveries.nodes[0];
    expect(entry?.replayable).toBe(true);
    const REPLAY = `mutation($id: ID!) { replayDelivery(input: { id: $id }) { id attempts replayCount outcome effectRefs { recordId } } }`;
    expect(codes(await staff.as.manager(REPLAY, { id: entry?.id }))).toContain('FORBIDDEN');
    const before = await runCount();
    const replayed = data(
      await staff.as.admin<{
        replayDelivery: { attempts: number; replayCount: number; outcome: string; effectRefs: { recordId: string }[] };
      }>(REPLAY, { id: entry?.id }),
    ).replayDelivery;
    expect(replayed).toMatchObject({ attempts: 2, replayCount: 1, outcome: 'SUCCEEDED' });
    expect(replayed.effectRefs[0]?.recordId).not.toBe(first.json.runId);
    expect(await runCount()).toBe(before + 1);
    expect(codes(await staff.as.admin(REPLAY, { id: crypto.randomUUID() }))).toContain('NOT_FOUND');
    expect(codes(await staff.as.admin(REPLAY, { id: 'nope' }))).toContain('BAD_USER_INPUT');
  }, 60_000);
});

describe('system health', () => {
  type Health = {
    systemHealth: { status: string; components: { component: string; status: string; detail: string | null }[] };
  };
  it('shows every part to all staff and records what changed', async () => {
    const health = data(
      await staff.as.viewer<Health>('{ systemHealth { status components { component status detail } } }'),
    ).systemHealth;
    const byName = Object.fromEntries(health.components.map((c) => [c.component, c.status]));
    for (const part of [
      'gateway',
      'postgresql',
      'redis',
      'subgraph:crm',
      'subgraph:ops',
      'worker',
      'tt-api',
      'queue:mail',
    ]) {
      expect(byName[part], part).toBe('UP');
    }
    expect(byName.smtp).toBe('NOT_CONFIGURED');
    const changes = data(
      await staff.as.viewer<{
        healthChanges: { nodes: { component: string; status: string; previousStatus: string | null }[] };
      }>(
        '{ healthChanges(first: 100, filter: { component: "worker" }) { nodes { component status previousStatus } } }',
      ),
    ).healthChanges.nodes;
    expect(changes[0]).toMatchObject({ component: 'worker', status: 'UP' });
    // A second check with nothing changed records nothing new.
    data(await staff.as.viewer('{ systemHealth { status } }'));
    const again = data(
      await staff.as.viewer<{ healthChanges: { totalCount: number } }>(
        '{ healthChanges(filter: { component: "worker" }) { totalCount } }',
      ),
    ).healthChanges.totalCount;
    expect(again).toBe(changes.length);
  });
});

describe('queue admin', () => {
  type Q = {
    queue: {
      name: string;
      failed: number;
      paused: boolean;
      failedJobs: { nodes: { id: string; name: string; error: string; attemptsMade: number }[] };
    };
  };
  const QUEUE = `query($n: String!) { queue(name: $n) { name failed paused failedJobs(first: 100) { nodes { id name error attemptsMade } } } }`;

  it('is admin only, lists failed jobs with their error, retries, removes, pauses and resumes (audited)', async () => {
    expect(codes(await staff.as.manager('{ queues { name } }'))).toContain('FORBIDDEN');
    // A job no processor knows fails in the real worker with bull's own error.
    const job = await ops.queues.queue('crm').add('no-such-job', { probe: unique('q') }, { attempts: 1 });
    const jobId = String(job.id);
    const failed = await eventually(async () => {
      const q = data(await staff.as.admin<Q>(QUEUE, { n: 'crm' })).queue;
      const j = q.failedJobs.nodes.find((n) => n.id === jobId);
      if (!j) throw new Error('not failed yet');
      return j;
    }, 20_000);
    expect(failed).toMatchObject({ name: 'no-such-job', attemptsMade: 1 });
    expect(failed.error).toContain('no-such-job');

    const RETRY = `mutation($q: String!, $id: ID!) { retryQueueJob(input: { queue: $q, jobId: $id }) { name } }`;
    expect(codes(await staff.as.manager(RETRY, { q: 'crm', id: jobId }))).toContain('FORBIDDEN');
    data(await staff.as.admin(RETRY, { q: 'crm', id: jobId }));
    // It ran again (and, still unknown, failed again): a second attempt.
    await eventually(async () => {
      const q = data(await staff.as.admin<Q>(QUEUE, { n: 'crm' })).queue;
      if (q.failedJobs.nodes.find((n) => n.id === jobId)?.attemptsMade !== 2) throw new Error('not retried yet');
    }, 20_000);

    const REMOVE = `mutation($q: String!, $id: ID!) { removeQueueJob(input: { queue: $q, jobId: $id }) { name } }`;
    data(await staff.as.admin(REMOVE, { q: 'crm', id: jobId }));
    expect(data(await staff.as.admin<Q>(QUEUE, { n: 'crm' })).queue.failedJobs.nodes.some((n) => n.id === jobId)).toBe(
      false,
    );
    expect(codes(await staff.as.admin(RETRY, { q: 'crm', id: jobId }))).toContain('NOT_FOUND');
    expect(codes(await staff.as.admin(REMOVE, { q: 'no-such-queue', id: jobId }))).toContain('BAD_USER_INPUT');

    const paused = data(
      await staff.as.admin<{ pauseQueue: { paused: boolean } }>(
        `mutation { pauseQueue(input: { queue: "crm" }) { paused } }`,
      ),
    ).pauseQueue;
    expect(paused.paused).toBe(true);
    const resumed = data(
      await staff.as.admin<{ resumeQueue: { paused: boolean } }>(
        `mutation { resumeQueue(input: { queue: "crm" }) { paused } }`,
      ),
    ).resumeQueue;
    expect(resumed.paused).toBe(false);

    const audit = await ops.orm.em
      .fork()
      .find(OpsAuditEntry, { targetId: `crm:${jobId}` }, { orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['QUEUE_JOB_RETRIED', `user:${staff.id.admin}`],
      ['QUEUE_JOB_REMOVED', `user:${staff.id.admin}`],
    ]);
  }, 60_000);
});
