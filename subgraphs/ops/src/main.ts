import { runSubgraph } from '@nexus/platform';
import { opsManifest } from './manifest.ts';

await runSubgraph(opsManifest);
