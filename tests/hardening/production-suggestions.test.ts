import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, gql, signIn } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';

// Issue 17 finding 6 (part): with NODE_ENV=production no error suggests field or enum names
// ("Did you mean ...?"), in validation, in variable coercion, or over the socket.

const PASSWORD = `first-admin-${randomUUID()}`;
let system: System;
let admin: { accessToken: string };
beforeAll(async () => {
  system = await startSystem({
    env: {
      NODE_ENV: 'production',
      JWT_SECRET: `test-jwt-${randomUUID()}-${randomUUID()}`,
      INTERNAL_TOKEN_SECRET: `test-internal-${randomUUID()}-${randomUUID()}`,
      UNSUBSCRIBE_SECRET: `test-unsubscribe-${randomUUID()}-${randomUUID()}`,
      PASSPORT_ALERT_DEFAULT_USER_ID: randomUUID(),
      // Production seeds no demo users; this is how a deployment gets its first account.
      BOOTSTRAP_ADMIN_EMAIL: 'first.admin@example.com',
      BOOTSTRAP_ADMIN_PASSWORD: PASSWORD,
    },
  });
  admin = await signIn(system.gatewayUrl, 'first.admin@example.com', PASSWORD);
});
afterAll(async () => system?.close());

describe('production hides schema suggestions', () => {
  it('in field and enum validation errors', async () => {
    const field = await gql(system.gatewayUrl, '{ usres { totalCount } }', {}, bearer(admin.accessToken));
    const enumLiteral = await gql(
      system.gatewayUrl,
      '{ users(filter: { role: ADMN }) { totalCount } }',
      {},
      bearer(admin.accessToken),
    );
    const anonymous = await gql(system.gatewayUrl, '{ usres { totalCount } }');
    for (const res of [field, enumLiteral, anonymous]) {
      expect(res.status).toBe(400);
      expect(res.errors?.length).toBeGreaterThan(0);
      expect(res.raw).not.toMatch(/Did you mean/);
      expect(res.raw).not.toContain('ADMIN');
      expect(res.raw).not.toContain('"users"');
    }
  });

  it('in variable coercion errors', async () => {
    const res = await gql(
      system.gatewayUrl,
      'query($r: Role) { users(filter: { role: $r }) { totalCount } }',
      { r: 'ADMN' },
      bearer(admin.accessToken),
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.raw).not.toMatch(/Did you mean/);
    expect(res.raw).not.toContain('ADMIN');
  });

  it('over the socket', async () => {
    const client = createClient({
      url: `${system.gatewayUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${admin.accessToken}` },
      retryAttempts: 0,
    });
    const errors = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: 'subscription { contactChangd { id } }' },
        { next: () => undefined, error: resolve, complete: () => resolve(null) },
      );
    });
    expect(JSON.stringify(errors)).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(errors)).not.toMatch(/Did you mean/);
    await client.dispose();
  });
});
