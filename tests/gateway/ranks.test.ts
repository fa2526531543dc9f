import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  isUnionType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RANK_OF, fieldsWithoutRank, rankMapFromSdl } from '@nexus/platform';
import { bearer, gql, signIn, type GqlResponse } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';
import { expectedRanks, type ExpectedRank } from './expected-ranks.ts';

const supergraphSdl = readFileSync('gateway/supergraph.graphql', 'utf8');
const apiSchema = buildSchema(readFileSync('gateway/supergraph-api.graphql', 'utf8'));
const ranks = rankMapFromSdl(supergraphSdl);

const rootFields = (schema: GraphQLSchema) =>
  [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((t) =>
    t ? Object.keys(t.getFields()).filter((f) => !f.startsWith('_')).map((f) => `${t.name}.${f}`) : [],
  );

/** A literal of the right type for an argument, so an operation validates. */
function dummy(type: GraphQLInputType): string {
  if (isNonNullType(type)) return dummy(type.ofType);
  if (isListType(type)) return `[${dummy(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0]?.name ?? 'X';
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    return `{ ${required.map((f) => `${f.name}: ${dummy(f.type)}`).join(', ')} }`;
  }
  switch (getNamedType(type).name) {
    case 'ID':
      return '"00000000-0000-4000-8000-000000000000"';
    case 'Int':
    case 'Float':
      return '1';
    case 'Boolean':
      return 'false';
    case 'DateTime':
      return '"2030-01-01T00:00:00Z"';
    case 'JSON':
      return '{}';
    default:
      return '"x"';
  }
}

function operationFor(path: string): string {
  const [root = '', name = ''] = path.split('.');
  const type = root === 'Query' ? apiSchema.getQueryType() : root === 'Mutation' ? apiSchema.getMutationType() : apiSchema.getSubscriptionType();
  const field = type?.getFields()[name];
  if (!field) throw new Error(`no ${path}`);
  const args = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined).map((a) => `${a.name}: ${dummy(a.type)}`);
  const named = getNamedType(field.type);
  const selection = isObjectType(named) || isInterfaceType(named) || isUnionType(named) ? ' { __typename }' : '';
  const keyword = root === 'Query' ? 'query' : root === 'Mutation' ? 'mutation' : 'subscription';
  return `${keyword} { ${name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
}

// An anonymous caller is refused with HTTP 401 that names no field (it would describe the schema);
// each operation here selects one root field, so that refusal is about `path`.
const deniedBy = (res: GqlResponse, path: string) =>
  (res.errors ?? []).some((e) =>
    e.extensions?.code === 'UNAUTHENTICATED'
      ? res.status === 401 && e.path === undefined && e.extensions.fields === undefined
      : e.extensions?.code === 'FORBIDDEN' && Array.isArray(e.extensions?.fields) && e.extensions.fields.includes(path),
  );

describe('the composed schema', () => {
  it('gives every field of every type an effective rank', () => {
    expect(fieldsWithoutRank(apiSchema, ranks)).toEqual([]);
  });

  it('lists every root field in the expected rank table, and nothing else', () => {
    expect(rootFields(apiSchema).sort()).toEqual(Object.keys(expectedRanks).sort());
  });

  it('has the ranks the table expects', () => {
    const actual = Object.fromEntries(
      Object.keys(expectedRanks).map((path) => {
        const [type = '', field = ''] = path.split('.');
        const r = ranks.get(`${type}.${field}`);
        const name = r === -1 ? 'PUBLIC' : Object.entries(RANK_OF).find(([, v]) => v === r)?.[0];
        return [path, name];
      }),
    );
    expect(actual).toEqual(expectedRanks);
  });
});

describe('the rank matrix: every root field, as every role and anonymously', () => {
  let system: System;
  const tokens = new Map<string, string | null>();
  const callers = ['ANONYMOUS', 'VIEWER', 'AGENT', 'ADVISOR', 'MANAGER', 'ADMIN'] as const;
  const rankOfCaller = (c: (typeof callers)[number]) => (c === 'ANONYMOUS' ? -1 : RANK_OF[c]);
  const minOf = (e: ExpectedRank) => (e === 'PUBLIC' ? -1 : RANK_OF[e]);

  beforeAll(async () => {
    system = await startSystem({ env: { LOGIN_RATE_LIMIT: '10000' } });
    tokens.set('ANONYMOUS', null);
    for (const c of callers.slice(1)) tokens.set(c, (await signIn(system.gatewayUrl, `${c.toLowerCase()}@nexus.test`)).accessToken);
  });
  afterAll(async () => system?.close());

  it('allows exactly the callers at or above each field\'s minimum', async () => {
    const surprises: string[] = [];
    for (const [path, expected] of Object.entries(expectedRanks)) {
      const op = operationFor(path);
      for (const caller of callers) {
        const token = tokens.get(caller);
        const res = await gql(system.gatewayUrl, op, {}, token ? bearer(token) : {});
        const denied = deniedBy(res, path);
        const shouldDeny = rankOfCaller(caller) < minOf(expected);
        if (denied !== shouldDeny) surprises.push(`${path} as ${caller}: ${denied ? 'denied' : 'allowed'} (${res.raw.slice(0, 160)})`);
        expect(res.raw).not.toMatch(/"stacktrace"|\bat [\w.]+ \(/);
      }
    }
    expect(surprises).toEqual([]);
  }, 120_000);
});
