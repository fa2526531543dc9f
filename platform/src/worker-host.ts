import type { MikroORM } from '@mikro-orm/postgresql';
import { DEAD_LETTER_ALERT, type JobData, type JobName, type NotifyAdminsJob, type QueueName } from './jobs.ts';
import type { Logger } from './logger.ts';
import {
  QUEUE_METRICS_MINUTES,
  createQueue,
  drainQueues,
  processJobs,
  startOutboxRelay,
  type Job,
  type Processor,
  type Queue,
} from './queues.ts';

/** Processors of one queue, by job name, each receiving its contract's payload. */
export type QueueProcessors<Q extends QueueName> = {
  [J in JobName<Q>]?: (job: Job<JobData<Q, J>>) => Promise<unknown>;
};
/** Processors by queue: only queues and jobs named in `JobContracts` are accepted. */
export type ProcessorsByQueue = { [Q in QueueName]?: QueueProcessors<Q> };

export type Schedule = {
  [Q in QueueName]: {
    [J in JobName<Q>]: { queue: Q; job: J; every?: number; cron?: string; data?: JobData<Q, J> };
  }[JobName<Q>];
}[QueueName];

/** What a subgraph's manifest contributes to the worker process. */
export interface WorkerPart {
  processors: ProcessorsByQueue;
  /** Repeatable jobs: the queue, the job, and how often (cron or every ms). */
  schedules?: Schedule[];
  /** Jobs that run more than 5 at once per process, by job name (I/O-bound jobs such as one email each). */
  concurrency?: Record<string, number>;
  /**
   * Called for a dead-lettered job of one of these queues (its last attempt failed, or it stalled
   * too often), before the admins are alerted: to record the loss where the work is tracked.
   */
  deadLetters?: { [Q in QueueName]?: (job: Job, err: Error) => Promise<void> };
}

/** What a subgraph contributes to the worker process. */
export interface WorkerModule extends WorkerPart {
  name: string;
  /** Its database, whose outbox the host relays (none for a module without an outbox). */
  orm?: MikroORM;
  close(): Promise<void>;
}

export interface WorkerHostOptions {
  redisUrl: string;
  prefix: string;
  log: Logger;
  /** Queues that other subgraphs' outboxes may write to even when no module here processes them. */
  extraQueues?: string[];
  relayIntervalMs?: number;
  /**
   * Called for every dead-lettered job. By default the host alerts the admins: one `JOB_FAILED`
   * notification job per dead job (its id is the dead job's, so a repeated event alerts once).
   */
  onDeadLetter?: (queue: string, job: Job, err: Error) => void | Promise<void>;
}

/** The alert a dead-lettered job raises (what admins read in their notifications). */
export const deadLetterAlert = (queue: string, job: Job, err: Error): NotifyAdminsJob => ({
  type: 'JOB_FAILED',
  title: `Job ${job.name} on ${queue} failed`,
  body: `Job ${String(job.id)} (${job.name}) on queue ${queue} failed after ${job.attemptsMade} attempts: ${err.message}`.slice(
    0,
    2000,
  ),
  link: null,
  dedupeKey: `job-failed:${queue}:${String(job.id)}`,
});

/**
 * Runs every subgraph's processors in one process: one bull queue per name, the outbox relays,
 * repeatable schedules (bull keeps one schedule however many workers start), and the dead-letter
 * alert.
 */
export async function startWorkerHost(modules: WorkerModule[], o: WorkerHostOptions) {
  const queues = new Map<string, Queue>();
  const log = o.log;
  const alertAdmins = async (queueName: string, job: Job, err: Error) => {
    // An alert that itself dies is only logged: alerting about it would loop.
    if (queueName === DEAD_LETTER_ALERT.queue && job.name === DEAD_LETTER_ALERT.job) return;
    const alert = deadLetterAlert(queueName, job, err);
    await queue(DEAD_LETTER_ALERT.queue).add(DEAD_LETTER_ALERT.job, alert, { jobId: alert.dedupeKey ?? undefined });
    log.warn({ queue: queueName, jobId: job.id, jobName: job.name }, 'admins alerted about a dead-lettered job');
  };
  const onDeadLetter = o.onDeadLetter ?? alertAdmins;
  const moduleDeadLetters = async (queueName: string, job: Job, err: Error) => {
    for (const m of modules) {
      const handle = m.deadLetters?.[queueName as QueueName];
      if (handle)
        await handle(job, err).catch((e: unknown) =>
          log.error({ err: e, queue: queueName, jobId: job.id, module: m.name }, 'dead-letter handler failed'),
        );
    }
  };
  const queue = (name: string) => {
    let q = queues.get(name);
    if (!q) {
      q = createQueue(name, {
        redisUrl: o.redisUrl,
        prefix: o.prefix,
        log,
        onDeadLetter: async (job, err) => {
          await moduleDeadLetters(name, job, err);
          await onDeadLetter(name, job, err);
        },
        // Completed and failed per minute over the last hour, for the queue admin's throughput.
        metrics: { maxDataPoints: QUEUE_METRICS_MINUTES },
      });
      queues.set(name, q);
    }
    return q;
  };
  for (const name of o.extraQueues ?? []) queue(name);
  queue(DEAD_LETTER_ALERT.queue);
  for (const m of modules) {
    for (const [queueName, processors] of Object.entries(m.processors)) {
      // The contract types each processor's payload; bull hands over whatever was queued.
      processJobs(queue(queueName), processors as Record<string, Processor>, 5, m.concurrency);
    }
  }
  for (const m of modules) {
    for (const s of m.schedules ?? []) {
      const repeat = s.cron ? { cron: s.cron } : { every: s.every ?? 60_000 };
      await queue(s.queue).add(s.job, s.data ?? {}, { repeat, jobId: `${m.name}:${s.job}` });
    }
  }
  const relays = modules.flatMap((m) =>
    m.orm ? [startOutboxRelay(m.orm, queues, log.child({ relay: m.name }), o.relayIntervalMs)] : [],
  );
  log.info({ queues: [...queues.keys()], modules: modules.map((m) => m.name) }, 'worker started');
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
