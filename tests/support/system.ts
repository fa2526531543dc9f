import { createClient, type RedisClientType } from 'redis';
import { QUEUES, createEventBus, createLogger, startWorkerHost, type Logger } from '@nexus/platform';
import { workerModules } from '../../scripts/worker-modules.ts';
import { loadGatewayEnv } from '../../gateway/src/env.ts';
import { createGateway } from '../../gateway/src/server.ts';
import { loadCrmEnv } from '../../subgraphs/crm/src/env.ts';
import { openCrm } from '../../subgraphs/crm/src/runtime.ts';
import { createCrmServer } from '../../subgraphs/crm/src/server.ts';
import { loadIdentityEnv } from '../../subgraphs/identity/src/env.ts';
import { openIdentity } from '../../subgraphs/identity/src/runtime.ts';
import { createIdentityServer } from '../../subgraphs/identity/src/server.ts';
import { loadTravelEnv } from '../../subgraphs/travel/src/env.ts';
import { openTravel } from '../../subgraphs/travel/src/runtime.ts';
import { createTravelServer } from '../../subgraphs/travel/src/server.ts';
import { startSimulator, type RunningSimulator } from '../../subgraphs/travel/simulator/index.ts';
import type { CircuitBreaker } from '../../subgraphs/travel/src/tt-api/circuit-breaker.ts';
import { isolate, type Isolation } from './isolation.ts';

export const DEMO_PASSWORD = 'nexus-demo-password';

export interface System {
  gatewayUrl: string;
  /** Base URLs (`http://127.0.0.1:<port>`) of each subgraph, for tests that call one directly. */
  subgraphUrls: Record<string, string>;
  iso: Isolation;
  /** The TT-API simulator travel talks to (in this process): tests steer faults and count requests. */
  simulator: RunningSimulator;
  /** The travel subgraph's process-wide TT-API circuit breaker. */
  travelBreaker: CircuitBreaker;
  close(): Promise<void>;
}

interface Started {
  url: string;
  stop(): Promise<void>;
}

/**
 * The whole supergraph in this process, on random ports, with its own databases and Redis prefix:
 * identity, crm (and any later subgraph), then the gateway pointed at them.
 */
export async function startSystem(o: { web?: boolean; worker?: boolean; env?: Record<string, string> } = {}): Promise<System> {
  // The simulator comes first: every process of this world (travel, the worker) reads TT_API_URL.
  const simulator = await startSimulator({ port: 0 });
  const iso = await isolate({ TT_API_URL: simulator.url, ...o.env });
  const log: Logger = createLogger('test');
  log.level = process.env.TEST_LOG_LEVEL ?? 'silent';
  const started: Started[] = [];
  const urls: Record<string, string> = {};

  const identityEnv = loadIdentityEnv(iso.vars);
  const identity = await openIdentity(identityEnv, log);
  const identityServer = createIdentityServer(identity, log);
  const identityPort = await identityServer.listen(0);
  urls.identity = `http://127.0.0.1:${identityPort}`;
  started.push({ url: urls.identity, stop: async () => (await identityServer.stop(), await identity.close()) });

  const crm = await startCrm(iso.vars, log);
  urls.crm = crm.url;
  started.push(crm);

  const travel = await startTravel(iso.vars, log);
  urls.travel = travel.url;
  started.push(travel);

  if (o.worker) {
    const host = await startWorkerHost(await workerModules(log, iso.vars), {
      redisUrl: iso.vars.REDIS_URL ?? '',
      prefix: iso.redisPrefix,
      log,
      extraQueues: Object.values(QUEUES),
      relayIntervalMs: 100,
    });
    started.push({ url: '', stop: () => host.stop() });
  }

  const gatewayEnv = loadGatewayEnv({
    ...iso.vars,
    IDENTITY_URL: `${urls.identity}/graphql`,
    CRM_URL: `${crm.url}/graphql`,
    TRAVEL_URL: `${travel.url}/graphql`,
    WEB_DIST: o.web ? 'web/dist' : '',
  });
  const redis: RedisClientType = createClient({ url: gatewayEnv.REDIS_URL });
  redis.on('error', () => undefined);
  await redis.connect();
  const bus = createEventBus(gatewayEnv.REDIS_URL, gatewayEnv.REDIS_PREFIX, log);
  const gateway = await createGateway({ env: gatewayEnv, redis, bus, log });
  const gatewayPort = await gateway.listen(0, '127.0.0.1');

  return {
    gatewayUrl: `http://127.0.0.1:${gatewayPort}`,
    subgraphUrls: urls,
    iso,
    simulator,
    travelBreaker: travel.breaker,
    async close() {
      await gateway.stop();
      await bus.close();
      await redis.quit().catch(() => undefined);
      for (const s of started.reverse()) await s.stop();
      await simulator.close();
      await iso.dispose();
    },
  };
}

/** crm, the same way as identity. */
async function startCrm(vars: Record<string, string>, log: Logger): Promise<Started> {
  const deps = await openCrm(loadCrmEnv(vars), log);
  const server = createCrmServer(deps, log);
  const port = await server.listen(0);
  return { url: `http://127.0.0.1:${port}`, stop: async () => (await server.stop(), await deps.close()) };
}

/** travel, against the system's TT-API simulator; its runtime mirrors identity's. */
async function startTravel(vars: Record<string, string>, log: Logger): Promise<Started & { breaker: CircuitBreaker }> {
  const deps = await openTravel(loadTravelEnv(vars), log, { publishHealth: true });
  const server = createTravelServer(deps, log);
  const port = await server.listen(0);
  return {
    url: `http://127.0.0.1:${port}`,
    breaker: deps.tt.breaker,
    stop: async () => (await server.stop(), await deps.close()),
  };
}
