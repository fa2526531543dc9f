import { fileURLToPath } from 'node:url';
import { defineSubgraph } from '@nexus/platform';
import { createContext, type ServiceDeps } from './context.ts';
import { entities } from './entities/index.ts';
import { envShape } from './env.ts';
import { migrations } from './migrations/index.ts';
import { resolvers } from './resolvers/index.ts';

/** service: (say what this subgraph owns). */
export const serviceManifest = defineSubgraph({
  name: 'service',
  port: 4005,
  folder: new URL('..', import.meta.url),
  envShape,
  entities,
  migrations,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  resolvers,
  context: (deps: ServiceDeps, base) => createContext(deps)(base),
  codegen: {
    contextType: 'ServiceContext',
    mappers: { ServiceNote: '../entities/index.ts#ServiceNote' },
  },
});
