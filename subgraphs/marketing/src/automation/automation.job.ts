import { AUTOMATION_TRIGGER_JOB, QUEUES, type Logger, type WorkerPart } from '@nexus/platform';
import type { MarketingDeps } from '../context.ts';
import { processStep, releaseDue } from './engine.ts';
import { enrolContacts, processSequenceStep, releaseDueSequenceSteps } from './sequences.service.ts';
import { handleTrigger, scanDateTriggers } from './triggers.ts';

/**
 * The automation queue (J-04, J-05): triggers in, workflow steps, sequence steps, the due sweep and
 * the daily date scan. Steps wait on PostgreSQL, SMTP and the gateway, so many run at once.
 */
export const automationWorker = (deps: MarketingDeps, log: Logger): WorkerPart => ({
  processors: {
    [QUEUES.automation]: {
      [AUTOMATION_TRIGGER_JOB]: (job) => handleTrigger(deps, job.data, log),
      'automation-step': (job) => processStep(deps, job.data, log),
      'sequence-step': (job) => processSequenceStep(deps, job.data, log),
      'sequence-enrol': (job) => enrolContacts(deps, job.data.sequenceId, job.data.contactIds, job.data.source),
      'automation-due': async (job) => {
        // Jobs still waiting are late, not lost: while a backlog remains the sweep would only
        // queue the same steps again behind it (as the campaign checker does, it waits).
        if ((await job.queue.getWaitingCount()) > 0) return { skipped: 'backlog' };
        return { steps: await releaseDue(deps), sequenceSteps: await releaseDueSequenceSteps(deps) };
      },
      'automation-date-scan': () => scanDateTriggers(deps, log),
    },
  },
  concurrency: { 'automation-step': 25, 'sequence-step': 10, [AUTOMATION_TRIGGER_JOB]: 10 },
  schedules: [
    { queue: QUEUES.automation, job: 'automation-due', every: 30_000 },
    { queue: QUEUES.automation, job: 'automation-date-scan', cron: '0 6 * * *' },
  ],
});

/** Two workers' parts as one (processors, concurrency and schedules of both). */
export function mergeWorkerParts(a: WorkerPart, b: WorkerPart): WorkerPart {
  const processors = { ...a.processors } as Record<string, Record<string, unknown>>;
  for (const [queue, jobs] of Object.entries(b.processors))
    processors[queue] = { ...(processors[queue] ?? {}), ...jobs };
  return {
    processors: processors as WorkerPart['processors'],
    concurrency: { ...a.concurrency, ...b.concurrency },
    schedules: [...(a.schedules ?? []), ...(b.schedules ?? [])],
    deadLetters: { ...a.deadLetters, ...b.deadLetters },
  };
}
