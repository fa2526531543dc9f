/**
 * `npm start`: the whole system on one machine. Uses DATABASE_URL, or PostgreSQL on localhost:5432,
 * or an embedded PostgreSQL (data in $NEXUS_DATA_DIR/postgres, run as the unprivileged `nexus-pg`
 * account when started as root); REDIS_URL, or Redis on localhost:6379, or a
 * private `redis-server` from PATH. Then the TT-API simulator (unless TT_API_URL is set), every
 * subgraph (each migrates its database and seeds demo data once), the worker, and the gateway.
 * Ctrl-C stops everything.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  DEMO_USERS,
  portVariable,
  postgresAnswers,
  processEnv,
  redisAnswers,
  startEmbeddedPostgres,
  urlVariable,
} from '@nexus/platform';
import { scriptEnv } from './env.ts';
import { SUBGRAPHS } from './subgraphs.ts';

const root = resolve(import.meta.dirname, '..');
const children: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
const say = (msg: string) => process.stdout.write(`[nexus] ${msg}\n`);

async function stopAll(code: number): Promise<never> {
  for (const c of children.reverse()) if (c.exitCode === null) c.kill('SIGTERM');
  await Promise.all(
    children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : null)),
  );
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  process.exit(code);
}

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
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  children.push(child);
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50 && !(await redisAnswers(url, 200)); i++) await new Promise((r) => setTimeout(r, 100));
  return url;
}

function run(name: string, script: string, env: Record<string, string | undefined>): ChildProcess {
  const child = spawn(process.execPath, [resolve(root, script)], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  child.once('exit', (code, signal) => {
    if (!shuttingDown) {
      say(`${name} stopped (${signal ?? code}); stopping everything.`);
      void stopAll(1);
    }
  });
  children.push(child);
  return child;
}

async function waitHealthy(name: string, url: string, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} did not become healthy at ${url}`);
}

let shuttingDown = false;
process.once('SIGINT', () => ((shuttingDown = true), void stopAll(0)));
process.once('SIGTERM', () => ((shuttingDown = true), void stopAll(0)));

try {
  const databaseUrl = await resolvePostgres();
  const redisUrl = await resolveRedis();
  if (!existsSync(resolve(root, 'web/dist/index.html'))) {
    say('Building the web app (first start only)...');
    const built = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) say('The web app did not build; the API still starts.');
  }
  const env: Record<string, string | undefined> = { ...processEnv(), DATABASE_URL: databaseUrl, REDIS_URL: redisUrl };
  if (!scriptEnv.TT_API_URL) {
    run('tt-api-simulator', 'subgraphs/travel/simulator/main.ts', env);
    env.TT_API_URL = 'http://127.0.0.1:3100';
    await waitHealthy('TT-API simulator', 'http://127.0.0.1:3100/health');
  }
  // Every registered subgraph, in registry order (identity first: the others' seeds name its users).
  for (const s of SUBGRAPHS) {
    run(s.name, `subgraphs/${s.name}/src/main.ts`, env);
    // `<NAME>_PORT` moves a subgraph off its registry port; the gateway must then be told too.
    const port = Number(env[portVariable(s.name)] ?? s.port);
    env[urlVariable(s.name)] ??= `http://127.0.0.1:${port}/graphql`;
    await waitHealthy(s.name, `http://127.0.0.1:${port}/health`);
  }
  run('worker', 'scripts/worker.ts', env);
  run('gateway', 'gateway/src/main.ts', env);
  const port = scriptEnv.GATEWAY_PORT;
  await waitHealthy('gateway', `http://127.0.0.1:${port}/health`);
  say('');
  say(`Nexus is up:  http://localhost:${port}/          (staff app)`);
  say(
    `              http://localhost:${port}/graphql   (GraphQL Playground; sign in first, then set the Authorization header)`,
  );
  say(`Demo accounts (password: ${env.DEMO_PASSWORD ?? 'nexus-demo-password'}):`);
  for (const u of DEMO_USERS.slice(0, 5)) say(`  ${u.role.padEnd(8)} ${u.email}`);
  say('Ctrl-C stops everything.');
} catch (e) {
  say(e instanceof Error ? e.message : String(e));
  shuttingDown = true;
  await stopAll(1);
}
