import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dropDatabase, portVariable } from '@nexus/platform';
import { SUBGRAPHS } from '../../subgraphs/registry.ts';
import { bearer, codes, gql, signIn } from '../support/client.ts';
import { testEnv } from '../support/env.ts';
import { freePort } from '../support/ports.ts';

// Issue 17 finding 5: killing one subgraph under `npm start` stopped every process. Now the
// supervisor restarts it with backoff while the others keep serving, and the gateway answers the
// other subgraphs' data with a clear error on the dead one's fields.

const root = resolve(import.meta.dirname, '../..');

let child: ChildProcess;
let output = '';
let gatewayUrl = '';
let dataDir = '';
const dbPrefix = `t_${process.pid}_sup_`;
const pidOf = (name: string, after = 0) => {
  const pids = [...output.matchAll(new RegExp(`\\[nexus\\] ${name} started \\(pid (\\d+)\\)`, 'g'))].map((m) =>
    Number(m[1]),
  );
  return pids.slice(after);
};
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'nexus-start-'));
  const ports: Record<string, string> = {};
  for (const s of SUBGRAPHS) ports[portVariable(s.name)] = String(await freePort());
  const gatewayPort = await freePort();
  const env: Record<string, string | undefined> = {
    ...process.env,
    ...ports,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATABASE_URL: testEnv.DATABASE_URL,
    REDIS_URL: testEnv.REDIS_URL,
    DATABASE_PREFIX: dbPrefix,
    REDIS_PREFIX: `nexus-test-${dbPrefix}`,
    GATEWAY_PORT: String(gatewayPort),
    TT_SIM_PORT: String(await freePort()),
    MAIL_CATCHER_HTTP_PORT: String(await freePort()),
    NEXUS_DATA_DIR: dataDir,
    WEB_DIST: '',
  };
  // npm start generates its own development secrets; the test run's are not handed down.
  for (const name of [
    'JWT_SECRET',
    'INTERNAL_TOKEN_SECRET',
    'TT_API_URL',
    'SMTP_URL',
    'VITEST',
    'VITEST_POOL_ID',
    'VITEST_WORKER_ID',
  ])
    delete env[name];
  child = spawn(process.execPath, [resolve(root, 'scripts/start.ts')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const up = await new Promise<boolean>((done) => {
    const timer = setInterval(() => {
      const finished = output.includes('Nexus is up') ? true : child.exitCode !== null ? false : null;
      if (finished === null) return;
      clearInterval(timer);
      done(finished);
    }, 250);
  });
  expect(up, output.slice(-4000)).toBe(true);
  gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
}, 300_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
  }
  for (const s of SUBGRAPHS) await dropDatabase(testEnv.DATABASE_URL, `${dbPrefix}${s.name}`).catch(() => undefined);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('npm start', () => {
  it('generates its development secrets into a private file and says where', () => {
    const file = join(dataDir, 'secrets.env');
    expect(output).toContain('Generated development secrets');
    expect(output).toContain('secrets.env');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^JWT_SECRET=\S{48,}$/m);
    expect(text).toMatch(/^INTERNAL_TOKEN_SECRET=\S{48,}$/m);
  });

  it('runs the development mail catcher and prints its inbox beside the app URL', async () => {
    const inbox = /(http:\/\/127\.0\.0\.1:\d+\/)\s+\(development inbox/.exec(output)?.[1];
    expect(inbox).toBeDefined();
    const res = await fetch(inbox ?? '');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Development inbox');
  });

  it('keeps serving when travel is killed, answers a clear error on its fields, and brings it back', async () => {
    const { accessToken } = await signIn(gatewayUrl, 'advisor@nexus.test');
    const auth = bearer(accessToken);
    const CRM = '{ contacts(first: 1) { totalCount } }';
    const MIXED = '{ contacts(first: 1) { totalCount } travelers(first: 1) { totalCount } }';
    const before = await gql<{ travelers: { totalCount: number } }>(gatewayUrl, MIXED, {}, auth);
    expect(before.errors).toBeUndefined();

    const [travelPid] = pidOf('travel');
    expect(travelPid).toBeGreaterThan(0);
    const startsBefore = pidOf('travel').length;
    process.kill(travelPid ?? 0, 'SIGKILL');
    await vi.waitFor(() => expect(output).toContain('travel crashed (killed by SIGKILL)'), { timeout: 10_000 });

    const crm = await gql<{ contacts: { totalCount: number } }>(gatewayUrl, CRM, {}, auth);
    expect(crm.errors).toBeUndefined();
    expect(crm.data?.contacts.totalCount).toBeGreaterThan(0);

    const mixed = await gql<{ contacts: { totalCount: number } | null; travelers: unknown }>(
      gatewayUrl,
      MIXED,
      {},
      auth,
    );
    expect(mixed.status).toBe(200);
    expect(mixed.data?.contacts?.totalCount).toBeGreaterThan(0);
    expect(mixed.data?.travelers ?? null).toBeNull();
    expect(codes(mixed)).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(mixed.errors?.[0]?.message).toContain('travel service is unavailable');
    expect(mixed.errors?.[0]?.extensions?.service).toBe('travel');

    // The supervisor restarts it (with backoff) as a new process, and its fields answer again.
    await vi.waitFor(() => expect(pidOf('travel', startsBefore).length).toBe(1), { timeout: 60_000, interval: 250 });
    await vi.waitFor(
      async () => {
        const again = await gql<{ travelers: { totalCount: number } }>(gatewayUrl, MIXED, {}, auth);
        expect(again.errors).toBeUndefined();
        expect(again.data?.travelers.totalCount).toBe(before.data?.travelers.totalCount);
      },
      { timeout: 120_000, interval: 500 },
    );
    // The others were never restarted.
    for (const name of ['identity', 'crm', 'gateway', 'worker']) expect(pidOf(name)).toHaveLength(1);
  }, 240_000);

  it('stops everything on Ctrl-C, without the gateway crashing on the way out', async () => {
    const pids = ['identity', 'crm', 'gateway', 'worker', 'tt-api-simulator'].flatMap((n) => pidOf(n).slice(-1));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).toBe(0);
    expect(output).not.toContain('The server is not running');
    for (const pid of pids) expect(alive(pid), `pid ${pid}`).toBe(false);
  }, 60_000);
});
