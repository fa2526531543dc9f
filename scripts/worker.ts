/**
 * The worker process: every subgraph's bull processors, outbox relays and schedules. A subgraph
 * takes part by exporting `<name>Worker(env, log)` from its `src/worker.ts`.
 */
import { QUEUES, createLogger, setLogLevel, startWorkerHost, type WorkerModule } from '@nexus/platform';
import { workerModules } from './worker-modules.ts';
import { scriptEnv } from './env.ts';

setLogLevel(scriptEnv.LOG_LEVEL);
const log = createLogger('worker');
const modules: WorkerModule[] = await workerModules(log);
const host = await startWorkerHost(modules, {
  redisUrl: scriptEnv.REDIS_URL ?? 'redis://127.0.0.1:6379',
  prefix: scriptEnv.REDIS_PREFIX,
  log,
  extraQueues: Object.values(QUEUES),
});

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'worker draining');
  await host.stop();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
