import type http from 'node:http';
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
  /** Each subgraph's deps (its ORM, clients, clock), for tests that run a job's work in process. */
  deps: Record<string, object>;
  /** Every gateway's base URL, `gatewayUrl` first (more than one with `replicas.gateway`). */
  gatewayUrls: string[];
  /** Each subgraph's processes, the first one first (more than one with `replicas.<name>`). */
  replicas: Record<string, Replica[]>;
  close(): Promise<void>;
}

/** One subgraph process of the system: tests count the requests it serves or stop it. */
export interface Replica {
  url: string;
  httpServer: http.Server;
  stop(): Promise<void>;
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
  o: {
    web?: boolean;
    worker?: boolean;
    env?: Record<string, string>;
    /** Processes per subgraph name and of `gateway` (one each by default), sharing databases and Redis. */
    replicas?: Record<string, number>;
  } = {},
): Promise<System> {
  // The simulator comes first: every process of this world (travel, the worker) reads TT_API_URL.
  const simulator = await startSimulator({ port: 0 });
  // Jobs and public routes act on the graph through the gateway (GATEWAY_URL), which starts last:
  // its port is chosen first.
  const reserved = await reservePort();
  const gatewayPort = (reserved.address() as net.AddressInfo).port;
  const iso = await isolate(
    {
      TT_API_URL: simulator.url,
      GATEWAY_URL: `http://127.0.0.1:${gatewayPort}/graphql`,
      ...o.env,
    },
    // The seeded templates only where the subgraphs would seed (platform's rule: never in production).
    { seeded: o.env?.SEED_DEMO_DATA !== 'false' && o.env?.NODE_ENV !== 'production' },
  );
  const log: Logger = createLogger('test');
  log.level = process.env.TEST_LOG_LEVEL ?? 'silent';
  const started: Started[] = [];
  const urls: Record<string, string> = {};
  const gatewayVars: Record<string, string> = {};
  const subgraphDeps: Record<string, object> = {};
  const replicas: Record<string, Replica[]> = {};
  const once = (stop: () => Promise<void>) => {
    let stopped: Promise<void> | undefined;
    return () => (stopped ??= stop());
  };
  let travelBreaker: CircuitBreaker | undefined;

  // Subgraphs share nothing at start (each has its own database; their feeds go through queues), so
  // they open and seed side by side; they are recorded, and stopped in reverse, in registry order.
  const opened = await Promise.allSettled(
    SUBGRAPHS.map(async (entry) => {
      const manifest = await loadManifest(entry);
      const deps = await openSubgraph(manifest, loadSubgraphEnv(manifest, iso.vars), log, { role: 'server' });
      const server = createManifestServer(manifest, deps, log);
      const port = await server.listen(0);
      return { manifest, deps, server, port };
    }),
  );
  for (const result of opened) {
    if (result.status === 'rejected') continue;
    const { manifest, deps, server, port } = result.value;
    const url = `http://127.0.0.1:${port}`;
    urls[manifest.name] = url;
    gatewayVars[urlVariable(manifest.name)] = `${url}/graphql`;
    const stop = once(async () => (await server.stop(), await deps.close()));
    started.push({ stop });
    replicas[manifest.name] = [{ url, httpServer: server.httpServer, stop }];
    subgraphDeps[manifest.name] = deps as object;
    if (isTravelDeps(deps)) travelBreaker = deps.tt.breaker;
  }
  const failed = opened.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    for (const s of [...started].reverse()) await s.stop().catch(() => undefined);
    reserved.close();
    await simulator.close();
    await iso.dispose();
    throw failed.reason;
  }
  if (!travelBreaker) throw new Error('the registry has no travel subgraph');

  // Further replicas open the databases the first ones migrated and seeded; the gateways list them all.
  for (const entry of SUBGRAPHS) {
    const manifest = await loadManifest(entry);
    for (let k = 1; k < (o.replicas?.[entry.name] ?? 1); k++) {
      const deps = await openSubgraph(manifest, loadSubgraphEnv(manifest, iso.vars), log, { role: 'server' });
      const server = createManifestServer(manifest, deps, log);
      const url = `http://127.0.0.1:${await server.listen(0)}`;
      const stop = once(async () => (await server.stop(), await deps.close()));
      started.push({ stop });
      replicas[entry.name]?.push({ url, httpServer: server.httpServer, stop });
      gatewayVars[urlVariable(entry.name)] += `,${url}/graphql`;
    }
  }

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
  const gateways: Started[] = [];
  const gatewayUrls: string[] = [];
  for (let k = 0; k < (o.replicas?.gateway ?? 1); k++) {
    const listener = k === 0 ? reserved : await reservePort();
    const port = (listener.address() as net.AddressInfo).port;
    const redis: RedisClientType = createClient({ url: gatewayEnv.REDIS_URL });
    redis.on('error', () => undefined);
    await redis.connect();
    const bus = createEventBus(gatewayEnv.REDIS_URL, gatewayEnv.REDIS_PREFIX, log);
    const gateway = await createGateway({ env: gatewayEnv, redis, bus, log });
    // The gateway takes over the reserved listener, so no other socket can have been given its port.
    await gateway.listen(listener);
    gatewayUrls.push(`http://127.0.0.1:${port}`);
    gateways.push({
      stop: async () => {
        await gateway.stop();
        await bus.close();
        await redis.quit().catch(() => undefined);
      },
    });
  }

  return {
    gatewayUrl: `http://127.0.0.1:${gatewayPort}`,
    subgraphUrls: urls,
    iso,
    simulator,
    travelBreaker,
    deps: subgraphDeps,
    gatewayUrls,
    replicas,
    async close() {
      for (const g of gateways) await g.stop();
      for (const s of started.reverse()) await s.stop();
      await simulator.close();
      await iso.dispose();
    },
  };
}

/** A listener bound to a free loopback port, held until the gateway takes it over. */
async function reservePort(): Promise<net.Server> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  return probe;
}
