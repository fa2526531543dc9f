import { fileURLToPath } from 'node:url';
import { defineSubgraph } from '@nexus/platform';
import { createContext, type MarketingDeps } from './context.ts';
import { entities } from './entities/index.ts';
import { envShape } from './env.ts';
import { migrations } from './migrations/index.ts';
import { resolvers } from './resolvers/index.ts';

/** marketing: (say what this subgraph owns). */
export const marketingManifest = defineSubgraph({
  name: 'marketing',
  port: 4003,
  folder: new URL('..', import.meta.url),
  envShape,
  entities,
  migrations,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  resolvers,
  context: (deps: MarketingDeps, base) => createContext(deps)(base),
  codegen: {
    contextType: 'MarketingContext',
    mappers: { MarketingNote: '../entities/index.ts#MarketingNote' },
  },
});
