import { runSubgraph } from '@nexus/platform';
import { crmManifest } from './manifest.ts';

await runSubgraph(crmManifest);
