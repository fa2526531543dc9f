import { CONTACT_OWNER_JOB, type Logger, type QueueProcessors } from '@nexus/platform';
import type { TravelDeps } from '../context.ts';
import { applyContactOwner, raisePassportAlerts } from '../services/passport-alerts.service.ts';
import { checkFlightStatuses } from '../services/schedule-changes.service.ts';
import { audienceTravelProcessors, publishAudienceTravel } from '../services/audience-travel.ts';
import { runBookingSync, runCommissionReconciliation } from '../services/automation-runs.service.ts';
import {
  PORTAL_NOTICE_JOB,
  sendPaymentDueReminders,
  sendPortalNotice,
  type NoticeDeps,
} from '../portal/notifications.service.ts';
import { purgeExpiredScans } from '../portal/vault.service.ts';

/** The daily passport-expiry check (a repeatable job, so several workers never run it twice). */
export const PASSPORT_ALERTS_JOB = 'passport-alerts';
/** The flight-status check (a repeatable job): retimed flights become schedule changes. */
export const FLIGHT_STATUS_JOB = 'flight-status';
/** Daily: passport scans in the portal vault are deleted once their trip is over. */
export const PORTAL_VAULT_PURGE_JOB = 'portal-vault-purge';
/** Daily: opted-in portal travellers hear of installments due soon. */
export const PORTAL_PAYMENT_DUE_JOB = 'portal-payment-due';

const noticeDeps = (deps: TravelDeps, log: Logger): NoticeDeps => ({
  em: deps.orm.em.fork(),
  tt: deps.tt,
  graph: deps.graph,
  publicUrl: deps.env.PUBLIC_URL,
  log,
});

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
  [FLIGHT_STATUS_JOB]: async () => {
    const outcome = await checkFlightStatuses(
      deps.orm.em.fork(),
      { tt: deps.tt, publicUrl: deps.env.PUBLIC_URL, defaultAdvisorId: deps.env.PASSPORT_ALERT_DEFAULT_USER_ID },
      {
        url: deps.env.FLIGHT_STATUS_URL,
        apiKey: deps.env.FLIGHT_STATUS_API_KEY,
        lookaheadDays: deps.env.FLIGHT_STATUS_LOOKAHEAD_DAYS,
      },
      log,
      new Date(),
    );
    return { ...outcome };
  },
  [CONTACT_OWNER_JOB]: async (job) => {
    await applyContactOwner(deps.orm, job.data);
    await publishAudienceTravel(deps, log, [job.data.contactId]);
    return {};
  },
  ...audienceTravelProcessors(deps, log),
  [PORTAL_VAULT_PURGE_JOB]: async () => purgeExpiredScans(deps.orm.em.fork()),
  [PORTAL_PAYMENT_DUE_JOB]: async () =>
    sendPaymentDueReminders({ ...noticeDeps(deps, log), days: deps.env.PORTAL_PAYMENT_DUE_DAYS }),
  [PORTAL_NOTICE_JOB]: async (job) => sendPortalNotice(noticeDeps(deps, log), job.data),
  'commission-reconcile': (job) => runCommissionReconciliation(deps, log, job.data.runId),
  'booking-sync': (job) => runBookingSync(deps, log, job.data.runId, job.data.since),
});
