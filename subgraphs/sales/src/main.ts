import { runSubgraph } from '@nexus/platform';
import { salesManifest } from './manifest.ts';

await runSubgraph(salesManifest);
