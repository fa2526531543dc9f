import net from 'node:net';
import { createClient, type RedisClientType } from 'redis';
import {
  QUEUES,
  createEventBus,
  createLogger,
  createManifestServer,
  loadSubgraphEnv,
  openSubgraph,
  startWorkerHost,
  urlVariable,
  type Logger,
} from '@nexus/platform';
import { workerModules } from '../../scripts/worker-modules.ts';
import { loadGatewayEnv } from '../../gateway/src/env.ts';
import { createGateway } from '../../gateway/src/server.ts';
import { SUBGRAPHS, loadManifest } from '../../subgraphs/registry.ts';
import { startSimulator, type RunningSimulator } from '../../subgraphs/travel/simulator/index.ts';
import type { TravelDeps } from '../../subgraphs/travel/src/context.ts';
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

/** travel's deps are the ones holding a TT-API client. */
const isTravelDeps = (deps: object): deps is TravelDeps => 'tt' in deps && 'ttProbe' in deps;

interface Started {
  stop(): Promise<void>;
}

/**
 * The whole supergraph in this process, on random ports, with its own databases and Redis prefix:
 * every subgraph of the registry (subgraphs/registry.ts) in its order, then the gateway pointed at
 * them (`<NAME>_URL`).
 */
export async function startSystem(
  o: { web?: boolean; worker?: boolean; env?: Record<string, string> } = {},
): Promise<System> {
  // The simulator comes first: every process of this world (travel, the worker) reads TT_API_URL.
  const simulator = await startSimulator({ port: 0 });
  // Jobs and public routes act on the graph through the gateway (GATEWAY_URL), which starts last:
  // its port is chosen first.
  const gatewayPort = await freePort();
  const iso = await isolate({ TT_API_URL: simulator.url, GATEWAY_URL: `http://127.0.0.1:${gatewayPort}/graphql`, ...o.env });
  const log: Logger = createLogger('test');
  log.level = process.env.TEST_LOG_LEVEL ?? 'silent';
  const started: Started[] = [];
  const urls: Record<string, string> = {};
  const gatewayVars: Record<string, string> = {};
  let travelBreaker: CircuitBreaker | undefined;

  for (const entry of SUBGRAPHS) {
    const manifest = await loadManifest(entry);
    const deps = await openSubgraph(manifest, loadSubgraphEnv(manifest, iso.vars), log, { role: 'server' });
    const server = createManifestServer(manifest, deps, log);
    const port = await server.listen(0);
    urls[manifest.name] = `http://127.0.0.1:${port}`;
    gatewayVars[urlVariable(manifest.name)] = `${urls[manifest.name]}/graphql`;
    started.push({ stop: async () => (await server.stop(), await deps.close()) });
    if (isTravelDeps(deps)) travelBreaker = deps.tt.breaker;
  }
  if (!travelBreaker) throw new Error('the registry has no travel subgraph');

  if (o.worker) {
    const host = await startWorkerHost(await workerModules(log, iso.vars), {
      redisUrl: iso.vars.REDIS_URL ?? '',
      prefix: iso.redisPrefix,
      log,
      extraQueues: Object.values(QUEUES),
      relayIntervalMs: 100,
    });
    started.push({ stop: () => host.stop() });
  }

  const gatewayEnv = loadGatewayEnv({ ...iso.vars, ...gatewayVars, WEB_DIST: o.web ? 'web/dist' : '' });
  const redis: RedisClientType = createClient({ url: gatewayEnv.REDIS_URL });
  redis.on('error', () => undefined);
  await redis.connect();
  const bus = createEventBus(gatewayEnv.REDIS_URL, gatewayEnv.REDIS_PREFIX, log);
  const gateway = await createGateway({ env: gatewayEnv, redis, bus, log });
  await gateway.listen(gatewayPort, '127.0.0.1');

  return {
    gatewayUrl: `http://127.0.0.1:${gatewayPort}`,
    subgraphUrls: urls,
    iso,
    simulator,
    travelBreaker,
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

/** A port nothing listens on now (the OS hands out ephemeral ports in turn, so it stays free). */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
