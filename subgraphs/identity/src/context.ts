import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { RedisClientType } from 'redis';
import type { BaseContext, EventBus } from '@nexus/platform';
import type { IdentityEnv } from './env.ts';
import { createLoaders, type Loaders } from './loaders.ts';

/** What the identity subgraph holds for its whole life. */
export interface IdentityDeps {
  env: IdentityEnv;
  orm: MikroORM;
  redis: RedisClientType;
  bus: EventBus;
}

export interface IdentityContext extends BaseContext {
  em: EntityManager;
  loaders: Loaders;
  deps: IdentityDeps;
}

export const createContext = (deps: IdentityDeps) => (base: BaseContext): IdentityContext => {
  const em = deps.orm.em.fork();
  return { ...base, em, loaders: createLoaders(em), deps };
};
