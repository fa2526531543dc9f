import fc from 'fast-check';
import pg from 'pg';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose } from '../../scripts/compose.ts';
import { bearer, gql, signIn, type GqlResponse } from '../support/client.ts';
import { testEnv } from '../support/env.ts';
import { startSystem, type System } from '../support/system.ts';

/**
 * Schema-driven fuzzing: fast-check builds arguments for every mutation and every list filter of
 * the composed schema (valid, hostile and malformed values alike) and sends them through the
 * gateway as an admin (the widest rights, so validation rather than ranks answers). Whatever comes
 * back must be a clean answer: no HTTP 5xx, no INTERNAL_SERVER_ERROR, nothing internal in a message,
 * and a refused mutation must have written nothing to any database.
 *
 * Runs are seeded (FUZZ_SEED to explore another corner) and bounded (FUZZ_RUNS per field).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const RUNS = Number(process.env.FUZZ_RUNS ?? 4);

/** Mutations that end the caller's own session, so later cases would test nothing. */
const SESSION_ENDING = new Set(['logout', 'refreshSession']);
/** Mutations whose refusals legitimately leave a trace (failed sign-ins are recorded for lockout). */
const WRITES_WHEN_REFUSED = new Set(['login']);

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    'a\u0000b',
    '\u0007bell',
    "'; drop table users; --",
    '%_\\',
    '<script>alert(1)</script>',
    'Zoë Łódź 東京',
    '\uD800',
    'x'.repeat(5_000),
    'now',
    '2026-02-30',
    'not-an-id',
  ),
);

function scalarArbitrary(name: string): fc.Arbitrary<unknown> {
  switch (name) {
    case 'ID':
      return fc.oneof(fc.uuid(), hostileString);
    case 'Int':
      return fc.oneof(fc.integer(), fc.constantFrom(0, -1, 2 ** 31 - 1, -(2 ** 31)));
    case 'Float':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -1.5, 1e300));
    case 'Boolean':
      return fc.boolean();
    case 'Cents':
      return fc.oneof(fc.maxSafeInteger(), fc.constantFrom(0, -1, 1, 2_147_483_648, Number.MAX_SAFE_INTEGER));
    case 'DateTime':
      return fc.oneof(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
        hostileString,
      );
    case 'Date':
      return fc.oneof(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
        hostileString,
      );
    case 'JSON':
      return fc.jsonValue({ maxDepth: 2 });
    default:
      return hostileString;
  }
}

function inputArbitrary(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return inputArbitrary(type.ofType, depth);
  const nullable = (a: fc.Arbitrary<unknown>) => fc.oneof({ weight: 6, arbitrary: a }, { weight: 1, arbitrary: fc.constant(null) });
  if (isListType(type)) return nullable(fc.array(inputArbitrary(type.ofType, depth + 1), { maxLength: 3 }));
  if (isEnumType(type)) return nullable(fc.constantFrom(...type.getValues().map((v) => v.name)));
  if (isScalarType(type)) return nullable(scalarArbitrary(type.name));
  if (isInputObjectType(type)) {
    if (depth > 3) return fc.constant(null);
    const fields = Object.values(type.getFields());
    const required = Object.fromEntries(fields.filter((f) => isNonNullType(f.type)).map((f) => [f.name, inputArbitrary(f.type, depth + 1)]));
    const optional = Object.fromEntries(fields.filter((f) => !isNonNullType(f.type)).map((f) => [f.name, inputArbitrary(f.type, depth + 1)]));
    return fc
      .tuple(fc.record(required), fc.record(optional, { requiredKeys: [] }))
      .map(([a, b]) => ({ ...b, ...a }));
  }
  return fc.constant(null);
}

/** `field(a: $a, b: $b) { __typename }` with typed variables, whatever the field returns. */
function operationFor(kind: 'mutation' | 'query', field: GraphQLField<unknown, unknown>, args: readonly GraphQLArgument[]) {
  const vars = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = args.length ? `(${args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
  const named = getNamedType(field.type);
  const selection = isScalarType(named) || isEnumType(named) ? '' : ' { __typename }';
  return `${kind}${vars ? `(${vars})` : ''} { ${field.name}${call}${selection} }`;
}

const LEAKS = /\bat [\w.<>]+ \(|node_modules|\.ts:\d+|\bselect\b.*\bfrom\b|violates|relation "|column "|syntax error at|MikroORM|TypeError|ReferenceError|ECONNREFUSED/i;

function cleanAnswer(r: GqlResponse, what: string) {
  expect(r.status, `${what}: HTTP ${r.status} ${r.raw.slice(0, 300)}`).toBeLessThan(500);
  for (const e of r.errors ?? []) {
    expect(e.extensions?.code, `${what}: ${e.message}`).not.toBe('INTERNAL_SERVER_ERROR');
    expect(e.message, `${what}: leaks internals`).not.toMatch(LEAKS);
  }
}

describe('schema-driven fuzzing through the gateway', () => {
  let system: System;
  let schema: GraphQLSchema;
  let headers: Record<string, string>;
  let viewerHeaders: Record<string, string>;
  const dbs: pg.Client[] = [];

  /** A fingerprint of every row of every table of this world's databases. */
  async function fingerprint(): Promise<string> {
    const parts: string[] = [];
    for (const db of dbs) {
      const tables = await db.query<{ t: string }>(
        "select format('%I.%I', schemaname, tablename) as t from pg_tables where schemaname = 'public' and tablename not like 'mikro_orm%' order by 1",
      );
      const sql = tables.rows
        .map(({ t }) => `select '${t}' as t, (select md5(coalesce(string_agg(md5(x::text), '' order by md5(x::text)), '')) from ${t} x) as h`)
        .join(' union all ');
      if (!sql) continue;
      const r = await db.query<{ t: string; h: string }>(sql);
      parts.push(...r.rows.map((row) => `${row.t}=${row.h}`));
    }
    return parts.join('\n');
  }

  beforeAll(async () => {
    system = await startSystem();
    schema = buildSchema(compose().api);
    headers = bearer((await signIn(system.gatewayUrl, 'admin@nexus.test')).accessToken);
    viewerHeaders = bearer((await signIn(system.gatewayUrl, 'viewer@nexus.test')).accessToken);
    for (const name of Object.keys(system.subgraphUrls)) {
      const client = new pg.Client({ connectionString: testEnv.DATABASE_URL, database: `${system.iso.dbPrefix}${name}` });
      await client.connect();
      dbs.push(client);
    }
  }, 180_000);

  afterAll(async () => {
    for (const db of dbs) await db.end();
    await system?.close();
  });

  it('answers every mutation cleanly, and a refused one writes nothing', async () => {
    const mutations = Object.values(schema.getMutationType()?.getFields() ?? {}).filter((f) => !SESSION_ENDING.has(f.name));
    expect(mutations.length).toBeGreaterThan(20);
    for (const field of mutations) {
      const query = operationFor('mutation', field, field.args);
      const args = fc.record(Object.fromEntries(field.args.map((a) => [a.name, inputArbitrary(a.type)])));
      await fc.assert(
        fc.asyncProperty(args, async (variables) => {
          const before = WRITES_WHEN_REFUSED.has(field.name) ? '' : await fingerprint();
          const r = await gql(system.gatewayUrl, query, variables, headers);
          cleanAnswer(r, `${field.name}(${JSON.stringify(variables).slice(0, 300)})`);
          const refused = !r.data || r.data[field.name] === null || r.data[field.name] === undefined;
          if (refused && (r.errors?.length ?? 0) > 0 && !WRITES_WHEN_REFUSED.has(field.name)) {
            expect(await fingerprint(), `${field.name} was refused (${r.errors?.[0]?.extensions?.code}) but wrote`).toBe(before);
          }
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    }
  }, 900_000);

  it('answers every list filter and order cleanly, for a viewer', async () => {
    const lists = Object.values(schema.getQueryType()?.getFields() ?? {}).filter((f) => f.args.some((a) => a.name === 'filter' || a.name === 'orderBy'));
    expect(lists.length).toBeGreaterThan(5);
    for (const field of lists) {
      const fuzzed = field.args.filter((a) => ['filter', 'orderBy', 'first', 'after', 'last', 'before'].includes(a.name) || isNonNullType(a.type));
      const query = operationFor('query', field, fuzzed);
      const args = fc.record(Object.fromEntries(fuzzed.map((a) => [a.name, inputArbitrary(a.type)])));
      await fc.assert(
        fc.asyncProperty(args, async (variables) => {
          const r = await gql(system.gatewayUrl, query, variables, viewerHeaders);
          cleanAnswer(r, `${field.name}(${JSON.stringify(variables).slice(0, 300)})`);
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    }
  }, 600_000);
});
