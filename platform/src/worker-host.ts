import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from './logger.ts';
import {
  createQueue,
  drainQueues,
  processJobs,
  startOutboxRelay,
  type Job,
  type Processor,
  type Queue,
} from './queues.ts';

/** What a subgraph contributes to the worker process (its `src/worker.ts`). */
export interface WorkerModule {
  name: string;
  /** Its database, whose outbox the host relays. */
  orm: MikroORM;
  /** Processors by queue name, then job name. */
  processors: Record<string, Record<string, Processor>>;
  /** Repeatable jobs: the queue, the job, and how often (cron or every ms). */
  schedules?: { queue: string; job: string; every?: number; cron?: string; data?: Record<string, unknown> }[];
  close(): Promise<void>;
}

export interface WorkerHostOptions {
  redisUrl: string;
  prefix: string;
  log: Logger;
  /** Queues that other subgraphs' outboxes may write to even when no module here processes them. */
  extraQueues?: string[];
  relayIntervalMs?: number;
  onDeadLetter?: (queue: string, job: Job, err: Error) => void | Promise<void>;
}

/**
 * Runs every subgraph's processors in one process: one bull queue per name, the outbox relays,
 * and repeatable schedules (bull keeps one schedule however many workers start).
 */
export async function startWorkerHost(modules: WorkerModule[], o: WorkerHostOptions) {
  const queues = new Map<string, Queue>();
  const queue = (name: string) => {
    let q = queues.get(name);
    if (!q) {
      q = createQueue(name, {
        redisUrl: o.redisUrl,
        prefix: o.prefix,
        log: o.log,
        onDeadLetter: (job, err) => o.onDeadLetter?.(name, job, err),
      });
      queues.set(name, q);
    }
    return q;
  };
  for (const name of o.extraQueues ?? []) queue(name);
  for (const m of modules) {
    for (const [queueName, processors] of Object.entries(m.processors)) processJobs(queue(queueName), processors);
  }
  for (const m of modules) {
    for (const s of m.schedules ?? []) {
      const repeat = s.cron ? { cron: s.cron } : { every: s.every ?? 60_000 };
      await queue(s.queue).add(s.job, s.data ?? {}, { repeat, jobId: `${m.name}:${s.job}` });
    }
  }
  const relays = modules.map((m) => startOutboxRelay(m.orm, queues, o.log.child({ relay: m.name }), o.relayIntervalMs));
  o.log.info({ queues: [...queues.keys()], modules: modules.map((m) => m.name) }, 'worker started');
  return {
    queues,
    /** Stops relays, then lets active jobs finish (at most 10 s), then closes the modules. */
    async stop() {
      await Promise.all(relays.map((stop) => stop()));
      await drainQueues([...queues.values()], 10_000);
      for (const m of modules) await m.close();
    },
  };
}
