/**
 * The gateway retires an idle connection to a subgraph before the subgraph would close it. When
 * both ends wait for the other, a request can be sent on a connection just as the subgraph closes
 * it: the request gets no answer, and a write (never sent twice) fails as if the subgraph were down.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { IDLE_CONNECTION_MS, createSubgraphClient } from '../../gateway/src/subgraph-client.ts';
import { SUBGRAPH_KEEP_ALIVE_MS } from '../../platform/src/subgraph.ts';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** A subgraph stand-in that answers every POST and notes who closed each connection, and when. */
async function subgraph(keepAliveMs: number) {
  const closes: { by: 'client' | 'server'; afterMs: number }[] = [];
  let connections = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end(JSON.stringify({ data: { ok: true } })));
  });
  server.keepAliveTimeout = keepAliveMs;
  server.on('connection', (socket) => {
    connections++;
    const opened = Date.now();
    // The client's end arrives first when the client closed; a server timing out destroys it unread.
    let clientEnded = false;
    socket.on('end', () => (clientEnded = true));
    socket.on('close', () => closes.push({ by: clientEnded ? 'client' : 'server', afterMs: Date.now() - opened }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    closes,
    connections: () => connections,
  };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('connections from the gateway to a subgraph', () => {
  it('are closed by the gateway once idle, before the subgraph closes them, and a later write gets a new one', async () => {
    const s = await subgraph(2_000);
    const client = createSubgraphClient({ timeoutMs: 5_000, idleMs: 150 });
    const first = await client.post(s.url, { 'content-type': 'application/json' }, '{"query":"mutation { a }"}', false);
    expect(first.status).toBe(200);
    await until(() => s.closes.length === 1);
    expect(s.closes).toEqual([{ by: 'client', afterMs: expect.any(Number) }]);
    expect(s.closes[0]!.afterMs).toBeLessThan(2_000);

    const second = await client.post(
      s.url,
      { 'content-type': 'application/json' },
      '{"query":"mutation { b }"}',
      false,
    );
    expect(JSON.parse(second.body)).toEqual({ data: { ok: true } });
    expect(s.connections()).toBe(2);
  });

  it('are reused while busy', async () => {
    const s = await subgraph(2_000);
    const client = createSubgraphClient({ timeoutMs: 5_000, idleMs: 1_000 });
    for (let i = 0; i < 5; i++) await client.post(s.url, {}, '{"query":"{ a }"}', true);
    expect(s.connections()).toBe(1);
  });

  it('by default live shorter than a subgraph keeps them, with room to spare', () => {
    expect(SUBGRAPH_KEEP_ALIVE_MS - IDLE_CONNECTION_MS).toBeGreaterThanOrEqual(10_000);
  });
});
