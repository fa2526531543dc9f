import { openSubgraph, subgraphDatabaseName, type Logger, type OpenOptions } from '@nexus/platform';
import type { TravelEnv } from './env.ts';
import { travelManifest } from './manifest.ts';

export const databaseName = (env: TravelEnv) => subgraphDatabaseName(travelManifest, env);

export interface OpenTravelOptions extends Omit<OpenOptions, 'role'> {
  /**
   * Announce breaker state changes on `integrationHealthChanged` (what the subgraph's server does;
   * the worker's own client is another breaker and stays quiet).
   */
  publishHealth?: boolean;
}

/** Connects everything the travel subgraph needs (platform's wiring, from its manifest). */
export const openTravel = (env: TravelEnv, log: Logger, { publishHealth, ...opts }: OpenTravelOptions = {}) =>
  openSubgraph(travelManifest, env, log, { ...opts, role: publishHealth ? 'server' : 'worker' });
