import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { compose } from '../../scripts/compose.ts';
import { conventionProblems } from '../support/conventions.ts';

/**
 * One list convention and one money type for the whole graph, checked on the schema composed from
 * the subgraphs as they are now, so a new subgraph or field cannot drift.
 */
describe('graph conventions', () => {
  const schema = buildSchema(compose().api);

  it('every list of records is a cursor connection with the same arguments, and money is Cents', () => {
    expect(conventionProblems(schema)).toEqual([]);
  });

  it('catches a drifting field', () => {
    const drifted = buildSchema(`
      scalar Cents
      type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
      type Thing { id: ID! priceCents: Int! }
      type ThingEdge { cursor: String! node: Thing! }
      type ThingConnection { edges: [ThingEdge!]! nodes: [Thing!]! pageInfo: PageInfo! totalCount: Int! }
      type Query {
        things(limit: Int): [Thing!]!
        pagedThings(first: Int, after: String, last: Int, before: String): ThingConnection!
      }
    `);
    expect(conventionProblems(drifted)).toEqual([
      'Thing.priceCents is money but typed Int, not Cents',
      'Query.things returns a plain list of Thing; lists of records are connections',
      'Query.pagedThings must be nullable, so a refused page errors at that field alone',
      'Query.things(limit:) uses a retired list argument',
    ]);
  });
});
