import { createManifestServer, manifestTypeDefs, type Logger } from '@nexus/platform';
import type { TravelDeps } from './context.ts';
import { travelManifest } from './manifest.ts';

export const typeDefs = manifestTypeDefs(travelManifest);

export const createTravelServer = (deps: TravelDeps, log: Logger) => createManifestServer(travelManifest, deps, log);
