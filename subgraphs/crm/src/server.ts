import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { createSubgraph, databaseAndRedisHealth, type Logger } from '@nexus/platform';
import { createContext, type CrmDeps } from './context.ts';
import { resolvers } from './resolvers/index.ts';

export const typeDefs = parse(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));

export function createCrmServer(deps: CrmDeps, log: Logger) {
  return createSubgraph({
    name: 'crm',
    typeDefs,
    resolvers,
    log,
    internalTokenSecret: deps.env.INTERNAL_TOKEN_SECRET,
    createContext: createContext(deps),
    health: databaseAndRedisHealth(deps.orm, deps.redis),
  });
}
