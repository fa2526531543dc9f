import { runSubgraph } from '@nexus/platform';
import { travelManifest } from './manifest.ts';

await runSubgraph(travelManifest);
