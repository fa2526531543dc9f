import { notFound } from '@nexus/platform';
import { HealthChange } from '../entities/index.ts';
import type { MutationResolvers, QueryResolvers, QueueStatusResolvers } from '../__generated__/resolvers-types.ts';
import { checkSystem, listHealthChanges, overall } from '../services/health.service.ts';
import {
  allQueueStatuses,
  failedJobs,
  queueStatus,
  queueThroughput,
  removeJob,
  retryJob,
  setPaused,
} from '../services/queues.service.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The operations hub's system health and queue administration. */
export const hubQuery: QueryResolvers = {
  systemHealth: async (_p, _a, ctx) => {
    const { checkedAt, components } = await checkSystem(ctx.deps);
    return { status: overall(components), checkedAt, components };
  },
  healthChanges: (_p, args, ctx) => listHealthChanges(ctx.em, args),
  healthChange: (_p, { id }, ctx) => (UUID.test(id) ? ctx.em.findOne(HealthChange, { id }) : null),
  queues: (_p, _a, ctx) => allQueueStatuses(ctx.deps.queues),
  queue: (_p, { name }, ctx) => queueStatus(ctx.deps.queues, name),
};

export const hubMutation: MutationResolvers = {
  retryQueueJob: (_p, { input }, ctx) => retryJob(ctx.deps, ctx.viewer, input),
  removeQueueJob: (_p, { input }, ctx) => removeJob(ctx.deps, ctx.viewer, input),
  pauseQueue: (_p, { input }, ctx) => setPaused(ctx.deps, ctx.viewer, input, true),
  resumeQueue: (_p, { input }, ctx) => setPaused(ctx.deps, ctx.viewer, input, false),
};

export const QueueStatus: QueueStatusResolvers = {
  failedJobs: (q, args, ctx) => failedJobs(ctx.deps.queues, q.name, args),
  throughput: (q, _a, ctx) => queueThroughput(ctx.deps.queues, q.name, ctx.deps.clock()),
};

export const hubSubscription = {
  serviceHealthChanged: {
    subscribe: () => {
      throw notFound('subscription');
    },
  },
};
