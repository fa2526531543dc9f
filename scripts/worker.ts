/**
 * The worker process: every registered subgraph's bull processors, outbox relays and schedules (its
 * manifest's `worker`). A job that uses its last attempt is logged with its queue and id and raises
 * one JOB_FAILED notification for the admins (the host's dead-letter alert).
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
  // Active jobs get 10 s; closing connections to a Redis or PostgreSQL that is already gone (npm
  // start stops them too) must not keep the process alive after that.
  setTimeout(() => {
    log.warn('worker did not stop within 20 s; exiting');
    process.exit(1);
  }, 20_000).unref();
  await host.stop();
  process.exit(0);
};
// `on`, not `once`: a second signal (Ctrl-C plus the supervisor) must not kill the drain; `stopping` dedupes.
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
