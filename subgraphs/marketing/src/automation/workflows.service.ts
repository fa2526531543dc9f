import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  badInput,
  conflict,
  findConnection,
  notFound,
  parseInput,
  zId,
  type ConnectionArgs,
  type Logger,
  type Viewer,
} from '@nexus/platform';
import type { MarketingDeps } from '../context.ts';
import {
  REENROLMENT_RULES,
  Workflow,
  WorkflowEnrolment,
  WorkflowStepRun,
  WorkflowVersion,
} from './automation.entity.ts';
import { checkGoal, checkSteps, checkTrigger } from './definition.ts';
import { announce, enrol, queueStep, releaseDue } from './engine.ts';
import { webhookClientOf } from './webhook.ts';

/**
 * Workflow CRUD and control (W-01, W-03): definitions are checked whole before anything is written;
 * activating freezes the definition as a version (a change while active freezes a new one, which
 * only new enrolments run); pause, resume, archive; manual enrolment, removal and retry.
 */

const base = {
  name: z.string().trim().min(1, { message: 'is required' }).max(120),
  description: z.string().max(1000).nullish(),
  trigger: z.unknown(),
  steps: z.unknown(),
  goal: z.unknown().optional(),
  reenrolment: z.enum(REENROLMENT_RULES).optional(),
};
const createInput = z.object(base);
const updateInput = z.object({
  id: zId,
  name: base.name.optional(),
  description: base.description,
  trigger: z.unknown().optional(),
  steps: z.unknown().optional(),
  goal: z.unknown().optional(),
  reenrolment: base.reenrolment,
});

export async function createWorkflow(
  deps: MarketingDeps,
  em: EntityManager,
  viewer: Viewer,
  input: unknown,
): Promise<Workflow> {
  const data = parseInput(createInput, input);
  const trigger = checkTrigger(data.trigger);
  const steps = checkSteps(data.steps, (u) => webhookClientOf(deps).urlProblem(u));
  const goal = checkGoal(data.goal);
  const wf = em.create(Workflow, {
    name: data.name,
    description: data.description ?? null,
    trigger,
    steps,
    goal,
    reenrolment: data.reenrolment ?? 'NEVER',
    ownerId: viewer.kind === 'user' ? viewer.id : null,
  });
  await em.flush();
  return wf;
}

async function freezeVersion(em: EntityManager, wf: Workflow): Promise<void> {
  const latest = await em.findOne(WorkflowVersion, { workflowId: wf.id }, { orderBy: { version: 'desc' } });
  const same =
    latest &&
    JSON.stringify(latest.steps) === JSON.stringify(wf.steps) &&
    JSON.stringify(latest.trigger) === JSON.stringify(wf.trigger) &&
    JSON.stringify(latest.goal ?? null) === JSON.stringify(wf.goal ?? null);
  if (same) {
    wf.version = latest.version;
    return;
  }
  const version = (latest?.version ?? 0) + 1;
  em.create(WorkflowVersion, {
    workflowId: wf.id,
    version,
    trigger: wf.trigger,
    steps: wf.steps,
    goal: wf.goal ?? null,
  });
  wf.version = version;
}

export async function updateWorkflow(deps: MarketingDeps, em: EntityManager, input: unknown): Promise<Workflow> {
  const data = parseInput(updateInput, input);
  const wf = await em.findOne(Workflow, { id: data.id });
  if (!wf) throw notFound('Workflow', data.id);
  if (wf.status === 'ARCHIVED') throw conflict('An archived workflow cannot change.', { status: wf.status });
  const trigger = data.trigger === undefined ? undefined : checkTrigger(data.trigger);
  const steps =
    data.steps === undefined ? undefined : checkSteps(data.steps, (u) => webhookClientOf(deps).urlProblem(u));
  const goal = data.goal === undefined ? undefined : checkGoal(data.goal);
  if (data.name !== undefined) wf.name = data.name;
  if (data.description !== undefined) wf.description = data.description ?? null;
  if (data.reenrolment) wf.reenrolment = data.reenrolment;
  if (trigger) wf.trigger = trigger;
  if (steps) wf.steps = steps;
  if (goal !== undefined) wf.goal = goal;
  // Live workflows take the change for new enrolments only: it becomes a new version now.
  if (wf.status === 'ACTIVE' || wf.status === 'PAUSED') await freezeVersion(em, wf);
  await em.flush();
  return wf;
}

export async function setWorkflowStatus(
  deps: MarketingDeps,
  em: EntityManager,
  id: unknown,
  to: 'ACTIVE' | 'PAUSED' | 'ARCHIVED',
): Promise<Workflow> {
  const wid = parseInput(zId, id, 'id');
  const wf = await em.findOne(Workflow, { id: wid });
  if (!wf) throw notFound('Workflow', wid);
  if (wf.status === 'ARCHIVED' && to !== 'ARCHIVED')
    throw conflict('An archived workflow stays archived.', { status: wf.status });
  if (to === 'PAUSED' && wf.status !== 'ACTIVE')
    throw conflict('Only an active workflow can be paused.', { status: wf.status });
  if (to === 'ACTIVE') {
    // Checked again as a whole: what was saved as a draft must pass before it runs.
    checkTrigger(wf.trigger, 'trigger');
    checkSteps(wf.steps, (u) => webhookClientOf(deps).urlProblem(u), 'steps');
    await freezeVersion(em, wf);
  }
  const resumed = to === 'ACTIVE' && wf.status === 'PAUSED';
  wf.status = to;
  await em.flush();
  if (resumed) await releaseDue(deps);
  return wf;
}

export async function deleteWorkflow(em: EntityManager, id: unknown): Promise<Workflow> {
  const wid = parseInput(zId, id, 'id');
  const wf = await em.findOne(Workflow, { id: wid });
  if (!wf) throw notFound('Workflow', wid);
  wf.deletedAt = new Date();
  wf.status = 'ARCHIVED';
  await em.execute(
    `update workflow_enrolment set status = 'REMOVED', finished_at = now(), next_run_at = null, updated_at = now() where workflow_id = ? and status in ('ACTIVE','PAUSED')`,
    [wid],
  );
  await em.flush();
  return wf;
}

export function listWorkflows(
  em: EntityManager,
  args: ConnectionArgs & { filter?: { search?: string | null; status?: string | null } | null },
) {
  const where: Record<string, unknown> = {};
  const search = args.filter?.search?.trim();
  if (search) where.name = { $ilike: `%${search.replace(/[%_\\]/g, '\\$&')}%` };
  if (args.filter?.status) where.status = args.filter.status;
  return findConnection(em, Workflow, where, args, [{ createdAt: 'desc' }, { id: 'desc' }]);
}

const enrolInput = z.object({ workflowId: zId, contactIds: z.array(zId).min(1, { message: 'is required' }).max(1000) });

/** Manual enrolment (any active workflow, whatever its trigger); re-enrolment rules apply. */
export async function enrolContacts(
  deps: MarketingDeps,
  em: EntityManager,
  viewer: Viewer,
  input: unknown,
  log: Logger,
) {
  const data = parseInput(enrolInput, input);
  const wf = await em.findOne(Workflow, { id: data.workflowId });
  if (!wf) throw notFound('Workflow', data.workflowId);
  if (wf.status !== 'ACTIVE') throw conflict('Only an active workflow takes enrolments.', { status: wf.status });
  const now = deps.now();
  // Every contact is checked before anyone is enrolled: a bad id enrols nobody.
  const known = await em.execute<{ id: string }[]>(
    `select id from audience_member where id = any(?::uuid[]) and deleted_at is null`,
    [`{${data.contactIds.join(',')}}`],
  );
  const unknown = data.contactIds.find((c) => !known.some((k) => k.id === c));
  if (unknown)
    throw badInput('Marketing does not know this contact.', [
      { path: 'input.contactIds', message: `${unknown} is not a known contact` },
    ]);
  const ids: string[] = [];
  for (const contactId of data.contactIds) {
    const key = `manual:${contactId}:${now.getTime()}:${viewer.id ?? 'service'}`;
    const e = await em.fork().transactional((tx) => enrol(tx, wf, contactId, { type: 'MANUAL', key }, now));
    if (e) ids.push(e.id);
  }
  const enrolled = ids.length ? await em.find(WorkflowEnrolment, { id: { $in: ids } }) : [];
  for (const e of enrolled) await announce(deps, log, e);
  return enrolled;
}

async function enrolmentOf(em: EntityManager, id: unknown) {
  const eid = parseInput(zId, id, 'id');
  const e = await em.findOne(WorkflowEnrolment, { id: eid });
  if (!e) throw notFound('WorkflowEnrolment', eid);
  return e;
}

export async function removeEnrolment(deps: MarketingDeps, em: EntityManager, id: unknown, log: Logger) {
  const e = await enrolmentOf(em, id);
  if (e.status !== 'ACTIVE' && e.status !== 'PAUSED')
    throw conflict('The enrolment has already ended.', { status: e.status });
  e.status = 'REMOVED';
  e.finishedAt = deps.now();
  e.nextRunAt = null;
  await em.flush();
  await announce(deps, log, e);
  return e;
}

/** A failed enrolment runs its failed step again now (attempts start over). */
export async function retryEnrolment(deps: MarketingDeps, em: EntityManager, id: unknown, log: Logger) {
  const e = await enrolmentOf(em, id);
  if (e.status !== 'FAILED') throw conflict('Only a failed enrolment can be retried.', { status: e.status });
  const now = deps.now();
  await em.transactional(async (tx) => {
    await tx.execute(
      `update workflow_enrolment set status = 'ACTIVE', attempts = 0, next_run_at = ?, finished_at = null, updated_at = now() where id = ?`,
      [now, e.id],
    );
    await tx.execute(
      `update workflow_step_run set status = 'RETRYING' where enrolment_id = ? and seq = ? and status = 'FAILED'`,
      [e.id, e.seq],
    );
    queueStep(tx, e, now, now, now.getTime());
  });
  const fresh = await em.fork().findOneOrFail(WorkflowEnrolment, { id: e.id });
  await announce(deps, log, fresh);
  return fresh;
}

export function listEnrolments(
  em: EntityManager,
  workflowId: string,
  args: ConnectionArgs & { filter?: { status?: string | null; contactId?: string | null } | null },
) {
  const where: Record<string, unknown> = { workflowId };
  if (args.filter?.status) where.status = args.filter.status;
  if (args.filter?.contactId) where.contactId = args.filter.contactId;
  return findConnection(em, WorkflowEnrolment, where, args, [{ createdAt: 'desc' }, { id: 'desc' }]);
}

export const stepRunsOf = (em: EntityManager, enrolmentId: string) =>
  em.find(WorkflowStepRun, { enrolmentId }, { orderBy: { seq: 'asc' } });

export interface StepCount {
  stepId: string;
  stepType: string;
  /** Enrolments that took the step (succeeded or skipped). */
  completed: number;
  /** Enrolments waiting there now (a wait, a deferred send, a retry). */
  waiting: number;
  failed: number;
}

/** Per step of the current definition: how many went through it, wait there now, failed there. */
export async function stepCounts(em: EntityManager, wf: Workflow): Promise<StepCount[]> {
  // A run still open (waiting or retrying) counts as waiting only while its enrolment is live: a
  // removed enrolment waits nowhere.
  const rows = await em.execute<{ step_id: string; status: string; n: string }[]>(
    `select r.step_id, r.status, count(*) as n from workflow_step_run r join workflow_enrolment e on e.id = r.enrolment_id
     where r.workflow_id = ? and (r.status not in ('WAITING','RETRYING') or e.status in ('ACTIVE','PAUSED'))
     group by r.step_id, r.status`,
    [wf.id],
  );
  const n = (step: string, statuses: string[]) =>
    rows.filter((r) => r.step_id === step && statuses.includes(r.status)).reduce((a, r) => a + Number(r.n), 0);
  return wf.steps.map((s) => ({
    stepId: s.id,
    stepType: s.type,
    completed: n(s.id, ['SUCCEEDED', 'SKIPPED']),
    waiting: n(s.id, ['WAITING', 'RETRYING']),
    failed: n(s.id, ['FAILED']),
  }));
}

export async function workflowTotals(em: EntityManager, workflowId: string) {
  const rows = await em.execute<{ status: string; n: string }[]>(
    `select status, count(*) as n from workflow_enrolment where workflow_id = ? group by status`,
    [workflowId],
  );
  const by = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return {
    enrolled: rows.reduce((a, r) => a + Number(r.n), 0),
    active: by('ACTIVE'),
    completed: by('COMPLETED'),
    goalMet: by('GOAL_MET'),
    failed: by('FAILED'),
    removed: by('REMOVED'),
  };
}
