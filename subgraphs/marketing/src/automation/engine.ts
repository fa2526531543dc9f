import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { NOTIFY_JOB, QUEUES, enqueue, publishSafely, type Logger } from '@nexus/platform';
import type { MarketingDeps } from '../context.ts';
import { AudienceMember } from '../entities/index.ts';
import { addMembers } from '../services/segments.service.ts';
import { timeZoneOf, loadSettings } from '../services/send-policy.ts';
import { WorkflowVersion, type Workflow as WorkflowRow } from './automation.entity.ts';
import { matches, needsTrips } from './conditions.ts';
import type { Conditions, StepDefinition, TriggerType } from './definition.ts';
import { GraphRefused, GraphUnavailable, createTask, readContact, tripFacts, updateContact } from './graph.ts';
import { ContactNotReady, sendAutomationEmail } from './mail.ts';
import { nextWeekdayTime } from './sequence-definition.ts';
import { webhookClientOf } from './webhook.ts';

/**
 * The workflow worker (J-04): each step's job claims its enrolment (a lease, and the `seq` it was
 * queued for, so a repeated or late job does nothing), runs the step, and in one transaction records
 * it in the history and moves the enrolment on: the next step at once (in the same job), or a
 * delayed job for a wait (a bull delayed job, relayed through the outbox, so it survives restarts;
 * the 30 s `automation-due` sweep queues any whose job was lost). Every time decision reads the
 * injected clock (`deps.now()`).
 */

/** Attempts of a failing step before the enrolment is marked FAILED. */
export const MAX_STEP_ATTEMPTS = 4;
const RETRY_BASE_MS = 30_000;
/** While TT-API is down a trip-data branch asks again this often, for at most a day. */
const TRIP_RETRY_MS = 60_000;
const TRIP_RETRY_FOR_MS = 24 * 3_600_000;
/** Steps one job runs back to back before it hands over to a new job. */
const STEPS_PER_JOB = 25;
const LEASE_SECONDS = 120;

const stepJobId = (enrolmentId: string, seq: number, attempt = 0) =>
  `step:${enrolmentId}:${seq}${attempt ? `:a${attempt}` : ''}`;

export function queueStep(
  em: EntityManager,
  e: { id: string; seq: number },
  runAt: Date,
  now: Date,
  attempt = 0,
): void {
  enqueue(
    em,
    QUEUES.automation,
    'automation-step',
    { enrolmentId: e.id, seq: e.seq },
    { jobId: stepJobId(e.id, e.seq, attempt), delayMs: Math.max(0, runAt.getTime() - now.getTime()) },
  );
}

export const announce = (deps: MarketingDeps, log: Logger, e: { id: string; workflowId: string }) =>
  publishSafely(deps.bus, 'workflowEnrolmentChanged', { id: e.id, workflowId: e.workflowId }, log);

/**
 * Enrols a contact in a workflow's current version, unless its re-enrolment rule says no or the
 * trigger key was seen already. In the caller's transaction; the first step's job goes through the
 * outbox with it.
 */
export async function enrol(
  em: EntityManager,
  wf: Pick<WorkflowRow, 'id' | 'version' | 'reenrolment'>,
  contactId: string,
  trigger: { type: TriggerType | string; key: string },
  now: Date,
): Promise<{ id: string; workflowId: string } | null> {
  const version = await em.findOne(WorkflowVersion, { workflowId: wf.id, version: wf.version });
  const first = version?.steps[0];
  if (!version || !first) return null;
  // One enrolment decision at a time per (workflow, contact): two triggers at once enrol once.
  await em.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`wf:${wf.id}:${contactId}`]);
  if (wf.reenrolment !== 'ALWAYS') {
    const statuses = wf.reenrolment === 'NEVER' ? null : ['ACTIVE', 'PAUSED'];
    const existing = await em.execute<{ id: string }[]>(
      `select id from workflow_enrolment where workflow_id = ? and contact_id = ? ${statuses ? `and status in ('ACTIVE','PAUSED')` : ''} limit 1`,
      [wf.id, contactId],
    );
    if (existing.length) return null;
  }
  const id = randomUUID();
  const rows = await em.execute<{ id: string }[]>(
    `insert into workflow_enrolment (id, workflow_id, version, contact_id, status, step_id, seq, next_run_at, attempts, trigger_key, trigger_type, created_at, updated_at)
     values (?, ?, ?, ?, 'ACTIVE', ?, 0, ?, 0, ?, ?, now(), now()) on conflict (workflow_id, trigger_key) do nothing returning id`,
    [id, wf.id, wf.version, contactId, first.id, now, trigger.key.slice(0, 200), trigger.type],
  );
  if (!rows.length) return null;
  queueStep(em, { id, seq: 0 }, now, now);
  await em.flush();
  return { id, workflowId: wf.id };
}

/**
 * Versions never change once written, so each process keeps the ones it has read (per database:
 * tests run several systems in one process).
 */
const versions = new Map<string, Pick<WorkflowVersion, 'steps' | 'goal'>>();
async function versionOf(em: EntityManager, workflowId: string, version: number) {
  const key = `${em.getConnection().getConnectionOptions().database ?? ''}:${workflowId}:${version}`;
  const known = versions.get(key);
  if (known) return known;
  const row = await em.findOne(WorkflowVersion, { workflowId, version });
  if (!row) return null;
  if (versions.size > 500) versions.clear();
  versions.set(key, { steps: row.steps, goal: row.goal ?? null });
  return versions.get(key) ?? null;
}

interface Claimed {
  id: string;
  workflow_id: string;
  version: number;
  contact_id: string;
  step_id: string | null;
  seq: number;
  attempts: number;
  waiting_for: string | null;
  workflow_name: string;
}

type StepResult =
  | { kind: 'done'; outcome: string | null; next: string | null; status?: 'SUCCEEDED' | 'SKIPPED' }
  | { kind: 'wait'; outcome: string; next: string | null; until: Date; waitingFor?: string | null }
  | { kind: 'later'; until: Date; reason: string }
  | { kind: 'retry'; error: string; definitive?: boolean };

/**
 * Runs an enrolment's due steps from `seq` on. Returns what happened, for logs and tests.
 */
export async function processStep(
  deps: MarketingDeps,
  data: { enrolmentId: string; seq: number },
  log: Logger,
): Promise<string> {
  let seq = data.seq;
  let last = 'nothing due';
  for (let n = 0; n < STEPS_PER_JOB; n++) {
    const outcome = await runOne(deps, data.enrolmentId, seq, log);
    last = outcome.what;
    if (outcome.continueAt === null) return last;
    seq = outcome.continueAt;
  }
  // A long chain of instant steps: the rest in a new job, so one job never holds a worker for long.
  const em = deps.orm.em.fork();
  queueStep(em, { id: data.enrolmentId, seq }, deps.now(), deps.now());
  await em.flush();
  return last;
}

async function runOne(
  deps: MarketingDeps,
  enrolmentId: string,
  seq: number,
  log: Logger,
): Promise<{ what: string; continueAt: number | null }> {
  const em = deps.orm.em.fork();
  const now = deps.now();
  const token = randomUUID();
  const claimed = await em.execute<Claimed[]>(
    `update workflow_enrolment e set lease_until = now() + make_interval(secs => ?), lease_token = ?
     from workflow w
     where e.id = ? and e.seq = ? and e.status = 'ACTIVE' and e.next_run_at <= ? and w.id = e.workflow_id
       and w.status in ('ACTIVE','ARCHIVED') and (e.lease_until is null or e.lease_until < now())
     returning e.id, e.workflow_id, e.version, e.contact_id, e.step_id, e.seq, e.attempts, e.waiting_for, w.name as workflow_name`,
    [LEASE_SECONDS, token, enrolmentId, seq, now],
  );
  const e = claimed[0];
  // Not due, moved on, or held by another worker (which finishes it; a dead one's lease expires
  // and the due sweep queues the step again).
  if (!e) return { what: 'not due, moved on or held', continueAt: null };
  const version = await versionOf(em, e.workflow_id, e.version);
  const step = version?.steps.find((s) => s.id === e.step_id);
  // The wait that led here (recorded WAITING) is over now.
  if (e.seq > 0)
    await em.execute(
      `update workflow_step_run set status = 'SUCCEEDED', finished_at = ?, outcome = case when ? then coalesce(outcome, '') || ' (timed out)' else outcome end
     where enrolment_id = ? and seq = ? and status = 'WAITING' and step_type = 'WAIT'`,
      [now, e.waiting_for !== null, e.id, e.seq - 1],
    );
  if (!version || !step) {
    await finish(em, e, token, 'COMPLETED', null, now);
    await announce(deps, log, { id: e.id, workflowId: e.workflow_id });
    return { what: 'completed', continueAt: null };
  }
  const member = await em.findOne(AudienceMember, { id: e.contact_id }, { filters: false });
  if (version.goal && member && (await goalMet(version.goal, member))) {
    await finish(em, e, token, 'GOAL_MET', null, now);
    await announce(deps, log, { id: e.id, workflowId: e.workflow_id });
    return { what: 'goal met', continueAt: null };
  }
  let result: StepResult;
  try {
    result = await runStep(deps, em, e, step, member, now);
  } catch (err) {
    result =
      err instanceof GraphRefused
        ? { kind: 'retry', error: err.message, definitive: true }
        : { kind: 'retry', error: err instanceof Error ? err.message : String(err) };
  }
  const continueAt = await em.transactional(async (tx) => {
    const stepRun = (status: string, outcome: string | null, error: string | null, finished: boolean) =>
      tx.execute(
        `insert into workflow_step_run (id, enrolment_id, workflow_id, seq, step_id, step_type, status, outcome, error, attempts, started_at, finished_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         on conflict (enrolment_id, seq) do update set status = excluded.status, outcome = excluded.outcome, error = excluded.error,
           attempts = excluded.attempts, finished_at = excluded.finished_at`,
        [
          randomUUID(),
          e.id,
          e.workflow_id,
          e.seq,
          step.id,
          step.type,
          status,
          outcome?.slice(0, 200) ?? null,
          error?.slice(0, 1000) ?? null,
          e.attempts + 1,
          now,
          finished ? now : null,
        ],
      );
    if (result.kind === 'done' || result.kind === 'wait') {
      const wait = result.kind === 'wait';
      await stepRun(result.kind === 'wait' ? 'WAITING' : (result.status ?? 'SUCCEEDED'), result.outcome, null, !wait);
      const runAt = result.kind === 'wait' ? result.until : now;
      const waitingFor = result.kind === 'wait' ? (result.waitingFor ?? null) : null;
      const next = result.next;
      await tx.execute(
        `update workflow_enrolment set seq = seq + 1, step_id = ?, next_run_at = ?, attempts = 0, last_error = null,
           waiting_for = ?, status = ?, finished_at = ?, lease_until = null, lease_token = null, updated_at = now()
         where id = ? and lease_token = ? and status = 'ACTIVE'`,
        [next, next ? runAt : null, waitingFor, next ? 'ACTIVE' : 'COMPLETED', next ? null : now, e.id, token],
      );
      if (!next) return null;
      if (runAt.getTime() <= now.getTime()) return e.seq + 1;
      queueStep(tx, { id: e.id, seq: e.seq + 1 }, runAt, now);
      return null;
    }
    if (result.kind === 'later') {
      await stepRun('WAITING', result.reason, null, false);
      await tx.execute(
        `update workflow_enrolment set next_run_at = ?, lease_until = null, lease_token = null, updated_at = now() where id = ? and lease_token = ? and status = 'ACTIVE'`,
        [result.until, e.id, token],
      );
      queueStep(tx, e, result.until, now, Math.floor(result.until.getTime() / 1000));
      return null;
    }
    const attempts = e.attempts + 1;
    if (result.definitive || attempts >= MAX_STEP_ATTEMPTS) {
      await stepRun('FAILED', null, result.error, true);
      await tx.execute(
        `update workflow_enrolment set status = 'FAILED', attempts = ?, last_error = ?, finished_at = ?, lease_until = null, lease_token = null, updated_at = now()
         where id = ? and lease_token = ? and status = 'ACTIVE'`,
        [attempts, result.error.slice(0, 1000), now, e.id, token],
      );
      return null;
    }
    await stepRun('RETRYING', null, result.error, false);
    const until = new Date(now.getTime() + RETRY_BASE_MS * 2 ** (attempts - 1));
    await tx.execute(
      `update workflow_enrolment set attempts = ?, last_error = ?, next_run_at = ?, lease_until = null, lease_token = null, updated_at = now()
       where id = ? and lease_token = ? and status = 'ACTIVE'`,
      [attempts, result.error.slice(0, 1000), until, e.id, token],
    );
    queueStep(tx, e, until, now, attempts);
    return null;
  });
  if (result.kind === 'retry')
    log.warn({ enrolmentId: e.id, step: step.id, err: result.error }, 'workflow step failed');
  await announce(deps, log, { id: e.id, workflowId: e.workflow_id });
  return { what: `${step.type} ${result.kind}`, continueAt };
}

async function finish(
  em: EntityManager,
  e: Claimed,
  token: string,
  status: 'COMPLETED' | 'GOAL_MET',
  error: string | null,
  now: Date,
): Promise<void> {
  await em.execute(
    `update workflow_enrolment set status = ?, step_id = null, next_run_at = null, finished_at = ?, last_error = ?, lease_until = null, lease_token = null, updated_at = now()
     where id = ? and lease_token = ? and status = 'ACTIVE'`,
    [status, now, error, e.id, token],
  );
}

const goalMet = (goal: Conditions, member: AudienceMember) =>
  needsTrips(goal)
    ? Promise.resolve(false)
    : matches(goal, member, () => Promise.reject(new Error('no trips in goals')));

/** A stable number in [0, 100) per enrolment and step: the random split is the same on a retry. */
const bucket = (enrolmentId: string, stepId: string) =>
  createHash('sha256').update(`${enrolmentId}:${stepId}`).digest().readUInt32BE(0) % 100;

async function runStep(
  deps: MarketingDeps,
  em: EntityManager,
  e: Claimed,
  step: StepDefinition,
  member: AudienceMember | null,
  now: Date,
): Promise<StepResult> {
  const c = step.config;
  const requestId = `automation:${e.id}:${e.seq}`;
  switch (step.type) {
    case 'SEND_EMAIL': {
      let sent;
      try {
        sent = await sendAutomationEmail(deps, em, {
          contactId: e.contact_id,
          member,
          dedupeKey: `wf:${e.id}:${e.seq}`,
          content: {
            templateId: c.templateId as string | null,
            subject: c.subject as string | null,
            body: c.body as string | null,
          },
          label: e.workflow_name,
        });
      } catch (err) {
        if (err instanceof ContactNotReady) return { kind: 'retry', error: err.message };
        throw err;
      }
      if (sent.kind === 'deferred')
        return { kind: 'later', until: sent.until, reason: `email deferred: ${sent.reason}` };
      if (sent.kind === 'skipped')
        return { kind: 'done', outcome: `not sent: ${sent.reason}`, next: step.next ?? null, status: 'SKIPPED' };
      return { kind: 'done', outcome: `sent ${sent.sendId}`, next: step.next ?? null };
    }
    case 'UPDATE_PROPERTY': {
      const field = String(c.field);
      const input: Record<string, unknown> = { id: e.contact_id };
      if (field === 'lifecycleStage' || field === 'leadStatus') input[field] = c.value;
      else {
        const current = await readContact(deps, e.contact_id, requestId);
        if (field === 'addTag') input.tags = [...new Set([...current.tags, String(c.value)])];
        else if (field === 'removeTag') input.tags = current.tags.filter((t) => t !== String(c.value));
        else input.customFields = { ...current.customFields, [String(c.name)]: c.value };
      }
      await updateContact(deps, input, requestId);
      return {
        kind: 'done',
        outcome: `${field === 'customField' ? String(c.name) : field} = ${String(c.value)}`,
        next: step.next ?? null,
      };
    }
    case 'ADD_TO_SEGMENT': {
      const [segment] = await em.execute<{ kind: string }[]>(
        `select kind from segment where id = ? and deleted_at is null`,
        [c.segmentId],
      );
      if (!segment) return { kind: 'retry', error: `segment ${String(c.segmentId)} does not exist`, definitive: true };
      if (segment.kind !== 'STATIC')
        return { kind: 'retry', error: 'only static lists take members from a workflow', definitive: true };
      await addMembers(em, String(c.segmentId), [e.contact_id]);
      return { kind: 'done', outcome: 'added', next: step.next ?? null };
    }
    case 'WAIT': {
      const settings = await loadSettings(em);
      const tz = member ? timeZoneOf(member, settings, now) : settings.defaultTimezone;
      const minutes = Number(c.minutes ?? 0);
      if (c.mode === 'DURATION') {
        const until = new Date(now.getTime() + minutes * 60_000);
        return { kind: 'wait', outcome: `until ${until.toISOString()}`, next: step.next ?? null, until };
      }
      if (c.mode === 'UNTIL_DATE') {
        const until = new Date(String(c.until));
        return { kind: 'wait', outcome: `until ${until.toISOString()}`, next: step.next ?? null, until };
      }
      if (c.mode === 'UNTIL_WEEKDAY') {
        const until = nextWeekdayTime(now, Number(c.weekday), String(c.time), tz);
        return { kind: 'wait', outcome: `until ${until.toISOString()} (${tz})`, next: step.next ?? null, until };
      }
      const until = new Date(now.getTime() + minutes * 60_000);
      return {
        kind: 'wait',
        outcome: `for ${String(c.event)} until ${until.toISOString()}`,
        next: step.timeoutNext ?? step.next ?? null,
        until,
        waitingFor: String(c.event),
      };
    }
    case 'BRANCH': {
      if (!member) return { kind: 'retry', error: 'marketing has not received this contact from crm yet' };
      try {
        const yes = await matches(c as Conditions, member, () => tripFacts(deps, e.contact_id, now));
        return { kind: 'done', outcome: yes ? 'yes' : 'no', next: (yes ? step.yes : step.no) ?? null };
      } catch (err) {
        if (!(err instanceof GraphUnavailable)) throw err;
        const [first] = await em.execute<{ started_at: Date }[]>(
          `select started_at from workflow_step_run where enrolment_id = ? and seq = ?`,
          [e.id, e.seq],
        );
        if (first && now.getTime() - new Date(first.started_at).getTime() > TRIP_RETRY_FOR_MS)
          return { kind: 'retry', error: `trip data unavailable for a day: ${err.message}`, definitive: true };
        return {
          kind: 'later',
          until: new Date(now.getTime() + TRIP_RETRY_MS),
          reason: 'trip data unavailable (TT-API down): asking again',
        };
      }
    }
    case 'RANDOM_SPLIT': {
      const b = bucket(e.id, step.id);
      let acc = 0;
      const paths = step.paths ?? [];
      const index = paths.findIndex((p) => (acc += p.percent) > b);
      const chosen = paths[index] ?? paths.at(-1);
      return {
        kind: 'done',
        outcome: `path ${String.fromCharCode(65 + Math.max(0, index))}`,
        next: chosen?.next ?? null,
      };
    }
    case 'CALL_WEBHOOK': {
      const body = JSON.stringify({
        event: 'workflow.step',
        workflowId: e.workflow_id,
        enrolmentId: e.id,
        stepId: step.id,
        contactId: e.contact_id,
        occurredAt: now.toISOString(),
        ...((c.payload as Record<string, unknown> | null) ?? {}),
      });
      const r = await webhookClientOf(deps).post(String(c.url), body, now);
      if (r.error) {
        const refused =
          r.error.startsWith('URL ') || r.error.includes('refused:') || r.error.includes('AUTOMATION_WEBHOOK_SECRET');
        return { kind: 'retry', error: `webhook: ${r.error}`, definitive: refused };
      }
      return {
        kind: 'done',
        outcome: `HTTP ${r.status}${r.excerpt ? `: ${r.excerpt.slice(0, 150)}` : ''}`,
        next: step.next ?? null,
      };
    }
    case 'CREATE_TASK': {
      const assigneeId = (c.assigneeId as string | null) ?? member?.ownerId ?? null;
      const days = c.dueInDays == null ? null : Number(c.dueInDays);
      const taskId = await createTask(
        deps,
        {
          title: c.title,
          description: c.description ?? null,
          contactId: e.contact_id,
          ...(assigneeId ? { assigneeId } : {}),
          ...(days !== null ? { dueAt: new Date(now.getTime() + days * 86_400_000).toISOString() } : {}),
        },
        requestId,
      );
      return { kind: 'done', outcome: `task ${taskId}`, next: step.next ?? null };
    }
    case 'NOTIFY_USER': {
      const userId = (c.userId as string | null) ?? member?.ownerId ?? null;
      if (!userId)
        return { kind: 'done', outcome: 'nobody to notify (no owner)', next: step.next ?? null, status: 'SKIPPED' };
      enqueue(em, QUEUES.notifications, NOTIFY_JOB, {
        userId,
        type: 'SYSTEM',
        title: String(c.title).slice(0, 200),
        body: (c.body as string | null) ?? null,
        link: `/contacts/${e.contact_id}`,
        dedupeKey: `wf-notify:${e.id}:${e.seq}`,
      });
      await em.flush();
      return { kind: 'done', outcome: `notified ${userId}`, next: step.next ?? null };
    }
    case 'ENROL_IN_SEQUENCE': {
      enqueue(
        em,
        QUEUES.automation,
        'sequence-enrol',
        { sequenceId: String(c.sequenceId), contactIds: [e.contact_id], source: `workflow:${e.workflow_id}` },
        { jobId: `seq-enrol:${e.id}:${e.seq}` },
      );
      await em.flush();
      return { kind: 'done', outcome: 'enrolment requested', next: step.next ?? null };
    }
  }
}

/** A step still not run this long after it fell due has lost its job (or never had one). */
export const DUE_GRACE_MS = 60_000;

/**
 * Queues the steps that fell due more than a minute ago by the clock and are not held (a lost job,
 * a dead worker's expired lease, a wait whose delayed job is far off because the clock was moved, a
 * resumed workflow). A step that still has its job is claimed by whichever comes first; the other
 * finds it moved on.
 */
export async function releaseDue(deps: MarketingDeps, limit = 2000): Promise<number> {
  const em = deps.orm.em.fork();
  const now = new Date(deps.now().getTime() - DUE_GRACE_MS);
  const rows = await em.execute<{ id: string; seq: number; workflow_id: string }[]>(
    `select e.id, e.seq, e.workflow_id from workflow_enrolment e join workflow w on w.id = e.workflow_id
     where e.status = 'ACTIVE' and e.next_run_at <= ? and w.status in ('ACTIVE','ARCHIVED')
       and (e.lease_until is null or e.lease_until < now())
     order by e.next_run_at limit ?`,
    [now, limit],
  );
  for (const r of rows)
    enqueue(
      em,
      QUEUES.automation,
      'automation-step',
      { enrolmentId: r.id, seq: r.seq },
      { jobId: `step:${r.id}:${r.seq}:due-${now.getTime()}` },
    );
  await em.flush();
  return rows.length;
}

/**
 * An event a waiting enrolment may be waiting for (UNTIL_EVENT): moves it to the wait's `next` step
 * now. Runs in the trigger's transaction.
 */
export async function resumeWaiting(
  em: EntityManager,
  contactId: string,
  event: string,
  now: Date,
): Promise<{ id: string; workflowId: string }[]> {
  const waiting = await em.execute<{ id: string; seq: number; workflow_id: string; version: number }[]>(
    `select id, seq, workflow_id, version from workflow_enrolment where contact_id = ? and status = 'ACTIVE' and waiting_for = ? for update skip locked`,
    [contactId, event],
  );
  const moved: { id: string; workflowId: string }[] = [];
  for (const w of waiting) {
    const [run] = await em.execute<{ step_id: string }[]>(
      `select step_id from workflow_step_run where enrolment_id = ? and seq = ? and step_type = 'WAIT'`,
      [w.id, w.seq - 1],
    );
    const version = await em.findOne(WorkflowVersion, { workflowId: w.workflow_id, version: w.version });
    const wait = version?.steps.find((s) => s.id === run?.step_id);
    if (!wait) continue;
    const next = wait.next ?? null;
    await em.execute(
      `update workflow_step_run set status = 'SUCCEEDED', finished_at = ?, outcome = ? where enrolment_id = ? and seq = ?`,
      [now, `${event} happened`, w.id, w.seq - 1],
    );
    await em.execute(
      `update workflow_enrolment set seq = seq + 1, step_id = ?, next_run_at = ?, waiting_for = null, status = ?, finished_at = ?, updated_at = now() where id = ?`,
      [next, next ? now : null, next ? 'ACTIVE' : 'COMPLETED', next ? null : now, w.id],
    );
    if (next) queueStep(em, { id: w.id, seq: w.seq + 1 }, now, now);
    moved.push({ id: w.id, workflowId: w.workflow_id });
  }
  return moved;
}
