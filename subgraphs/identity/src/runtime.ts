import { openSubgraph, subgraphDatabaseName, type Logger, type OpenOptions } from '@nexus/platform';
import type { IdentityEnv } from './env.ts';
import { identityManifest } from './manifest.ts';

export const databaseName = (env: IdentityEnv) => subgraphDatabaseName(identityManifest, env);

/** Connects everything the identity subgraph needs (platform's wiring, from its manifest). */
export const openIdentity = (env: IdentityEnv, log: Logger, opts: OpenOptions = {}) =>
  openSubgraph(identityManifest, env, log, opts);
