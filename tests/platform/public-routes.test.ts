import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createClient, type RedisClientType } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, publicCaller, publicErrorHandler, publicRawBody, publicRouter } from '@nexus/platform';
import { createEdge } from '../../gateway/src/edge.ts';
import { loadGatewayEnv } from '../../gateway/src/env.ts';
import { publicProxy } from '../../gateway/src/public-proxy.ts';
import { isolate, type Isolation } from '../support/isolation.ts';

/**
 * A subgraph's public routes behind the gateway's REST edge: the contract every public page and
 * webhook (unsubscribe, tracking, quotes, surveys, ESP events) is built on.
 */
const listen = async (app: express.Express) => {
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};

describe('public routes', () => {
  let iso: Isolation;
  let redis: RedisClientType;
  let subgraph: Awaited<ReturnType<typeof listen>>;
  let gateway: Awaited<ReturnType<typeof listen>>;
  const seen: {
    viewerKind: string;
    ip: string;
    body: string;
    contentType: string | undefined;
    signature: string | undefined;
    other: string | undefined;
  }[] = [];

  beforeAll(async () => {
    iso = await isolate({ RATE_LIMIT_WEBHOOKS: '3' });
    const env = loadGatewayEnv(iso.vars);
    const log = createLogger('test');
    log.level = 'silent';

    const subApp = express();
    const router = publicRouter({ name: 'marketing', internalTokenSecret: env.INTERNAL_TOKEN_SECRET, log });
    router.get('/unsubscribe/:token', (req, res) => {
      res.setHeader('cache-control', 'no-store');
      res.type('html').send(`<h1>Unsubscribe ${req.params.token}</h1>`);
    });
    router.post('/webhooks/esp/events', (req, res) => {
      const caller = publicCaller(req, res);
      seen.push({
        viewerKind: caller.viewer.kind,
        ip: caller.ip,
        body: publicRawBody(req).toString('utf8'),
        contentType: req.header('content-type'),
        signature: req.header('x-esp-signature'),
        other: req.header('x-not-forwarded'),
      });
      res.status(202).json({ accepted: true });
    });
    router.get('/t/click', (_req, res) => res.redirect(302, 'https://example.com/landing'));
    router.get('/boom', () => {
      throw new Error('select * from secrets failed');
    });
    subApp.use('/public', router, publicErrorHandler(log));
    subgraph = await listen(subApp);

    redis = createClient({ url: env.REDIS_URL });
    await redis.connect();
    const edge = createEdge({ env, redis, log });
    const gwApp = express();
    gwApp.set('trust proxy', 'loopback');
    gwApp.use(edge.requestId, edge.securityHeaders, edge.cors);
    gwApp.use(
      publicProxy({
        edge,
        secret: env.INTERNAL_TOKEN_SECRET,
        timeoutMs: 2000,
        log,
        targets: [
          {
            name: 'marketing',
            graphqlUrl: `${subgraph.url}/graphql`,
            prefixes: [
              { prefix: '/unsubscribe', tier: 'general' },
              { prefix: '/webhooks/esp', tier: 'webhooks', headers: ['x-esp-signature'] },
              { prefix: '/t', tier: 'general' },
              { prefix: '/boom', tier: 'general' },
            ],
          },
          { name: 'sales', graphqlUrl: 'http://127.0.0.1:1/graphql', prefixes: [{ prefix: '/q', tier: 'general' }] },
        ],
      }),
    );
    gwApp.use(edge.notFound);
    gwApp.use(edge.errorHandler);
    gateway = await listen(gwApp);
  });

  afterAll(async () => {
    gateway?.server.close();
    subgraph?.server.close();
    await redis?.quit();
    await iso?.dispose();
  });

  it('serves a page through the gateway with its own headers and the edge’s', async () => {
    const res = await fetch(`${gateway.url}/unsubscribe/abc?x=1`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('<h1>Unsubscribe abc</h1>');
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-ratelimit-limit')).toBeTruthy();
  });

  it('forwards the exact body bytes and the prefix’s own headers, as an anonymous caller with the client address', async () => {
    const body = '[{"event":"open","sg_event_id":"e1"}]';
    const res = await fetch(`${gateway.url}/webhooks/esp/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-esp-signature': 'sig-1', 'x-not-forwarded': 'no' },
      body,
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: true });
    expect(seen.at(-1)).toEqual({
      viewerKind: 'anonymous',
      ip: '127.0.0.1',
      body,
      contentType: 'application/json',
      signature: 'sig-1',
      other: undefined,
    });
  });

  it('passes redirects back instead of following them', async () => {
    const res = await fetch(`${gateway.url}/t/click`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://example.com/landing');
  });

  it('applies the prefix’s rate tier', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await fetch(`${gateway.url}/webhooks/esp/events`, { method: 'POST', body: '[]' })).status);
    }
    expect(statuses.slice(-1)).toEqual([429]);
  });

  it('answers a subgraph failure with the envelope and no internals, and an unreachable one with 503', async () => {
    const boom = await fetch(`${gateway.url}/boom`);
    expect(boom.status).toBe(500);
    const text = await boom.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(text).not.toMatch(/select|secrets/);
    const down = await fetch(`${gateway.url}/q/abc`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ error: { code: 'UPSTREAM_UNAVAILABLE' } });
  });

  it('is refused by the subgraph without the gateway’s token', async () => {
    const direct = await fetch(`${subgraph.url}/public/unsubscribe/abc`);
    expect(direct.status).toBe(401);
    expect(await direct.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });
});
