/**
 * Runs the TT-API simulator on a real socket, with a programmatic control API for in-process
 * tests (the same steering is exposed over HTTP under `/__sim/*` for out-of-process ones).
 */
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { SIM_PREFIX, createSimulatorApp } from './app.ts';
import type { OutageRequest } from './app.ts';
import type { SimLogger } from './crud.ts';
import type { SimDb } from './db.ts';
import { buildDemoData } from './demo-data.ts';
import { Steering } from './steering.ts';
import type { SimFaults, SimFaultsPatch, SimStats } from './steering.ts';

export const DEFAULT_SIM_API_KEY = 'tt-sim-key';

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  hostname?: string;
  /** Accepted API keys (default `['tt-sim-key']`); `[]` accepts any request (TT-API dev mode). */
  apiKeys?: string[];
  /** Reference time for the dated demo data (passport expiry, due dates); default: now. */
  now?: Date;
  logger?: SimLogger;
}

export type OutageMode = 'refuse' | 'reset';

export interface SimulatorControl {
  /** Merges into the current faults and returns the result. */
  setFaults(patch: SimFaultsPatch): SimFaults;
  faults(): SimFaults;
  clearFaults(): void;
  /**
   * refuse: the server stops listening and drops every open socket (callers get ECONNREFUSED);
   * reset: it keeps listening but destroys each non-`/__sim` request's socket. Ends by itself
   * after `durationMs` when given.
   */
  outage(options?: { mode?: OutageMode; durationMs?: number }): Promise<void>;
  /** Ends an outage (listens again on the same port). */
  restore(): Promise<void>;
  readonly outageMode: OutageMode | null;
  stats(): SimStats;
  /** Requests received (all; per path; or per method and path). `/__sim/*` is never counted. */
  requestCount(path?: string, method?: string): number;
  resetStats(): void;
  /** Rebuilds the demo data, dropping every change. */
  resetData(): void;
  /** Faults, outage, stats and data back to the start. */
  reset(): Promise<void>;
  /** Direct access to the tables (tests). */
  readonly db: SimDb;
}

export interface RunningSimulator {
  /** e.g. `http://127.0.0.1:41234` */
  url: string;
  port: number;
  apiKeys: readonly string[];
  control: SimulatorControl;
  close(): Promise<void>;
}

const silentLogger: SimLogger = { debug() {}, info() {}, warn() {}, error() {} };

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const hostname = options.hostname ?? '127.0.0.1';
  const apiKeys = options.apiKeys ?? [DEFAULT_SIM_API_KEY];
  const logger = options.logger ?? silentLogger;
  const dataTime = options.now;
  const steering = new Steering();
  let db = buildDemoData(dataTime ?? new Date());
  let mode: OutageMode | null = null;
  let restoreTimer: NodeJS.Timeout | null = null;
  let closed = false;
  const sockets = new Set<Socket>();

  const dropSockets = () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
  };

  const app = createSimulatorApp({
    db: () => db,
    steering,
    apiKeys,
    logger,
    control: {
      outage: (request: OutageRequest, afterResponse: Promise<void>) => {
        void afterResponse.then(() => control.outage(request)).catch((err: unknown) => {
          logger.error({ err: String(err) }, 'tt-api-sim: outage failed');
        });
      },
      restore: () => control.restore(),
      reset: async ({ data }) => {
        await control.restore();
        steering.clearFaults();
        steering.resetStats();
        if (data) control.resetData();
      },
    },
  });
  // overrideGlobalObjects would swap the process-wide Request/Response, which an in-process
  // client under test also uses.
  const listener = getRequestListener(app.fetch, { overrideGlobalObjects: false });
  const server = createServer((req, res) => {
    if (mode === 'reset' && !(req.url ?? '').startsWith(SIM_PREFIX)) {
      steering.record(req.method ?? 'GET', (req.url ?? '/').split('?')[0] ?? '/', Date.now());
      req.socket.destroy();
      return;
    }
    void listener(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      server.once('error', onError);
      server.listen(port, hostname, () => {
        server.off('error', onError);
        resolve();
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      dropSockets();
    });

  await listen(options.port ?? 0);
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('simulator did not bind a TCP port');
  const port = (address satisfies AddressInfo).port;
  const url = `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`;

  const control: SimulatorControl = {
    setFaults: (patch) => steering.setFaults(patch),
    faults: () => steering.getFaults(),
    clearFaults: () => steering.clearFaults(),
    async outage({ mode: next = 'refuse', durationMs } = {}) {
      if (closed) return;
      if (restoreTimer !== null) clearTimeout(restoreTimer);
      restoreTimer = null;
      if (next === 'refuse') {
        mode = 'refuse';
        await stopListening();
      } else {
        if (mode === 'refuse') await listen(port);
        mode = 'reset';
        // Keep-alive sockets would otherwise skip the per-request check in flight.
        dropSockets();
      }
      logger.warn({ mode: next, durationMs }, 'tt-api-sim: outage started');
      if (durationMs !== undefined) {
        restoreTimer = setTimeout(() => {
          void control.restore();
        }, durationMs);
      }
    },
    async restore() {
      if (restoreTimer !== null) clearTimeout(restoreTimer);
      restoreTimer = null;
      if (mode === null || closed) return;
      if (mode === 'refuse') await listen(port);
      mode = null;
      logger.warn({}, 'tt-api-sim: outage ended');
    },
    get outageMode() {
      return mode;
    },
    stats: () => steering.stats(),
    requestCount: (path, method) => steering.requestCount(path, method),
    resetStats: () => steering.resetStats(),
    resetData: () => {
      db = buildDemoData(dataTime ?? new Date());
    },
    async reset() {
      await control.restore();
      steering.clearFaults();
      steering.resetStats();
      control.resetData();
    },
    get db() {
      return db;
    },
  };

  logger.info({ url, apiKeys: apiKeys.length }, 'tt-api-sim listening');

  return {
    url,
    port,
    apiKeys,
    control,
    async close() {
      if (closed) return;
      closed = true;
      if (restoreTimer !== null) clearTimeout(restoreTimer);
      await stopListening();
    },
  };
}
