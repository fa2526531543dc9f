import { runSubgraph } from '@nexus/platform';
import { serviceManifest } from './manifest.ts';

await runSubgraph(serviceManifest);
