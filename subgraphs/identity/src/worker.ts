import { QUEUES, type Logger, type WorkerModule } from '@nexus/platform';
import type { IdentityEnv } from './env.ts';
import { SESSION_CLEANUP_JOB, maintenanceProcessors } from './jobs/maintenance.job.ts';
import { notificationProcessors } from './jobs/notifications.job.ts';
import { openIdentity } from './runtime.ts';

/** identity's part of the worker process: notifications for everyone, and its own housekeeping. */
export async function identityWorker(env: IdentityEnv, log: Logger): Promise<WorkerModule> {
  const deps = await openIdentity(env, log, { seed: false });
  return {
    name: 'identity',
    orm: deps.orm,
    processors: {
      [QUEUES.notifications]: notificationProcessors(deps, log),
      [QUEUES.identityMaintenance]: maintenanceProcessors(deps),
    },
    schedules: [{ queue: QUEUES.identityMaintenance, job: SESSION_CLEANUP_JOB, cron: '17 3 * * *' }],
    close: () => deps.close(),
  };
}
