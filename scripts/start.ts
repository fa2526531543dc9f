/**
 * `npm start`: the whole system on one machine. Uses DATABASE_URL, or PostgreSQL on localhost:5432,
 * or an embedded PostgreSQL (data in $NEXUS_DATA_DIR/postgres, run as the unprivileged `nexus-pg`
 * account when started as root); REDIS_URL, or Redis on localhost:6379, or a
 * private `redis-server` from PATH. Then the TT-API simulator (unless TT_API_URL is set), every
 * subgraph (each migrates its database and seeds demo data once), the worker, and the gateway.
 * `<NAME>_REPLICAS` and `GATEWAY_REPLICAS` (one each by default) run more processes of a subgraph
 * or of the gateway on the registry's replica ports (crm 4002, 4012; gateway 4000, 4010); every
 * gateway spreads its calls over a subgraph's replicas.
 *
 * It supervises what it starts: a process that crashes after start-up is restarted with backoff and
 * logged loudly while the others keep serving (the gateway answers the other subgraphs' data and a
 * clear error on the missing one's fields). Ctrl-C stops everything, the gateway first.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import {
  DEMO_USERS,
  commonEnv,
  loadEnv,
  portVariable,
  postgresAnswers,
  processEnv,
  randomSecret,
  redisAnswers,
  developmentSecretNames,
  startEmbeddedPostgres,
  startMailCatcher,
  urlVariable,
} from '@nexus/platform';
import { envShape as gatewayEnvShape } from '../gateway/src/env.ts';
import { scriptEnv } from './env.ts';
import { SUBGRAPHS, loadManifests } from './subgraphs.ts';
import { replicaEnv, replicaPorts, replicasVariable } from '../subgraphs/registry.ts';

const root = resolve(import.meta.dirname, '..');
const cleanups: (() => Promise<void>)[] = [];
const say = (msg: string) => process.stdout.write(`[nexus] ${msg}\n`);
/** Crashes go to stderr in a frame of their own, so they stand out in a scrolling log. */
const shout = (msg: string) => process.stderr.write(`[nexus] !!!!!!!! ${msg}\n`);

/** A process `npm start` keeps running. */
interface Service {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string | undefined>;
  child?: ChildProcess;
  startedAt: number;
  /** Restarts since it last stayed up for a minute; sets the backoff. */
  restarts: number;
  timer?: NodeJS.Timeout;
  /** One of several replicas: while it is down, the others answer. */
  replicated?: boolean;
}
const services: Service[] = [];
/** Once everything answered its health check: before that, any exit stops the whole start. */
let up = false;
let shuttingDown = false;
const STABLE_MS = 60_000;
const MAX_BACKOFF_MS = 30_000;

function launch(s: Service) {
  // Its own process group: Ctrl-C reaches only this supervisor, which stops the children in order
  // (gateway first) with one SIGTERM each, instead of every process getting SIGINT at once.
  const child = spawn(s.command, s.args, { env: s.env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
  s.child = child;
  s.startedAt = Date.now();
  say(`${s.name} started (pid ${child.pid ?? '?'})`);
  child.once('error', (e) => shout(`${s.name} could not start: ${e.message}`));
  child.once('exit', (code, signal) => {
    if (shuttingDown) return;
    const how = signal ? `killed by ${signal}` : `exit code ${code ?? '?'}`;
    if (!up) {
      shout(`${s.name} stopped while the system was starting (${how}); stopping everything.`);
      void stopAll(1);
      return;
    }
    if (Date.now() - s.startedAt > STABLE_MS) s.restarts = 0;
    const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** s.restarts);
    s.restarts += 1;
    shout(
      `${s.name} crashed (${how}); restarting it in ${delay / 1000} s (restart ${s.restarts}). ` +
        (s.replicated
          ? 'Its other replicas keep serving meanwhile.'
          : 'The other services keep serving; its fields answer UPSTREAM_UNAVAILABLE meanwhile.'),
    );
    s.timer = setTimeout(() => {
      s.timer = undefined;
      if (!shuttingDown) launch(s);
    }, delay);
  });
}

function supervise(name: string, command: string, args: string[], env: Record<string, string | undefined>): Service {
  const s: Service = { name, command, args, env: { ...env }, startedAt: 0, restarts: 0 };
  services.push(s);
  launch(s);
  return s;
}

const node = (name: string, script: string, env: Record<string, string | undefined>) =>
  supervise(name, process.execPath, [resolve(root, script)], env);

const running = (c: ChildProcess | undefined): c is ChildProcess =>
  c !== undefined && c.exitCode === null && c.signalCode === null;

async function stopOne(s: Service) {
  if (s.timer) clearTimeout(s.timer);
  const c = s.child;
  if (!running(c)) return;
  const exited = new Promise((r) => c.once('exit', r));
  c.kill('SIGTERM');
  // Every process drains within 10 s; one that hangs past that is not allowed to keep a port.
  const hard = setTimeout(() => running(c) && c.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(hard);
}

async function stopAll(code: number): Promise<never> {
  shuttingDown = true;
  // Reverse start order: the gateway and worker drain first, then the subgraphs, then Redis.
  for (const s of [...services].reverse()) await stopOne(s);
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  process.exit(code);
}

// Last resort if this process dies of an error: children in their own process groups would outlive it.
process.on('exit', () => {
  for (const s of services) if (running(s.child)) s.child.kill('SIGKILL');
});

async function resolvePostgres(): Promise<string> {
  if (scriptEnv.DATABASE_URL) {
    if (!(await postgresAnswers(scriptEnv.DATABASE_URL)))
      throw new Error(`PostgreSQL at DATABASE_URL does not answer.`);
    return scriptEnv.DATABASE_URL;
  }
  const local = 'postgres://postgres@127.0.0.1:5432/postgres';
  if (await postgresAnswers(local)) return local;
  const dir = resolve(root, scriptEnv.NEXUS_DATA_DIR, 'postgres');
  say(`No PostgreSQL on localhost:5432; starting an embedded one (data in ${dir}).`);
  const pg = await startEmbeddedPostgres({ dir, port: 54329, password: 'nexus' });
  cleanups.push(() => pg.stop());
  return pg.url;
}

async function resolveRedis(): Promise<string> {
  if (scriptEnv.REDIS_URL) {
    if (!(await redisAnswers(scriptEnv.REDIS_URL))) throw new Error('Redis at REDIS_URL does not answer.');
    return scriptEnv.REDIS_URL;
  }
  const local = 'redis://127.0.0.1:6379';
  if (await redisAnswers(local)) return local;
  const port = 6391;
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error) {
    throw new Error(
      'No Redis answers on localhost:6379 and redis-server is not on PATH. Install Redis (e.g. `apt-get install redis-server`) or set REDIS_URL.',
    );
  }
  say(`No Redis on localhost:6379; starting redis-server on port ${port}.`);
  supervise(
    'redis-server',
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    processEnv(),
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50 && !(await redisAnswers(url, 200)); i++) await new Promise((r) => setTimeout(r, 100));
  return url;
}

/** `KEY=value` lines; blank lines and `#` comments skipped. */
const parseEnvFile = (text: string): Record<string, string> =>
  Object.fromEntries(
    text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#') && line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );

/**
 * Every secret some process requires (any `*_SECRET` without a default in commonEnv, the gateway's
 * or a subgraph's env) that the environment does not set: read from `<data dir>/secrets.env`, or
 * generated into it on first run (mode 0600; `.data/` is git-ignored). Nothing is generated in
 * production: there every process refuses to start until a real secret is set.
 */
async function developmentSecrets(env: Record<string, string | undefined>): Promise<Record<string, string>> {
  const manifests = await loadManifests();
  const names = new Set([
    ...developmentSecretNames(commonEnv),
    ...developmentSecretNames(gatewayEnvShape),
    ...manifests.flatMap((m) => developmentSecretNames(m.envShape)),
  ]);
  const missing = [...names].filter((n) => !env[n]).sort();
  if (missing.length === 0) return {};
  if (scriptEnv.NODE_ENV === 'production') {
    throw new Error(`Set ${missing.join(', ')}: npm start generates secrets only for development.`);
  }
  const file = resolve(root, scriptEnv.NEXUS_DATA_DIR, 'secrets.env');
  const shown = relative(process.cwd(), file) || file;
  const stored = existsSync(file) ? parseEnvFile(readFileSync(file, 'utf8')) : {};
  const added = missing.filter((n) => !stored[n]);
  if (added.length > 0) {
    for (const n of added) stored[n] = randomSecret(48);
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const lines = Object.entries(stored).map(([k, v]) => `${k}=${v}`);
    writeFileSync(
      file,
      `# Development secrets generated by \`npm start\`; never use them in production.\n${lines.join('\n')}\n`,
      { mode: 0o600 },
    );
    chmodSync(file, 0o600);
    say(`Generated development secrets ${added.join(', ')} into ${shown} (mode 0600, git-ignored).`);
  } else {
    say(`Using the development secrets in ${shown}.`);
  }
  return Object.fromEntries(missing.map((n) => [n, stored[n] ?? '']));
}

async function waitHealthy(s: Service, url: string, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (shuttingDown) return;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${s.name} did not become healthy at ${url}`);
}

process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));
process.once('SIGHUP', () => void stopAll(0));

try {
  const base = processEnv();
  const secrets = await developmentSecrets(base);
  const databaseUrl = await resolvePostgres();
  const redisUrl = await resolveRedis();
  // The staff app and the client portal (`portal/index.html`) are built together.
  if (
    scriptEnv.WEB_DIST &&
    (!existsSync(resolve(root, scriptEnv.WEB_DIST, 'index.html')) ||
      !existsSync(resolve(root, scriptEnv.WEB_DIST, 'portal', 'index.html')))
  ) {
    say('Building the web app (first start only)...');
    const built = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) say('The web app did not build; the API still starts.');
  }
  const env: Record<string, string | undefined> = {
    ...secrets,
    ...base,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
  };
  let inboxUrl: string | undefined;
  if (!scriptEnv.SMTP_URL) {
    const catcher = await startMailCatcher({ httpPort: scriptEnv.MAIL_CATCHER_HTTP_PORT });
    cleanups.push(() => catcher.close());
    env.SMTP_URL = catcher.smtpUrl;
    inboxUrl = catcher.inboxUrl;
  }
  if (!scriptEnv.TT_API_URL) {
    const sim = node('tt-api-simulator', 'subgraphs/travel/simulator/main.ts', env);
    env.TT_API_URL = `http://127.0.0.1:${scriptEnv.TT_SIM_PORT}`;
    await waitHealthy(sim, `${env.TT_API_URL}/health`);
  }
  const replicas = loadEnv(replicaEnv, base);
  const count = (name: string) => replicas[replicasVariable(name)] ?? 1;
  const gatewayPorts = replicaPorts(scriptEnv.GATEWAY_PORT, count('gateway'));
  // Jobs and public routes act on the graph through every gateway in turn (GATEWAY_URL).
  env.GATEWAY_URL ??= gatewayPorts.map((p) => `http://127.0.0.1:${p}/graphql`).join(',');
  // Every registered subgraph, in registry order (identity first: the others' seeds name its users).
  // A subgraph's replicas start one after another, so only the first migrates and seeds.
  for (const s of SUBGRAPHS) {
    // `<NAME>_PORT` moves a subgraph off its registry port; the gateway must then be told too.
    const ports = replicaPorts(Number(env[portVariable(s.name)] ?? s.port), count(s.name));
    env[urlVariable(s.name)] ??= ports.map((p) => `http://127.0.0.1:${p}/graphql`).join(',');
    for (const [k, port] of ports.entries()) {
      const name = k === 0 ? s.name : `${s.name}-${k + 1}`;
      const service = node(name, `subgraphs/${s.name}/src/main.ts`, { ...env, [portVariable(s.name)]: String(port) });
      service.replicated = ports.length > 1;
      await waitHealthy(service, `http://127.0.0.1:${port}/health`);
    }
  }
  node('worker', 'scripts/worker.ts', env);
  for (const [k, gatewayPort] of gatewayPorts.entries()) {
    const gateway = node(k === 0 ? 'gateway' : `gateway-${k + 1}`, 'gateway/src/main.ts', {
      ...env,
      GATEWAY_PORT: String(gatewayPort),
    });
    gateway.replicated = gatewayPorts.length > 1;
    await waitHealthy(gateway, `http://127.0.0.1:${gatewayPort}/health`);
  }
  const port = scriptEnv.GATEWAY_PORT;
  if (shuttingDown) await new Promise(() => undefined);
  up = true;
  say('');
  say(`Nexus is up:  http://localhost:${port}/          (staff app)`);
  for (const other of gatewayPorts.slice(1)) say(`              http://localhost:${other}/          (another gateway)`);
  say(
    `              http://localhost:${port}/graphql   (GraphQL Playground; sign in first, then set the Authorization header)`,
  );
  if (inboxUrl) say(`              ${inboxUrl.padEnd(32)} (development inbox: every email the system sends)`);
  say(`Demo accounts (password: ${env.DEMO_PASSWORD ?? 'nexus-demo-password'}):`);
  for (const u of DEMO_USERS.slice(0, 5)) say(`  ${u.role.padEnd(8)} ${u.email}`);
  say('A crashed service is restarted on its own. Ctrl-C stops everything.');
} catch (e) {
  shout(e instanceof Error ? e.message : String(e));
  await stopAll(1);
}
