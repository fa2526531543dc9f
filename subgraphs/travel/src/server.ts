import { createSubgraph, databaseAndRedisHealth, type Logger, loadSubgraphTypeDefs } from '@nexus/platform';
import { createContext, type TravelDeps } from './context.ts';
import { resolvers } from './resolvers/index.ts';

export const typeDefs = loadSubgraphTypeDefs(new URL('..', import.meta.url));

export function createTravelServer(deps: TravelDeps, log: Logger) {
  return createSubgraph({
    name: 'travel',
    typeDefs,
    resolvers,
    log,
    internalTokenSecret: deps.env.INTERNAL_TOKEN_SECRET,
    createContext: createContext(deps),
    // TT-API is not a check here: a TT-API outage degrades travel fields (integrationHealth shows
    // it) but must not mark the subgraph down or stop `npm start`.
    health: databaseAndRedisHealth(deps.orm, deps.redis),
  });
}
