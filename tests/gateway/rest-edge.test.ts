import type { AddressInfo } from 'node:net';
import express from 'express';
import { createClient, type RedisClientType } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@nexus/platform';
import { createEdge, type Edge } from '../../gateway/src/edge.ts';
import { loadGatewayEnv } from '../../gateway/src/env.ts';
import { startSystem, type System } from '../support/system.ts';

/** The gateway's REST edge as a browser, an integrator or a webhook sender meets it. */

const ALLOWED = 'https://partner.example.com';
let system: System;
beforeAll(async () => {
  system = await startSystem({ web: true, env: { CORS_ORIGINS: `${ALLOWED}, https://other.example.com` } });
}, 120_000);
afterAll(async () => system?.close());

interface Envelope {
  error: { code: string; message: string; details: unknown; requestId: string };
}

describe('request ids and security headers', () => {
  it('returns a generated X-Request-Id, echoes a forwarded one, and ignores a malformed one', async () => {
    const generated = await fetch(`${system.gatewayUrl}/health`);
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const forwarded = await fetch(`${system.gatewayUrl}/health`, { headers: { 'x-request-id': 'lb-7f3a.42' } });
    expect(forwarded.headers.get('x-request-id')).toBe('lb-7f3a.42');
    const injected = await fetch(`${system.gatewayUrl}/health`, { headers: { 'x-request-id': 'a b\tc' } });
    expect(injected.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('carries the request id into the error envelope', async () => {
    const res = await fetch(`${system.gatewayUrl}/api/x`, { headers: { 'x-request-id': 'trace-123' } });
    expect(((await res.json()) as Envelope).error.requestId).toBe('trace-123');
  });

  it('sends CSP with frame-ancestors, nosniff and a referrer policy on the web app', async () => {
    const res = await fetch(`${system.gatewayUrl}/`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('x-powered-by')).toBeNull();
    // Plain HTTP: HSTS would mean nothing and is not sent.
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('sends a CSP on the Playground page too', async () => {
    const res = await fetch(`${system.gatewayUrl}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
  });
});

describe('JSON 404s', () => {
  it('answers unknown /api, /webhooks and /hooks paths with the envelope', async () => {
    for (const path of ['/api/x', '/api', '/webhooks/x', '/hooks/x']) {
      const res = await fetch(`${system.gatewayUrl}${path}`, { headers: { accept: 'text/html' } });
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/application\/json/);
      const body = (await res.json()) as Envelope;
      expect(body.error).toMatchObject({
        code: 'NOT_FOUND',
        details: null,
        requestId: res.headers.get('x-request-id'),
      });
    }
  });

  it('answers an unknown page under a prefix a subgraph serves with that subgraph’s 404, never the web app', async () => {
    for (const path of ['/unsubscribe/x', '/kb/no-such-article', '/meet/no-such-page', '/q/x', '/s/x', '/lp/no-such-page', '/forms/x']) {
      const res = await fetch(`${system.gatewayUrl}${path}`, { headers: { accept: 'text/html' } });
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toMatch(/<div id="root">/);
      expect(res.headers.get('x-request-id'), path).toBeTruthy();
    }
  });

  it('still serves the web app for its own routes', async () => {
    for (const path of ['/crm/contacts', '/travel/trips', '/login']) {
      const res = await fetch(`${system.gatewayUrl}${path}`, { headers: { accept: 'text/html' } });
      expect(res.status, path).toBe(200);
      expect(await res.text()).toMatch(/<div id="root">/);
    }
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    fetch(`${system.gatewayUrl}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });

  it('answers a preflight from an allowed origin with 204 and the CORS headers', async () => {
    const res = await preflight(ALLOWED);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(res.headers.get('access-control-max-age')).toBe('3600');
    const simple = await fetch(`${system.gatewayUrl}/health`, { headers: { origin: ALLOWED } });
    expect(simple.headers.get('access-control-expose-headers')).toMatch(/X-Request-Id/);
  });

  it('refuses a preflight from any other origin, with no CORS headers', async () => {
    const res = await preflight('https://evil.example.net');
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await res.json()) as Envelope).error.code).toBe('FORBIDDEN');
  });
});

/** One edge on a bare app: tiny limits and routes a test can steer. */
describe('rate limits, idempotency and the shared-secret guard', () => {
  let server: ReturnType<express.Express['listen']>;
  let base = '';
  let redis: RedisClientType;
  let edge: Edge;
  let runs = 0;
  let release: () => void = () => undefined;

  beforeAll(async () => {
    // Its own counters: the system's gateway above counts the same client address under the same tiers.
    const env = loadGatewayEnv({
      ...system.iso.vars,
      REDIS_PREFIX: `${system.iso.redisPrefix}:edge`,
      RATE_LIMIT_WEBHOOKS: '3',
    });
    redis = createClient({ url: env.REDIS_URL });
    await redis.connect();
    const log = createLogger('test');
    log.level = 'silent';
    edge = createEdge({ env, redis, log });
    const app = express();
    app.use(edge.requestId);
    app.use('/webhooks/limited', edge.limit('webhooks'), (_req, res) => {
      res.json({ ok: true });
    });
    app.post('/webhooks/once', ...edge.body(), edge.idempotent(), async (req, res) => {
      runs++;
      if ((req.body as { slow?: boolean }).slow) await new Promise<void>((r) => (release = r));
      res.status(201).json({ run: runs, got: req.body as unknown });
    });
    app.post(
      '/hooks/signed',
      edge.sharedSecret({ header: 'x-shared-secret', secret: 'a-long-enough-shared-secret', setting: 'TEST_SECRET' }),
      ...edge.body(64 * 1024),
      (_req, res) => {
        res.json({ raw: res.locals.rawBody ? String(res.locals.rawBody) : null });
      },
    );
    app.post(
      '/hooks/unset',
      edge.sharedSecret({ header: 'x-shared-secret', secret: undefined, setting: 'TEST_SECRET' }),
      (_req, res) => {
        res.json({ reached: true });
      },
    );
    app.use(edge.notFound);
    app.use(edge.errorHandler);
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.close();
    await redis?.quit();
  });

  it('counts a tier with X-RateLimit headers and answers 429 with Retry-After when it is spent', async () => {
    const seen: { status: number; limit: string | null; remaining: string | null; reset: string | null }[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${base}/webhooks/limited`);
      seen.push({
        status: res.status,
        limit: res.headers.get('x-ratelimit-limit'),
        remaining: res.headers.get('x-ratelimit-remaining'),
        reset: res.headers.get('x-ratelimit-reset'),
      });
      if (res.status === 429) {
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        const body = (await res.json()) as Envelope;
        expect(body.error.code).toBe('RATE_LIMITED');
        expect(body.error.details).toMatchObject({ retryAfterMs: expect.any(Number), tier: 'webhooks' });
      }
    }
    expect(seen.map((s) => s.status)).toEqual([200, 200, 200, 429]);
    expect(seen.map((s) => s.remaining)).toEqual(['2', '1', '0', '0']);
    expect(seen.every((s) => s.limit === '3' && Number(s.reset) > 0)).toBe(true);
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/webhooks/once`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('replays a finished request under the same key with Idempotent-Replayed: true', async () => {
    const before = runs;
    const first = await post({ order: 1 }, { 'idempotency-key': 'order-1' });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const firstBody = await first.json();
    const again = await post({ order: 1 }, { 'x-idempotency-key': 'order-1' });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(firstBody);
    expect(runs).toBe(before + 1);
  });

  it('keys a request without a key by its path and body', async () => {
    const before = runs;
    const first = await post({ event: 'delivered', id: 'e-77' });
    const again = await post({ event: 'delivered', id: 'e-77' });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    const other = await post({ event: 'delivered', id: 'e-78' });
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect(runs).toBe(before + 2);
  });

  it('answers 409 while the first request still runs, and 422 for the same key with another body', async () => {
    const before = runs;
    const slow = post({ slow: true }, { 'idempotency-key': 'slow-1' });
    // The handler counts the run as it starts; from then on the first request is in flight.
    while (runs === before) await new Promise((r) => setTimeout(r, 5));
    const inFlight = await post({ slow: true }, { 'idempotency-key': 'slow-1' });
    expect(inFlight.status).toBe(409);
    expect(((await inFlight.json()) as Envelope).error.code).toBe('CONFLICT');
    release();
    expect((await slow).status).toBe(201);

    const changed = await post({ slow: false, other: true }, { 'idempotency-key': 'slow-1' });
    expect(changed.status).toBe(422);
    expect(((await changed.json()) as Envelope).error.code).toBe('BAD_USER_INPUT');
  });

  it('answers 503 when the secret is unset and 401 when it is wrong, and keeps the raw body', async () => {
    const unset = await fetch(`${base}/hooks/unset`, { method: 'POST', headers: { 'x-shared-secret': 'anything' } });
    expect(unset.status).toBe(503);
    expect(((await unset.json()) as Envelope).error.code).toBe('SERVICE_UNAVAILABLE');
    for (const secret of [undefined, 'wrong', 'a-long-enough-shared-secre']) {
      const res = await fetch(`${base}/hooks/signed`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(secret ? { 'x-shared-secret': secret } : {}) },
        body: '{}',
      });
      expect(res.status).toBe(401);
      expect(((await res.json()) as Envelope).error.code).toBe('UNAUTHENTICATED');
    }
    const raw = '{ "b": 2,  "a": 1 }';
    const ok = await fetch(`${base}/hooks/signed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shared-secret': 'a-long-enough-shared-secret' },
      body: raw,
    });
    expect(await ok.json()).toEqual({ raw });
  });

  it('refuses an oversized or malformed body with the envelope, never a 500', async () => {
    const headers = { 'content-type': 'application/json', 'x-shared-secret': 'a-long-enough-shared-secret' };
    const big = await fetch(`${base}/hooks/signed`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ x: 'y'.repeat(70_000) }),
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as Envelope).error.code).toBe('BAD_USER_INPUT');
    const bad = await fetch(`${base}/hooks/signed`, { method: 'POST', headers, body: '{"x": ' });
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'BAD_USER_INPUT' } });
    expect(text).not.toMatch(/node_modules|\bat \w/);
  });
});
