import type { EntityManager } from '@mikro-orm/postgresql';
import type { BaseContext, CoreDeps } from '@nexus/platform';
import type { SalesEnv } from './env.ts';
import { createLoaders, type Loaders } from './loaders.ts';

/** What the sales subgraph holds for its whole life (platform's core: env, orm, redis, bus, log). */
export type SalesDeps = CoreDeps<SalesEnv>;

export interface SalesContext extends BaseContext {
  em: EntityManager;
  loaders: Loaders;
  deps: SalesDeps;
}

export const createContext =
  (deps: SalesDeps) =>
  (base: BaseContext): SalesContext => {
    const em = deps.orm.em.fork();
    return { ...base, em, loaders: createLoaders(em), deps };
  };
