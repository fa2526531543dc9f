import {
  createEventBus,
  ensureDatabase,
  migrate,
  openRedis,
  publishSafely,
  type Logger,
} from '@nexus/platform';
import type { TravelDeps } from './context.ts';
import { PROBE_TIMEOUT_MS, ttApiClientConfig, type TravelEnv } from './env.ts';
import { SUBGRAPH, createSubgraphOrm } from './orm.ts';
import { TT_API_INTEGRATION_ID } from './services/integration-health.service.ts';
import { createTtApiClient } from './tt-api/client.ts';

export const databaseName = (env: TravelEnv) => `${env.DATABASE_PREFIX}${SUBGRAPH}`;

export interface OpenTravelOptions {
  /**
   * Announce breaker state changes on `integrationHealthChanged`. The subgraph process does; the
   * worker's own client (another breaker) does not, or subscribers would hear about a breaker the
   * `integrationHealth` query never shows.
   */
  publishHealth?: boolean;
  onQuery?: (sql: string) => void;
}

/** Connects everything the travel subgraph needs and migrates its database. Travel seeds nothing: TT-API holds the data. */
export async function openTravel(env: TravelEnv, log: Logger, opts: OpenTravelOptions = {}): Promise<TravelDeps & { close(): Promise<void> }> {
  const dbName = databaseName(env);
  await ensureDatabase(env.DATABASE_URL, dbName);
  const orm = await createSubgraphOrm({ serverUrl: env.DATABASE_URL, dbName, logger: log, onQuery: opts.onQuery });
  await migrate(orm);
  const redis = await openRedis(env.REDIS_URL, log);
  const bus = createEventBus(env.REDIS_URL, env.REDIS_PREFIX, log);

  const ttLog = log.child({ upstream: 'tt-api' });
  const config = ttApiClientConfig(env);
  const tt = createTtApiClient(config, { logger: ttLog });
  const ttProbe = createTtApiClient({ ...config, timeoutMs: Math.min(PROBE_TIMEOUT_MS, env.TT_PROXY_TIMEOUT_MS), retryCount: 0 }, {
    logger: ttLog,
    breaker: tt.breaker,
  });
  const unsubscribe = tt.breaker.onStateChange((change) => {
    log.warn({ from: change.from, to: change.to, reason: change.reason }, 'tt-api circuit breaker changed state');
    if (opts.publishHealth) void publishSafely(bus, 'integrationHealthChanged', { id: TT_API_INTEGRATION_ID }, log);
  });

  return {
    env,
    orm,
    redis,
    bus,
    log,
    tt,
    ttProbe,
    async close() {
      unsubscribe();
      await bus.close();
      await redis.quit().catch(() => undefined);
      await orm.close();
    },
  };
}
