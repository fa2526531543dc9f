/**
 * Compiled queries (platform's compiled-execution.ts): a subgraph runs a repeated query that the
 * viewer may read in full as a function compiled for its document, and everything else through
 * graphql-js on the shielded schema. Each document below is answered for every kind of caller, three
 * times, by a subgraph with compiled queries and by one without, and the answers must be the same
 * to the byte: data, and each error's message, path and code (refusals, resolver errors, a non-null
 * field's error reaching its parent, bad variables, scalars and enums on the way in and out).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COMMON_SDL_PATH,
  anonymousViewer,
  clientViewer,
  createLogger,
  createSubgraph,
  noHttp,
  notFound,
  scalarResolvers,
  viewerFor,
  type BaseContext,
  type Viewer,
} from '@nexus/platform';

const typeDefs = parse(`${readFileSync(COMMON_SDL_PATH, 'utf8')}
enum Mood { CALM STORMY }
interface Entry @rank(min: VIEWER) {
  id: ID!
  note: String
}
type Call implements Entry @key(fields: "id") @rank(min: VIEWER) {
  id: ID!
  note: String
  minutes: Int
  mood: Mood
  at: DateTime
}
type Payment implements Entry @key(fields: "id") @rank(min: ADVISOR) {
  id: ID!
  note: String @rank(min: MANAGER)
  amountCents: Cents @client(owner: PAYER)
}
type Trip @key(fields: "id") @client(owner: PARTY) {
  id: ID! @rank(min: VIEWER)
  name: String @rank(min: AGENT)
  secret: String @rank(min: ADMIN)
  "Always fails: a non-null field whose error nulls its parent."
  broken: String! @rank(min: VIEWER)
}
type Query {
  entries(mood: Mood, first: Int = 10): [Entry!]! @rank(min: VIEWER)
  trip: Trip @rank(min: VIEWER) @client(owner: PARTY)
  missing(id: ID!): Call @rank(min: VIEWER)
  hello(name: String! = "world"): String @public
  payments: [Payment!]! @rank(min: AGENT) @client(owner: PAYER)
  later(at: DateTime!): DateTime @rank(min: VIEWER)
}
type Mutation {
  touch(id: ID!): Call @rank(min: AGENT)
}
`);

const AT = new Date('2026-12-07T09:30:00.000Z');
const calls = [
  { __typename: 'Call', id: 'c1', note: 'called', minutes: 5, mood: 'CALM', at: AT },
  { __typename: 'Call', id: 'c2', note: null, minutes: null, mood: 'STORMY', at: null },
];
const payment = { __typename: 'Payment', id: 'p1', note: 'deposit', amountCents: 125_00 };
const trip = { id: 't1', name: 'Lisbon', secret: 'margin' };
const resolvers = {
  ...scalarResolvers,
  Query: {
    entries: async (_: unknown, args: { mood?: string; first: number }) =>
      [...calls, payment].filter((e) => !args.mood || ('mood' in e && e.mood === args.mood)).slice(0, args.first),
    trip: () => trip,
    missing: (_: unknown, args: { id: string }) => {
      throw notFound('Call', args.id);
    },
    hello: (_: unknown, args: { name: string }) => `hello ${args.name}`,
    payments: () => Promise.resolve([payment]),
    later: (_: unknown, args: { at: Date }) => new Date(args.at.getTime() + 3_600_000),
  },
  Mutation: { touch: (_: unknown, args: { id: string }) => calls.find((c) => c.id === args.id) ?? null },
  Entry: { __resolveType: (e: { __typename: string }) => e.__typename },
  Trip: {
    __resolveReference: (r: { id: string }) => (r.id === trip.id ? trip : null),
    broken: () => Promise.reject(new Error('the database went away')),
  },
  Call: { __resolveReference: (r: { id: string }) => calls.find((c) => c.id === r.id) ?? null },
  Payment: { __resolveReference: (r: { id: string }) => (r.id === payment.id ? payment : null) },
};

const log = createLogger('compiled-execution-test');
log.level = 'silent';
const subgraph = (compiledQueries: boolean) =>
  createSubgraph<BaseContext>({
    name: 'probe',
    typeDefs,
    resolvers,
    log,
    internalTokenSecret: 'unused-here-no-http',
    createContext: (base) => base,
    health: async () => ({}),
    compiledQueries,
  });
const compiled = subgraph(true);
const interpreted = subgraph(false);
beforeAll(async () => {
  await compiled.server.start();
  await interpreted.server.start();
});
afterAll(async () => {
  await compiled.server.stop();
  await interpreted.server.stop();
});

const scope = (access: 'VIEW_OWN' | 'PAY_FOR_PARTY') => ({
  accountId: '00000000-0000-4000-8000-0000000000c1',
  ttClientId: 'cl-1',
  ttTravelerId: 'tr-1',
  access,
});
const VIEWERS: Record<string, Viewer> = {
  anonymous: anonymousViewer(),
  ...Object.fromEntries(
    ['VIEWER', 'AGENT', 'ADVISOR', 'MANAGER', 'ADMIN'].map((role) => [
      role,
      viewerFor('00000000-0000-4000-8000-000000000001', role),
    ]),
  ),
  'traveller (payer)': clientViewer(scope('PAY_FOR_PARTY')),
};

const DOCUMENTS: Record<string, { query: string; variables?: Record<string, unknown> }> = {
  public: { query: '{ hello }' },
  'arguments, defaults and variables': {
    query: 'query($n: String!) { a: hello(name: $n) b: hello }',
    variables: { n: 'Ana' },
  },
  'an enum argument, scalars and enums out': {
    query: 'query($m: Mood) { entries(mood: $m, first: 5) { __typename id note ... on Call { minutes mood at } } }',
    variables: { m: 'CALM' },
  },
  'a custom scalar in and out': {
    query: 'query($at: DateTime!) { later(at: $at) }',
    variables: { at: AT.toISOString() },
  },
  'a bad variable': { query: 'query($at: DateTime!) { later(at: $at) }', variables: { at: 'soon' } },
  'a variable of the wrong type': { query: 'query($n: String!) { hello(name: $n) }', variables: { n: 4 } },
  'a resolver error': { query: '{ missing(id: "c9") { id } hello }' },
  "a non-null field's error nulls its parent": { query: '{ trip { id broken } hello }' },
  'interface fields whose implementations differ': { query: '{ entries { id note } }' },
  'a field a traveller owns': { query: '{ payments { amountCents } }' },
  'an admin-only field': { query: '{ trip { id name secret } }' },
  'named fragments and @include': {
    query: 'query($full: Boolean!) { trip { ...T } } fragment T on Trip { id name @include(if: $full) }',
    variables: { full: false },
  },
  entities: {
    query:
      'query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Call { id note at } ... on Trip { id } } }',
    variables: {
      r: [
        { __typename: 'Call', id: 'c1' },
        { __typename: 'Call', id: 'nope' },
        { __typename: 'Trip', id: 't1' },
      ],
    },
  },
  'a mutation': { query: 'mutation { touch(id: "c1") { id minutes } }' },
};

const answer = async (
  server: typeof compiled.server,
  doc: { query: string; variables?: Record<string, unknown> },
  viewer: Viewer,
) => {
  const res = await server.executeOperation(
    { query: doc.query, ...(doc.variables ? { variables: doc.variables } : {}) },
    { contextValue: { viewer, requestId: 'test', log, http: noHttp } },
  );
  if (res.body.kind !== 'single') throw new Error('expected a single answer');
  const { data, errors } = res.body.singleResult;
  return JSON.stringify({
    status: res.http.status ?? 200,
    data,
    errors: errors?.map((e) => ({ message: e.message, path: e.path, code: e.extensions?.code })),
  });
};

describe('compiled queries', () => {
  it('answer every document for every caller exactly as graphql-js does, and run compiled from the second time', async () => {
    const runs = compiled.execution!.runs;
    let whole = 0;
    for (const [name, doc] of Object.entries(DOCUMENTS)) {
      for (const [who, viewer] of Object.entries(VIEWERS)) {
        for (let i = 0; i < 3; i++) {
          const before = runs.compiled;
          const fast = await answer(compiled.server, doc, viewer);
          const slow = await answer(interpreted.server, doc, viewer);
          expect(fast, `${name} as ${who}, run ${i + 1}`).toBe(slow);
          if (runs.compiled > before) whole++;
        }
      }
    }
    // Compiled runs happened, and only where they may: a query the caller may read in full, from its
    // second run on (never a mutation, a refusal or bad variables).
    expect(whole).toBeGreaterThan(40);
    expect(runs.compiled).toBe(whole);
  });

  it('show what they answer', async () => {
    // A manager reads every field here (an advisor may not read Payment.note, so an advisor's run of
    // this document goes through the shield's per-field rules).
    const manager = VIEWERS.MANAGER!;
    const doc = DOCUMENTS['an enum argument, scalars and enums out']!;
    for (let i = 0; i < 2; i++) await answer(compiled.server, doc, manager);
    const before = compiled.execution!.runs.compiled;
    expect(JSON.parse(await answer(compiled.server, doc, manager))).toEqual({
      status: 200,
      data: {
        entries: [{ __typename: 'Call', id: 'c1', note: 'called', minutes: 5, mood: 'CALM', at: AT.toISOString() }],
      },
    });
    expect(compiled.execution!.runs.compiled).toBe(before + 1);

    const error = JSON.parse(await answer(compiled.server, DOCUMENTS['a resolver error']!, manager));
    expect(error.data).toEqual({ missing: null, hello: 'hello world' });
    expect(error.errors).toEqual([{ message: expect.stringContaining('c9'), path: ['missing'], code: 'NOT_FOUND' }]);

    const bad = JSON.parse(await answer(compiled.server, DOCUMENTS['a bad variable']!, manager));
    expect(bad.status).toBe(400);
    expect(bad.errors).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT' })]);
  });
});
