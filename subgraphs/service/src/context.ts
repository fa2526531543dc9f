import type { EntityManager } from '@mikro-orm/postgresql';
import type { BaseContext, CoreDeps } from '@nexus/platform';
import type { ServiceEnv } from './env.ts';
import { createLoaders, type Loaders } from './loaders.ts';

/**
 * What the service subgraph holds for its whole life: platform's core plus a clock, which SLA
 * arithmetic and the breach job read so tests can set the time.
 */
export type ServiceDeps = CoreDeps<ServiceEnv> & { clock: () => Date };

export interface ServiceContext extends BaseContext {
  em: EntityManager;
  loaders: Loaders;
  deps: ServiceDeps;
}

export const createContext =
  (deps: ServiceDeps) =>
  (base: BaseContext): ServiceContext => {
    const em = deps.orm.em.fork();
    return { ...base, em, loaders: createLoaders(em), deps };
  };
