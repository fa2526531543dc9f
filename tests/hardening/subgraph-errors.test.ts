import { createServer, type Server } from 'node:http';
// The package root does not re-export the request kinds.
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataSourceFactory, subgraphHttpError } from '../../gateway/src/data-source.ts';

// A subgraph answering HTTP 400 used to surface at the gateway as a 500 carrying the subgraph's own
// wording ("400: Bad Request" plus its body). Now a 4xx keeps a stable client code, and a 5xx or a
// dead subgraph is UPSTREAM_UNAVAILABLE naming only the service.

const INTERNAL = 'Variable "$representations" got invalid value; internal detail from the subgraph';

let server: Server;
let base = '';
let answer: { status: number; body: unknown } = { status: 200, body: {} };
beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** What the gateway's data source for `travel` throws when the subgraph answers `answer`. */
const fetchThrough = async (url: string) => {
  const source = dataSourceFactory('x'.repeat(48), 5_000, new Map([['travel', url]]))({ name: 'travel' });
  try {
    await source.process({
      // A health-check fetch runs without a viewer, so no token is signed.
      kind: GraphQLDataSourceRequestKind.HEALTH_CHECK,
      request: { query: '{ __typename }', http: { method: 'POST', url, headers: new Headers() } },
      context: {},
    });
  } catch (e) {
    return e as { message: string; extensions: Record<string, unknown> };
  }
  throw new Error('no error');
};

describe('subgraph HTTP errors at the gateway', () => {
  it('a 400 with an internal message becomes BAD_USER_INPUT without the internal text', async () => {
    answer = {
      status: 400,
      body: { errors: [{ message: INTERNAL, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] },
    };
    const e = await fetchThrough(`${base}/graphql`);
    expect(e.extensions.code).toBe('BAD_USER_INPUT');
    expect(e.message).toBe('The travel service could not accept this request.');
    expect(JSON.stringify(e)).not.toContain('representations');
    expect(e.extensions).not.toHaveProperty('response');
  });

  it("a 400 carrying one of our public codes keeps the subgraph's public message", async () => {
    answer = {
      status: 400,
      body: {
        errors: [{ message: 'dueAt must be a date.', extensions: { code: 'BAD_USER_INPUT', stacktrace: ['at x'] } }],
      },
    };
    const e = await fetchThrough(`${base}/graphql`);
    expect(e.extensions).toEqual({ code: 'BAD_USER_INPUT', service: 'travel' });
    expect(e.message).toBe('dueAt must be a date.');
  });

  it('a 5xx, or no subgraph at all, is UPSTREAM_UNAVAILABLE naming the service', async () => {
    answer = { status: 502, body: { message: 'proxy: upstream connect error' } };
    const failed = await fetchThrough(`${base}/graphql`);
    expect(failed.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', service: 'travel' });
    expect(failed.message).not.toContain('proxy');
    const dead = await fetchThrough('http://127.0.0.1:1/graphql');
    expect(dead.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', service: 'travel' });
  });

  it('maps every 4xx to a client code, never INTERNAL_SERVER_ERROR', () => {
    for (let status = 400; status < 500; status++) {
      const code = subgraphHttpError('crm', status, 'not json').extensions.code;
      expect(code, String(status)).not.toBe('INTERNAL_SERVER_ERROR');
    }
    expect(subgraphHttpError('crm', 413, null).extensions.code).toBe('LIMIT_EXCEEDED');
    expect(subgraphHttpError('crm', 429, null).extensions.code).toBe('RATE_LIMITED');
  });
});
