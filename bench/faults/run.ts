/**
 * `npm run faults`: the fault suite (issue 17). Not part of `npm test`: it starts its own PostgreSQL
 * (embedded, data in .data/faults/postgres) and its own redis-server (AOF on, .data/faults/redis) on
 * private ports, then the whole system the way `npm start` runs it (scripts/start.ts, supervised, on
 * ports from FAULTS_PORT_BASE, default 4200), breaks things and measures what users would see. Each
 * case prints its figures; all of them are written to bench/results/faults.json and the Faults
 * section of bench/README.md.
 *
 * `npm run faults -- R6 R10` runs only those cases. FAULTS_FUZZ_REQUESTS sets R10's size (100,000).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  portVariable,
  processEnv,
  redisAnswers,
  startEmbeddedPostgres,
  type RunningEmbeddedPostgres,
} from '@nexus/platform';
import { SUBGRAPHS } from '../../subgraphs/registry.ts';
import { record, round2 } from '../support.ts';
import { fuzzRequest } from './fuzz.ts';

const root = resolve(import.meta.dirname, '../..');
const data = resolve(root, '.data/faults');
const env0 = processEnv();
const base = Number(env0.FAULTS_PORT_BASE ?? 4200);
const pgPort = base + 50;
const redisPort = base + 51;
const fuzzRequests = Number(env0.FAULTS_FUZZ_REQUESTS ?? 100_000);
const wanted = process.argv.slice(2).map((a) => a.toUpperCase());
const runs = (id: string) => wanted.length === 0 || wanted.includes(id);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (msg: string) => process.stdout.write(`[faults] ${msg}\n`);

// ---------------------------------------------------------------------------------------------
// Infrastructure the suite owns, so it may stop and restart it.

let pg: RunningEmbeddedPostgres | undefined;
const startPostgres = async () =>
  (pg = await startEmbeddedPostgres({ dir: resolve(data, 'postgres'), port: pgPort, password: 'nexus' }));

let redis: ChildProcess | undefined;
const redisUrl = `redis://127.0.0.1:${redisPort}`;
async function startRedis() {
  mkdirSync(resolve(data, 'redis'), { recursive: true });
  redis = spawn(
    'redis-server',
    [
      '--port',
      String(redisPort),
      '--bind',
      '127.0.0.1',
      '--dir',
      resolve(data, 'redis'),
      '--appendonly',
      'yes',
      '--save',
      '',
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100 && !(await redisAnswers(redisUrl, 200)); i++) await sleep(100);
}
async function stopRedis() {
  const r = redis;
  if (!r || r.exitCode !== null) return;
  r.kill('SIGTERM');
  await new Promise((done) => r.once('exit', done));
}

// ---------------------------------------------------------------------------------------------
// The system, started by scripts/start.ts exactly as `npm start` does.

let system: ChildProcess | undefined;
let output = '';
const gatewayUrl = `http://127.0.0.1:${base}`;
const pidsOf = (name: string) =>
  [...output.matchAll(new RegExp(`\\[nexus\\] ${name} started \\(pid (\\d+)\\)`, 'g'))].map((m) => Number(m[1]));
const lastPid = (name: string) => pidsOf(name).at(-1) ?? 0;
const crashes = () => (output.match(/crashed \(/g) ?? []).length;
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function startSystem() {
  const env: Record<string, string | undefined> = {
    ...env0,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATABASE_URL: pg?.url,
    REDIS_URL: redisUrl,
    DATABASE_PREFIX: 'nexus_faults_',
    REDIS_PREFIX: 'nexus-faults',
    GATEWAY_PORT: String(base),
    TT_SIM_PORT: String(base + 40),
    MAIL_CATCHER_HTTP_PORT: String(base + 41),
    NEXUS_DATA_DIR: data,
    WEB_DIST: '',
    LOGIN_RATE_LIMIT: '10',
    ...Object.fromEntries(SUBGRAPHS.map((s) => [portVariable(s.name), String(base + (s.port - 4000))])),
  };
  for (const k of ['TT_API_URL', 'SMTP_URL', 'JWT_SECRET', 'INTERNAL_TOKEN_SECRET']) delete env[k];
  system = spawn(process.execPath, [resolve(root, 'scripts/start.ts')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  system.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  system.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
    if (env0.FAULTS_VERBOSE) process.stderr.write(c);
  });
  const until = Date.now() + 300_000;
  while (!output.includes('Nexus is up')) {
    if (system.exitCode !== null || Date.now() > until)
      throw new Error(`the system did not start:\n${output.slice(-3000)}`);
    await sleep(250);
  }
}

async function stopSystem() {
  const s = system;
  if (!s || s.exitCode !== null) return;
  s.kill('SIGINT');
  await new Promise((done) => s.once('exit', done));
}

// ---------------------------------------------------------------------------------------------
// A client as an integrator writes one.

interface Answer {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string; service?: string } }[];
}
async function gql(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const res = await fetch(`${gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let body: Omit<Answer, 'status'> = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // not JSON: counted by status
  }
  return { status: res.status, ...body };
}
const codesOf = (a: Answer) => (a.errors ?? []).map((e) => e.extensions?.code ?? '?');

let token = '';
async function signIn(email = 'advisor@nexus.test') {
  const a = await gql('mutation($e: String!) { login(email: $e, password: "nexus-demo-password") { accessToken } }', {
    e: email,
  });
  const login = a.data?.login as { accessToken?: string } | undefined;
  if (!login?.accessToken) throw new Error(`sign-in failed: ${JSON.stringify(a)}`);
  return login.accessToken;
}
const auth = () => ({ authorization: `Bearer ${token}` });

/** Polls `ok` every 100 ms; the ms it took, or null past `limitMs`. */
async function timeUntil(ok: () => Promise<boolean>, limitMs: number): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < limitMs) {
    if (await ok().catch(() => false)) return Math.round(performance.now() - started);
    await sleep(100);
  }
  return null;
}
const crmAnswers = async () => {
  const a = await gql('{ contacts(first: 1) { totalCount } }', {}, auth());
  return a.status === 200 && !a.errors && typeof (a.data?.contacts as { totalCount?: number })?.totalCount === 'number';
};

// ---------------------------------------------------------------------------------------------
// The cases.

const results: Record<string, unknown> = {};
const MIXED = '{ contacts(first: 1) { totalCount } travelers(first: 1) { totalCount } }';

async function r6() {
  const travel = lastPid('travel');
  process.kill(travel, 'SIGKILL');
  await sleep(300);
  const mixed = await gql(MIXED, {}, auth());
  const crmOnly = await crmAnswers();
  const backMs = await timeUntil(async () => {
    const a = await gql(MIXED, {}, auth());
    return !a.errors && lastPid('travel') !== travel;
  }, 90_000);
  results.R6 = {
    killed: 'travel (SIGKILL)',
    crmServedMeanwhile: crmOnly,
    mixedQuery: {
      status: mixed.status,
      crmData: (mixed.data?.contacts as { totalCount?: number } | null)?.totalCount ?? null,
      travelers: mixed.data?.travelers ?? null,
      errorCodes: codesOf(mixed),
      message: mixed.errors?.[0]?.message ?? null,
    },
    travelBackAfterMs: backMs,
    otherProcessesRestarted: ['identity', 'crm', 'gateway', 'worker'].filter((n) => pidsOf(n).length > 1),
  };
}

async function r4() {
  const before = crashes();
  const pids = ['identity', 'crm', 'travel', 'gateway', 'worker'].map(lastPid);
  await pg?.stop();
  const down = await gql('{ contacts(first: 1) { totalCount } }', {}, auth());
  await sleep(5_000);
  await startPostgres();
  const recoveredMs = await timeUntil(crmAnswers, 60_000);
  results.R4 = {
    downFor: '5 s',
    whileDown: { status: down.status, codes: codesOf(down) },
    queriesRecoveredAfterMs: recoveredMs,
    withinTenSeconds: recoveredMs !== null && recoveredMs <= 10_000,
    processesExited: pids.filter((p) => !alive(p)).length + (crashes() - before),
  };
}

async function r9() {
  await stopRedis();
  await sleep(1_000);
  // Sign-in attempts per address per minute (LOGIN_RATE_LIMIT=10): the in-memory fallback counts them.
  const answers: string[] = [];
  for (let i = 0; i < 14; i++) {
    const a = await gql(
      'mutation { login(email: "nobody@nexus.test", password: "wrong-password-xx") { accessToken } }',
    );
    answers.push(codesOf(a)[0] ?? String(a.status));
  }
  const query = await gql('{ contacts(first: 1) { totalCount } }', {}, auth());
  await startRedis();
  const backMs = await timeUntil(crmAnswers, 30_000);
  results.R9 = {
    signInAttempts: answers.length,
    refusedAsRateLimited: answers.filter((c) => c === 'RATE_LIMITED').length,
    firstRefusalAt: answers.indexOf('RATE_LIMITED') + 1,
    queryWhileRedisDown: { status: query.status, codes: codesOf(query) },
    processesRestarted: crashes(),
    afterRedisBackMs: backMs,
    idempotency: 'not measured',
  };
}

async function r8() {
  const gateway = lastPid('gateway');
  let ok = 0;
  let failed = 0;
  let refused = 0;
  let stop = false;
  const failures = new Map<string, number>();
  const loop = async () => {
    while (!stop) {
      try {
        const a = await gql('{ contacts(first: 5) { nodes { id } } }', {}, auth());
        if (a.status === 200 && !a.errors) ok++;
        else {
          failed++;
          const key = `${a.status} ${codesOf(a).join(',')}`;
          failures.set(key, (failures.get(key) ?? 0) + 1);
        }
      } catch (e) {
        // After the listener closes, new connections are refused: that is not a dropped request.
        const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : String(e);
        if (/ECONNREFUSED/.test(cause)) {
          refused++;
          await sleep(50);
        } else {
          failed++;
          failures.set(cause, (failures.get(cause) ?? 0) + 1);
        }
      }
    }
  };
  const workers = Array.from({ length: 20 }, loop);
  await sleep(3_000);
  const sent = performance.now();
  process.kill(gateway, 'SIGTERM');
  const exitedMs = await timeUntil(async () => !alive(gateway), 30_000);
  const stoppedAt = performance.now() - sent;
  stop = true;
  await Promise.all(workers);
  await timeUntil(crmAnswers, 60_000);
  results.R8 = {
    load: '20 closed-loop clients',
    answered: ok,
    failedRequests: failed,
    failures: Object.fromEntries(failures),
    refusedNewConnectionsAfterClose: refused,
    drainedAfterMs: exitedMs,
    withinTenSeconds: exitedMs !== null && exitedMs <= 10_000,
    measuredForMs: Math.round(stoppedAt),
  };
}

const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

async function r10() {
  const gateway = lastPid('gateway');
  const viewer = await signIn('viewer@nexus.test');
  let sent = 0;
  let http5xx = 0;
  let internal = 0;
  let transport = 0;
  const samples: number[] = [];
  let seed = 20261206;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (sent < fuzzRequests) {
        const n = sent++;
        if (n % Math.max(1, Math.floor(fuzzRequests / 10)) === 0) samples.push(rssKb(gateway));
        const req = fuzzRequest((seed = (seed * 1103515245 + 12345) % 2 ** 31));
        try {
          const res = await fetch(`${gatewayUrl}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(n % 3 ? { authorization: `Bearer ${viewer}` } : {}) },
            body: req,
            signal: AbortSignal.timeout(30_000),
          });
          const text = await res.text();
          if (res.status >= 500) http5xx++;
          if (text.includes('INTERNAL_SERVER_ERROR')) internal++;
        } catch {
          transport++;
        }
      }
    }),
  );
  samples.push(rssKb(gateway));
  const mb = (kb: number) => round2(kb / 1024);
  results.R10 = {
    requests: fuzzRequests,
    seconds: round2((performance.now() - started) / 1000),
    http5xx,
    internalServerErrors: internal,
    transportErrors: transport,
    gatewayRssMb: { first: mb(samples[0] ?? 0), peak: mb(Math.max(...samples)), last: mb(samples.at(-1) ?? 0) },
  };
}

const NOT_BUILT = 'not built yet (see the issue 17 report)';

// ---------------------------------------------------------------------------------------------

function writeReadme() {
  const file = resolve(root, 'bench/README.md');
  const text = readFileSync(file, 'utf8');
  const section = [
    '## Faults: `npm run faults`',
    '',
    'Its own PostgreSQL and Redis on private ports, the system started by `scripts/start.ts` (supervised),',
    `each fault injected and measured from a client's side. Last run: ${new Date().toISOString()}, Node ${process.version}.`,
    '',
    '| case | figures |',
    '|---|---|',
    ...Object.entries(results).map(([k, v]) => `| ${k} | \`${JSON.stringify(v)}\` |`),
    '',
  ].join('\n');
  const start = text.indexOf('## Faults');
  const next = start >= 0 ? text.indexOf('\n## ', start + 1) : -1;
  const updated =
    start < 0
      ? `${text.trimEnd()}\n\n${section}`
      : `${text.slice(0, start)}${section}${next >= 0 ? text.slice(next) : ''}`;
  writeFileSync(file, `${updated.trimEnd()}\n`);
}

try {
  rmSync(data, { recursive: true, force: true });
  log(`PostgreSQL on ${pgPort}, Redis on ${redisPort}, the system on ${base}...`);
  await startPostgres();
  await startRedis();
  await startSystem();
  token = await signIn();
  const cases: [string, () => Promise<void>][] = [
    ['R6', r6],
    ['R4', r4],
    ['R9', r9],
    ['R8', r8],
    ['R10', r10],
  ];
  for (const [id, run] of cases) {
    if (!runs(id)) continue;
    log(`${id}...`);
    await run();
    // Sign in again once the system answers sign-ins (a case may have restarted what holds sessions).
    const signedIn = await timeUntil(async () => Boolean((token = await signIn())), 60_000);
    if (signedIn === null) throw new Error(`sign-in did not recover after ${id}`);
    log(`${id}: ${JSON.stringify(results[id])}`);
  }
  for (const id of ['R1', 'R2', 'R7']) if (runs(id)) results[id] = NOT_BUILT;
  record('faults', results);
  writeReadme();
} catch (e) {
  log(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exitCode = 1;
} finally {
  await stopSystem().catch(() => undefined);
  await stopRedis().catch(() => undefined);
  await pg?.stop().catch(() => undefined);
}
