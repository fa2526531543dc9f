import { runSubgraph } from '@nexus/platform';
import { identityManifest } from './manifest.ts';

await runSubgraph(identityManifest);
