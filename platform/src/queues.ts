import Bull from 'bull';
import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { JobData, JobName, QueueName } from './jobs.ts';
import type { Logger } from './logger.ts';

/*
 * Every queue and worker is made here, so the queue library could be swapped in one place.
 * Hygiene from the original workers: concurrency 5, exponential backoff, 'error' and 'stalled'
 * handlers, maxStalledCount 2, bounded job retention, a dead-letter alert, and a drain on shutdown
 * that never takes longer than 10 s.
 */
export type Queue = Bull.Queue;
export type Job<T = unknown> = Bull.Job<T>;

export interface QueueOptions {
  redisUrl: string;
  prefix: string;
  log: Logger;
  /** Called once a job has used its last attempt (the dead letter). */
  onDeadLetter?: (job: Job, err: Error) => void | Promise<void>;
  /**
   * Bull's throughput metrics: completed and failed jobs per minute, kept for `maxDataPoints`
   * minutes (`queue.getMetrics('completed' | 'failed')`). Recorded by the queue that processes.
   */
  metrics?: { maxDataPoints: number };
}

/** Minutes of completed/failed counts the worker keeps per queue (bull's metrics): the last hour. */
export const QUEUE_METRICS_MINUTES = 60;

export const DEFAULT_JOB_OPTIONS: Bull.JobOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: 1000,
  removeOnFail: 5000,
};

/**
 * How soon a job whose worker died (SIGKILL, OOM, a lost host) runs again. Bull moves an active job
 * back to waiting when its lock has expired and two stalled checks in a row found it unlocked; with
 * bull's defaults (30 s each) a killed worker's jobs waited 90 s (fault R2). A live worker renews
 * its locks every lockDuration / 2, so 15 s only misjudges a job whose event loop is blocked that
 * long, and processors are idempotent for that case anyway.
 */
export const LOCK_DURATION_MS = 15_000;
export const STALLED_INTERVAL_MS = 5_000;

/**
 * A failure that says when to try again (an HTTP 429's `Retry-After`). A job whose options name the
 * `retry-after` backoff waits exactly that long before its next attempt; other failures back off
 * exponentially from `backoff.delay` (1 s by default). The queue owns the retries: clients stay
 * single-shot.
 */
export class RetryAfterError extends Error {
  readonly retryAfterMs: number;
  constructor(message: string, retryAfterMs: number) {
    super(message);
    this.name = 'RetryAfterError';
    this.retryAfterMs = retryAfterMs;
  }
}
export const RETRY_AFTER_BACKOFF = 'retry-after';
const retryAfterBackoff = (attemptsMade: number, err: Error, options?: unknown): number => {
  const wait = (err as Partial<RetryAfterError>).retryAfterMs;
  if (typeof wait === 'number' && Number.isFinite(wait) && wait >= 0) return Math.min(wait, 15 * 60_000);
  const base = typeof options === 'number' && options > 0 ? options : 1000;
  return Math.min(Math.round((2 ** attemptsMade - 1) * base), 15 * 60_000);
};

/**
 * A failure that names its own wait, however long (an outbound webhook's schedule runs over hours):
 * the job waits `retryAfterMs` (at most a day); without one it backs off exponentially.
 */
export const SCHEDULED_BACKOFF = 'scheduled';
const scheduledBackoff = (attemptsMade: number, err: Error, options?: unknown): number => {
  const wait = (err as Partial<RetryAfterError>).retryAfterMs;
  if (typeof wait === 'number' && Number.isFinite(wait) && wait >= 0) return Math.min(wait, 24 * 3_600_000);
  return retryAfterBackoff(attemptsMade, err, options);
};

/**
 * Queues whose jobs retry differently from the default. Slack posts: more attempts, each waiting
 * what Slack's `Retry-After` says when it rate-limits (exponential otherwise).
 */
export const QUEUE_JOB_OPTIONS: Readonly<Record<string, Bull.JobOptions>> = {
  slack: { attempts: 6, backoff: { type: RETRY_AFTER_BACKOFF, options: 1000 } },
  // Webhook deliveries end themselves after their last scheduled attempt; the cap is only a backstop.
  webhooks: { attempts: 20, backoff: { type: SCHEDULED_BACKOFF, options: 1000 } },
};

export function createQueue(name: string, o: QueueOptions): Queue {
  const queue = new Bull(name, o.redisUrl, {
    prefix: `${o.prefix}:bull`,
    defaultJobOptions: { ...DEFAULT_JOB_OPTIONS, ...QUEUE_JOB_OPTIONS[name] },
    settings: {
      maxStalledCount: 2,
      lockDuration: LOCK_DURATION_MS,
      stalledInterval: STALLED_INTERVAL_MS,
      backoffStrategies: { [RETRY_AFTER_BACKOFF]: retryAfterBackoff, [SCHEDULED_BACKOFF]: scheduledBackoff },
    },
    ...(o.metrics ? { metrics: o.metrics } : {}),
  });
  queue.on('error', (err) => o.log.error({ err, queue: name }, 'queue error'));
  queue.on('stalled', (job) => o.log.warn({ queue: name, jobId: job.id, jobName: job.name }, 'job stalled'));
  queue.on('failed', (job, err) => {
    const attempts = job.opts.attempts ?? 1;
    if (job.attemptsMade >= attempts) {
      o.log.error({ err, queue: name, jobId: job.id, jobName: job.name }, 'job dead-lettered');
      void Promise.resolve(o.onDeadLetter?.(job, err)).catch((e: unknown) =>
        o.log.error({ err: e }, 'dead-letter alert failed'),
      );
    } else {
      o.log.warn({ err, queue: name, jobId: job.id, attemptsMade: job.attemptsMade }, 'job failed, will retry');
    }
  });
  return queue;
}

export type Processor<T = Record<string, unknown>> = (job: Job<T>) => Promise<unknown>;

/** Registers processors by job name on a queue, with concurrency 5 each (or the job's own in `perJob`). */
export function processJobs(
  queue: Queue,
  processors: Record<string, Processor>,
  concurrency = 5,
  perJob: Record<string, number> = {},
): void {
  for (const [name, fn] of Object.entries(processors)) {
    void queue.process(name, perJob[name] ?? concurrency, (job: Job) => fn(job as Job<Record<string, unknown>>));
  }
}

/** Closes queues, waiting for active jobs, but never longer than the timeout. */
export async function drainQueues(queues: Queue[], timeoutMs = 10_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  await Promise.race([Promise.allSettled(queues.map((q) => q.close())), timeout]);
  clearTimeout(timer);
}

/**
 * The outbox: work triggered by a change is recorded in the same transaction as the change, and a
 * relay moves it to the queue. A Redis outage delays the work; it never loses it.
 */
export const OutboxMessageSchema = defineEntity({
  name: 'OutboxMessage',
  tableName: 'outbox_message',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    queue: p.string(),
    jobName: p.string(),
    payload: p.json<Record<string, unknown>>(),
    /** Optional job id, so the same logical job queued twice runs once. */
    jobId: p.string().nullable(),
    delayMs: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
    relayedAt: p.datetime().nullable().index(),
  },
});
export class OutboxMessage extends OutboxMessageSchema.class {}
OutboxMessageSchema.setClass(OutboxMessage);

/**
 * Records a job to run once the surrounding unit of work commits. The queue, the job and its
 * payload are checked against the contracts in `jobs.ts`.
 */
export function enqueue<Q extends QueueName, J extends JobName<Q>>(
  em: EntityManager,
  queue: Q,
  jobName: J,
  payload: JobData<Q, J>,
  opts: { jobId?: string; delayMs?: number } = {},
): void {
  em.create(OutboxMessage, {
    queue,
    jobName,
    payload: { ...payload },
    jobId: opts.jobId ?? null,
    delayMs: opts.delayMs ?? 0,
  });
}

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });

/**
 * Moves up to `batch` outbox rows to their queues; rows stay if Redis refuses. Plain SQL (locked
 * with SKIP LOCKED, marked in one statement): a campaign's start puts thousands of rows here at once,
 * and the relay must not become the pace of sending.
 */
export async function relayOutbox(orm: MikroORM, queues: Map<string, Queue>, batch = 200): Promise<number> {
  return orm.em.fork().transactional(async (em) => {
    const rows = await em.execute<
      { id: string; queue: string; job_name: string; payload: Record<string, unknown>; job_id: string | null; delay_ms: number }[]
    >(
      `select id, queue, job_name, payload, job_id, delay_ms from outbox_message where relayed_at is null
       order by created_at limit ? for update skip locked`,
      [batch],
    );
    for (const row of rows) {
      if (!queues.get(row.queue)) throw new Error(`outbox row ${row.id} names unknown queue ${row.queue}`);
    }
    // Added together: the Redis client pipelines them in order on its connection, so a batch costs
    // about one round trip instead of one each. If any add fails, no row is marked and the batch is
    // relayed again; the job ids make the adds that did succeed no-ops then.
    await Promise.all(
      rows.map((row) =>
        withTimeout(
          (queues.get(row.queue) as Queue).add(row.job_name, row.payload, {
            jobId: row.job_id ?? row.id,
            ...(row.delay_ms > 0 ? { delay: row.delay_ms } : {}),
          }),
          5000,
        ),
      ),
    );
    if (rows.length)
      await em.execute(`update outbox_message set relayed_at = now() where id = any(?::uuid[])`, [
        `{${rows.map((r) => r.id).join(',')}}`,
      ]);
    return rows.length;
  });
}

/** Polls the outbox until stopped. */
export function startOutboxRelay(
  orm: MikroORM,
  queues: Map<string, Queue>,
  log: Logger,
  intervalMs = 500,
): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    if (stopped) return;
    try {
      let moved = 0;
      do {
        moved = await relayOutbox(orm, queues);
      } while (moved > 0 && !stopped);
    } catch (err) {
      log.warn({ err }, 'outbox relay paused; will retry');
    }
  };
  const timer = setInterval(() => {
    running = running.then(tick);
  }, intervalMs);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
