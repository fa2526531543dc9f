import type { EntityManager } from '@mikro-orm/postgresql';
import type { AutomationTriggerJob, Logger } from '@nexus/platform';
import type { MarketingDeps } from '../context.ts';
import { AudienceMember } from '../entities/index.ts';
import { loadSettings } from '../services/send-policy.ts';
import type { ReenrolmentRule } from './automation.entity.ts';
import { matches } from './conditions.ts';
import type { Trigger } from './definition.ts';
import { announce, enrol, resumeWaiting } from './engine.ts';
import { convertSequences } from './sequences.service.ts';

/**
 * The consumer of the automation queue's trigger contract: crm (contacts, deals), marketing's
 * segment refresh and forms send what happened; every active workflow whose trigger matches enrols
 * the contact (its re-enrolment rule and the trigger's dedupe key decide whether again). The same
 * events end waits for an event and convert sequence enrolments.
 */

interface ActiveRow {
  id: string;
  version: number;
  reenrolment: ReenrolmentRule;
  trigger: Trigger;
}

export const activeWorkflowsFor = (em: EntityManager, type: string) =>
  em.execute<ActiveRow[]>(
    `select id, version, reenrolment, trigger from workflow where status = 'ACTIVE' and version > 0 and deleted_at is null and trigger->>'type' = ?`,
    [type],
  );

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Whether the event is the one the trigger names (its stage, tag, form, pipeline, segment, fields). */
export function triggerMatches(t: Trigger, job: Pick<AutomationTriggerJob, 'type' | 'data'>): boolean {
  const d = job.data;
  switch (t.type) {
    case 'CONTACT_UPDATED': {
      const changed = Array.isArray(d.changedFields) ? d.changedFields : [];
      return !t.fields?.length || t.fields.some((f) => changed.includes(f));
    }
    case 'LIFECYCLE_STAGE_REACHED':
      return str(d.lifecycleStage) === t.lifecycleStage;
    case 'TAG_ADDED':
      return str(d.tag)?.toLowerCase() === t.tag?.toLowerCase();
    case 'FORM_SUBMITTED':
      return !t.formId || str(d.formId) === t.formId;
    case 'DEAL_STAGE_CHANGED':
      return (!t.pipelineId || str(d.pipelineId) === t.pipelineId) && (!t.stageId || str(d.stageId) === t.stageId);
    case 'DEAL_WON':
    case 'DEAL_LOST':
      return !t.pipelineId || str(d.pipelineId) === t.pipelineId;
    case 'SEGMENT_JOINED':
    case 'SEGMENT_LEFT':
      return str(d.segmentId) === t.segmentId;
    default:
      return true;
  }
}

export async function handleTrigger(deps: MarketingDeps, job: AutomationTriggerJob, log: Logger): Promise<number> {
  const em = deps.orm.em.fork();
  const now = deps.now();
  const workflows = (await activeWorkflowsFor(em, job.type)).filter((w) => triggerMatches(w.trigger, job));
  let enrolled = 0;
  const moved: { id: string; workflowId: string }[] = [];
  for (const wf of workflows) {
    if (wf.trigger.conditions) {
      // The audience feed and this trigger travel on different queues: give the contact a few
      // seconds to arrive, then let the queue retry the trigger with its backoff.
      let member = await em.findOne(AudienceMember, { id: job.contactId, deletedAt: null });
      for (let i = 0; !member && i < 5; i++) {
        await new Promise((r) => setTimeout(r, 1000));
        member = await em.fork().findOne(AudienceMember, { id: job.contactId, deletedAt: null });
      }
      if (!member) throw new Error(`contact ${job.contactId} is not in the audience projection yet`);
      const ok = await matches(wf.trigger.conditions, member, () =>
        Promise.reject(new Error('trip data is not a trigger condition')),
      );
      if (!ok) continue;
    }
    const e = await em
      .fork()
      .transactional((tx) => enrol(tx, wf, job.contactId, { type: job.type, key: job.dedupeKey }, now));
    if (e) {
      enrolled++;
      moved.push({ id: e.id, workflowId: e.workflowId });
    }
  }
  const [waits] = await em.execute(
    `select 1 from workflow_enrolment where contact_id = ? and status = 'ACTIVE' and waiting_for = ? limit 1`,
    [job.contactId, job.type],
  );
  if (waits) moved.push(...(await em.fork().transactional((tx) => resumeWaiting(tx, job.contactId, job.type, now))));
  await convertSequences(deps, job, now);
  for (const m of moved) await announce(deps, log, m);
  return enrolled;
}

/**
 * The daily scan for date triggers: a custom date field reached today or its anniversary, and N
 * days before departure or after return (the travel fields of the projection), in the default time
 * zone's today. One enrolment per contact and day (the dedupe key names the day).
 */
export async function scanDateTriggers(deps: MarketingDeps, log: Logger): Promise<number> {
  const em = deps.orm.em.fork();
  const settings = await loadSettings(em);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: settings.defaultTimezone }).format(deps.now());
  let total = 0;
  for (const type of ['DATE_REACHED', 'ANNIVERSARY', 'BEFORE_DEPARTURE', 'AFTER_RETURN'] as const) {
    for (const wf of await activeWorkflowsFor(em, type)) {
      const t = wf.trigger;
      const field = t.dateField ?? '';
      const days = t.days ?? 0;
      const where = {
        DATE_REACHED: [`custom_fields->>? = ?`, [field, today]],
        ANNIVERSARY: [
          `custom_fields->>? ~ '^\\d{4}-\\d{2}-\\d{2}$' and substr(custom_fields->>?, 6, 5) = substr(?, 6, 5) and custom_fields->>? < ?`,
          [field, field, today, field, today],
        ],
        BEFORE_DEPARTURE: [`(next_departure_at at time zone 'UTC')::date = ?::date + ?::int`, [today, days]],
        AFTER_RETURN: [`(next_return_at at time zone 'UTC')::date = ?::date - ?::int`, [today, days]],
      }[type] as [string, unknown[]];
      const contacts = await em.execute<{ id: string }[]>(
        `select id from audience_member where deleted_at is null and erased_at is null and ${where[0]}`,
        where[1],
      );
      for (const c of contacts) {
        const e = await em
          .fork()
          .transactional((tx) => enrol(tx, wf, c.id, { type, key: `date:${type}:${today}:${c.id}` }, deps.now()));
        if (e) total++;
      }
    }
  }
  if (total) log.info({ enrolled: total, day: today }, 'date triggers enrolled contacts');
  return total;
}
