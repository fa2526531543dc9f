import { openSubgraph, subgraphDatabaseName, type Logger, type OpenOptions } from '@nexus/platform';
import type { CrmEnv } from './env.ts';
import { crmManifest } from './manifest.ts';

export const databaseName = (env: CrmEnv) => subgraphDatabaseName(crmManifest, env);

/** Connects everything the crm subgraph needs (platform's wiring, from its manifest). */
export const openCrm = (env: CrmEnv, log: Logger, opts: OpenOptions = {}) => openSubgraph(crmManifest, env, log, opts);
