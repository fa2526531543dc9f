import { createEventBus, ensureDatabase, migrate, openRedis, type Logger } from '@nexus/platform';
import type { IdentityDeps } from './context.ts';
import type { IdentityEnv } from './env.ts';
import { SUBGRAPH, createSubgraphOrm } from './orm.ts';
import { bootstrapAdmin, seedIdentity } from './seed.ts';

export const databaseName = (env: IdentityEnv) => `${env.DATABASE_PREFIX}${SUBGRAPH}`;

/** Connects everything the identity subgraph needs; migrates, and seeds demo data outside production. */
export async function openIdentity(env: IdentityEnv, log: Logger, opts: { seed?: boolean } = {}): Promise<IdentityDeps & { close(): Promise<void> }> {
  const dbName = databaseName(env);
  await ensureDatabase(env.DATABASE_URL, dbName);
  const orm = await createSubgraphOrm({ serverUrl: env.DATABASE_URL, dbName, logger: log });
  await migrate(orm);
  if ((opts.seed ?? env.SEED_DEMO_DATA) && env.NODE_ENV !== 'production') {
    const added = await seedIdentity(orm.em.fork(), env.DEMO_PASSWORD);
    if (added) log.info({ added }, 'seeded demo users');
  }
  if (env.BOOTSTRAP_ADMIN_EMAIL && env.BOOTSTRAP_ADMIN_PASSWORD) {
    if (await bootstrapAdmin(orm.em.fork(), env.BOOTSTRAP_ADMIN_EMAIL, env.BOOTSTRAP_ADMIN_PASSWORD)) {
      log.info({ email: env.BOOTSTRAP_ADMIN_EMAIL }, 'created the first admin');
    }
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
