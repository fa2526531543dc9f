/**
 * Issue figure for integrators' webhooks: 1,000 events fanned out to 10 endpoints (10,000 signed
 * deliveries) by ops' worker processors exactly as in production (outbox -> `webhook-event` ->
 * one `webhook-deliver` job per endpoint -> signed POST), to local receivers: deliveries per second,
 * and p50/p95 from the event's commit (its `occurredAt`, written in the same transaction as its
 * outbox row) to the receiver having it. Duplicates and lost deliveries must both be 0.
 *
 *   npm run bench -- webhook-fanout        (BENCH_EVENTS, BENCH_ENDPOINTS change the sizes)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  QUEUES,
  WEBHOOK_EVENT_JOB,
  createLogger,
  dropDatabase,
  enqueue,
  loadSubgraphEnv,
  manifestWorker,
  openSubgraph,
  processEnv,
  randomSecret,
  startWorkerHost,
  webhookEvent,
} from '@nexus/platform';
import { opsManifest } from '../subgraphs/ops/src/manifest.ts';
import { WebhookEndpoint } from '../subgraphs/ops/src/entities/index.ts';
import { newSecret } from '../subgraphs/ops/src/webhooks/endpoints.service.ts';
import { percentile, record, round2 } from './support.ts';

const EVENTS = Number(processEnv().BENCH_EVENTS ?? 1000);
const ENDPOINTS = Number(processEnv().BENCH_ENDPOINTS ?? 10);
const prefix = 'nexus_benchhook_';
const log = createLogger('bench');
log.level = 'warn';

// The receivers: one server, one path per endpoint; each delivery's arrival time by (path, event id).
const arrivals = new Map<string, number>();
let duplicates = 0;
const receiver = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const at = Date.now();
    const key = `${req.url ?? ''} ${String(req.headers['webhook-id'])}`;
    if (arrivals.has(key)) duplicates++;
    else arrivals.set(key, at);
    res.writeHead(204).end();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const port = (receiver.address() as AddressInfo).port;

const vars = {
  ...processEnv(),
  NODE_ENV: 'development',
  LOG_LEVEL: 'warn',
  DATABASE_PREFIX: prefix,
  REDIS_PREFIX: `benchhook-${Date.now().toString(36)}`,
  INTERNAL_TOKEN_SECRET: randomSecret(48),
  SEED_DEMO_DATA: 'false',
  WEBHOOK_ALLOWED_HOSTS: '127.0.0.1/32',
};
const env = loadSubgraphEnv(opsManifest, vars);
await dropDatabase(env.DATABASE_URL, `${prefix}ops`).catch(() => undefined);
const deps = await openSubgraph(opsManifest, env, log, { seed: false, role: 'worker' });

try {
  const em = deps.orm.em.fork();
  for (let i = 0; i < ENDPOINTS; i++) {
    em.create(WebhookEndpoint, {
      url: `http://127.0.0.1:${port}/hook/${i}`,
      eventTypes: ['contact.updated'],
      role: 'ADMIN',
      rank: 4,
      secret: newSecret(),
      createdBy: 'bench',
    });
  }
  await em.flush();

  const module = await manifestWorker(opsManifest, env, log);
  if (!module) throw new Error('ops has no worker part');
  const host = await startWorkerHost([module], {
    redisUrl: env.REDIS_URL,
    prefix: env.REDIS_PREFIX,
    log,
    extraQueues: Object.values(QUEUES),
    relayIntervalMs: 50,
  });

  // The events, committed in batches of 50 as a busy CRM would: each with its own transaction time.
  const committedAt = new Map<string, number>();
  const started = Date.now();
  for (let i = 0; i < EVENTS; i += 50) {
    const tx = deps.orm.em.fork();
    const batch = Array.from({ length: Math.min(50, EVENTS - i) }, (_, j) =>
      webhookEvent('contact.updated', { contactId: `bench-${i + j}` }, ['jobTitle']),
    );
    for (const event of batch) enqueue(tx, QUEUES.webhooks, WEBHOOK_EVENT_JOB, event);
    await tx.flush();
    const at = Date.now();
    for (const event of batch) committedAt.set(event.id, at);
  }
  const expected = EVENTS * ENDPOINTS;
  const until = Date.now() + 600_000;
  while (arrivals.size < expected && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  const finished = Math.max(...arrivals.values());
  const latencies = [...arrivals.entries()].map(([key, at]) => at - (committedAt.get(key.split(' ')[1] ?? '') ?? at));
  const seconds = (finished - started) / 1000;
  await host.stop();

  const figures = {
    events: EVENTS,
    endpoints: ENDPOINTS,
    deliveries: arrivals.size,
    lost: expected - arrivals.size,
    duplicates,
    seconds: round2(seconds),
    deliveriesPerSecond: round2(arrivals.size / seconds),
    commitToDeliveryP50Ms: round2(percentile(latencies, 50)),
    commitToDeliveryP95Ms: round2(percentile(latencies, 95)),
    ok: arrivals.size === expected && duplicates === 0,
  };
  record('webhook-fanout', figures);
  if (!figures.ok) process.exitCode = 1;
} finally {
  await deps.close();
  receiver.close();
}
