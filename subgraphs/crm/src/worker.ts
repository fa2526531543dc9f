import { QUEUES, type Logger, type WorkerModule } from '@nexus/platform';
import type { CrmEnv } from './env.ts';
import { LEAD_SCORE_ALL_JOB, leadScoringProcessors } from './jobs/crm.job.ts';
import { openCrm } from './runtime.ts';

/**
 * crm's part of the worker process: lead scores, recalculated when a contact or its activities
 * change (through the outbox) and every night, when decay rules take their points.
 */
export async function crmWorker(env: CrmEnv, log: Logger): Promise<WorkerModule> {
  const deps = await openCrm(env, log, { seed: false });
  return {
    name: 'crm',
    orm: deps.orm,
    processors: { [QUEUES.crm]: leadScoringProcessors(deps, log) },
    schedules: [{ queue: QUEUES.crm, job: LEAD_SCORE_ALL_JOB, cron: '41 2 * * *', data: { trigger: 'NIGHTLY' } }],
    close: () => deps.close(),
  };
}
