import { createSubgraph, databaseAndRedisHealth, type Logger, loadSubgraphTypeDefs } from '@nexus/platform';
import { createContext, type CrmDeps } from './context.ts';
import { resolvers } from './resolvers/index.ts';

export const typeDefs = loadSubgraphTypeDefs(new URL('..', import.meta.url));

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
