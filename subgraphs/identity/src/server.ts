import { createManifestServer, manifestTypeDefs, type Logger } from '@nexus/platform';
import type { IdentityDeps } from './context.ts';
import { identityManifest } from './manifest.ts';

export const typeDefs = manifestTypeDefs(identityManifest);

export const createIdentityServer = (deps: IdentityDeps, log: Logger) =>
  createManifestServer(identityManifest, deps, log);
