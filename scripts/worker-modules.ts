import { loadEnv, type Logger, type WorkerModule } from '@nexus/platform';
import { SUBGRAPHS } from './subgraphs.ts';

type WorkerFactory = (env: never, log: Logger) => Promise<WorkerModule>;

/** Loads every subgraph's `src/worker.ts` (`<name>Worker`), each with its own env. */
export async function workerModules(log: Logger, vars?: Record<string, string | undefined>): Promise<WorkerModule[]> {
  const modules: WorkerModule[] = [];
  for (const { name } of SUBGRAPHS) {
    const workerMod = (await import(/* @vite-ignore */ new URL(`../subgraphs/${name}/src/worker.ts`, import.meta.url).href)) as Record<string, unknown>;
    const envMod = (await import(/* @vite-ignore */ new URL(`../subgraphs/${name}/src/env.ts`, import.meta.url).href)) as {
      envShape: Parameters<typeof loadEnv>[0];
    };
    const factory = workerMod[`${name}Worker`];
    if (typeof factory !== 'function') throw new Error(`subgraphs/${name}/src/worker.ts does not export ${name}Worker`);
    const env = loadEnv(envMod.envShape, vars);
    modules.push(await (factory as WorkerFactory)(env as never, log.child({ subgraph: name })));
  }
  return modules;
}
