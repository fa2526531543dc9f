import type { EntityManager } from '@mikro-orm/postgresql';
import type { BaseContext, CoreDeps } from '@nexus/platform';
import type { IdentityEnv } from './env.ts';
import { createLoaders, type Loaders } from './loaders.ts';

/**
 * What the identity subgraph holds for its whole life: platform's core (env, orm, redis, bus, log)
 * and the clock portal sign-in secrets expire by (tests set it).
 */
export type IdentityDeps = CoreDeps<IdentityEnv> & { clock: () => Date };

export const extendIdentity = (core: CoreDeps<IdentityEnv>): IdentityDeps => ({ ...core, clock: () => new Date() });

export interface IdentityContext extends BaseContext {
  em: EntityManager;
  loaders: Loaders;
  deps: IdentityDeps;
}

export const createContext =
  (deps: IdentityDeps) =>
  (base: BaseContext): IdentityContext => {
    const em = deps.orm.em.fork();
    return { ...base, em, loaders: createLoaders(em), deps };
  };
