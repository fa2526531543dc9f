import type { EntityManager } from '@mikro-orm/postgresql';
import type { BaseContext, CoreDeps, GraphExecutor } from '@nexus/platform';
import type { AttachmentStore } from './attachments/store.ts';
import type { ServiceEnv } from './env.ts';
import { createLoaders, type Loaders } from './loaders.ts';

/**
 * What the service subgraph holds for its whole life: platform's core plus a clock, which SLA
 * arithmetic and the breach job read so tests can set the time; the attachment store; and the
 * gateway, through which it reads TT-API data as `service:service-desk`.
 */
export type ServiceDeps = CoreDeps<ServiceEnv> & {
  clock: () => Date;
  attachments: AttachmentStore;
  graph: GraphExecutor;
};

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
