/**
 * What every benchmark shares: the supergraph started the way `npm start` runs it (one process per
 * service) on ports and databases of its own, load generation with exact percentiles, CPU time per
 * request per process (steadier than latency on a shared machine), and recording figures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { portVariable, processEnv, randomSecret, urlVariable } from '@nexus/platform';
import { SUBGRAPHS } from '../subgraphs/registry.ts';

const root = resolve(import.meta.dirname, '..');

export interface Stack {
  gatewayUrl: string;
  /** Base URL (`http://127.0.0.1:<port>`) per subgraph. */
  urls: Record<string, string>;
  /** Process id per service (subgraph names and `gateway`), for CPU accounting. */
  pids: Record<string, number>;
  env: Record<string, string | undefined>;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Subgraphs to start, in order; identity and crm by default. */
  subgraphs?: string[];
  gateway?: boolean;
  /** Extra environment for every process (e.g. `DATABASE_PREFIX`, `TT_API_URL`). */
  env?: Record<string, string>;
  /** Gateway port; subgraph ports follow it. Defaults to BENCH_PORT_BASE or 4100. */
  portBase?: number;
  /** Extra node flags per service, e.g. `{ gateway: '--cpu-prof' }`. */
  nodeOptions?: Record<string, string>;
}

/** Each subgraph keeps its registry port's offset from the gateway's 4000 (crm 4002 -> base + 2). */
const SUBGRAPH_OFFSET: Record<string, number> = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, s.port - 4000]));

export async function healthy(url: string, alive: () => void = () => undefined, timeoutMs = 180_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    alive();
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`not healthy: ${url}`);
}

export async function startStack(o: StackOptions = {}): Promise<Stack> {
  const base = o.portBase ?? Number(processEnv().BENCH_PORT_BASE ?? 4100);
  const subgraphs = o.subgraphs ?? ['identity', 'crm'];
  const port = (name: string) => base + (SUBGRAPH_OFFSET[name] ?? 0);
  const databasePrefix = o.env?.DATABASE_PREFIX ?? 'nexus_bench_';
  const env: Record<string, string | undefined> = {
    // No secret has a default any more: a bench stack gets fresh ones unless the environment sets them.
    JWT_SECRET: randomSecret(48),
    INTERNAL_TOKEN_SECRET: randomSecret(48),
    ...processEnv(),
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATABASE_PREFIX: databasePrefix,
    REDIS_PREFIX: `${databasePrefix.replace(/_+$/, '')}-redis`,
    ...Object.fromEntries(SUBGRAPHS.map((s) => [portVariable(s.name), String(port(s.name))])),
    ...Object.fromEntries(SUBGRAPHS.map((s) => [urlVariable(s.name), `http://127.0.0.1:${port(s.name)}/graphql`])),
    GATEWAY_PORT: String(base),
    LOGIN_RATE_LIMIT: '10000',
    WEB_DIST: '',
    ...o.env,
  };
  const children: ChildProcess[] = [];
  const pids: Record<string, number> = {};
  let failed: string | null = null;
  const alive = () => {
    if (failed) throw new Error(failed);
  };
  const run = (name: string, script: string) => {
    const flags = o.nodeOptions?.[name];
    const child = spawn(process.execPath, [...(flags ? flags.split(' ') : []), resolve(root, script)], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.once('exit', (code) => {
      failed ??= `${script} exited (${code}) during the benchmark`;
    });
    children.push(child);
    pids[name] = child.pid ?? 0;
  };
  const stop = async () => {
    failed = 'stopping';
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(
      children.map((c) =>
        c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : null,
      ),
    );
  };
  const urls: Record<string, string> = {};
  const gatewayUrl = `http://127.0.0.1:${base}`;
  try {
    for (const name of subgraphs) {
      run(name, `subgraphs/${name}/src/main.ts`);
      urls[name] = `http://127.0.0.1:${port(name)}`;
      await healthy(`${urls[name]}/health`, alive);
    }
    if (o.gateway ?? true) {
      run('gateway', 'gateway/src/main.ts');
      await waitForGateway(gatewayUrl, alive);
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return { gatewayUrl, urls, pids, env, stop };
}

/** Waits until a gateway at `url` (its origin) answers a GraphQL request. */
export async function waitForGateway(url: string, alive: () => void = () => undefined, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    alive();
    try {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      });
      if (res.status === 200) return;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the gateway at ${url} did not start`);
}

/**
 * A bench process beside a stack (a second gateway, a replica): one more Node script with the
 * stack's environment and `extra`, recorded in `children` so the bench stops it; `onExit` hears of
 * it ending on its own.
 */
export function spawnScript(
  children: ChildProcess[],
  script: string,
  env: Record<string, string | undefined>,
  onExit?: (code: number | null, signal: NodeJS.Signals | null) => void,
): number {
  const child = spawn(process.execPath, [resolve(root, script)], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  if (onExit) child.once('exit', onExit);
  children.push(child);
  return child.pid ?? 0;
}

/** The TT-API simulator as its own process, the way `npm start` runs it. */
export async function startSimulatorProcess(port: number): Promise<{ url: string; pid: number; stop(): void }> {
  const child = spawn(process.execPath, [resolve(root, 'subgraphs/travel/simulator/main.ts')], {
    env: { ...processEnv(), TT_SIM_PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await healthy(`${url}/health`);
  return { url, pid: child.pid ?? 0, stop: () => void child.kill('SIGTERM') };
}

export async function signIn(gatewayUrl: string, email: string): Promise<string> {
  const res = await fetch(`${gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `mutation { login(email: "${email}", password: "nexus-demo-password") { accessToken } }`,
    }),
  });
  const body = (await res.json()) as { data?: { login?: { accessToken: string } } };
  const token = body.data?.login?.accessToken;
  if (!token) throw new Error(`sign-in failed: ${JSON.stringify(body)}`);
  return token;
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

/** The p-th percentile (nearest rank) of unsorted values. */
export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

export interface LoadFigures {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Requests that got no answer within the timeout (autocannon's errors). */
  timeouts: number;
  non2xx: number;
  requests: number;
}

/**
 * autocannon POSTing one operation for `seconds` over `connections`, with exact percentiles from
 * every response. The timeout is generous: under load a queue forms, and a slow answer is a figure.
 */
export async function load(
  url: string,
  body: string,
  headers: Record<string, string>,
  seconds = 20,
  connections = 50,
  timeoutS = 60,
): Promise<LoadFigures> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolvePromise, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        connections,
        duration: seconds,
        timeout: timeoutS,
        headers: { 'content-type': 'application/json', ...headers },
        body,
      },
      (err, res) => (err ? reject(err) : resolvePromise(res)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => void times.push(responseTime));
  });
  return {
    requestsPerSecond: round2(times.length / seconds),
    p50: round2(percentile(times, 50)),
    p95: round2(percentile(times, 95)),
    p99: round2(percentile(times, 99)),
    timeouts: result.errors,
    non2xx: result.non2xx,
    requests: times.length,
  };
}

export interface LoopFigures {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  requests: number;
}

/** `concurrency` workers, each sending the next request when the last one answered. */
export async function closedLoop(run: () => Promise<void>, seconds: number, concurrency: number): Promise<LoopFigures> {
  const times: number[] = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        try {
          await run();
          times.push(performance.now() - started);
        } catch {
          errors++;
        }
      }
    }),
  );
  const at = (p: number) => round2(percentile(times, p));
  return {
    requestsPerSecond: Math.round(times.length / seconds),
    p50: at(50),
    p95: at(95),
    p99: at(99),
    errors,
    requests: times.length,
  };
}

/** Sends exactly `requests` operations, `concurrency` at a time. */
export async function fixedRequests(
  run: () => Promise<unknown>,
  requests: number,
  concurrency: number,
): Promise<{ requests: number }> {
  let sent = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent++ < requests) await run();
    }),
  );
  return { requests };
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, in clock ticks of 10 ms.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU ms per request of each process over a run, with their total. */
export async function cpuPerRequest<T extends { requests: number }>(
  pids: Record<string, number>,
  run: () => Promise<T>,
): Promise<T & { cpuMsPerRequest: Record<string, number> }> {
  const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuMs(pid)]));
  const result = await run();
  const perRequest = Object.fromEntries(
    Object.entries(pids).map(([k, pid]) => [k, round2((cpuMs(pid) - (before[k] ?? 0)) / Math.max(1, result.requests))]),
  );
  perRequest.total = round2(Object.values(perRequest).reduce((a, b) => a + b, 0));
  return { ...result, cpuMsPerRequest: perRequest };
}

export function record(name: string, figures: unknown) {
  mkdirSync(resolve(root, 'bench/results'), { recursive: true });
  const file = resolve(root, `bench/results/${name}.json`);
  writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), node: process.version, figures }, null, 2)}\n`);
  console.log(`\n${name}:`);
  console.log(JSON.stringify(figures, null, 2));
  console.log(`written to bench/results/${name}.json`);
}

/**
 * A browser context signed in as the demo advisor the way the app signs in: the gateway's refresh
 * cookie lands in the context's cookie jar, so the app renews its session from it on first load.
 */
export async function signedInContext(
  browser: Browser,
  gatewayUrl: string,
  viewport: { width: number; height: number },
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  const login = await context.request.post(`${gatewayUrl}/graphql`, {
    headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
    data: { query: 'mutation { login(email: "advisor@nexus.test", password: "nexus-demo-password") { accessToken } }' },
  });
  if (!login.ok()) throw new Error(`sign-in failed: ${login.status()} ${await login.text()}`);
  return context;
}

/** Debian's headless Chromium, as the web benches drive it. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
}
