import type { EntityManager } from '@mikro-orm/postgresql';
import type { BaseContext, CoreDeps } from '@nexus/platform';
import type { SalesEnv } from './env.ts';
import { createLoaders, type Loaders } from './loaders.ts';
import { externalCalendars, type ExternalCalendars } from './services/external-calendars.ts';

/**
 * What the sales subgraph holds for its whole life: platform's core (env, orm, redis, bus, log), a
 * clock every meeting rule reads (notice, past slots, no-shows, reminders, routing hand-offs; tests
 * set it), and the readers of members' external calendars.
 */
export type SalesDeps = CoreDeps<SalesEnv> & {
  clock: () => Date;
  calendars: ExternalCalendars;
};

export const extendSales = (core: CoreDeps<SalesEnv>): SalesDeps => ({
  ...core,
  clock: () => new Date(),
  calendars: externalCalendars(core.env, core.log),
});

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
