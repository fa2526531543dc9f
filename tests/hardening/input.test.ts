import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl } from '@nexus/platform';
import { bearer, codes, gql, signIn } from '../support/client.ts';
import { testEnv } from '../support/env.ts';
import { startSystem, type System } from '../support/system.ts';

// Issue 17 finding 4 (and part of 6): bad input is BAD_USER_INPUT naming the argument, never a
// server error; syntax errors and limit refusals are HTTP 400; anonymous refusals name nothing.

let system: System;
let crmDb: pg.Client;
let agent: { accessToken: string };
let viewer: { accessToken: string };
beforeAll(async () => {
  system = await startSystem();
  crmDb = new pg.Client({ connectionString: databaseUrl(testEnv.DATABASE_URL, `${system.iso.dbPrefix}crm`) });
  await crmDb.connect();
  agent = await signIn(system.gatewayUrl, 'agent@nexus.test');
  viewer = await signIn(system.gatewayUrl, 'viewer@nexus.test');
});
afterAll(async () => {
  await crmDb?.end();
  await system?.close();
});

const taskCount = async () => Number((await crmDb.query<{ n: string }>('select count(*) as n from task')).rows[0]?.n);
const fieldPaths = (r: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  (r.errors ?? []).flatMap((e) => (e.extensions?.fields as { path: string }[] | undefined) ?? []).map((f) => f.path);

describe('invalid dates', () => {
  it('dueAt: "now" is BAD_USER_INPUT naming the field, as a literal and as a variable', async () => {
    const before = await taskCount();
    const literal = await gql(
      system.gatewayUrl,
      'mutation { createTask(input: { title: "x", dueAt: "now" }) { id } }',
      {},
      bearer(agent.accessToken),
    );
    expect(literal.status).toBe(400);
    expect(codes(literal)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(literal)).toEqual(['createTask.input.dueAt']);

    const variable = await gql(
      system.gatewayUrl,
      'mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }',
      { i: { title: 'x', dueAt: '2026-02-30T10:00:00Z' } },
      bearer(agent.accessToken),
    );
    expect(codes(variable)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(variable)).toEqual(['createTask.input.dueAt']);
    expect(await taskCount()).toBe(before);
  });
});

describe('control characters and over-long strings', () => {
  it("a NUL byte in a viewer's filter is BAD_USER_INPUT naming the argument", async () => {
    const literal = await gql(
      system.gatewayUrl,
      '{ users(filter: { search: "a\\u0000b" }) { totalCount } }',
      {},
      bearer(viewer.accessToken),
    );
    expect(codes(literal)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(literal)).toEqual(['users.filter.search']);
    const variable = await gql(
      system.gatewayUrl,
      'query($s: String) { users(filter: { search: $s }) { totalCount } }',
      { s: 'a\u0000b' },
      bearer(viewer.accessToken),
    );
    expect(variable.status).toBe(400);
    expect(codes(variable)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(variable)).toEqual(['users.filter.search']);
  });

  it('a NUL byte or an escape character in a mutation writes nothing', async () => {
    const before = await taskCount();
    for (const title of ['Call\u0000back', 'Call\u001bback']) {
      const res = await gql(
        system.gatewayUrl,
        'mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }',
        { i: { title, description: 'fine' } },
        bearer(agent.accessToken),
      );
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(fieldPaths(res)).toEqual(['createTask.input.title']);
    }
    expect(await taskCount()).toBe(before);
    // Long text keeps its line breaks and tabs.
    const ok = await gql(
      system.gatewayUrl,
      'mutation($i: CreateTaskInput!) { createTask(input: $i) { id description } }',
      { i: { title: 'Call back', description: 'line one\n\tline two' } },
      bearer(agent.accessToken),
    );
    expect(ok.errors).toBeUndefined();
    expect(await taskCount()).toBe(before + 1);
  });

  it('refuses any string argument over the global cap', async () => {
    const res = await gql(
      system.gatewayUrl,
      'query($s: String) { users(filter: { search: $s }) { totalCount } }',
      { s: 'a'.repeat(100_001) },
      bearer(viewer.accessToken),
    );
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0]?.message).toContain('users.filter.search');
  });
});

describe('syntax errors and limits', () => {
  it('a syntax error is HTTP 400 GRAPHQL_PARSE_FAILED', async () => {
    const res = await gql(system.gatewayUrl, '{ users(', {}, bearer(viewer.accessToken));
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['GRAPHQL_PARSE_FAILED']);
  });

  it('a document over the token limit is HTTP 400, anonymous or not', async () => {
    const query = `{ ${'__typename '.repeat(9000)} }`;
    for (const headers of [{}, bearer(viewer.accessToken)]) {
      const res = await gql(system.gatewayUrl, query, {}, headers);
      expect(res.status).toBe(400);
      expect(codes(res)).toEqual(['GRAPHQL_PARSE_FAILED']);
    }
  });
});

describe('what anonymous callers learn', () => {
  it('a 401 names no fields of the schema', async () => {
    const res = await gql(system.gatewayUrl, '{ users { totalCount } me { id email } }');
    expect(res.status).toBe(401);
    expect(codes(res)).toEqual(['UNAUTHENTICATED']);
    expect(res.raw).not.toMatch(/users|totalCount|email|Query\.|UserPage/);
  });
});
