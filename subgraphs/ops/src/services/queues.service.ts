/**
 * Queue administration on bull's own API: counts per queue, failed jobs with their error and
 * attempts, retry, remove, pause and resume. Every action is audited. The queues are opened on
 * first use (admin pages are rare) and closed with the subgraph.
 */
import { z } from 'zod';
import {
  QUEUES,
  actorOf,
  arrayConnection,
  createQueue,
  notFound,
  parseInput,
  type ConnectionArgs,
  type Job,
  type Logger,
  type Queue,
  type Viewer,
} from '@nexus/platform';
import type { MikroORM } from '@mikro-orm/postgresql';
import { OpsAuditEntry, type OpsAuditAction } from '../entities/index.ts';

export const QUEUE_NAMES = Object.values(QUEUES) as string[];

export interface QueueAdmin {
  queue(name: string): Queue;
  close(): Promise<void>;
}

export function queueAdmin(o: { redisUrl: string; prefix: string; log: Logger }): QueueAdmin {
  const open = new Map<string, Queue>();
  return {
    queue(name) {
      if (!QUEUE_NAMES.includes(name)) throw notFound('queue', name);
      let q = open.get(name);
      if (!q) {
        q = createQueue(name, { redisUrl: o.redisUrl, prefix: o.prefix, log: o.log });
        open.set(name, q);
      }
      return q;
    },
    async close() {
      const all = [...open.values()];
      open.clear();
      await Promise.allSettled(all.map((q) => q.close()));
    },
  };
}

export interface QueueStatus {
  name: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
  paused: boolean;
}

export async function queueStatus(admin: QueueAdmin, name: string): Promise<QueueStatus> {
  const q = admin.queue(name);
  const [counts, paused] = await Promise.all([q.getJobCounts(), q.isPaused()]);
  return { name, ...counts, paused };
}

export const allQueueStatuses = (admin: QueueAdmin) => Promise.all(QUEUE_NAMES.map((n) => queueStatus(admin, n)));

/** A failed job as the admin sees it. */
export interface FailedJob {
  id: string;
  queue: string;
  name: string;
  data: string;
  error: string | null;
  attemptsMade: number;
  maxAttempts: number;
  failedAt: Date | null;
  createdAt: Date;
}

const toFailed = (queue: string, j: Job): FailedJob => ({
  id: String(j.id),
  queue,
  name: j.name,
  data: JSON.stringify(j.data).slice(0, 2000),
  error: j.failedReason ? j.failedReason.slice(0, 2000) : null,
  attemptsMade: j.attemptsMade,
  maxAttempts: j.opts.attempts ?? 1,
  failedAt: j.finishedOn ? new Date(j.finishedOn) : null,
  createdAt: new Date(j.timestamp),
});

/** The newest 500 failed jobs of a queue, paged. */
export async function failedJobs(admin: QueueAdmin, name: string, args: ConnectionArgs) {
  const jobs = await admin.queue(name).getFailed(0, 499);
  return arrayConnection(
    jobs.filter((j): j is Job => Boolean(j)).map((j) => toFailed(name, j)),
    args,
  );
}

const jobInput = z.object({
  queue: z.enum(QUEUE_NAMES as [string, ...string[]]),
  jobId: z.string().trim().min(1).max(200),
});
const queueInput = z.object({ queue: z.enum(QUEUE_NAMES as [string, ...string[]]) });

async function audit(
  orm: MikroORM,
  viewer: Viewer,
  action: OpsAuditAction,
  targetType: string,
  targetId: string,
  details: Record<string, unknown>,
) {
  const em = orm.em.fork();
  em.create(OpsAuditEntry, { action, actor: actorOf(viewer), targetType, targetId, details });
  await em.flush();
}

async function existingJob(admin: QueueAdmin, queue: string, jobId: string): Promise<Job> {
  const job = await admin.queue(queue).getJob(jobId);
  if (!job) throw notFound('job', jobId);
  return job;
}

/** Puts a failed job back in line. NOT_FOUND when it no longer exists; BAD_USER_INPUT unless it failed. */
export async function retryJob(deps: { orm: MikroORM; queues: QueueAdmin }, viewer: Viewer, input: unknown) {
  const { queue, jobId } = parseInput(jobInput, input);
  const job = await existingJob(deps.queues, queue, jobId);
  if (!(await job.isFailed())) throw notFound('failed job', jobId);
  await job.retry();
  await audit(deps.orm, viewer, 'QUEUE_JOB_RETRIED', 'QueueJob', `${queue}:${jobId}`, { queue, jobId, name: job.name });
  return queueStatus(deps.queues, queue);
}

/** Removes a job that is not running. NOT_FOUND when it no longer exists. */
export async function removeJob(deps: { orm: MikroORM; queues: QueueAdmin }, viewer: Viewer, input: unknown) {
  const { queue, jobId } = parseInput(jobInput, input);
  const job = await existingJob(deps.queues, queue, jobId);
  await job.remove();
  await audit(deps.orm, viewer, 'QUEUE_JOB_REMOVED', 'QueueJob', `${queue}:${jobId}`, { queue, jobId, name: job.name });
  return queueStatus(deps.queues, queue);
}

/** Pauses or resumes a queue for every worker (bull's global pause). */
export async function setPaused(
  deps: { orm: MikroORM; queues: QueueAdmin },
  viewer: Viewer,
  input: unknown,
  paused: boolean,
) {
  const { queue } = parseInput(queueInput, input);
  const q = deps.queues.queue(queue);
  if (paused) await q.pause();
  else await q.resume();
  await audit(deps.orm, viewer, paused ? 'QUEUE_PAUSED' : 'QUEUE_RESUMED', 'Queue', queue, { queue });
  return queueStatus(deps.queues, queue);
}

/** Jobs of a queue that finished in one minute. */
export interface QueueThroughputPoint {
  minute: Date;
  completed: number;
  failed: number;
}

const MINUTE_MS = 60_000;
export const THROUGHPUT_MINUTES = 60;

/**
 * Bull's metrics as counts by minute number. Bull keeps, per type, a running `count`, the count and
 * time of the last minute it closed (`prevCount`, `prevTS`) and the closed minutes newest first
 * (`data[0]` is the minute before `prevTS`'s); the jobs since `prevCount` belong to `prevTS`'s minute.
 */
async function perMinute(q: Queue, type: 'completed' | 'failed'): Promise<Map<number, number>> {
  const m = await q.getMetrics(type, 0, THROUGHPUT_MINUTES);
  const counts = new Map<number, number>();
  if (!m.meta.prevTS) return counts;
  const last = Math.floor(m.meta.prevTS / MINUTE_MS);
  counts.set(last, Math.max(0, m.meta.count - m.meta.prevCount));
  m.data.forEach((v, i) => counts.set(last - 1 - i, Number(v) || 0));
  return counts;
}

/** Completed and failed jobs per minute over the last hour, oldest first, the current minute last. */
export async function queueThroughput(admin: QueueAdmin, name: string, now: Date): Promise<QueueThroughputPoint[]> {
  const q = admin.queue(name);
  const [completed, failed] = await Promise.all([perMinute(q, 'completed'), perMinute(q, 'failed')]);
  const current = Math.floor(now.getTime() / MINUTE_MS);
  return Array.from({ length: THROUGHPUT_MINUTES }, (_, i) => {
    const minute = current - (THROUGHPUT_MINUTES - 1) + i;
    return {
      minute: new Date(minute * MINUTE_MS),
      completed: completed.get(minute) ?? 0,
      failed: failed.get(minute) ?? 0,
    };
  });
}
