import http from 'node:http';
import type net from 'node:net';
import { pino } from 'pino';
import { createClient, type RedisClientType } from 'redis';
// The package root does not re-export the request kinds.
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SET_REFRESH_HEADER, VIEWER_HEADER, createEventBus, urlVariable, viewerFor } from '@nexus/platform';
import type { GatewayContext } from '../../gateway/src/context.ts';
import { dataSourceFactory } from '../../gateway/src/data-source.ts';
import { loadGatewayEnv } from '../../gateway/src/env.ts';
import { createGateway } from '../../gateway/src/server.ts';
import { bearer, gql, signIn } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';
import { subscribe, wsClient } from '../support/ws.ts';

// Identical reads in flight at once from one principal reach a subgraph once; reads of different
// principals, writes, and everything with merging turned off reach it one by one. A gate in front of
// identity and crm holds what arrives, so requests sent together are in flight together.

interface Seen {
  body: string;
  viewerToken: string;
}

/** A pass-through in front of a subgraph that records each request and, while closed, holds them. */
async function startGate(target: string) {
  const seen: Seen[] = [];
  let held: (() => void)[] = [];
  let closed = false;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ body, viewerToken: String(req.headers[VIEWER_HEADER] ?? '') });
      const forward = async () => {
        const headers = Object.fromEntries(
          Object.entries(req.headers).flatMap(([k, v]) =>
            typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k) ? [[k, v]] : [],
          ),
        );
        const answer = await fetch(target, { method: 'POST', headers, body });
        const text = await answer.text();
        const out: Record<string, string> = {};
        answer.headers.forEach((v, k) => {
          if (!['content-length', 'connection', 'keep-alive', 'transfer-encoding'].includes(k)) out[k] = v;
        });
        res.writeHead(answer.status, out);
        res.end(text);
      };
      const go = () => void forward().catch(() => res.destroy());
      if (closed) held.push(go);
      else go();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    seen,
    /** From now on, hold what arrives (and forget what was seen). */
    close() {
      seen.length = 0;
      closed = true;
    },
    get held() {
      return held.length;
    },
    open() {
      closed = false;
      const waiting = held;
      held = [];
      for (const go of waiting) go();
    },
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}
type Gate = Awaited<ReturnType<typeof startGate>>;

/** A gateway over the system's subgraphs (identity and crm behind gates), its log kept for reading. */
async function startGateway(system: System, gates: Record<string, Gate>, mergeRequests: boolean) {
  const lines: { msg?: string; requestId?: string; subgraph?: string }[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as object) });
  const env = loadGatewayEnv({
    ...system.iso.vars,
    ...Object.fromEntries(
      Object.entries(system.subgraphUrls).map(([name, url]) => [urlVariable(name), `${url}/graphql`]),
    ),
    ...Object.fromEntries(Object.entries(gates).map(([name, gate]) => [urlVariable(name), gate.url])),
    GATEWAY_MERGE_REQUESTS: String(mergeRequests),
    WEB_DIST: '',
  });
  const redis: RedisClientType = createClient({ url: env.REDIS_URL });
  redis.on('error', () => undefined);
  await redis.connect();
  const bus = createEventBus(env.REDIS_URL, env.REDIS_PREFIX, log);
  const gateway = await createGateway({ env, redis, bus, log });
  const port = await gateway.listen(0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    merged: (subgraph: string) => lines.filter((l) => l.msg === 'subgraph request merged' && l.subgraph === subgraph),
    async stop() {
      await gateway.stop();
      await bus.close();
      await redis.quit().catch(() => undefined);
    },
  };
}

let system: System;
const gates: Record<string, Gate> = {};
let merging: Awaited<ReturnType<typeof startGateway>>;
let plain: Awaited<ReturnType<typeof startGateway>>;
let advisor = '';
let agent = '';
beforeAll(async () => {
  system = await startSystem();
  for (const name of ['identity', 'crm']) gates[name] = await startGate(`${system.subgraphUrls[name]}/graphql`);
  merging = await startGateway(system, gates, true);
  plain = await startGateway(system, gates, false);
  advisor = (await signIn(system.gatewayUrl, 'advisor@nexus.test')).accessToken;
  agent = (await signIn(system.gatewayUrl, 'agent@nexus.test')).accessToken;
});
afterAll(async () => {
  for (const gate of Object.values(gates)) gate.open();
  await merging?.stop();
  await plain?.stop();
  for (const gate of Object.values(gates)) await gate.stop();
  await system?.close();
});

const CONTACTS = '{ contacts(first: 3, orderBy: { field: NAME, direction: ASC }) { nodes { id firstName } } }';

describe('merging identical in-flight subgraph requests', () => {
  it("sends one principal's identical concurrent queries to the subgraph once, and each caller gets the answer", async () => {
    const crm = gates.crm!;
    crm.close();
    const before = merging.merged('crm').length;
    const answers = Promise.all(
      Array.from({ length: 4 }, () =>
        gql<{ contacts: { nodes: { id: string }[] } }>(merging.url, CONTACTS, {}, bearer(advisor)),
      ),
    );
    // The first one reaches crm and is held there; the three others join it at the gateway.
    await expect.poll(() => crm.held).toBe(1);
    await expect.poll(() => merging.merged('crm').length - before).toBe(3);
    crm.open();
    const results = await answers;
    for (const res of results) {
      expect(res.errors).toBeUndefined();
      expect(res.data?.contacts.nodes).toHaveLength(3);
      expect(res.data).toEqual(results[0]?.data);
    }
    expect(crm.seen).toHaveLength(1);
  });

  it('never merges two principals: the same query at once reaches the subgraph twice, and each gets their own data', async () => {
    const identity = gates.identity!;
    identity.close();
    const before = merging.merged('identity').length;
    const me = '{ me { id email role } }';
    const both = Promise.all([
      gql<{ me: { email: string; role: string } }>(merging.url, me, {}, bearer(advisor)),
      gql<{ me: { email: string; role: string } }>(merging.url, me, {}, bearer(agent)),
    ]);
    await expect.poll(() => identity.held).toBe(2);
    identity.open();
    const [a, b] = await both;
    expect(a.data?.me.email).toBe('advisor@nexus.test');
    expect(b.data?.me.email).toBe('agent@nexus.test');
    // The subgraph saw the very same body twice, under each principal's own token.
    expect(identity.seen[0]?.body).toBe(identity.seen[1]?.body);
    expect(identity.seen[0]?.viewerToken).not.toBe(identity.seen[1]?.viewerToken);
    expect(merging.merged('identity').length - before).toBe(0);
  });

  it('never lets a read asked for after a write was answered join a read that began before it', async () => {
    const crm = gates.crm!;
    crm.close();
    const first = gql<{ contacts: { nodes: { id: string }[] } }>(merging.url, CONTACTS, {}, bearer(advisor));
    await expect.poll(() => crm.held).toBe(1);
    // A write through the same gateway (to identity, whose gate is open) is answered meanwhile.
    const write = await gql<{ markAllNotificationsRead: number }>(
      merging.url,
      'mutation { markAllNotificationsRead }',
      {},
      bearer(advisor),
    );
    expect(write.errors).toBeUndefined();
    // The same read asked for now may not be answered from before the write: it is sent again.
    const before = merging.merged('crm').length;
    const second = gql<{ contacts: { nodes: { id: string }[] } }>(merging.url, CONTACTS, {}, bearer(advisor));
    await expect.poll(() => crm.held).toBe(2);
    crm.open();
    const [a, b] = await Promise.all([first, second]);
    expect(a.errors).toBeUndefined();
    expect(b.data).toEqual(a.data);
    expect(merging.merged('crm').length - before).toBe(0);
    expect(crm.seen).toHaveLength(2);
  });

  it("never answers a subscription's re-read of an event with a read that began before the event", async () => {
    const contact = await gql<{ createContact: { id: string } }>(
      system.gatewayUrl,
      'mutation { createContact(input: { firstName: "Ada", lastName: "Twice" }) { id } }',
      {},
      bearer(advisor),
    );
    const id = contact.data?.createContact.id;
    expect(id).toEqual(expect.any(String));
    const client = wsClient(merging.url, advisor);
    const events = subscribe<{ contactChanged: { id: string; firstName: string } }>(
      client,
      'subscription { contactChanged { id firstName } }',
    );
    await new Promise((r) => setTimeout(r, 300));
    const crm = gates.crm!;
    crm.close();
    const rename = (firstName: string) =>
      gql(
        system.gatewayUrl,
        'mutation($id: ID!, $n: String!) { updateContact(input: { id: $id, firstName: $n }) { id } }',
        { id, n: firstName },
        bearer(advisor),
      );
    // Changed through another gateway: this one learns of each change from its event alone.
    expect((await rename('Beatrix')).errors).toBeUndefined();
    await expect.poll(() => crm.held).toBe(1);
    expect((await rename('Clara')).errors).toBeUndefined();
    // The second event's re-read is sent on its own, not joined to the first one's.
    await expect.poll(() => crm.held).toBe(2);
    crm.open();
    const last = await events.next((e) => e.contactChanged.id === id && e.contactChanged.firstName === 'Clara');
    expect(last.contactChanged).toEqual({ id, firstName: 'Clara' });
    expect(crm.seen).toHaveLength(2);
    events.dispose();
    await client.dispose();
  });

  it('never merges mutations: two identical writes at once both run', async () => {
    const crm = gates.crm!;
    crm.close();
    const create = `mutation { createContact(input: { firstName: "Merge", lastName: "Twice ${Date.now()}" }) { id lastName } }`;
    const writes = Promise.all([
      gql<{ createContact: { id: string } }>(merging.url, create, {}, bearer(advisor)),
      gql<{ createContact: { id: string } }>(merging.url, create, {}, bearer(advisor)),
    ]);
    await expect.poll(() => crm.held).toBe(2);
    crm.open();
    const [first, second] = await writes;
    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    expect(first.data?.createContact.id).toBeTruthy();
    expect(second.data?.createContact.id).not.toBe(first.data?.createContact.id);
  });

  it('sends every request when GATEWAY_MERGE_REQUESTS is false', async () => {
    const crm = gates.crm!;
    crm.close();
    const answers = Promise.all(
      Array.from({ length: 3 }, () =>
        gql<{ contacts: { nodes: { id: string }[] } }>(plain.url, CONTACTS, {}, bearer(advisor)),
      ),
    );
    await expect.poll(() => crm.held).toBe(3);
    crm.open();
    for (const res of await answers) expect(res.data?.contacts.nodes).toHaveLength(3);
    expect(crm.seen).toHaveLength(3);
    expect(plain.merged('crm')).toHaveLength(0);
  });
});

describe('what a merged request is given', () => {
  it("never hands on the headers that set a browser's cookie: only the request that was sent sees them", async () => {
    // A subgraph that answers every read with a refresh cookie to set, holding the first answer.
    let release = () => undefined as void;
    let received = 0;
    const subgraph = http.createServer((req, res) => {
      received++;
      req.resume();
      req.on('end', () => {
        release = () => {
          release = () => undefined;
          res.writeHead(200, {
            'content-type': 'application/json',
            [SET_REFRESH_HEADER]: 'rt-secret;2030-01-01T00:00:00.000Z',
          });
          res.end('{"data":{"me":{"id":"u1"}}}');
        };
      });
    });
    await new Promise<void>((r) => subgraph.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(subgraph.address() as net.AddressInfo).port}/graphql`;
    const lines: { msg?: string }[] = [];
    const log = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as object) });
    const source = dataSourceFactory('x'.repeat(48), 5_000, new Map([['identity', url]]), { log })({
      name: 'identity',
    });
    const viewer = viewerFor('00000000-0000-4000-8000-000000000001', 'ADVISOR');
    const context = (requestId: string) =>
      ({ viewer, requestId, refreshCookie: null, cookieChanges: [] }) as unknown as GatewayContext;
    const ask = (ctx: GatewayContext) =>
      source.process({
        kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
        request: { query: '{ me { id } }', http: { method: 'POST', url, headers: new Headers() } },
        context: ctx,
        incomingRequestContext: { context: ctx } as never,
      });
    try {
      const first = context('first');
      const second = context('second');
      const answers = Promise.all([ask(first), ask(second)]);
      await expect.poll(() => received).toBe(1);
      await expect.poll(() => lines.filter((l) => l.msg === 'subgraph request merged').length).toBe(1);
      release();
      const [a, b] = await answers;
      expect(a.data).toEqual({ me: { id: 'u1' } });
      expect(b.data).toEqual({ me: { id: 'u1' } });
      expect(received).toBe(1);
      // One of the two was sent and keeps its cookie change; the one that joined it has none.
      const changes = [first.cookieChanges.length, second.cookieChanges.length].sort();
      expect(changes).toEqual([0, 1]);
    } finally {
      release();
      await new Promise<void>((r) => subgraph.close(() => r()));
    }
  });
});

describe('entities asked for at many places', () => {
  it('sends each distinct representation to its subgraph once and gives every place its entity', async () => {
    const identity = gates.identity!;
    const query =
      '{ contacts(first: 30, orderBy: { field: NAME, direction: ASC }) { nodes { id owner { id name } } } }';
    identity.close();
    const answer = gql<{ contacts: { nodes: { id: string; owner: { id: string; name: string } | null }[] } }>(
      plain.url,
      query,
      {},
      bearer(advisor),
    );
    await expect.poll(() => identity.held).toBe(1);
    identity.open();
    const res = await answer;
    expect(res.errors).toBeUndefined();
    const nodes = res.data?.contacts.nodes ?? [];
    const owned = nodes.filter((n) => n.owner);
    const owners = new Set(owned.map((n) => n.owner?.id));
    // The seed gives a handful of staff many contacts each: the page repeats owners.
    expect(owned.length).toBeGreaterThan(owners.size);
    const sent = JSON.parse(identity.seen[0]?.body ?? '{}') as { variables?: { representations?: { id: string }[] } };
    expect(sent.variables?.representations?.map((r) => r.id).sort()).toEqual([...owners].sort());
    // Every contact has its owner's name, the same wherever that owner appears.
    const names = new Map<string, string>();
    for (const n of owned) {
      expect(n.owner?.name).toBeTruthy();
      if (names.has(n.owner!.id)) expect(n.owner?.name).toBe(names.get(n.owner!.id));
      names.set(n.owner!.id, n.owner!.name);
    }
  });

  it('sends the entities of two aliases to their subgraph in one request, and each alias gets its own', async () => {
    const identity = gates.identity!;
    const query = `{
      a: contacts(first: 10, orderBy: { field: NAME, direction: ASC }) { nodes { id owner { id name } } }
      z: contacts(first: 10, orderBy: { field: NAME, direction: DESC }) { nodes { id owner { id name } } }
    }`;
    type Page = { nodes: { id: string; owner: { id: string; name: string } | null }[] };
    identity.close();
    const answer = gql<{ a: Page; z: Page }>(plain.url, query, {}, bearer(advisor));
    await expect.poll(() => identity.held).toBe(1);
    // Nothing else is on its way to identity: the two aliases' owners went out together.
    await new Promise((r) => setTimeout(r, 200));
    expect(identity.held).toBe(1);
    identity.open();
    const res = await answer;
    expect(res.errors).toBeUndefined();
    const owned = [...(res.data?.a.nodes ?? []), ...(res.data?.z.nodes ?? [])].filter((n) => n.owner);
    expect(owned.length).toBeGreaterThan(0);
    // Each alias has what it would have had alone.
    const alone = await gql<{ contacts: Page }>(
      system.gatewayUrl,
      '{ contacts(first: 10, orderBy: { field: NAME, direction: DESC }) { nodes { id owner { id name } } } }',
      {},
      bearer(advisor),
    );
    expect(res.data?.z.nodes).toEqual(alone.data?.contacts.nodes);
  });

  it("gives each fetch of a batch its own entities and errors, and never batches two requests' fetches", async () => {
    // A subgraph that refuses every representation whose id is `b`.
    const bodies: { id: string }[][] = [];
    const subgraph = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const representations = (
          JSON.parse(Buffer.concat(chunks).toString('utf8')) as { variables: { representations: { id: string }[] } }
        ).variables.representations;
        bodies.push(representations);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            data: { _entities: representations.map((r) => (r.id === 'b' ? null : { id: r.id, name: `User ${r.id}` })) },
            errors: representations.flatMap((r, i) =>
              r.id === 'b'
                ? [{ message: 'Not allowed.', path: ['_entities', i, 'name'], extensions: { code: 'FORBIDDEN' } }]
                : [],
            ),
          }),
        );
      });
    });
    await new Promise<void>((r) => subgraph.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(subgraph.address() as net.AddressInfo).port}/graphql`;
    const source = dataSourceFactory('x'.repeat(48), 5_000, new Map([['identity', url]]), { mergeRequests: false })({
      name: 'identity',
    });
    const viewer = viewerFor('00000000-0000-4000-8000-000000000001', 'ADVISOR');
    const context = () =>
      ({ viewer, requestId: 'r', refreshCookie: null, cookieChanges: [] }) as unknown as GatewayContext;
    const fetch = (ctx: GatewayContext, ids: string[]) =>
      source.process({
        kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
        request: {
          query:
            'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { id name } } }',
          variables: { representations: ids.map((id) => ({ __typename: 'User', id })) },
          http: { method: 'POST', url, headers: new Headers() },
        },
        context: ctx,
        incomingRequestContext: { context: ctx } as never,
      });
    try {
      const one = context();
      const [first, second] = await Promise.all([fetch(one, ['a', 'b']), fetch(one, ['c', 'b', 'a'])]);
      expect(bodies.map((b) => b.map((r) => r.id))).toEqual([['a', 'b', 'c']]);
      expect((first.data as { _entities: unknown[] })._entities).toEqual([{ id: 'a', name: 'User a' }, null]);
      expect(first.errors?.map((e) => e.path)).toEqual([['_entities', 1, 'name']]);
      expect((second.data as { _entities: unknown[] })._entities).toEqual([
        { id: 'c', name: 'User c' },
        null,
        { id: 'a', name: 'User a' },
      ]);
      expect(second.errors?.map((e) => e.path)).toEqual([['_entities', 1, 'name']]);
      // Two incoming requests at the same moment: two subgraph requests.
      bodies.length = 0;
      await Promise.all([fetch(context(), ['a']), fetch(context(), ['a'])]);
      expect(bodies).toHaveLength(2);
    } finally {
      await new Promise<void>((r) => subgraph.close(() => r()));
    }
  });

  it("puts a subgraph's error about a repeated entity at every place that asked for it", async () => {
    // A subgraph that answers `_entities` with the second distinct user refused.
    let representations: { id: string }[] = [];
    const subgraph = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        representations = (
          JSON.parse(Buffer.concat(chunks).toString('utf8')) as { variables: { representations: { id: string }[] } }
        ).variables.representations;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            data: { _entities: representations.map((r, i) => (i === 1 ? null : { id: r.id, name: `User ${r.id}` })) },
            errors: [{ message: 'Not allowed.', path: ['_entities', 1, 'name'], extensions: { code: 'FORBIDDEN' } }],
          }),
        );
      });
    });
    await new Promise<void>((r) => subgraph.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(subgraph.address() as net.AddressInfo).port}/graphql`;
    const source = dataSourceFactory('x'.repeat(48), 5_000, new Map([['identity', url]]), { mergeRequests: false })({
      name: 'identity',
    });
    const viewer = viewerFor('00000000-0000-4000-8000-000000000001', 'ADVISOR');
    const ctx = { viewer, requestId: 'r', refreshCookie: null, cookieChanges: [] } as unknown as GatewayContext;
    try {
      const asked = ['a', 'b', 'a', 'b', 'c', 'a'].map((id) => ({ __typename: 'User', id }));
      const answer = await source.process({
        kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
        request: {
          query:
            'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { id name } } }',
          variables: { representations: asked },
          http: { method: 'POST', url, headers: new Headers() },
        },
        context: ctx,
        incomingRequestContext: { context: ctx } as never,
      });
      expect(representations.map((r) => r.id)).toEqual(['a', 'b', 'c']);
      const entities = (answer.data as { _entities: ({ id: string; name: string } | null)[] })._entities;
      expect(entities).toEqual([
        { id: 'a', name: 'User a' },
        null,
        { id: 'a', name: 'User a' },
        null,
        { id: 'c', name: 'User c' },
        { id: 'a', name: 'User a' },
      ]);
      // Each place holds its own object, as if each had been asked for alone.
      expect(entities[0]).not.toBe(entities[2]);
      expect(answer.errors?.map((e) => e.path)).toEqual([
        ['_entities', 1, 'name'],
        ['_entities', 3, 'name'],
      ]);
    } finally {
      await new Promise<void>((r) => subgraph.close(() => r()));
    }
  });
});
