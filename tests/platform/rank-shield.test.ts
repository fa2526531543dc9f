/**
 * The rank shield's whole-document check: a request whose every selected field the viewer may read
 * resolves without graphql-shield's per-field rules; any other request goes through them. Each
 * document below is answered for every kind of caller by a server with that check and by one with
 * graphql-shield alone, and the answers (data, error paths and codes) must be the same, field for
 * field: the check never serves what a rule would refuse, and refusals keep their per-field errors.
 */
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COMMON_SDL_PATH,
  anonymousViewer,
  clientViewer,
  rankShield,
  viewerFor,
  wasPreauthorized,
  type Viewer,
} from '@nexus/platform';

const typeDefs = parse(`${readFileSync(COMMON_SDL_PATH, 'utf8')}
interface Entry @rank(min: VIEWER) {
  id: ID!
  note: String
}
type Call implements Entry @key(fields: "id") @rank(min: VIEWER) {
  id: ID!
  note: String
  minutes: Int
}
type Payment implements Entry @key(fields: "id") @rank(min: ADVISOR) {
  id: ID!
  note: String @rank(min: MANAGER)
  amount: Int @client(owner: PAYER)
}
type Trip @key(fields: "id") @client(owner: PARTY) {
  id: ID! @rank(min: VIEWER)
  name: String @rank(min: AGENT)
  secret: String @rank(min: ADMIN)
}
type Query {
  entries: [Entry!]! @rank(min: VIEWER)
  trip: Trip @rank(min: VIEWER) @client(owner: PARTY)
  hello: String @public
  payments: [Payment!]! @rank(min: AGENT) @client(owner: PAYER)
}
`);

/** Whether the request being answered skipped the per-field rules, as its resolvers saw it. */
let skippedRules: boolean | undefined;
const seen = <T>(ctx: object, value: T): T => {
  skippedRules = wasPreauthorized(ctx);
  return value;
};
const resolvers = {
  Query: {
    entries: (_: unknown, __: unknown, ctx: object) =>
      seen(ctx, [
        { __typename: 'Call', id: 'c1', note: 'called', minutes: 5 },
        { __typename: 'Payment', id: 'p1', note: 'deposit', amount: 100 },
      ]),
    trip: (_: unknown, __: unknown, ctx: object) => seen(ctx, { id: 't1', name: 'Lisbon', secret: 'margin' }),
    hello: (_: unknown, __: unknown, ctx: object) => seen(ctx, 'hi'),
    payments: (_: unknown, __: unknown, ctx: object) => seen(ctx, [{ id: 'p1', note: 'deposit', amount: 100 }]),
  },
  Entry: { __resolveType: (e: { __typename: string }) => e.__typename },
  Call: { __resolveReference: (r: { id: string }, ctx: object) => seen(ctx, { id: r.id, note: 'called', minutes: 5 }) },
  Payment: {
    __resolveReference: (r: { id: string }, ctx: object) => seen(ctx, { id: r.id, note: 'deposit', amount: 100 }),
  },
  Trip: {
    __resolveReference: (r: { id: string }, ctx: object) => seen(ctx, { id: r.id, name: 'Lisbon', secret: 'margin' }),
  },
};

const build = () => rankShield(buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]), typeDefs);
const checked = build();
const checkedServer = new ApolloServer<{ viewer: Viewer }>({
  schema: checked.schema,
  plugins: [checked.plugin, ApolloServerPluginInlineTraceDisabled()],
});
const shieldOnly = new ApolloServer<{ viewer: Viewer }>({
  schema: build().schema,
  plugins: [ApolloServerPluginInlineTraceDisabled()],
});
beforeAll(async () => {
  await checkedServer.start();
  await shieldOnly.start();
});
afterAll(async () => {
  await checkedServer.stop();
  await shieldOnly.stop();
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
  'traveller (view own)': clientViewer(scope('VIEW_OWN')),
  'traveller (payer)': clientViewer(scope('PAY_FOR_PARTY')),
};

const DOCUMENTS: Record<string, string> = {
  public: '{ hello }',
  'a type every staff rank reads': '{ entries { id ... on Call { minutes } } }',
  'an interface field whose implementations differ': '{ entries { id note } }',
  'a fragment on a higher-ranked implementation': '{ entries { id ... on Payment { amount } } }',
  'a field a traveller owns': '{ trip { id } payments { amount } }',
  'a staff field beside a field a traveller owns': '{ payments { amount note } }',
  'staff fields beside a traveller field': '{ trip { id name } }',
  'an admin-only field': '{ trip { id name secret } }',
  'named fragments': 'query { trip { ...T } } fragment T on Trip { id name }',
  entities:
    'query($r: [_Any!]!) { _entities(representations: $r) { ... on Call { id note } ... on Payment { id note } } }',
  'entities, a traveller type': 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Trip { id } } }',
};
const variables = {
  r: [
    { __typename: 'Call', id: 'c1' },
    { __typename: 'Payment', id: 'p1' },
    { __typename: 'Trip', id: 't1' },
  ],
};

let preauthorized = 0;
const answer = async (server: ApolloServer<{ viewer: Viewer }>, query: string, viewer: Viewer) => {
  skippedRules = undefined;
  const res = await server.executeOperation({ query, variables }, { contextValue: { viewer } });
  if (res.body.kind !== 'single') throw new Error('expected a single answer');
  const { data, errors } = res.body.singleResult;
  const found = { data, errors: errors?.map((e) => ({ path: e.path, code: e.extensions?.code })) };
  // Whatever skipped the per-field rules must be an answer without a single refusal.
  if (skippedRules) {
    preauthorized++;
    expect(found.errors).toBeUndefined();
  }
  return found;
};

describe('the rank shield with its whole-document check', () => {
  it('answers every document for every caller exactly as graphql-shield alone does', async () => {
    let refusedSomewhere = 0;
    let allowedSomewhere = 0;
    preauthorized = 0;
    {
      for (const [docName, query] of Object.entries(DOCUMENTS)) {
        for (const [who, viewer] of Object.entries(VIEWERS)) {
          // Twice: the second answer comes from the decision cached for this parsed document and caller.
          for (let i = 0; i < 2; i++) {
            const fast = await answer(checkedServer, query, viewer);
            const slow = await answer(shieldOnly, query, viewer);
            expect(fast, `${docName} as ${who}`).toEqual(slow);
            if (slow.errors?.length) refusedSomewhere++;
            else allowedSomewhere++;
          }
        }
      }
    }
    // Both paths were exercised: whole documents allowed, and documents with refused fields.
    expect(refusedSomewhere).toBeGreaterThan(10);
    expect(allowedSomewhere).toBeGreaterThan(10);
    // Every answer without a refusal came through the whole-document check, none through the rules.
    expect(preauthorized).toBe(allowedSomewhere);
  });

  it('refuses a higher-ranked field with FORBIDDEN at its path and still answers the rest', async () => {
    {
      const res = await answer(checkedServer, '{ trip { id name secret } }', VIEWERS.MANAGER!);
      expect(res.data).toEqual({ trip: { id: 't1', name: 'Lisbon', secret: null } });
      expect(res.errors).toEqual([{ path: ['trip', 'secret'], code: 'FORBIDDEN' }]);
      const admin = await answer(checkedServer, '{ trip { id name secret } }', VIEWERS.ADMIN!);
      expect(admin).toEqual({ data: { trip: { id: 't1', name: 'Lisbon', secret: 'margin' } }, errors: undefined });
      const traveller = await answer(checkedServer, '{ payments { amount note } }', VIEWERS['traveller (payer)']!);
      expect(traveller.data).toEqual({ payments: [{ amount: 100, note: null }] });
      expect(traveller.errors).toEqual([{ path: ['payments', 0, 'note'], code: 'FORBIDDEN' }]);
    }
  });
});
