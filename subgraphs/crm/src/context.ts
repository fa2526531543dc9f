import type { EntityManager } from '@mikro-orm/postgresql';
import type { BaseContext, CoreDeps } from '@nexus/platform';
import type { CrmEnv } from './env.ts';
import { createLoaders, type Loaders } from './loaders.ts';

/** What the crm subgraph holds for its whole life (platform's core: env, orm, redis, bus, log). */
export type CrmDeps = CoreDeps<CrmEnv>;

export interface CrmContext extends BaseContext {
  em: EntityManager;
  loaders: Loaders;
  deps: CrmDeps;
}

export const createContext =
  (deps: CrmDeps) =>
  (base: BaseContext): CrmContext => {
    const em = deps.orm.em.fork();
    return { ...base, em, loaders: createLoaders(em, deps.env.CRM_PLAIN_READS), deps };
  };
