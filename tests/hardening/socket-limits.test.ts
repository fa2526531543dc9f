import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, gql, signIn } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';
import { subscribe, wsClient } from '../support/ws.ts';

// Issue 17 finding 2: socket messages are bounded, operations pass the HTTP limits before any work,
// and subscriptions per socket and per user are capped.

let system: System;
beforeAll(async () => {
  system = await startSystem({ env: { WS_MAX_SUBSCRIPTIONS_PER_SOCKET: '3', WS_MAX_SUBSCRIPTIONS_PER_USER: '5' } });
});
afterAll(async () => system?.close());

interface RawSocket {
  ws: WebSocket;
  messages: { id?: string; type: string; payload?: unknown }[];
  closed: Promise<number>;
  /** Resolves with the first message of this type for this id. */
  message(type: string, id: string): Promise<{ payload?: unknown }>;
}

/** The graphql-transport-ws protocol by hand, so a test can send what no client library would. */
async function rawSocket(token: string): Promise<RawSocket> {
  const ws = new WebSocket(`${system.gatewayUrl.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  const messages: RawSocket['messages'] = [];
  const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
  ws.on('error', () => undefined);
  const listeners = new Set<() => void>();
  ws.on('message', (data) => {
    messages.push(JSON.parse(String(data)) as RawSocket['messages'][number]);
    for (const l of listeners) l();
  });
  const waitFor = (predicate: (m: RawSocket['messages'][number]) => boolean) =>
    new Promise<RawSocket['messages'][number]>((resolve, reject) => {
      const check = () => {
        const found = messages.find(predicate);
        if (found) {
          listeners.delete(check);
          resolve(found);
        }
      };
      listeners.add(check);
      void closed.then((code) => reject(new Error(`socket closed (${code}) first`)));
      check();
    });
  await new Promise((r) => ws.once('open', r));
  ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
  await waitFor((m) => m.type === 'connection_ack');
  return { ws, messages, closed, message: (type, id) => waitFor((m) => m.type === type && m.id === id) };
}

const codesOf = (payload: unknown) =>
  Array.isArray(payload) ? payload.map((e: { extensions?: { code?: string } }) => e.extensions?.code) : [];

describe('socket message size and operation limits', () => {
  it('closes a socket sending a 2 MB message, while an HTTP request beside it is served', async () => {
    const viewer = await signIn(system.gatewayUrl, 'viewer@nexus.test');
    const socket = await rawSocket(viewer.accessToken);
    const huge = `query { ${'me { id } '.repeat(240_000)} }`;
    expect(huge.length).toBeGreaterThan(2 * 1024 * 1024);
    const started = Date.now();
    socket.ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: huge } }));
    const [http, code] = await Promise.all([
      gql(system.gatewayUrl, '{ me { id } }', {}, bearer(viewer.accessToken)),
      socket.closed,
    ]);
    expect(http.status).toBe(200);
    expect(http.errors).toBeUndefined();
    // 1009: message too big; the server never read the document.
    expect(code).toBe(1009);
    expect(socket.messages.filter((m) => m.type === 'next')).toEqual([]);
    // A generous sanity bound: nothing was parsed, so nothing stalled.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses an operation over the token or alias limit before running it, as HTTP does, and keeps the socket', async () => {
    const viewer = await signIn(system.gatewayUrl, 'viewer@nexus.test');
    const socket = await rawSocket(viewer.accessToken);
    socket.ws.send(
      JSON.stringify({
        id: 'tokens',
        type: 'subscribe',
        payload: { query: `query { ${'__typename '.repeat(9000)} }` },
      }),
    );
    const tokens = await socket.message('error', 'tokens');
    expect(codesOf(tokens.payload)).toEqual(['GRAPHQL_PARSE_FAILED']);

    // The same alias limit as HTTP (30), from the gateway's one limits configuration.
    const aliased = `query { ${Array.from({ length: 40 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    socket.ws.send(JSON.stringify({ id: 'aliases', type: 'subscribe', payload: { query: aliased } }));
    const aliases = await socket.message('error', 'aliases');
    expect(JSON.stringify(aliases.payload)).toMatch(/alias/i);
    const overHttp = await gql(system.gatewayUrl, aliased, {}, bearer(viewer.accessToken));
    expect(overHttp.status).toBe(400);

    socket.ws.send(JSON.stringify({ id: 'ok', type: 'subscribe', payload: { query: '{ me { id } }' } }));
    const ok = await socket.message('next', 'ok');
    expect(ok.payload).toMatchObject({ data: { me: { id: expect.any(String) } } });
    socket.ws.close();
  });
});

describe('subscription caps', () => {
  it('refuses a subscription beyond the per-socket cap with a clear error, and frees the slot on complete', async () => {
    const viewer = await signIn(system.gatewayUrl, 'viewer@nexus.test');
    const client = wsClient(system.gatewayUrl, viewer.accessToken);
    const open = [1, 2, 3].map(() => subscribe(client, 'subscription { contactChanged { id } }'));
    const over = subscribe(client, 'subscription { contactChanged { id } }');
    await over.closed;
    expect(over.errors).toHaveLength(1);
    expect(JSON.stringify(over.errors)).toContain('LIMIT_EXCEEDED');
    expect(JSON.stringify(over.errors)).toContain('3 subscriptions');

    open[0]?.dispose();
    // The complete and the next subscribe cross on the wire: the freed slot is taken by the first
    // subscribe the server sees after it processed the complete, so ask until one is accepted.
    let again = subscribe<{ contactChanged: { id: string } }>(client, 'subscription { contactChanged { id } }');
    for (let attempt = 0; attempt < 50; attempt++) {
      const refused = await Promise.race([again.closed.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 100))]);
      if (!refused) break;
      again = subscribe(client, 'subscription { contactChanged { id } }');
    }
    // The accepted subscription is live: a contact change reaches it.
    const admin = await signIn(system.gatewayUrl, 'admin@nexus.test');
    const created = await gql<{ createContact: { id: string } }>(
      system.gatewayUrl,
      'mutation { createContact(input: { firstName: "Slot", lastName: "Freed", email: "slot.freed@example.test" }) { id } }',
      {},
      bearer(admin.accessToken),
    );
    const id = created.data?.createContact.id;
    expect(id).toBeTruthy();
    await again.next((e) => e.contactChanged.id === id);
    expect(again.errors).toEqual([]);
    for (const s of [...open, again]) s.dispose();
    await client.dispose();
  });

  it('refuses a subscription beyond the per-user cap across sockets', async () => {
    const agent = await signIn(system.gatewayUrl, 'agent@nexus.test');
    const first = wsClient(system.gatewayUrl, agent.accessToken);
    const second = wsClient(system.gatewayUrl, agent.accessToken);
    const subs = [
      ...[1, 2, 3].map(() => subscribe(first, 'subscription { contactChanged { id } }')),
      ...[1, 2].map(() => subscribe(second, 'subscription { dealChanged { id } }')),
    ];
    await new Promise((r) => setTimeout(r, 300));
    expect(subs.flatMap((s) => s.errors)).toEqual([]);
    const over = subscribe(second, 'subscription { dealChanged { id } }');
    await over.closed;
    expect(JSON.stringify(over.errors)).toContain('LIMIT_EXCEEDED');
    expect(JSON.stringify(over.errors)).toContain('5 subscriptions');
    for (const s of subs) s.dispose();
    await first.dispose();
    await second.dispose();
  });
});
