import { loadSubgraphEnv, manifestWorker, type Logger, type WorkerModule } from '@nexus/platform';
import { SUBGRAPHS, loadManifest, type RegistryEntry } from './subgraphs.ts';

/** Every registered subgraph's part of the worker (its manifest's `worker`), each with its own env. */
export async function workerModules(
  log: Logger,
  vars?: Record<string, string | undefined>,
  entries: readonly RegistryEntry[] = SUBGRAPHS,
): Promise<WorkerModule[]> {
  const modules: WorkerModule[] = [];
  for (const entry of entries) {
    const m = await loadManifest(entry);
    const module = await manifestWorker(m, loadSubgraphEnv(m, vars), log.child({ subgraph: m.name }));
    if (module) modules.push(module);
  }
  return modules;
}
