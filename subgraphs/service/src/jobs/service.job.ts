import type { Logger, QueueProcessors } from '@nexus/platform';
import type { ServiceDeps } from '../context.ts';
import { pollMailbox } from '../services/imap.service.ts';
import { checkSla } from '../services/sla.service.ts';
import { publishTicket } from '../services/tickets.service.ts';
import { sendSurveyForTicket } from '../services/surveys.service.ts';

export function serviceProcessors(deps: ServiceDeps, log: Logger): QueueProcessors<'service'> {
  return {
    'sla-check': async () => {
      const r = await checkSla(deps.orm.em, deps.clock());
      if (r.atRisk.length || r.breached.length)
        log.info({ atRisk: r.atRisk.length, breached: r.breached.length }, 'SLA flags set');
      await publishTicket(deps, [...r.atRisk, ...r.breached]);
      return r;
    },
    'survey-send': async (job) => {
      const inv = await sendSurveyForTicket(deps.orm.em.fork(), deps, job.data.ticketId);
      return { sent: !!inv };
    },
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
