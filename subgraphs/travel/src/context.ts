import type { EntityManager } from '@mikro-orm/postgresql';
import type { BaseContext, CoreDeps, GraphExecutor } from '@nexus/platform';
import type Stripe from 'stripe';
import type { TravelEnv } from './env.ts';
import { createLoaders, type Loaders } from './loaders.ts';
import type { TtApiClient } from './tt-api/client.ts';

/** What the travel subgraph holds for its whole life: platform's core plus its TT-API clients. */
export interface TravelDeps extends CoreDeps<TravelEnv> {
  /** The process-wide TT-API client: one configuration, one circuit breaker for every request. */
  tt: TtApiClient;
  /** Health probes only: short timeout, no retry, bypasses the breaker. */
  ttProbe: TtApiClient;
  /** The gateway: booking sync brings TT-API deals into the CRM through it, as `service:tt-sync`. */
  graph: GraphExecutor;
  /** Stripe, when configured: portal travellers pay installments through Checkout. */
  stripe: Stripe | null;
  /** Stops listening to the breaker (when the subgraph closes). */
  stopHealthEvents(): void;
}

export interface TravelContext extends BaseContext {
  em: EntityManager;
  /** This request's view of TT-API: identical GETs within the request are sent once. */
  tt: TtApiClient;
  loaders: Loaders;
  deps: TravelDeps;
}

export const createContext =
  (deps: TravelDeps) =>
  (base: BaseContext): TravelContext => {
    const em = deps.orm.em.fork();
    const tt = deps.tt.forRequest({ requestId: base.requestId });
    return { ...base, em, tt, loaders: createLoaders(tt, em), deps };
  };
