import { describe, expect, it } from 'vitest';
import { buildSchema, operationFromDocument, type Operation } from '@apollo/federation-internals';
import { parse } from 'graphql';
import { apolloComputeResponse, computeResponse, type ShapingInput } from '../../gateway/src/result-shaping.ts';

/**
 * The gateway shapes answers with its own `computeResponse` (gateway/src/result-shaping.ts). Every
 * answer a client gets from it must be the one `@apollo/gateway`'s own function gives: the same data
 * and the same errors at the same paths, for valid rows, for rows whose values the schema refuses,
 * for nulls that bubble up, under aliases, fragments, abstract types and `@skip`/`@include`.
 */
const schema = buildSchema(`
  type Query {
    deals(first: Int): [Deal!]!
    deal(id: ID!): Deal
    search: [SearchHit]
    node(id: ID!): Node
    counts: [Int!]
    me: User!
  }
  interface Node { id: ID! }
  enum Stage { LEAD WON LOST }
  scalar DateTime
  type Deal implements Node {
    id: ID!
    title: String!
    amountCents: Float
    probability: Int
    open: Boolean!
    stage: Stage!
    closedAt: DateTime
    owner: User
    company: Company
    tags: [String!]
  }
  type Company implements Node { id: ID! name: String! deals: [Deal!] }
  type User implements Node { id: ID! name: String roles: [Stage] }
  union SearchHit = Deal | Company | User
`);

const operation = (query: string): Operation => operationFromDocument(schema, parse(query), { validate: true });

const shape = (fn: typeof computeResponse, op: Operation, input: unknown, variables?: Record<string, unknown>) => {
  const result = fn({
    operation: op,
    variables,
    input: input as ShapingInput['input'],
    introspectionHandling: (selection) => ({ introspected: selection.toString() }),
  });
  return {
    data: JSON.parse(JSON.stringify(result.data ?? null)) as unknown,
    errors: result.errors.map((e) => ({ message: e.message, path: e.path, code: e.extensions.code })),
  };
};

const expectSameShape = (query: string, input: unknown, variables?: Record<string, unknown>) => {
  const op = operation(query);
  const ours = shape(computeResponse, op, input, variables);
  expect(ours).toEqual(shape(apolloComputeResponse, op, input, variables));
  return ours;
};

const BOARD = `query Board($withOwner: Boolean!, $skipTags: Boolean = true) {
  first: deals(first: 2) {
    __typename id title amountCents probability open stage closedAt
    owner @include(if: $withOwner) { id name kind: __typename }
    company { ...CompanyFields }
    tags @skip(if: $skipTags)
  }
  me { id roles }
}
fragment CompanyFields on Company { id name deals { id stage } }`;

const deal = (i: number, extra: Record<string, unknown> = {}) => ({
  __typename: 'Deal',
  id: `d${i}`,
  title: `Deal ${i}`,
  amountCents: 1000 * i + 0.5,
  probability: 10 * i,
  open: i % 2 === 0,
  stage: 'LEAD',
  closedAt: '2026-12-07T00:00:00.000Z',
  owner: { __typename: 'User', id: 'u1', name: 'Vic', kind: 'User' },
  company: { __typename: 'Company', id: `c${i}`, name: `Company ${i}`, deals: [{ id: `d${i}`, stage: 'WON' }] },
  tags: ['a', 'b'],
  ...extra,
});

describe('answers shaped by the gateway', () => {
  it('are Apollo’s for valid rows, with aliases, fragments and @skip/@include read from variables and defaults', () => {
    const input = { first: [deal(1), deal(2)], me: { id: 'u1', roles: ['LEAD', null] } };
    const withOwner = expectSameShape(BOARD, input, { withOwner: true });
    expect(withOwner.errors).toEqual([]);
    expect(withOwner.data).toMatchObject({ first: [{ id: 'd1', owner: { kind: 'User' } }, { id: 'd2' }] });
    expect(Object.keys((withOwner.data as { first: object[] }).first[0] ?? {})).not.toContain('tags');
    const withoutOwner = expectSameShape(BOARD, input, { withOwner: false, skipTags: false });
    expect(Object.keys((withoutOwner.data as { first: object[] }).first[0] ?? {})).toEqual(
      expect.arrayContaining(['tags']),
    );
    expect(Object.keys((withoutOwner.data as { first: object[] }).first[0] ?? {})).not.toContain('owner');
  });

  it('are Apollo’s when values break the schema: wrong leaf types, unknown enum values, nulls in non-null places', () => {
    const broken = [
      deal(1, { probability: 12.5 }),
      deal(2, { open: 'yes' }),
      deal(3, { stage: 'MAYBE' }),
      deal(4, { title: null }),
      deal(5, { amountCents: 'a lot' }),
      deal(7, { id: 7.5 }),
      deal(8, { company: { __typename: 'Company', id: 'c8', name: null, deals: [] } }),
      deal(9, { company: { __typename: 'Company', id: 'c9', name: 'n', deals: [{ id: 'd', stage: null }] } }),
      deal(10, { tags: ['a', null] }),
      deal(11, { owner: { __typename: 'Nope', id: 'u' } }),
      deal(12, { amountCents: Number.POSITIVE_INFINITY }),
    ];
    for (const row of broken) {
      const result = expectSameShape(
        BOARD,
        { first: [row], me: { id: 'u1', roles: [] } },
        {
          withOwner: true,
          skipTags: false,
        },
      );
      expect(result.errors.length).toBeGreaterThan(0);
    }
    // An integer is a valid ID; a fraction is not.
    expect(
      expectSameShape(BOARD, { first: [deal(6, { id: 7 })], me: { id: 'u1', roles: [] } }, { withOwner: true }).errors,
    ).toEqual([]);
    // A null in a non-null list element bubbles to the list's nullable field; at the root, to data.
    expect(expectSameShape(BOARD, { first: [deal(1)], me: null }, { withOwner: true }).data).toBeNull();
    expect(expectSameShape(`{ counts }`, { counts: [1, null, 3] }).data).toEqual({ counts: null });
  });

  it('are Apollo’s for abstract types, typename aliases, introspection and missing fields', () => {
    const query = `{
      search {
        __typename
        t: __typename
        ... on Deal { id title }
        ... on Company { id name }
        ... on Node { id }
      }
      node(id: "x") { id ... on User { name } }
      __schema { queryType { name } }
      deal(id: "d") { id title }
    }`;
    const input = {
      search: [
        { __typename: 'Deal', id: 'd1', title: 'T' },
        { __typename: 'Company', id: 'c1', name: 'C' },
        { __typename: 'User', id: 'u1' },
        null,
      ],
      node: { __typename: 'User', id: 'u1', name: 'Vic' },
      deal: { id: 'd', title: 'x' },
    };
    const result = expectSameShape(query, input);
    expect(result.data).toMatchObject({ search: [{ t: 'Deal' }, { t: 'Company' }, { t: 'User' }, null] });
    expectSameShape(query, { ...input, search: [{ __typename: 'Unknown', id: 'x' }], deal: null });
    expectSameShape(query, { search: null, node: null });
    expectSameShape(query, null);
  });

  it('are Apollo’s over many generated rows, valid and broken alike', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(values: T[]): T => values[Math.floor(random() * values.length)] as T;
    const value = (good: unknown) => (random() < 0.85 ? good : pick([null, 1, 2.5, 'x', true, 'WON', undefined, {}]));
    const op = operation(BOARD);
    for (let n = 0; n < 300; n++) {
      const rows = Array.from({ length: 1 + Math.floor(random() * 4) }, (_, i) => {
        const row = deal(i) as Record<string, unknown>;
        for (const key of Object.keys(row)) if (key !== '__typename') row[key] = value(row[key]);
        return row;
      });
      const input = { first: value(rows), me: value({ id: 'u1', roles: value(['LEAD', value('WON')]) }) };
      const variables = { withOwner: random() < 0.5, skipTags: random() < 0.5 };
      const run = (fn: typeof computeResponse) => {
        try {
          return shape(fn, op, structuredClone(input), variables);
        } catch (e) {
          return { threw: (e as Error).message };
        }
      };
      expect(run(computeResponse)).toEqual(run(apolloComputeResponse));
    }
  });
});
