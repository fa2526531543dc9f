/**
 * `npm run new-subgraph` works end to end: in a temporary copy of the repository, the generator
 * creates and registers a subgraph; it composes with the others, its SDL passes the list
 * conventions, docker-compose.yml runs it, and it starts (as `npm start` starts it: its own
 * process) and answers through the gateway. Nothing in the working tree changes.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDatabase } from '@nexus/platform';
import { composeFileProblems } from '../../scripts/compose-file.ts';
import { newSubgraph } from '../../scripts/new-subgraph.ts';
import { conventionProblems } from '../support/conventions.ts';
import { testEnv } from '../support/env.ts';
import { freePort } from '../support/ports.ts';

const root = resolve(import.meta.dirname, '../..');
const NAME = 'widgets';
const copy = mkdtempSync(join(tmpdir(), 'nexus-new-subgraph-'));
// The sweeper in global-setup drops databases of this shape once this process is gone.
const dbPrefix = `t_${process.pid}_${randomBytes(4).toString('hex')}_`;
const children: ChildProcess[] = [];

/** Waits until `url` answers: 200, or with `anyStatus` any HTTP answer at all. */
async function healthy(url: string, child: ChildProcess, log: () => string, anyStatus = false) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`exited before ${url} answered:\n${log()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok || anyStatus) return;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} never answered:\n${log()}`);
}

const gql = async (url: string, query: string, variables: Record<string, unknown> = {}, token?: string) => {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
};

beforeAll(() => {
  for (const path of [
    'package.json',
    'tsconfig.json',
    'docker-compose.yml',
    '.env.example',
    'platform',
    'subgraphs',
    'gateway',
    'scripts',
  ]) {
    cpSync(join(root, path), join(copy, path), { recursive: true, filter: (src) => !src.includes('/node_modules') });
  }
  // Workspace packages resolve through the repository's own install.
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
});

afterAll(async () => {
  await Promise.all(
    children.map((c) => {
      if (c.exitCode !== null) return null;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      return exited;
    }),
  );
  for (const db of ['identity', NAME])
    await dropDatabase(testEnv.DATABASE_URL, `${dbPrefix}${db}`).catch(() => undefined);
  rmSync(copy, { recursive: true, force: true });
}, 60_000);

describe('a subgraph made by the generator', () => {
  it('is registered everywhere that lists subgraphs', async () => {
    const { port } = await newSubgraph(copy, NAME, { port: 4090 });
    expect(port).toBe(4090);
    expect(readFileSync(join(copy, 'subgraphs/registry.ts'), 'utf8')).toContain(`{ name: '${NAME}', port: 4090,`);
    expect(JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8')).workspaces).toContain(`subgraphs/${NAME}`);
    expect(
      composeFileProblems(readFileSync(join(copy, 'docker-compose.yml'), 'utf8'), [{ name: NAME, port: 4090 }]),
    ).toEqual([]);
    expect(readFileSync(join(copy, '.env.example'), 'utf8')).toContain('#WIDGETS_URL=http://127.0.0.1:4090/graphql');
    // The working tree is untouched.
    expect(readFileSync(join(root, 'subgraphs/registry.ts'), 'utf8')).not.toContain(NAME);
  });

  it('composes with the others, and its SDL follows the list conventions', () => {
    const composed = spawnSync(process.execPath, ['scripts/compose.ts'], { cwd: copy, encoding: 'utf8' });
    expect(composed.status, composed.stderr).toBe(0);
    const api = buildSchema(readFileSync(join(copy, 'gateway/supergraph-api.graphql'), 'utf8'));
    expect(Object.keys(api.getQueryType()?.getFields() ?? {})).toEqual(
      expect.arrayContaining(['widgetsNotes', 'widgetsNote', 'contacts', 'me']),
    );
    expect(conventionProblems(api).filter((p) => /widgets/i.test(p))).toEqual([]);
  });

  it('starts and answers through the gateway', async () => {
    const [identityPort, widgetsPort, gatewayPort] = [await freePort(), await freePort(), await freePort()];
    const env: Record<string, string | undefined> = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_URL: testEnv.DATABASE_URL,
      REDIS_URL: testEnv.REDIS_URL,
      DATABASE_PREFIX: dbPrefix,
      REDIS_PREFIX: `nexus-test-${dbPrefix}`,
      IDENTITY_PORT: String(identityPort),
      WIDGETS_PORT: String(widgetsPort),
      GATEWAY_PORT: String(gatewayPort),
      IDENTITY_URL: `http://127.0.0.1:${identityPort}/graphql`,
      WIDGETS_URL: `http://127.0.0.1:${widgetsPort}/graphql`,
      WEB_DIST: '',
    };
    let output = '';
    const run = (script: string) => {
      const child = spawn(process.execPath, [script], { cwd: copy, env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
      children.push(child);
      return child;
    };
    await healthy(`http://127.0.0.1:${identityPort}/health`, run('subgraphs/identity/src/main.ts'), () => output);
    await healthy(`http://127.0.0.1:${widgetsPort}/health`, run(`subgraphs/${NAME}/src/main.ts`), () => output);
    const gateway = `http://127.0.0.1:${gatewayPort}`;
    // The gateway's /health reports crm and travel down (this world runs only identity and widgets).
    await healthy(`${gateway}/health`, run('gateway/src/main.ts'), () => output, true);

    const login = await gql(
      gateway,
      'mutation { login(email: "advisor@nexus.test", password: "nexus-demo-password") { accessToken } }',
    );
    const token = (login.data?.login as { accessToken: string } | undefined)?.accessToken;
    expect(token, JSON.stringify(login)).toBeTruthy();

    const created = await gql(
      gateway,
      'mutation($t: String!) { createWidgetsNote(input: { title: $t }) { id title } }',
      { t: 'First widget note' },
      token,
    );
    expect(created.errors).toBeUndefined();
    const listed = await gql(
      gateway,
      '{ widgetsNotes(first: 10, filter: { search: "widget" }) { totalCount nodes { title } pageInfo { hasNextPage } } me { email } }',
      {},
      token,
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data).toEqual({
      widgetsNotes: { totalCount: 1, nodes: [{ title: 'First widget note' }], pageInfo: { hasNextPage: false } },
      me: { email: 'advisor@nexus.test' },
    });

    const refused = await gql(gateway, '{ widgetsNotes(first: 101) { totalCount } }', {}, token);
    expect(refused.errors?.[0]?.message).toMatch(/at most 100/);
  }, 180_000);
});
