/**
 * A newcomer's `npm start` on a machine where nothing answers on 5432 or 6379: it runs in a network
 * namespace of its own (so the machine's PostgreSQL and Redis are out of reach, and its ports clash
 * with nothing), falls back to the embedded PostgreSQL and a private redis-server, and the gateway
 * answers /health. As root, PostgreSQL must run as the unprivileged `nexus-pg` account. The data
 * directory (.data/start-test) is kept between runs, so only the first run pays for initdb.
 * Needs root and `ip netns` (as in CI); skipped elsewhere, saying why.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EMBEDDED_PG_USER } from '@nexus/platform';

const root = resolve(import.meta.dirname, '../..');
const namespace = `nexus-start-${process.pid}`;
const isRoot = process.getuid?.() === 0;
const netnsWorks = isRoot && spawnSync('ip', ['netns', 'list'], { stdio: 'ignore' }).status === 0;
const hasRedisServer = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
const why = !isRoot
  ? 'needs root (network namespaces)'
  : !netnsWorks
    ? '`ip netns` is unavailable'
    : !hasRedisServer
      ? 'redis-server is not on PATH'
      : '';

let child: ChildProcess | undefined;
let output = '';

const inNamespace = (cmd: string, args: string[]) =>
  spawnSync('ip', ['netns', 'exec', namespace, cmd, ...args], { encoding: 'utf8', timeout: 20_000 });

afterAll(async () => {
  if (child?.pid && child.exitCode === null) {
    const exited = new Promise((r) => child?.once('exit', r));
    // npm start was started as its own process group; Ctrl-C is what a person would press.
    process.kill(-child.pid, 'SIGINT');
    await exited;
  }
  // Whatever of that process group outlived the Ctrl-C (nothing, normally) goes too.
  if (child?.pid) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // the group is already empty
    }
  }
  if (netnsWorks) spawnSync('ip', ['netns', 'delete', namespace], { stdio: 'ignore' });
}, 60_000);

describe.skipIf(why !== '')(`npm start with nothing on 5432 and 6379${why ? ` (skipped: ${why})` : ''}`, () => {
  it('starts the embedded PostgreSQL as an unprivileged user and the gateway answers /health', async () => {
    expect(spawnSync('ip', ['netns', 'add', namespace]).status).toBe(0);
    expect(inNamespace('ip', ['link', 'set', 'lo', 'up']).status).toBe(0);
    const env: Record<string, string | undefined> = {
      ...process.env,
      NEXUS_DATA_DIR: '.data/start-test',
      LOG_LEVEL: 'warn',
    };
    for (const name of [
      'DATABASE_URL',
      'REDIS_URL',
      'TT_API_URL',
      'NODE_OPTIONS',
      'VITEST',
      'VITEST_POOL_ID',
      'VITEST_WORKER_ID',
      'NODE_ENV',
    ])
      delete env[name];
    child = spawn('ip', ['netns', 'exec', namespace, 'npm', 'start'], {
      cwd: root,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    const up = await new Promise<boolean>((done) => {
      const timer = setInterval(() => {
        const finished = output.includes('Nexus is up') ? true : child?.exitCode !== null ? false : null;
        if (finished === null) return;
        clearInterval(timer);
        done(finished);
      }, 250);
    });
    expect(up, output.slice(-4000)).toBe(true);
    expect(output).toContain('starting an embedded one');
    expect(output).toContain('starting redis-server');

    const health = inNamespace(process.execPath, [
      '-e',
      "fetch('http://127.0.0.1:4000/health').then(async (r) => console.log(JSON.stringify({ status: r.status, body: await r.json() })))",
    ]);
    const answer = JSON.parse(health.stdout) as { status: number; body: { status: string } };
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('ok');

    const owner = statSync(resolve(root, '.data/start-test/postgres')).uid;
    const pgUser = spawnSync('id', ['-u', EMBEDDED_PG_USER], { encoding: 'utf8' });
    expect(owner).toBe(Number(pgUser.stdout.trim()));
  }, 600_000);
});
