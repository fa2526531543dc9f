import type { EntityManager } from '@mikro-orm/postgresql';
import type { BaseContext, CoreDeps, GraphExecutor } from '@nexus/platform';
import type { OpsEnv } from './env.ts';
import type { Replayers } from './ledger/replay.ts';
import type { QueueAdmin } from './services/queues.service.ts';
import { createLoaders, type Loaders } from './loaders.ts';

/**
 * What the ops subgraph holds for its whole life: platform's core plus a clock (the ledger's times,
 * so tests set them), the gateway (automations act on the graph as `service:ops-automation`),
 * each channel's replayer for the ledger, and bull's queues for their administration.
 */
export type OpsDeps = CoreDeps<OpsEnv> & {
  clock: () => Date;
  graph: GraphExecutor;
  replayers: Replayers;
  /** bull's queues, for queue administration and health (opened on first use). */
  queues: QueueAdmin;
};

export interface OpsContext extends BaseContext {
  em: EntityManager;
  loaders: Loaders;
  deps: OpsDeps;
}

export const createContext =
  (deps: OpsDeps) =>
  (base: BaseContext): OpsContext => {
    const em = deps.orm.em.fork();
    return { ...base, em, loaders: createLoaders(em), deps };
  };
