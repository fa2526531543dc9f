import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, codes, gql, signIn } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';
import { testEnv } from '../support/env.ts';

let system: System;
beforeAll(async () => {
  system = await startSystem({ env: { LOGIN_RATE_LIMIT: '1000' } });
});
afterAll(async () => system?.close());

const ME = '{ me { id email role } }';
const REFRESH = 'mutation($t: String) { refreshSession(refreshToken: $t) { accessToken refreshToken user { email } } }';
const jwtSecret = testEnv.JWT_SECRET;

describe('sign-in, refresh and logout', () => {
  it('signs in with the demo password and reads the signed-in user', async () => {
    const s = await signIn(system.gatewayUrl, 'manager@nexus.test');
    const me = await gql(system.gatewayUrl, ME, {}, bearer(s.accessToken));
    expect(me.data).toEqual({ me: { id: s.user.id, email: 'manager@nexus.test', role: 'MANAGER' } });
  });

  it('answers an unknown email and a wrong password the same way', async () => {
    const login = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }';
    const unknown = await gql(system.gatewayUrl, login, { e: 'nobody@nexus.test', p: 'whatever-password' });
    const wrong = await gql(system.gatewayUrl, login, { e: 'viewer@nexus.test', p: 'whatever-password' });
    expect(codes(unknown)).toEqual(['UNAUTHENTICATED']);
    expect(codes(wrong)).toEqual(['UNAUTHENTICATED']);
    expect(unknown.errors?.[0]?.message).toBe(wrong.errors?.[0]?.message);
    expect(unknown.data).toBeNull();
  });

  it('sets the refresh token as an HttpOnly, Secure, SameSite=Strict cookie', async () => {
    const res = await gql(
      system.gatewayUrl,
      'mutation { login(email: "advisor@nexus.test", password: "nexus-demo-password") { accessToken } }',
    );
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^nexus_refresh=[^;]+;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
  });

  it('refreshes from the cookie alone, as a browser does', async () => {
    const login = await gql(
      system.gatewayUrl,
      'mutation { login(email: "advisor@nexus.test", password: "nexus-demo-password") { accessToken } }',
    );
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const refreshed = await gql<{ refreshSession: { accessToken: string } }>(
      system.gatewayUrl,
      'mutation { refreshSession { accessToken user { email } } }',
      {},
      { cookie },
    );
    expect(refreshed.errors).toBeUndefined();
    const me = await gql(system.gatewayUrl, ME, {}, bearer(refreshed.data?.refreshSession.accessToken ?? ''));
    expect(me.data).toMatchObject({ me: { email: 'advisor@nexus.test' } });
  });

  it('rotates the refresh token, and reuse of an old one revokes the whole family', async () => {
    const first = await signIn(system.gatewayUrl, 'agent@nexus.test');
    const second = await gql<{ refreshSession: { accessToken: string; refreshToken: string } }>(system.gatewayUrl, REFRESH, { t: first.refreshToken });
    expect(second.errors).toBeUndefined();
    const rotated = second.data?.refreshSession;
    expect(rotated?.refreshToken).not.toBe(first.refreshToken);

    // The superseded token comes back: someone copied it. Everything of that session ends.
    const replay = await gql(system.gatewayUrl, REFRESH, { t: first.refreshToken });
    expect(codes(replay)).toEqual(['UNAUTHENTICATED']);
    const afterReplay = await gql(system.gatewayUrl, REFRESH, { t: rotated?.refreshToken });
    expect(codes(afterReplay)).toEqual(['UNAUTHENTICATED']);
    const meWithRevoked = await gql(system.gatewayUrl, ME, {}, bearer(rotated?.accessToken ?? ''));
    expect(codes(meWithRevoked)).toEqual(['UNAUTHENTICATED']);
  });

  it('logout ends the session: its refresh and access tokens stop working', async () => {
    const s = await signIn(system.gatewayUrl, 'viewer@nexus.test');
    const out = await gql(system.gatewayUrl, 'mutation($t: String) { logout(refreshToken: $t) }', { t: s.refreshToken });
    expect(out.data).toEqual({ logout: true });
    expect(codes(await gql(system.gatewayUrl, REFRESH, { t: s.refreshToken }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await gql(system.gatewayUrl, ME, {}, bearer(s.accessToken)))).toEqual(['UNAUTHENTICATED']);
  });

  it('issues access tokens that live at most 15 minutes', async () => {
    const res = await gql<{ login: { accessTokenExpiresAt: string } }>(
      system.gatewayUrl,
      'mutation { login(email: "viewer@nexus.test", password: "nexus-demo-password") { accessTokenExpiresAt } }',
    );
    const ms = new Date(res.data?.login.accessTokenExpiresAt ?? 0).getTime() - Date.now();
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThanOrEqual(15 * 60_000);
  });
});

describe('forged and misused tokens are UNAUTHENTICATED', () => {
  const unsigned = (payload: Record<string, unknown>) => {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    return `${enc({ alg: 'none', typ: 'JWT' })}.${enc(payload)}.`;
  };
  const sign = (payload: Record<string, unknown>, secret: string, exp: number) =>
    new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer('nexus-identity')
      .setAudience('nexus')
      .setSubject('0b6f6f0e-0000-4000-8000-000000000001')
      .setIssuedAt(exp - 900)
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(secret));
  const now = () => Math.floor(Date.now() / 1000);
  const admin = { role: 'ADMIN', sid: '11111111-1111-4111-8111-111111111111', typ: 'access', iatMs: Date.now() };

  it.each([
    ['alg none', async () => unsigned({ ...admin, sub: '0b6f6f0e-0000-4000-8000-000000000001', iss: 'nexus-identity', aud: 'nexus', exp: now() + 600 })],
    ['wrong key', async () => sign(admin, 'another-secret-that-is-long-enough-0123456789', now() + 600)],
    ['expired', async () => sign(admin, jwtSecret, now() - 5)],
    ['a refresh token as an access token', async () => (await signIn(system.gatewayUrl, 'admin@nexus.test')).refreshToken],
    ['garbage', async () => 'not-a-token'],
  ])('%s', async (_name, token) => {
    const res = await gql(system.gatewayUrl, ME, {}, bearer(await token()));
    expect(res.status).toBe(401);
    expect(codes(res)).toEqual(['UNAUTHENTICATED']);
    expect(res.data ?? null).toBeNull();
  });

  it('a token with an unknown role is denied', async () => {
    const token = await sign({ ...admin, role: 'SUPERUSER' }, jwtSecret, now() + 600);
    const res = await gql(system.gatewayUrl, ME, {}, bearer(token));
    expect(codes(res)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('integrator API keys', () => {
  it('an admin creates a key bound to a role; it works, records its use, and stops when revoked', async () => {
    const adminSession = await signIn(system.gatewayUrl, 'admin@nexus.test');
    const created = await gql<{ createApiKey: { secret: string; apiKey: { id: string; role: string; prefix: string } } }>(
      system.gatewayUrl,
      'mutation { createApiKey(input: { name: "n8n", role: VIEWER }) { secret apiKey { id role prefix } } }',
      {},
      bearer(adminSession.accessToken),
    );
    expect(created.errors).toBeUndefined();
    const key = created.data?.createApiKey;
    expect(key?.secret.startsWith(key.apiKey.prefix)).toBe(true);

    const asKey = await gql(system.gatewayUrl, '{ users(first: 1) { totalCount } }', {}, { 'x-api-key': key?.secret ?? '' });
    expect(asKey.errors).toBeUndefined();
    const forbidden = await gql(system.gatewayUrl, '{ apiKeys { nodes { id } } }', {}, bearer(key?.secret ?? ''));
    expect(codes(forbidden)).toEqual(['FORBIDDEN']);

    const listed = await gql<{ apiKeys: { nodes: { id: string; lastUsedAt: string | null }[] } | null }>(
      system.gatewayUrl,
      '{ apiKeys(first: 100) { nodes { id lastUsedAt } } }',
      {},
      bearer(adminSession.accessToken),
    );
    expect(listed.data?.apiKeys?.nodes.find((k) => k.id === key?.apiKey.id)?.lastUsedAt).not.toBeNull();
    // The secret is never readable again.
    expect(JSON.stringify(listed.data)).not.toContain(key?.secret ?? '@@');

    await gql(system.gatewayUrl, 'mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id: key?.apiKey.id }, bearer(adminSession.accessToken));
    // The gateway caches key checks for 10 s; a revoked key fails once that passes.
    await new Promise((r) => setTimeout(r, 10_500));
    const revoked = await gql(system.gatewayUrl, '{ users(first: 1) { totalCount } }', {}, { 'x-api-key': key?.secret ?? '' });
    expect(codes(revoked)).toEqual(['UNAUTHENTICATED']);
  }, 30_000);

  it('an unknown key is UNAUTHENTICATED', async () => {
    const res = await gql(system.gatewayUrl, '{ me { id } }', {}, { 'x-api-key': `nxk_abcdefgh_${'a'.repeat(43)}` });
    expect(codes(res)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('login rate limit and lockout', () => {
  it('counts aliased login fields, not requests', async () => {
    const limited = await startSystem({ env: { LOGIN_RATE_LIMIT: '10' } });
    try {
      const aliases = Array.from({ length: 11 }, (_, i) => `a${i}: login(email: "x${i}@nexus.test", password: "pw-pw-pw-pw-pw") { accessToken }`);
      const res = await gql(limited.gatewayUrl, `mutation { ${aliases.join(' ')} }`);
      expect(codes(res)).toEqual(['RATE_LIMITED']);
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it('locks an address after repeated failures, the same for unknown and real accounts', async () => {
    const login = 'mutation($e: String!) { login(email: $e, password: "definitely-wrong") { accessToken } }';
    for (const email of ['kai.patel@nexus.test', 'ghost@nexus.test']) {
      const answers: unknown[] = [];
      for (let i = 0; i < 6; i++) answers.push(codes(await gql(system.gatewayUrl, login, { e: email }))[0]);
      expect(answers.slice(0, 5)).toEqual(Array(5).fill('UNAUTHENTICATED'));
      expect(answers[5]).toBe('RATE_LIMITED');
    }
    // Even the right password waits out the lock.
    const right = await gql(system.gatewayUrl, 'mutation { login(email: "kai.patel@nexus.test", password: "nexus-demo-password") { accessToken } }');
    expect(codes(right)).toEqual(['RATE_LIMITED']);
  });
});

describe('admin user management', () => {
  it('creates a user, changes the role, deactivates, with an audit trail; non-admins cannot', async () => {
    const admin = await signIn(system.gatewayUrl, 'admin@nexus.test');
    const h = bearer(admin.accessToken);
    const created = await gql<{ createUser: { id: string } }>(
      system.gatewayUrl,
      'mutation { createUser(input: { email: "New.Person@Nexus.test", name: "New Person", role: AGENT, password: "a-long-password-1" }) { id email role } }',
      {},
      h,
    );
    expect(created.data?.createUser).toMatchObject({ email: 'new.person@nexus.test', role: 'AGENT' });
    const id = created.data?.createUser.id;
    const person = await signIn(system.gatewayUrl, 'new.person@nexus.test', 'a-long-password-1');

    await gql(system.gatewayUrl, 'mutation($id: ID!) { changeUserRole(input: { userId: $id, role: ADVISOR }) { role } }', { id }, h);
    // Old access tokens carry the old role, so they stop; a refresh picks up the new role.
    expect(codes(await gql(system.gatewayUrl, ME, {}, bearer(person.accessToken)))).toEqual(['UNAUTHENTICATED']);
    const refreshed = await gql<{ refreshSession: { accessToken: string } }>(system.gatewayUrl, REFRESH, { t: person.refreshToken });
    const me = await gql(system.gatewayUrl, ME, {}, bearer(refreshed.data?.refreshSession.accessToken ?? ''));
    expect(me.data).toMatchObject({ me: { role: 'ADVISOR' } });

    await gql(system.gatewayUrl, 'mutation($id: ID!) { deactivateUser(id: $id) { active } }', { id }, h);
    const blocked = await gql(system.gatewayUrl, 'mutation { login(email: "new.person@nexus.test", password: "a-long-password-1") { accessToken } }');
    expect(codes(blocked)).toEqual(['UNAUTHENTICATED']);

    const audit = await gql<{ auditLog: { nodes: { action: string; actorKind: string; actor: { email: string } | null }[] } }>(
      system.gatewayUrl,
      'query($id: ID!) { auditLog(filter: { targetId: $id }) { nodes { action actorKind actor { email } } } }',
      { id },
      h,
    );
    expect(audit.data?.auditLog.nodes.map((n) => n.action)).toEqual(['USER_DEACTIVATED', 'USER_ROLE_CHANGED', 'USER_CREATED']);
    expect(audit.data?.auditLog.nodes.map((n) => [n.actorKind, n.actor?.email])).toEqual(
      Array.from({ length: 3 }, () => ['USER', 'admin@nexus.test']),
    );

    const manager = await signIn(system.gatewayUrl, 'manager@nexus.test');
    const denied = await gql(
      system.gatewayUrl,
      'mutation { createUser(input: { email: "x@nexus.test", name: "X", role: ADMIN, password: "a-long-password-1" }) { id } }',
      {},
      bearer(manager.accessToken),
    );
    expect(codes(denied)).toEqual(['FORBIDDEN']);
  });

  it('bad input is BAD_USER_INPUT and creates nobody', async () => {
    const admin = await signIn(system.gatewayUrl, 'admin@nexus.test');
    const h = bearer(admin.accessToken);
    const count = async () =>
      (await gql<{ users: { totalCount: number } }>(system.gatewayUrl, '{ users { totalCount } }', {}, h)).data?.users.totalCount;
    const before = await count();
    const res = await gql(
      system.gatewayUrl,
      'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
      { i: { email: 'not-an-email', name: 'x'.repeat(500), role: 'AGENT', password: 'short' } },
      h,
    );
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    const fields = (res.errors?.[0]?.extensions?.fields as { path: string }[]).map((f) => f.path).sort();
    expect(fields).toEqual(['input.email', 'input.name', 'input.password']);
    const unknownEnum = await gql(system.gatewayUrl, 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { email: 'a@b.co', name: 'A', role: 'OWNER', password: 'a-long-password-1' } }, h);
    expect(codes(unknownEnum)).toEqual(['BAD_USER_INPUT']);
    const malformedId = await gql(system.gatewayUrl, 'mutation { deactivateUser(id: "42") { id } }', {}, h);
    expect(codes(malformedId)).toEqual(['BAD_USER_INPUT']);
    expect(await count()).toBe(before);
    for (const r of [res, unknownEnum, malformedId]) expect(r.raw).not.toMatch(/stacktrace|\bat .*\.ts:\d+/i);
  });
});
