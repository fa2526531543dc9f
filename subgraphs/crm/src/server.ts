import { createManifestServer, manifestTypeDefs, type Logger } from '@nexus/platform';
import type { CrmDeps } from './context.ts';
import { crmManifest } from './manifest.ts';

export const typeDefs = manifestTypeDefs(crmManifest);

export const createCrmServer = (deps: CrmDeps, log: Logger) => createManifestServer(crmManifest, deps, log);
