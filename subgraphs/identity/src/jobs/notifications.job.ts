import { NOTIFY_JOB, type Logger, type Processor } from '@nexus/platform';
import type { IdentityDeps } from '../context.ts';
import { notify } from '../services/notifications.service.ts';

/** `notifications` queue: any subgraph asks identity to notify a user (through its outbox). */
export const notificationProcessors = (deps: IdentityDeps, log: Logger): Record<string, Processor> => ({
  [NOTIFY_JOB]: async (job) => {
    const n = await notify(deps.orm.em.fork(), deps.bus, log, job.data);
    return n ? { notificationId: n.id } : { muted: true };
  },
});
