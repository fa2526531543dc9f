import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signViewerToken, viewerFor } from '@nexus/platform';
import { bearer, codes, gql, signIn } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';
import { testEnv } from '../support/env.ts';

let system: System;
beforeAll(async () => {
  system = await startSystem();
});
afterAll(async () => system?.close());

describe('a subgraph called directly, without the gateway', () => {
  it('answers 401 with neither data nor SDL', async () => {
    for (const [name, base] of Object.entries(system.subgraphUrls)) {
      for (const query of ['{ _service { sdl } }', '{ __typename }', '{ me { id } }']) {
        const res = await fetch(`${base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        });
        const text = await res.text();
        expect(res.status, `${name}: ${query}`).toBe(401);
        expect(text).not.toContain('"data"');
        expect(text).not.toMatch(/type Query|directive @/);
        expect(JSON.parse(text)).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
      }
    }
  });

  it('refuses a viewer token signed with another key or for another subgraph', async () => {
    const viewer = viewerFor('0b6f6f0e-0000-4000-8000-000000000001', 'ADMIN');
    const wrongKey = await signViewerToken(viewer, 'identity', 'x'.repeat(48));
    const wrongAudience = await signViewerToken(viewer, 'crm', testEnv.INTERNAL_TOKEN_SECRET);
    for (const token of [wrongKey, wrongAudience]) {
      const res = await fetch(`${system.subgraphUrls.identity}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-nexus-viewer': token },
        body: JSON.stringify({ query: '{ _service { sdl } }' }),
      });
      expect(res.status).toBe(401);
    }
  });
});

describe('the gateway surface', () => {
  it('serves GraphQL Playground at GET /graphql with its assets from this server', async () => {
    const page = await fetch(`${system.gatewayUrl}/graphql`, { headers: { accept: 'text/html' } });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('GraphQLPlayground');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const script = html.match(/src="([^"]+middleware\.js)"/)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${system.gatewayUrl}${script}`);
    expect(asset.status).toBe(200);
    expect((await asset.text()).length).toBeGreaterThan(100_000);
  });

  it('allows introspection only to signed-in callers', async () => {
    const anonymous = await gql(system.gatewayUrl, '{ __schema { queryType { name } } }');
    expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
    const s = await signIn(system.gatewayUrl, 'viewer@nexus.test');
    const signedIn = await gql(system.gatewayUrl, '{ __schema { queryType { name } } }', {}, bearer(s.accessToken));
    expect(signedIn.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('answers /health with every check', async () => {
    const res = await fetch(`${system.gatewayUrl}/health`);
    const body = (await res.json()) as { status: string; checks: Record<string, string> };
    expect(res.status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.checks).toMatchObject({ database: 'ok', redis: 'ok', 'subgraph:identity': 'ok' });
  });

  it('blocks cross-site simple requests (CSRF prevention)', async () => {
    const res = await fetch(`${system.gatewayUrl}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(res.status).toBe(400);
    const preflighted = await fetch(`${system.gatewayUrl}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(preflighted.status).toBe(200);
  });

  it('rejects abusive operations but passes a deep analyst query', async () => {
    const s = await signIn(system.gatewayUrl, 'viewer@nexus.test');
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: me { id }`).join(' ');
    const tooMany = await gql(system.gatewayUrl, `{ ${aliases} }`, {}, bearer(s.accessToken));
    expect(codes(tooMany)[0]).toMatch(/GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT/);
    const fine = await gql(system.gatewayUrl, '{ users(first: 50) { totalCount nodes { id name email role active createdAt } } }', {}, bearer(s.accessToken));
    expect(fine.errors).toBeUndefined();
  });

  it('never sends a stack trace, even for malformed requests', async () => {
    const bad = await fetch(`${system.gatewayUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    const text = await bad.text();
    expect(bad.status).toBe(400);
    expect(text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|stacktrace/i);
    const syntax = await gql(system.gatewayUrl, '{ me { ');
    // graphql-armor parses first (to count tokens) and reports syntax errors as validation failures.
    expect(codes(syntax)).toHaveLength(1);
    expect(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED']).toContain(codes(syntax)[0]);
    expect(syntax.errors?.[0]?.message).toMatch(/Syntax Error/);
    expect(syntax.raw).not.toMatch(/stacktrace|node_modules/i);
  });

  it('answers unknown paths with the REST error envelope', async () => {
    const res = await fetch(`${system.gatewayUrl}/api/nothing`, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND', message: expect.any(String), requestId: expect.any(String) } });
  });
});
