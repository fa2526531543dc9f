import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { createClient, type RedisClientType } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAccessToken } from '@nexus/platform';
import { Authenticator } from '../../gateway/src/auth.ts';
import { loadGatewayEnv } from '../../gateway/src/env.ts';
import { testEnv } from '../support/env.ts';

// Fault R9: with Redis down, every signed-in request answered HTTP 500 INTERNAL_SERVER_ERROR, because
// the revocation check's driver error escaped the gateway's context creation. The gateway cannot
// tell a revoked session from a live one without Redis, so it still refuses, but as a retryable
// UPSTREAM_UNAVAILABLE naming Redis (HTTP 502), and recovers by itself once Redis is back.

/** A loopback port nothing listens on. */
const closedPort = async () => {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 1;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
};

const env = loadGatewayEnv({
  ...process.env,
  JWT_SECRET: testEnv.JWT_SECRET,
  INTERNAL_TOKEN_SECRET: testEnv.INTERNAL_TOKEN_SECRET,
  REDIS_PREFIX: `redis-outage-${randomUUID()}`,
});

let down: RedisClientType;
let up: RedisClientType;
beforeAll(async () => {
  // As platform's openRedis makes them: commands fail at once while Redis is unreachable.
  down = createClient({ url: `redis://127.0.0.1:${await closedPort()}`, disableOfflineQueue: true });
  up = createClient({ url: testEnv.REDIS_URL, disableOfflineQueue: true });
  await up.connect();
});
afterAll(async () => {
  await up?.close();
});

const advisorToken = async () =>
  (await signAccessToken({ userId: randomUUID(), role: 'advisor', sessionId: randomUUID() }, env.JWT_SECRET, 300))
    .token;

describe('the gateway with Redis unreachable', () => {
  it('a signed-in request is refused as UPSTREAM_UNAVAILABLE naming Redis, HTTP 502, not a 500', async () => {
    const token = await advisorToken();
    const failure = await new Authenticator(env, down).authenticate(`Bearer ${token}`, undefined).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toMatchObject({
      message: 'Redis is unavailable right now; this is temporary, try again shortly.',
      extensions: { code: 'UPSTREAM_UNAVAILABLE', service: 'redis', http: { status: 502 } },
    });
  });

  it('anonymous requests (sign-in) do not need the revocation check at all', async () => {
    const { viewer } = await new Authenticator(env, down).authenticate(undefined, undefined);
    expect(viewer.rank).toBeLessThan(0);
  });

  it('the same token is accepted once Redis answers', async () => {
    const token = await advisorToken();
    const { viewer } = await new Authenticator(env, up).authenticate(`Bearer ${token}`, undefined);
    expect(viewer.rank).toBe(2);
  });
});
