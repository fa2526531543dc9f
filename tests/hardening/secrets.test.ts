import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_PLACEHOLDER_SECRETS, signViewerToken, viewerFor } from '@nexus/platform';
import { codes, gql } from '../support/client.ts';
import { testEnv } from '../support/env.ts';
import { startSystem, type System } from '../support/system.ts';

// Issue 17 finding 3: tokens signed with the built-in development secrets were accepted as ADMIN by
// the gateway and by every subgraph, and viewer tokens without `exp` were accepted.

const OLD_JWT_SECRET = 'dev-jwt-secret-change-me-0123456789abcdef';
const OLD_INTERNAL_SECRET = 'dev-internal-token-secret-change-me-0123456789';
const ADMIN_ID = '0b6f6f0e-0000-4000-8000-000000000001';
const key = (s: string) => new TextEncoder().encode(s);
const root = resolve(import.meta.dirname, '../..');

describe('tokens signed with the old defaults, or without a short exp', () => {
  let system: System;
  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(async () => system?.close());

  const askSubgraph = (name: string, token: string) =>
    fetch(`${system.subgraphUrls[name]}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-nexus-viewer': token },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
    });

  it('the gateway refuses an ADMIN access token signed with the old default JWT_SECRET', async () => {
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({
      role: 'ADMIN',
      sid: '11111111-1111-4111-8111-111111111111',
      typ: 'access',
      iatMs: Date.now(),
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer('nexus-identity')
      .setAudience('nexus')
      .setSubject(ADMIN_ID)
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(key(OLD_JWT_SECRET));
    const res = await gql(
      system.gatewayUrl,
      '{ users(first: 1) { totalCount } }',
      {},
      { authorization: `Bearer ${forged}` },
    );
    expect(res.status).toBe(401);
    expect(codes(res)).toEqual(['UNAUTHENTICATED']);
    expect(res.data ?? null).toBeNull();
  });

  it('every subgraph refuses a viewer token signed with the old default INTERNAL_TOKEN_SECRET', async () => {
    for (const name of Object.keys(system.subgraphUrls)) {
      const forged = await signViewerToken(viewerFor(ADMIN_ID, 'ADMIN'), name, OLD_INTERNAL_SECRET);
      const res = await askSubgraph(name, forged);
      expect(res.status, name).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    }
    // The same token signed with this system's own secret is accepted: the refusal is the key's.
    const genuine = await signViewerToken(viewerFor(ADMIN_ID, 'ADMIN'), 'crm', testEnv.INTERNAL_TOKEN_SECRET);
    expect((await askSubgraph('crm', genuine)).status).toBe(200);
  });

  it('a subgraph refuses a viewer token without exp, or one that lives longer than five minutes', async () => {
    const now = Math.floor(Date.now() / 1000);
    const base = () =>
      new SignJWT({ role: 'ADMIN' })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer('nexus-gateway')
        .setAudience('nexus:crm')
        .setSubject(ADMIN_ID)
        .setIssuedAt(now);
    const withoutExp = await base().sign(key(testEnv.INTERNAL_TOKEN_SECRET));
    const longLived = await base()
      .setExpirationTime(now + 24 * 3600)
      .sign(key(testEnv.INTERNAL_TOKEN_SECRET));
    const withoutIat = await new SignJWT({ role: 'ADMIN' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer('nexus-gateway')
      .setAudience('nexus:crm')
      .setSubject(ADMIN_ID)
      .setExpirationTime(now + 60)
      .sign(key(testEnv.INTERNAL_TOKEN_SECRET));
    for (const token of [withoutExp, longLived, withoutIat]) expect((await askSubgraph('crm', token)).status).toBe(401);
    const shortLived = await base()
      .setExpirationTime(now + 60)
      .sign(key(testEnv.INTERNAL_TOKEN_SECRET));
    expect((await askSubgraph('crm', shortLived)).status).toBe(200);
  });
});

describe('a process with a missing, short or placeholder secret', () => {
  const start = (script: string, secrets: Record<string, string | undefined>) => {
    const env: Record<string, string | undefined> = {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: testEnv.DATABASE_URL,
      REDIS_URL: testEnv.REDIS_URL,
      JWT_SECRET: testEnv.JWT_SECRET,
      INTERNAL_TOKEN_SECRET: testEnv.INTERNAL_TOKEN_SECRET,
      ...secrets,
    };
    for (const [k, v] of Object.entries(secrets)) if (v === undefined) delete env[k];
    return spawnSync(process.execPath, [resolve(root, script)], { env, encoding: 'utf8', timeout: 60_000 });
  };

  it.each([
    ['a subgraph', 'subgraphs/crm/src/main.ts', 'INTERNAL_TOKEN_SECRET', OLD_INTERNAL_SECRET, 'placeholder'],
    ['the gateway', 'gateway/src/main.ts', 'JWT_SECRET', OLD_JWT_SECRET, 'placeholder'],
    ['identity', 'subgraphs/identity/src/main.ts', 'JWT_SECRET', KNOWN_PLACEHOLDER_SECRETS[3], 'placeholder'],
    ['the gateway', 'gateway/src/main.ts', 'INTERNAL_TOKEN_SECRET', 'only-twenty-bytes-xx', 'too short'],
    ['a subgraph', 'subgraphs/travel/src/main.ts', 'INTERNAL_TOKEN_SECRET', undefined, 'missing'],
  ])('%s (%s) refuses %s = %s and says why', (_who, script, name, value, why) => {
    const run = start(script, { [name]: value });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Invalid environment');
    expect(run.stderr).toContain(`${name}: `);
    expect(run.stderr).toContain(why);
    // In every NODE_ENV, not only production.
    expect(start(script, { [name]: value, NODE_ENV: 'test' }).status).toBe(1);
  });
});
