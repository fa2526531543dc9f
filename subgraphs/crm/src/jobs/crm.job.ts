import { z } from 'zod';
import { ROLES, STAFF_CHANGED_JOB, publishSafely, type Logger, type Processor } from '@nexus/platform';
import type { CrmDeps } from '../context.ts';
import { LEAD_SCORE_TRIGGERS } from '../entities/index.ts';
import { activeRules, rescore, rescoreAll } from '../services/lead-scoring.service.ts';
import { applyStaffChange } from '../services/staff.service.ts';
import { LEAD_SCORE_ALL_JOB, LEAD_SCORE_JOB } from '../services/lead-scoring.ts';

export { LEAD_SCORE_ALL_JOB, LEAD_SCORE_JOB };

const oneContact = z.object({ contactId: z.uuid(), trigger: z.enum(LEAD_SCORE_TRIGGERS).default('EVENT') });
const everyContact = z.object({ trigger: z.enum(LEAD_SCORE_TRIGGERS).default('NIGHTLY') });
const staffMember = z.object({
  id: z.uuid(),
  name: z.string().max(120),
  email: z.string().max(254),
  role: z.enum(ROLES),
  active: z.boolean(),
  updatedAt: z.iso.datetime({ offset: true }),
});

/**
 * `crm` queue. `lead-score-recalculate` re-scores one contact (job ids coalesce bursts of changes)
 * and announces a changed score on `contactChanged`; `lead-score-recalculate-all` re-scores every
 * contact in batches: after a rule changes, and nightly (repeatable job) so decay rules bite.
 */
export const leadScoringProcessors = (deps: CrmDeps, log: Logger): Record<string, Processor> => ({
  [LEAD_SCORE_JOB]: async (job) => {
    const { contactId, trigger } = oneContact.parse(job.data);
    const em = deps.orm.em.fork();
    const updates = await rescore(em, await activeRules(em, log), [contactId], trigger);
    for (const u of updates) await publishSafely(deps.bus, 'contactChanged', { id: u.contactId, companyId: u.companyId, ownerId: u.ownerId }, log);
    return { changed: updates.length };
  },
  [LEAD_SCORE_ALL_JOB]: async (job) => {
    const { trigger } = everyContact.parse(job.data);
    const result = await rescoreAll(() => deps.orm.em.fork(), trigger, log);
    log.info({ ...result, trigger }, 'lead scores recalculated');
    return result;
  },
  // identity -> crm: who the staff are (owners and assignees must be active staff).
  [STAFF_CHANGED_JOB]: async (job) => ({ applied: await applyStaffChange(deps.orm.em.fork(), staffMember.parse(job.data)) }),
});
