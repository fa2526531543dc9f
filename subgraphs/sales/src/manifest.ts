import { fileURLToPath } from 'node:url';
import { defineSubgraph } from '@nexus/platform';
import { createContext, type SalesDeps } from './context.ts';
import { entities } from './entities/index.ts';
import { envShape } from './env.ts';
import { migrations } from './migrations/index.ts';
import { resolvers } from './resolvers/index.ts';

/** sales: (say what this subgraph owns). */
export const salesManifest = defineSubgraph({
  name: 'sales',
  port: 4004,
  folder: new URL('..', import.meta.url),
  envShape,
  entities,
  migrations,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  resolvers,
  context: (deps: SalesDeps, base) => createContext(deps)(base),
  codegen: {
    contextType: 'SalesContext',
    mappers: { SalesNote: '../entities/index.ts#SalesNote' },
  },
});
