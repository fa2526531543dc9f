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
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pgDriver from 'pg';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import {
  LOCK_DURATION_MS,
  NOTIFY_JOB,
  QUEUES,
  STALLED_INTERVAL_MS,
  createLogger,
  createQueue,
  databaseUrl,
  portVariable,
  processEnv,
  redisAnswers,
  startEmbeddedPostgres,
  type RunningEmbeddedPostgres,
} from '@nexus/platform';
import { SUBGRAPHS } from '../../subgraphs/registry.ts';
import { record, round2 } from '../support.ts';
import { WS_RETRY_ATTEMPTS, wsRetryDelayMs, wsShouldRetry } from '../../web/src/lib/wsRetry.ts';
import { fuzzRequest } from './fuzz.ts';
import { compareHeaps, summarizeHeap, topKinds } from './heap-summary.ts';

const root = resolve(import.meta.dirname, '../..');

const env0 = processEnv();
const base = Number(env0.FAULTS_PORT_BASE ?? 4200);
// Per port base, so two runs on different bases do not share (or wipe) each other's data.
const data = resolve(root, base === 4200 ? '.data/faults' : `.data/faults-${base}`);
/** Where the system's processes write heap snapshots (R10). */
const heapDir = resolve(data, 'heap');
const pgPort = base + 50;
const inspectPort = base + 52;
const redisPort = base + 51;
const fuzzRequests = Number(env0.FAULTS_FUZZ_REQUESTS ?? 100_000);
const r1Jobs = Number(env0.FAULTS_R1_JOBS ?? 10_000);
const internalSecret = randomUUID() + randomUUID();
const wanted = process.argv.slice(2).map((a) => a.toUpperCase());
const runs = (id: string) => wanted.length === 0 || wanted.includes(id);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
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
    TT_INTERNAL_SERVICE_SECRET: internalSecret,
    // R10 may ask the gateway for heap snapshots (SIGUSR2; nothing is written unless asked),
    // and its memory through the inspector (SIGUSR1 opens it, on loopback only).
    NODE_OPTIONS: [
      env0.NODE_OPTIONS,
      '--heapsnapshot-signal=SIGUSR2',
      `--diagnostic-dir=${heapDir}`,
      `--inspect-port=127.0.0.1:${inspectPort}`,
    ]
      .filter(Boolean)
      .join(' '),
    ...Object.fromEntries(SUBGRAPHS.map((s) => [portVariable(s.name), String(base + (s.port - 4000))])),
  };
  for (const k of ['TT_API_URL', 'SMTP_URL', 'JWT_SECRET', 'INTERNAL_TOKEN_SECRET']) delete env[k];
  system = spawn(process.execPath, [resolve(root, 'scripts/start.ts')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  system.stdout?.on('data', (c: Buffer) => {
    output += c.toString();
    if (env0.FAULTS_VERBOSE) process.stdout.write(c);
  });
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
/** Signs in; the suite signs in more often than a person would, so it waits out RATE_LIMITED. */
async function signIn(email = 'advisor@nexus.test'): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const a = await gql('mutation($e: String!) { login(email: $e, password: "nexus-demo-password") { accessToken } }', {
      e: email,
    });
    const login = a.data?.login as { accessToken?: string } | undefined;
    if (login?.accessToken) return login.accessToken;
    const limited = a.errors?.find((e) => e.extensions?.code === 'RATE_LIMITED') as
      { extensions?: { retryAfterMs?: number } } | undefined;
    if (!limited) throw new Error(`sign-in failed: ${JSON.stringify(a)}`);
    await sleep((limited.extensions?.retryAfterMs ?? 5_000) + 100);
  }
  throw new Error(`sign-in of ${email} stayed rate limited`);
}
const userIdOf = async (accessToken: string) => {
  const a = await gql('{ me { id } }', {}, { authorization: `Bearer ${accessToken}` });
  const id = (a.data?.me as { id?: string } | undefined)?.id;
  if (!id) throw new Error(`me failed: ${JSON.stringify(a)}`);
  return id;
};
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

/** A TT-API sync call on the REST edge, with an idempotency key. */
async function sync(key: string, body: unknown) {
  const res = await fetch(`${gatewayUrl}/api/internal/contacts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-internal-service': internalSecret, 'idempotency-key': key },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, replayed: res.headers.get('idempotent-replayed') === 'true', body: await res.text() };
}
const ttContact = (n: number) => ({
  contacts: [
    {
      id: `tt-faults-r9-${n}`,
      firstName: 'Fault',
      lastName: `Suite ${n}`,
      email: `faults-r9-${n}@example.test`,
      // Fixed, so a resend is byte for byte the same request.
      updatedAt: '2026-01-01T00:00:00.000Z',
    },
  ],
});
const tally = (list: string[]) =>
  Object.fromEntries([...new Set(list)].map((k) => [k, list.filter((x) => x === k).length]));

async function r9() {
  await stopRedis();
  await sleep(1_000);
  // Sign-in attempts per address per minute (LOGIN_RATE_LIMIT=10): the in-memory fallback counts them.
  const answers: string[] = [];
  for (let i = 0; i < 14; i++) {
    const a = await gql(
      'mutation { login(email: "nobody@nexus.test", password: "wrong-password-xx") { accessToken } }',
    );
    answers.push(`${a.status} ${codesOf(a)[0] ?? ''}`.trim());
  }
  const query = await gql('{ contacts(first: 1) { totalCount } }', {}, auth());
  // Idempotency from the in-memory store: a resend replays the first answer, another body is 422.
  const key = `faults-r9-${randomUUID()}`;
  const first = await sync(key, ttContact(1));
  const again = await sync(key, ttContact(1));
  const otherBody = await sync(key, ttContact(2));
  const badKey = `faults-r9-bad-${randomUUID()}`;
  const refused = await sync(badKey, { contacts: [{ id: 'x' }] });
  const refusedAgain = await sync(badKey, { contacts: [{ id: 'x' }] });
  await startRedis();
  // Straight after Redis is back (no settling time): the first sign-in a person would try.
  const signInRightAfter = await gql(
    'mutation { login(email: "advisor@nexus.test", password: "nexus-demo-password") { accessToken } }',
  );
  const backMs = await timeUntil(crmAnswers, 30_000);
  results.R9 = {
    signInAttempts: answers.length,
    signInAnswers: tally(answers),
    refusedAsRateLimited: answers.filter((c) => c.endsWith('RATE_LIMITED')).length,
    firstRefusalAt: answers.findIndex((c) => c.endsWith('RATE_LIMITED')) + 1,
    queryWhileRedisDown: { status: query.status, codes: codesOf(query) },
    idempotency: {
      first: first.status,
      firstAnswer: first.body.slice(0, 160),
      resend: { status: again.status, replayed: again.replayed, sameBody: again.body === first.body },
      sameKeyOtherBody: otherBody.status,
      refusedBatch: refused.status,
      refusedBatchResent: { status: refusedAgain.status, replayed: refusedAgain.replayed },
    },
    signInRightAfterRedisBack: {
      status: signInRightAfter.status,
      codes: codesOf(signInRightAfter),
      signedIn: Boolean((signInRightAfter.data?.login as { accessToken?: string } | undefined)?.accessToken),
    },
    processesRestarted: crashes(),
    queriesAfterRedisBackMs: backMs,
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

const mb = (kb: number) => round2(kb / 1024);
const snapshotFiles = () =>
  [heapDir, root].flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.heapsnapshot'))
      .map((f) => resolve(dir, f)),
  );

/**
 * A heap snapshot of a process (started with --heapsnapshot-signal=SIGUSR2), summarized by kind:
 * V8 runs a full GC first, so its total is the live heap. Writing one takes native memory of its own
 * (the process's RSS jumps), so R10 takes them only with FAULTS_R10_SNAPSHOTS=1, to see what grew.
 */
async function heapSnapshot(pid: number, answers: () => Promise<unknown>) {
  const before = new Set(snapshotFiles());
  process.kill(pid, 'SIGUSR2');
  let file = '';
  await timeUntil(async () => Boolean((file = snapshotFiles().find((f) => !before.has(f)) ?? '')), 120_000);
  if (!file) throw new Error('no heap snapshot appeared');
  // The process writes it on its main thread: it answers again once the file is complete.
  await answers();
  const summary = summarizeHeap(file);
  rmSync(file, { force: true });
  return summary;
}

interface MemoryUsage {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/**
 * The gateway's own `process.memoryUsage()`, before and after a full GC, through the inspector:
 * SIGUSR1 opens it on `inspectPort` (loopback), and the DevTools protocol evaluates and collects.
 */
async function memoryOf(pid: number) {
  process.kill(pid, 'SIGUSR1');
  let target = '';
  await timeUntil(async () => {
    const list = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as {
      webSocketDebuggerUrl: string;
    }[];
    target = list[0]?.webSocketDebuggerUrl ?? '';
    return Boolean(target);
  }, 30_000);
  const socket = new WebSocket(target);
  await new Promise((done, fail) => socket.once('open', done).once('error', fail));
  let id = 0;
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<Record<string, unknown>>((done) => {
      const mine = ++id;
      const onMessage = (raw: WebSocket.RawData) => {
        const message = JSON.parse(raw.toString()) as { id?: number; result?: Record<string, unknown> };
        if (message.id !== mine) return;
        socket.off('message', onMessage);
        done(message.result ?? {});
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id: mine, method, params }));
    });
  const usage = async () => {
    const result = (await call('Runtime.evaluate', {
      expression: 'JSON.stringify(process.memoryUsage())',
      returnByValue: true,
    })) as { result?: { value?: string } };
    const u = JSON.parse(result.result?.value ?? '{}') as MemoryUsage;
    const m = (bytes: number) => round2(bytes / 1024 / 1024);
    return {
      rssMb: m(u.rss),
      heapUsedMb: m(u.heapUsed),
      heapTotalMb: m(u.heapTotal),
      externalMb: m(u.external),
      arrayBuffersMb: m(u.arrayBuffers),
    };
  };
  const before = await usage();
  await call('HeapProfiler.collectGarbage');
  const afterGc = await usage();
  socket.close();
  return { before, afterGc };
}

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
  /** Sends fuzzed requests (16 at a time) until `until` have been sent in all. */
  const soak = (until: number) =>
    Promise.all(
      Array.from({ length: 16 }, async () => {
        while (sent < until) {
          const n = sent++;
          if (n % Math.max(1, Math.floor(fuzzRequests / 10)) === 0) samples.push(rssKb(gateway));
          const req = fuzzRequest((seed = (seed * 1103515245 + 12345) % 2 ** 31));
          try {
            const res = await fetch(`${gatewayUrl}/graphql`, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                ...(n % 3 ? { authorization: `Bearer ${viewer}` } : {}),
              },
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
  const answers = () => timeUntil(async () => (await fetch(`${gatewayUrl}/health`)).status > 0, 300_000);
  const snapshots = env0.FAULTS_R10_SNAPSHOTS === '1';
  // The gateway's memory before any fuzzing, once warm, half way and at the end, each before and
  // after a full GC: flat means the last three match after GC.
  const memory: Record<string, Awaited<ReturnType<typeof memoryOf>>> = {};
  memory.atStart = await memoryOf(gateway);
  await soak(Math.floor(fuzzRequests / 10));
  memory.afterTenth = await memoryOf(gateway);
  await soak(Math.floor(fuzzRequests / 2));
  memory.atHalf = await memoryOf(gateway);
  const middle = snapshots ? await heapSnapshot(gateway, answers) : undefined;
  await soak(fuzzRequests);
  samples.push(rssKb(gateway));
  memory.atEnd = await memoryOf(gateway);
  if (middle) {
    const end = await heapSnapshot(gateway, answers);
    log(`R10 heap, largest kinds at the end: ${JSON.stringify(topKinds(end, 8))}`);
    log(`R10 heap growth from half way to the end: ${JSON.stringify(compareHeaps(middle, end, 8))}`);
  }
  results.R10 = {
    requests: fuzzRequests,
    seconds: round2((performance.now() - started) / 1000),
    http5xx,
    internalServerErrors: internal,
    transportErrors: transport,
    gatewayRssMb: { first: mb(samples[0] ?? 0), peak: mb(Math.max(...samples)), last: mb(samples.at(-1) ?? 0) },
    // Every tenth of the run: a plateau is a warmed heap, a steady climb a leak.
    gatewayRssMbEveryTenth: samples.map(mb),
    gatewayMemory: memory,
  };
}

// ---------------------------------------------------------------------------------------------
// Jobs: notifications are a real queue with an idempotent processor (a dedupe key per job), and
// their effect is a row per key in identity's database, so "every job ran, once" is countable.

const quietLog = createLogger('faults');
const openNotifications = () => createQueue(QUEUES.notifications, { redisUrl, prefix: 'nexus-faults', log: quietLog });
const identityDb = async () => {
  const client = new pgDriver.Client({ connectionString: databaseUrl(pg0url(), 'nexus_faults_identity') });
  await client.connect();
  return client;
};
const pg0url = () => {
  if (!pg) throw new Error('PostgreSQL is not running');
  return pg.url;
};
const notified = async (db: pgDriver.Client, prefix: string) =>
  Number(
    (await db.query<{ n: string }>('select count(*) as n from notification where dedupe_key like $1', [`${prefix}%`]))
      .rows[0]?.n ?? 0,
  );
async function queueNotifications(userId: string, prefix: string, count: number) {
  const queue = openNotifications();
  for (let from = 0; from < count; from += 1000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1000, count - from) }, (_, i) => {
        const key = `${prefix}${from + i}`;
        return {
          name: NOTIFY_JOB,
          data: { userId, type: 'SYSTEM', title: `Fault suite ${key}`, dedupeKey: key },
          opts: { jobId: key },
        };
      }),
    );
  }
  return queue;
}

/** A live subscriber as the web app is one: graphql-ws with the app's own retry settings. */
interface Subscriber {
  client: WsClient;
  connections: number;
  titles: string[];
  /** Errors and close codes, so a failed case says why. */
  problems: string[];
}
function liveSubscriber(accessToken: string): Subscriber {
  const sub: Subscriber = {
    connections: 0,
    titles: [],
    problems: [],
    client: createWsClient({
      url: `${gatewayUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${accessToken}` },
      lazy: false,
      retryAttempts: WS_RETRY_ATTEMPTS,
      shouldRetry: wsShouldRetry,
      retryWait: (retries) => sleep(wsRetryDelayMs(retries)),
      onNonLazyError: () => undefined,
      on: {
        connected: () => void sub.connections++,
        closed: (e) => void sub.problems.push(`closed ${(e as { code?: number }).code ?? '?'}`),
      },
    }),
  };
  sub.client.subscribe<{ notificationAdded: { title: string } }>(
    { query: 'subscription { notificationAdded { id title } }' },
    {
      next: (m) => {
        if (m.data) sub.titles.push(m.data.notificationAdded.title);
        for (const e of m.errors ?? []) sub.problems.push(`error ${e.message}`);
      },
      error: (e) => void sub.problems.push(`failed ${e instanceof Error ? e.message : JSON.stringify(e)}`),
      complete: () => undefined,
    },
  );
  return sub;
}

async function r1() {
  const db = await identityDb();
  const advisorId = await userIdOf(token);
  const viewerToken = await signIn('viewer@nexus.test');
  const viewerId = await userIdOf(viewerToken);
  const subscriber = liveSubscriber(viewerToken);
  await timeUntil(async () => subscriber.connections > 0, 30_000);
  let queue = await queueNotifications(advisorId, 'faults-r1-', r1Jobs);
  await queue.close();
  const doneBeforeStop = await notified(db, 'faults-r1-');
  await stopRedis();
  const downAt = performance.now();
  await sleep(30_000);
  const doneWhileDown = await notified(db, 'faults-r1-');
  await startRedis();
  const backAt = performance.now();
  log(`R1: Redis back after ${Math.round(backAt - downAt)} ms; waiting for the jobs`);
  const allDoneMs = await timeUntil(async () => (await notified(db, 'faults-r1-')) >= r1Jobs, 600_000);
  // A subscription opened before the outage, never reopened by the suite, receives a new event.
  queue = openNotifications();
  await queue.add(
    NOTIFY_JOB,
    { userId: viewerId, type: 'SYSTEM', title: 'faults-r1-after', dedupeKey: 'faults-r1-after' },
    { jobId: 'faults-r1-after' },
  );
  const eventMs = await timeUntil(async () => subscriber.titles.includes('faults-r1-after'), 60_000);
  const counts = await queue.getJobCounts();
  await queue.close();
  const done = await notified(db, 'faults-r1-');
  await subscriber.client.dispose();
  await db.end();
  results.R1 = {
    jobsQueued: r1Jobs,
    redisDownMs: Math.round(backAt - downAt),
    doneBeforeStop,
    doneWhileDown,
    completedAfterRedisBackMs: allDoneMs,
    completed: done - 1,
    lost: r1Jobs - (done - 1),
    failedJobs: counts.failed,
    workerRestarts: pidsOf('worker').length - 1,
    subscriptionEventAfterBackMs: eventMs,
    subscriberReconnects: subscriber.connections - 1,
  };
}

async function r2() {
  const jobs = 2_000;
  const db = await identityDb();
  const advisorId = await userIdOf(token);
  const worker = lastPid('worker');
  const queue = await queueNotifications(advisorId, 'faults-r2-', jobs);
  await timeUntil(async () => (await notified(db, 'faults-r2-')) >= jobs / 10, 120_000);
  process.kill(worker, 'SIGKILL');
  const killedAt = performance.now();
  const doneAtKill = await notified(db, 'faults-r2-');
  // The jobs the killed worker held come back only once bull sees them stalled (their lock expired):
  // time the rest and those separately.
  let allButHeldMs: number | null = null;
  const allDoneMs = await timeUntil(async () => {
    const n = await notified(db, 'faults-r2-');
    if (allButHeldMs === null && n >= jobs - 25) allButHeldMs = Math.round(performance.now() - killedAt);
    return n >= jobs;
  }, 300_000);
  const counts = await queue.getJobCounts();
  await queue.close();
  const rows = await db.query<{ n: string; keys: string }>(
    "select count(*) as n, count(distinct dedupe_key) as keys from notification where dedupe_key like 'faults-r2-%'",
  );
  await db.end();
  results.R2 = {
    jobsQueued: jobs,
    killed: 'worker (SIGKILL)',
    completedWhenKilled: doneAtKill,
    workerRestartedAfterMs: lastPid('worker') !== worker ? 'yes' : 'no',
    allButTheKilledWorkersJobsAfterMs: allButHeldMs,
    stalledRecovery: `lockDuration ${LOCK_DURATION_MS} ms, stalledInterval ${STALLED_INTERVAL_MS} ms`,
    allCompletedAfterKillMs: allDoneMs ?? `not within 300 s (${Math.round(performance.now() - killedAt)} ms)`,
    completedOnce: Number(rows.rows[0]?.keys ?? 0),
    duplicateEffects: Number(rows.rows[0]?.n ?? 0) - Number(rows.rows[0]?.keys ?? 0),
    failedJobs: counts.failed,
    waitingOrActiveAfter: counts.waiting + counts.active + counts.delayed,
  };
}

async function r7() {
  const emails = ['admin', 'manager', 'advisor', 'agent', 'viewer'].map((r) => `${r}@nexus.test`);
  const people: { token: string; id: string }[] = [];
  for (const email of emails) {
    const t = await signIn(email);
    people.push({ token: t, id: await userIdOf(t) });
  }
  // 100 live subscribers, 20 per staff member (each their own socket, as 100 open tabs).
  const subscribers = Array.from({ length: 100 }, (_, i) => liveSubscriber(people[i % people.length]?.token ?? ''));
  const allConnected = await timeUntil(async () => subscribers.every((s) => s.connections >= 1), 60_000);
  const notifyEveryone = async (title: string) => {
    const queue = openNotifications();
    for (const p of people)
      await queue.add(
        NOTIFY_JOB,
        { userId: p.id, type: 'SYSTEM', title, dedupeKey: `${title}-${p.id}` },
        { jobId: `${title}-${p.id}` },
      );
    await queue.close();
  };
  await notifyEveryone('faults-r7-before');
  const beforeMs = await timeUntil(async () => subscribers.every((s) => s.titles.includes('faults-r7-before')), 60_000);
  const gateway = lastPid('gateway');
  process.kill(gateway, 'SIGTERM');
  const restartAt = performance.now();
  const resubscribedMs = await timeUntil(async () => subscribers.every((s) => s.connections >= 2), 120_000);
  const resubscribedWithin30s = subscribers.filter((s) => s.connections >= 2).length;
  await notifyEveryone('faults-r7-after');
  const deliveredMs = await timeUntil(
    async () => subscribers.every((s) => s.titles.includes('faults-r7-after')),
    60_000,
  );
  const delivered = subscribers.filter((s) => s.titles.includes('faults-r7-after')).length;
  await Promise.all(subscribers.map((s) => s.client.dispose()));
  results.R7 = {
    subscribers: subscribers.length,
    connectedAtStartMs: allConnected,
    eventBeforeRestartReachedAllMs: beforeMs,
    restarted: 'gateway (SIGTERM; the supervisor starts it again)',
    gatewayBackAsNewPid: lastPid('gateway') !== gateway,
    allResubscribedAfterMs: resubscribedMs,
    resubscribed: resubscribedWithin30s,
    withinThirtySeconds: resubscribedMs !== null && resubscribedMs <= 30_000,
    eventAfterRestartReached: delivered,
    eventAfterRestartReachedAllMs: deliveredMs,
    clientRetry: `graphql-ws retryAttempts ${WS_RETRY_ATTEMPTS}, min(2^n s, 30 s) + up to 1 s jitter (web/src/lib/wsRetry.ts)`,
    measuredFromRestartMs: Math.round(performance.now() - restartAt),
    problems: tally(subscribers.flatMap((s) => s.problems)),
  };
}

// ---------------------------------------------------------------------------------------------

/** Cases measured in earlier runs, so a partial run (`npm run faults -- R7`) keeps the others' figures. */
function previousFigures(): Record<string, { at: string; figures: unknown }> {
  try {
    const saved = JSON.parse(readFileSync(resolve(root, 'bench/results/faults.json'), 'utf8')) as {
      figures?: Record<string, { at: string; figures: unknown }>;
    };
    // Only entries in this shape ({ at, figures }); older files held bare figures.
    return Object.fromEntries(Object.entries(saved.figures ?? {}).filter(([, v]) => typeof v?.at === 'string'));
  } catch {
    return {};
  }
}

const CASES = ['R1', 'R2', 'R4', 'R6', 'R7', 'R8', 'R9', 'R10'];

function writeReadme(all: Record<string, { at: string; figures: unknown }>) {
  const file = resolve(root, 'bench/README.md');
  const text = readFileSync(file, 'utf8');
  // Rows written by hand (a case measured outside this runner) stay until the runner measures it.
  const kept = new Map(
    [...text.matchAll(/^\| (R\d+) \|.*$/gm)].filter(([, k]) => k && !all[k]).map(([row, k]) => [k ?? '', row]),
  );
  const section = [
    '## Faults: `npm run faults`',
    '',
    'Its own PostgreSQL (embedded) and redis-server (AOF on) on private ports, the system started by',
    '`scripts/start.ts` (supervised) on ports from `FAULTS_PORT_BASE` (4200); each fault injected and',
    "measured from a client's side. `npm run faults -- R7 R9` runs some cases (the others keep their last",
    'figures); `FAULTS_FUZZ_REQUESTS` sizes R10 (100,000), `FAULTS_R1_JOBS` R1 (10,000).',
    `Node ${process.version}.`,
    '',
    '| case | measured | figures |',
    '|---|---|---|',
    ...CASES.filter((k) => all[k] || kept.has(k)).map((k) =>
      all[k] ? `| ${k} | ${all[k]?.at.slice(0, 16) ?? ''} | \`${JSON.stringify(all[k]?.figures)}\` |` : (kept.get(k) ?? ''),
    ),
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
  mkdirSync(heapDir, { recursive: true });
  log(`PostgreSQL on ${pgPort}, Redis on ${redisPort}, the system on ${base}...`);
  await startPostgres();
  await startRedis();
  await startSystem();
  token = await signIn();
  const cases: [string, () => Promise<void>][] = [
    ['R6', r6],
    ['R4', r4],
    ['R9', r9],
    ['R1', r1],
    ['R2', r2],
    ['R7', r7],
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
  const at = new Date().toISOString();
  const all = {
    ...previousFigures(),
    ...Object.fromEntries(Object.entries(results).map(([k, figures]) => [k, { at, figures }])),
  };
  record('faults', all);
  writeReadme(all);
} catch (e) {
  log(e instanceof Error ? (e.stack ?? e.message) : String(e));
  log(`figures so far: ${JSON.stringify(results)}`);
  process.exitCode = 1;
} finally {
  await stopSystem().catch(() => undefined);
  await stopRedis().catch(() => undefined);
  await pg?.stop().catch(() => undefined);
}
