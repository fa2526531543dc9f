import { QUEUES, type Logger, type WorkerModule } from '@nexus/platform';
import { travelEnvProblems, type TravelEnv } from './env.ts';
import { PASSPORT_ALERTS_JOB, travelProcessors } from './jobs/travel.job.ts';
import { openTravel } from './runtime.ts';

/** travel's part of the worker process: the daily passport-expiry alerts, relayed through its outbox. */
export async function travelWorker(env: TravelEnv, log: Logger): Promise<WorkerModule> {
  // The worker host loads the env itself; the passport job is where the production rule matters.
  const problems = travelEnvProblems(env);
  if (problems.length > 0) throw new Error(`Invalid travel environment: ${problems.join('; ')}`);
  const deps = await openTravel(env, log);
  return {
    name: 'travel',
    orm: deps.orm,
    processors: { [QUEUES.travel]: travelProcessors(deps, log) },
    schedules: [{ queue: QUEUES.travel, job: PASSPORT_ALERTS_JOB, cron: env.PASSPORT_ALERT_CRON }],
    close: () => deps.close(),
  };
}
