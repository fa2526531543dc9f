import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { RedisClientType } from 'redis';
import type { BaseContext, EventBus } from '@nexus/platform';
import type { CrmEnv } from './env.ts';
import { createLoaders, type Loaders } from './loaders.ts';

/** What the crm subgraph holds for its whole life. */
export interface CrmDeps {
  env: CrmEnv;
  orm: MikroORM;
  redis: RedisClientType;
  bus: EventBus;
}

export interface CrmContext extends BaseContext {
  em: EntityManager;
  loaders: Loaders;
  deps: CrmDeps;
}

export const createContext = (deps: CrmDeps) => (base: BaseContext): CrmContext => {
  const em = deps.orm.em.fork();
  return { ...base, em, loaders: createLoaders(em), deps };
};
