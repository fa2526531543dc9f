import { CONTACT_OWNER_JOB, type Logger, type QueueProcessors } from '@nexus/platform';
import type { TravelDeps } from '../context.ts';
import { applyContactOwner, raisePassportAlerts } from '../services/passport-alerts.service.ts';
import { audienceTravelProcessors, publishAudienceTravel } from '../services/audience-travel.ts';

/** The daily passport-expiry check (a repeatable job, so several workers never run it twice). */
export const PASSPORT_ALERTS_JOB = 'passport-alerts';

/** `travel` queue processors. A TT-API outage fails the job, and bull retries it with backoff. */
export const travelProcessors = (deps: TravelDeps, log: Logger): QueueProcessors<'travel'> => ({
  [PASSPORT_ALERTS_JOB]: async () => {
    const outcome = await raisePassportAlerts({
      orm: deps.orm,
      tt: deps.tt,
      log,
      windowDays: deps.env.PASSPORT_ALERT_WINDOW_DAYS,
      advisorUserId: deps.env.PASSPORT_ALERT_DEFAULT_USER_ID,
    });
    return { ...outcome };
  },
  [CONTACT_OWNER_JOB]: async (job) => {
    await applyContactOwner(deps.orm, job.data);
    await publishAudienceTravel(deps, log, [job.data.contactId]);
    return {};
  },
  ...audienceTravelProcessors(deps, log),
});
