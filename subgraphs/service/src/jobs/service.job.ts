import { CONTACT_OWNER_JOB, type Logger, type QueueProcessors } from '@nexus/platform';
import type { ServiceDeps } from '../context.ts';
import { pollMailbox } from '../services/imap.service.ts';
import { checkSla } from '../services/sla.service.ts';
import { publishTicket } from '../services/tickets.service.ts';
import { sendSurveyForTicket, sendTripSurveys } from '../services/surveys.service.ts';
import { openCriticalIncidents } from '../services/incidents.service.ts';
import { applyContactLink } from '../portal/scope.ts';

export function serviceProcessors(deps: ServiceDeps, log: Logger): QueueProcessors<'service'> {
  return {
    'sla-check': async () => {
      const r = await checkSla(deps.orm.em, deps.clock());
      if (r.atRisk.length || r.breached.length || r.escalated.length)
        log.info(
          { atRisk: r.atRisk.length, breached: r.breached.length, escalated: r.escalated.length },
          'SLA flags set',
        );
      await publishTicket(deps, [...r.atRisk, ...r.breached, ...r.escalated.map((e) => e.id)]);
      return r;
    },
    'survey-send': async (job) => {
      const inv = await sendSurveyForTicket(deps.orm.em.fork(), deps, job.data.ticketId);
      return { sent: !!inv };
    },
    'trip-surveys': async () => {
      const r = await sendTripSurveys(deps);
      if (r.sent.length) log.info({ sent: r.sent.length, skipped: r.skipped }, 'after-trip surveys sent');
      return { sent: r.sent.length, skipped: r.skipped };
    },
    'travel-alert-incidents': async () => {
      const r = await openCriticalIncidents(deps, log);
      if (r.opened.length) log.info({ opened: r.opened.length }, 'travel alert incidents opened');
      return { opened: r.opened.length };
    },
    // crm's contacts linked to TT-API, for the client portal's scoping.
    [CONTACT_OWNER_JOB]: async (job) => ({ result: await applyContactLink(deps.orm.em.fork(), job.data) }),
    'imap-poll': async () => {
      const url = deps.env.IMAP_URL;
      if (!url) return { skipped: true };
      const counts = await pollMailbox(deps, url, log);
      if (counts.created || counts.appended || counts['follow-up'] || counts.failed)
        log.info(counts, 'inbound mailbox read');
      return counts;
    },
  };
}
