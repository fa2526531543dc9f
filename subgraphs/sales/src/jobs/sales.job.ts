import { CONTACT_OWNER_JOB, type Logger, type WorkerPart } from '@nexus/platform';
import type { SalesDeps } from '../context.ts';
import { sendReminder } from '../services/meetings.service.ts';
import { dealMoveProcessor } from './deal-move.job.ts';
import { depositScheduleProcessor } from './deposit-schedule.job.ts';
import { meetingCrmProcessor } from './meeting-crm.job.ts';
import { applyContactLink } from '../portal/proposals.service.ts';

/** sales' part of the worker: deals following their quotes, deposit schedules in TT-API, meeting reminders, booked meetings into crm. */
export function salesWorker(deps: SalesDeps, log: Logger): WorkerPart {
  return {
    processors: {
      sales: {
        'quote-deal-move': dealMoveProcessor(deps.env, log),
        'quote-deposit-schedule': depositScheduleProcessor(deps, log),
        'meeting-reminder': async (job) =>
          sendReminder(deps.orm.em.fork(), deps, job.data.bookingId, job.data.sequence),
        'meeting-crm-sync': meetingCrmProcessor(deps, log),
        // crm's contacts linked to TT-API, for the client portal's proposals.
        [CONTACT_OWNER_JOB]: async (job) => ({ result: await applyContactLink(deps.orm.em.fork(), job.data) }),
      },
    },
  };
}
