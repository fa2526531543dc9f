/**
 * Issue figure for the delivery ledger, at ops' own ledger module on PostgreSQL: 1,000 deliveries
 * of the same key arriving at once must give exactly one effect and one entry with 1,000 attempts.
 * Also the time the burst takes (all 1,000 answered) and per-attempt p50/p99.
 *
 *   npm run bench -- ops-ledger
 */
import { randomUUID } from 'node:crypto';
import { createLogger, loadSubgraphEnv, openSubgraph, randomSecret } from '@nexus/platform';
import type { OpsDeps } from '../subgraphs/ops/src/context.ts';
import { Delivery } from '../subgraphs/ops/src/entities/index.ts';
import { recordAttempt } from '../subgraphs/ops/src/ledger/ledger.ts';
import { opsManifest } from '../subgraphs/ops/src/manifest.ts';
import { percentile, record, round2 } from './support.ts';

const DUPLICATES = Number(process.env.BENCH_DUPLICATES ?? 1000);
const log = createLogger('bench');
log.level = 'warn';
const env = loadSubgraphEnv(opsManifest, {
  INTERNAL_TOKEN_SECRET: randomSecret(48),
  ...process.env,
  DATABASE_PREFIX: 'nexus_benchops_',
  REDIS_PREFIX: 'nexus_benchops-redis',
});
const deps = (await openSubgraph(opsManifest, env, log, { seed: false })) as OpsDeps & { close(): Promise<void> };

const key = `bench-${randomUUID()}`;
let effects = 0;
const latencies: number[] = [];
const started = performance.now();
await Promise.all(
  Array.from({ length: DUPLICATES }, async () => {
    const t = performance.now();
    await recordAttempt(
      deps,
      { direction: 'IN', channel: 'WEBHOOK', key, summary: 'bench duplicate', body: '{"bench":true}' },
      async () => {
        effects++;
        return { outcome: 'SUCCEEDED', status: 200, response: '{"ok":true}' };
      },
    );
    latencies.push(performance.now() - t);
  }),
);
const burstMs = performance.now() - started;
const entries = await deps.orm.em.fork().find(Delivery, { idempotencyKey: key });
const figures = {
  duplicates: DUPLICATES,
  effects,
  entries: entries.length,
  attempts: entries[0]?.attempts ?? 0,
  burstMs: round2(burstMs),
  attemptP50Ms: round2(percentile(latencies, 50)),
  attemptP99Ms: round2(percentile(latencies, 99)),
  ok: effects === 1 && entries.length === 1 && entries[0]?.attempts === DUPLICATES,
};
record('ops-ledger', figures);
await deps.close();
if (!figures.ok) process.exit(1);
