import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { createClient as createWsClient, type Client } from 'graphql-ws';
import type { RedisClientType } from 'redis';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEventBus,
  createLogger,
  eventChannel,
  openRedis,
  revokedSessionKey,
  signAccessToken,
  type EventBus,
} from '@nexus/platform';
import { loadGatewayEnv } from '../../gateway/src/env.ts';
import { createGateway } from '../../gateway/src/server.ts';
import { testEnv } from '../support/env.ts';
import { eventually } from '../support/staff.ts';

// A Redis outage is not a revocation. An open graphql-ws socket re-checks its credential (revoked
// session, tokens-issued-before cut-off) in Redis on every operation and event; while Redis was
// unreachable every such check closed the socket with 4403, which tells a client its credential is
// gone (the web app signs the person out). Now the socket stays open and what it asked for answers
// UPSTREAM_UNAVAILABLE naming Redis; a new socket is closed with 1013 (Try Again Later, retried by
// graphql-ws clients), never 4403; and a real revocation still closes with 4403.
//
// The gateway under test reaches Redis through a TCP proxy the test stops and starts. Its event bus
// talks to Redis directly, so events keep arriving while the revocation check cannot run. No
// subgraph runs: `{ __typename }` is answered by the gateway itself.

/** A TCP proxy to the test Redis that can be taken down (listener closed, connections cut) and back up. */
function redisProxy(target: URL) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 6379), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.once('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  let port = 0;
  return {
    get url() {
      return `redis://127.0.0.1:${port}`;
    },
    async up() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
      port = (server.address() as net.AddressInfo).port;
    },
    async down() {
      const closed = new Promise<void>((r) => server.close(() => r()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}

const proxy = redisProxy(new URL(testEnv.REDIS_URL));
const log = createLogger('socket-redis-outage');
log.level = 'silent';
let gatewayRedis: RedisClientType;
let bus: EventBus;
let publisher: EventBus;
let gateway: Awaited<ReturnType<typeof createGateway>>;
let wsUrl = '';
let env: ReturnType<typeof loadGatewayEnv>;
const clients: Client[] = [];

beforeAll(async () => {
  await proxy.up();
  env = loadGatewayEnv({
    ...process.env,
    JWT_SECRET: testEnv.JWT_SECRET,
    INTERNAL_TOKEN_SECRET: testEnv.INTERNAL_TOKEN_SECRET,
    REDIS_URL: proxy.url,
    REDIS_PREFIX: `socket-redis-outage-${randomUUID()}`,
    WEB_DIST: '',
  });
  gatewayRedis = await openRedis(proxy.url, log);
  bus = createEventBus(testEnv.REDIS_URL, env.REDIS_PREFIX, log);
  publisher = createEventBus(testEnv.REDIS_URL, env.REDIS_PREFIX, log);
  gateway = await createGateway({ env, redis: gatewayRedis, bus, log });
  const port = await gateway.listen(0, '127.0.0.1');
  wsUrl = `ws://127.0.0.1:${port}/graphql`;
});
/** Each teardown step gets a bounded wait, so one stuck close cannot hold the file (or the run) up. */
const settle = (step: Promise<unknown> | void, ms = 10_000) =>
  Promise.race([Promise.resolve(step).catch(() => undefined), new Promise((r) => setTimeout(r, ms).unref())]);
afterAll(async () => {
  for (const c of clients) await settle(c.dispose());
  await settle(proxy.up());
  await settle(gateway?.stop(), 15_000);
  await settle(bus?.close());
  await settle(publisher?.close());
  await settle(gatewayRedis?.quit());
  await settle(proxy.down());
}, 90_000);

interface Socket {
  client: Client;
  /** Close codes the server sent, in order. */
  closes: number[];
  closed: Promise<number>;
}
function connect(token: string): Socket {
  let onClosed: (code: number) => void = () => undefined;
  const closes: number[] = [];
  const closed = new Promise<number>((r) => (onClosed = r));
  const client = createWsClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
    on: {
      closed: (event) => {
        const code = (event as { code: number }).code;
        closes.push(code);
        onClosed(code);
      },
    },
  });
  clients.push(client);
  return { client, closes, closed };
}

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}
/** One query over the socket: its single answer (data or errors). */
const ask = (client: Client, query: string) =>
  new Promise<Answer>((resolve, reject) => {
    let answer: Answer | undefined;
    client.subscribe(
      { query },
      {
        next: (m) => void (answer = m as Answer),
        error: (e) => (Array.isArray(e) ? resolve({ errors: e as Answer['errors'] }) : reject(e)),
        complete: () => (answer ? resolve(answer) : reject(new Error('no answer'))),
      },
    );
  });

const managerToken = async (sessionId = randomUUID()) =>
  (await signAccessToken({ userId: randomUUID(), role: 'manager', sessionId }, testEnv.JWT_SECRET, 300)).token;

describe('graphql-ws sockets while Redis is unreachable for the revocation check', () => {
  it('stay open and answer UPSTREAM_UNAVAILABLE; a new socket gets 1013, not 4403; all is well once Redis is back', async () => {
    const open = connect(await managerToken());
    expect(await ask(open.client, '{ __typename }')).toEqual({ data: { __typename: 'Query' } });

    // A live subscription on the same socket: its events arrive from the bus, which is not cut off.
    const events: Answer[] = [];
    const failures: unknown[] = [];
    const numsub = async () =>
      Number(Object.values(await gatewayRedis.pubSubNumSub(eventChannel(env.REDIS_PREFIX, 'contactChanged')))[0] ?? 0);
    open.client.subscribe(
      { query: 'subscription { contactChanged { id } }' },
      {
        next: (m) => void events.push(m as Answer),
        error: (e) => void failures.push(e),
        complete: () => undefined,
      },
    );

    // Live once the gateway listens on the topic's channel.
    await eventually(async () => expect(await numsub()).toBe(1));
    await proxy.down();
    await eventually(async () => expect(gatewayRedis.isReady).toBe(false));

    // An operation on the open socket: a retryable error naming Redis, not a closed socket.
    const during = await ask(open.client, '{ __typename }');
    expect(during.data ?? null).toBeNull();
    expect(during.errors?.map((e) => e.extensions)).toEqual([{ code: 'UPSTREAM_UNAVAILABLE', service: 'redis' }]);

    // An event for the subscription: the subscriber is told it could not be delivered, and stays.
    await eventually(async () => {
      await publisher.publish('contactChanged', { id: randomUUID() });
      expect(events.flatMap((e) => e.errors ?? [])).toContainEqual(
        expect.objectContaining({ extensions: { code: 'UPSTREAM_UNAVAILABLE', service: 'redis' } }),
      );
    });

    // A socket opened now cannot be checked: Try Again Later (retried by clients), not Forbidden.
    const newcomer = connect(await managerToken());
    expect(await newcomer.closed).toBe(1013);

    await proxy.up();
    await eventually(async () =>
      expect(await ask(open.client, '{ __typename }')).toEqual({ data: { __typename: 'Query' } }),
    );
    expect(open.closes).toEqual([]);
    expect(failures).toEqual([]);
  });

  it('a real revocation still closes the socket with 4403', async () => {
    const sessionId = randomUUID();
    const socket = connect(await managerToken(sessionId));
    expect(await ask(socket.client, '{ __typename }')).toEqual({ data: { __typename: 'Query' } });
    await gatewayRedis.set(revokedSessionKey(env.REDIS_PREFIX, sessionId), '1', { EX: 60 });
    await ask(socket.client, '{ __typename }').catch(() => undefined);
    expect(await socket.closed).toBe(4403);
  });
});
