import { runSubgraph } from '@nexus/platform';
import { marketingManifest } from './manifest.ts';

await runSubgraph(marketingManifest);
