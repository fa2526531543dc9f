import type { EntityManager } from '@mikro-orm/postgresql';
import type { BaseContext, CoreDeps } from '@nexus/platform';
import type { MarketingEnv } from './env.ts';
import { createLoaders, type Loaders } from './loaders.ts';

/** What the marketing subgraph holds for its whole life (platform's core: env, orm, redis, bus, log). */
export type MarketingDeps = CoreDeps<MarketingEnv>;

export interface MarketingContext extends BaseContext {
  em: EntityManager;
  loaders: Loaders;
  deps: MarketingDeps;
}

export const createContext =
  (deps: MarketingDeps) =>
  (base: BaseContext): MarketingContext => {
    const em = deps.orm.em.fork();
    return { ...base, em, loaders: createLoaders(em), deps };
  };
