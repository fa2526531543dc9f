import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Kind, parse, validate, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as webDocuments from '../../web/src/__generated__/graphql.ts';
import { operationCost } from '../../gateway/src/cost-limit.ts';
import { loadGatewayEnv } from '../../gateway/src/env.ts';
import { loadSupergraph } from '../../gateway/src/server.ts';
import { bearer, gql, signIn } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';
import { testEnv } from '../support/env.ts';

/**
 * The operation cost limit counts list sizes: a paging field multiplies the cost of its selection by
 * `first`/`last` (the default page size when absent), so a deep fan-out is refused before planning.
 */

const { apiSchema } = loadSupergraph();
const maxCost = loadGatewayEnv(testEnv).MAX_OPERATION_COST;
const operationOf = (document: DocumentNode) =>
  document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);

const NESTED = `{
  companies(first: 100) { nodes { id name
    contacts(first: 100) { nodes { id firstName
      activities(first: 100) { nodes { id subject } } } } } }
}`;

describe('the cost rule', () => {
  it('lets every operation the web app sends pass, with default page sizes', () => {
    const operations = Object.entries(webDocuments).flatMap(([name, value]) => {
      if (!value || typeof value !== 'object' || !('kind' in value) || value.kind !== Kind.DOCUMENT) return [];
      const document = value as DocumentNode;
      const operation = operationOf(document);
      return operation ? [{ name, document, operation }] : [];
    });
    expect(operations.length).toBeGreaterThan(20);
    const costs = operations.map(({ name, document, operation }) => ({
      name,
      valid: validate(apiSchema, document).length === 0,
      cost: operationCost(apiSchema, document, operation),
    }));
    // A document another change has not caught up with yet would be refused by validation anyway.
    const over = costs.filter((c) => c.valid && c.cost > maxCost);
    expect(over).toEqual([]);
  });

  it('multiplies by first/last, takes variables, and assumes the default page size', () => {
    const cost = (query: string, variables: Record<string, unknown> = {}) => {
      const document = parse(query);
      const operation = operationOf(document);
      if (!operation) throw new Error('no operation');
      return operationCost(apiSchema, document, operation, variables);
    };
    const one = cost('{ companies(first: 1) { nodes { id } } }');
    const ten = cost('{ companies(first: 10) { nodes { id } } }');
    const byVariable = cost('query($n: Int) { companies(first: $n) { nodes { id } } }', { n: 10 });
    const byDefault = cost('{ companies { nodes { id } } }');
    const last = cost('{ companies(last: 25) { nodes { id } } }');
    expect(ten).toBeGreaterThan(one * 5);
    expect(byVariable).toBe(ten);
    expect(byDefault).toBe(last);
    expect(cost(NESTED)).toBeGreaterThan(1_000_000);
    expect(cost(NESTED)).toBeGreaterThan(maxCost);
  });
});

describe('at the gateway', () => {
  let system: System;
  let token = '';
  beforeAll(async () => {
    system = await startSystem();
    token = (await signIn(system.gatewayUrl, 'viewer@nexus.test')).accessToken;
  }, 120_000);
  afterAll(async () => system?.close());

  it('refuses a 100 x 100 x 100 nested query with HTTP 400 and a stable code, calling no subgraph', async () => {
    const fetches = vi.spyOn(RemoteGraphQLDataSource.prototype, 'process');
    try {
      const res = await gql(system.gatewayUrl, NESTED, {}, bearer(token));
      expect(res.status).toBe(400);
      expect(res.data ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');
      expect(res.errors?.[0]?.message).toMatch(/limit of \d+/);
      expect(fetches).not.toHaveBeenCalled();

      // The same shape with small pages is fine, and does reach the subgraphs.
      const small = await gql(system.gatewayUrl, NESTED.replaceAll('first: 100', 'first: 5'), {}, bearer(token));
      expect(small.errors).toBeUndefined();
      expect(fetches).toHaveBeenCalled();
    } finally {
      fetches.mockRestore();
    }
  });
});
