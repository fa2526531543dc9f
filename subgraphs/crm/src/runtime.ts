import { createEventBus, ensureDatabase, migrate, openRedis, type Logger } from '@nexus/platform';
import type { CrmDeps } from './context.ts';
import type { CrmEnv } from './env.ts';
import { SUBGRAPH, createSubgraphOrm } from './orm.ts';
import { seedCrm } from './seed.ts';
import { seedSales } from './seed-sales.ts';
import { ensureStandardPipelines } from './services/pipelines.service.ts';
import { linkTtDemoIds } from './services/tt-links.service.ts';

export const databaseName = (env: CrmEnv) => `${env.DATABASE_PREFIX}${SUBGRAPH}`;

/** Connects everything the crm subgraph needs; migrates, and seeds demo data outside production. */
export async function openCrm(
  env: CrmEnv,
  log: Logger,
  opts: { seed?: boolean; onQuery?: (sql: string) => void } = {},
): Promise<CrmDeps & { close(): Promise<void> }> {
  const dbName = databaseName(env);
  await ensureDatabase(env.DATABASE_URL, dbName);
  const orm = await createSubgraphOrm({ serverUrl: env.DATABASE_URL, dbName, logger: log, onQuery: opts.onQuery });
  await migrate(orm);
  // Deals need somewhere to go: a new database gets the standard pipelines, production included.
  const pipelines = await ensureStandardPipelines(orm.em.fork());
  if (pipelines) log.info({ pipelines }, 'created the standard pipelines');
  if ((opts.seed ?? env.SEED_DEMO_DATA) && env.NODE_ENV !== 'production') {
    const added = await seedCrm(orm.em.fork());
    if (added) log.info(added, 'seeded demo companies and contacts');
    const linked = await linkTtDemoIds(orm.em.fork());
    if (linked) log.info(linked, 'linked demo contacts and companies to TT-API demo ids');
    const sales = await seedSales(orm.em.fork());
    if (sales) log.info(sales, 'seeded demo deals, activities, tasks and scoring rules');
  }
  const redis = await openRedis(env.REDIS_URL, log);
  const bus = createEventBus(env.REDIS_URL, env.REDIS_PREFIX, log);
  return {
    env,
    orm,
    redis,
    bus,
    async close() {
      await bus.close();
      await redis.quit().catch(() => undefined);
      await orm.close();
    },
  };
}
