import { randomUUID } from 'node:crypto';
import { LockMode, QueryOrder, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  ErrorCode,
  NOTIFY_JOB,
  NexusError,
  QUEUES,
  WEBHOOK_EVENT_JOB,
  webhookEvent,
  badInput,
  enqueue,
  forbidden,
  notFound,
  parseInput,
  zId,
  findConnection,
  type ConnectionArgs,
  type NotifyJob,
  type Viewer,
} from '@nexus/platform';
import {
  CLOSED_TASK_STATUSES,
  Company,
  Contact,
  Deal,
  PRIORITIES,
  TASK_STATUSES,
  TASK_TYPES,
  TEAM_ROLES,
  Task,
  type TaskStatus,
} from '../entities/index.ts';
import { StaffMember } from '../entities/staff-member.entity.ts';
import { actorId, assertKnownStaff, managesOthersWork } from './actors.ts';
import { enumList, escapeLike, given, optionalId, zDirection } from './fields.ts';
import type { TaskConnectionSource } from './pages.ts';

const zTitle = z
  .string()
  .trim()
  .min(1, { message: 'is required' })
  .max(300, { message: 'must be at most 300 characters' });
const zDescription = z.string().max(20_000, { message: 'must be at most 20000 characters' }).nullish();

const links = { contactId: optionalId, companyId: optionalId, dealId: optionalId };

const createInput = z.object({
  ...links,
  title: zTitle,
  description: zDescription,
  taskType: z.enum(TASK_TYPES).nullish(),
  status: z.enum(TASK_STATUSES).nullish(),
  priority: z.enum(PRIORITIES).nullish(),
  team: z.enum(TEAM_ROLES).nullish(),
  dueAt: z.date().nullish(),
  assigneeId: optionalId,
});

const updateInput = z.object({
  ...links,
  id: zId,
  title: zTitle.optional(),
  description: zDescription,
  taskType: z.enum(TASK_TYPES).optional(),
  status: z.enum(TASK_STATUSES).optional(),
  priority: z.enum(PRIORITIES).optional(),
  team: z.enum(TEAM_ROLES).nullish(),
  dueAt: z.date().nullish(),
  assigneeId: optionalId,
});

const bulkInput = z
  .object({
    taskIds: z
      .array(zId)
      .min(1, { message: 'name at least one task' })
      .max(200, { message: 'at most 200 tasks at once' })
      .refine((ids) => new Set(ids).size === ids.length, { message: 'must not repeat a task' }),
    action: z.enum(['COMPLETE', 'REASSIGN', 'RESCHEDULE']),
    assigneeId: zId.nullish(),
    dueAt: z.date().nullish(),
  })
  .superRefine((b, ctx) => {
    if (b.action === 'REASSIGN' && !b.assigneeId)
      ctx.addIssue({ code: 'custom', path: ['assigneeId'], message: 'is required to reassign' });
    if (b.action === 'RESCHEDULE' && !b.dueAt)
      ctx.addIssue({ code: 'custom', path: ['dueAt'], message: 'is required to reschedule' });
  });

const filterInput = z
  .object({
    ...links,
    mine: z.boolean().nullish(),
    overdue: z.boolean().nullish(),
    dueThisWeek: z.boolean().nullish(),
    assigneeId: optionalId,
    statuses: enumList(TASK_STATUSES),
    priorities: enumList(PRIORITIES),
    taskTypes: enumList(TASK_TYPES),
    teams: enumList(TEAM_ROLES),
    dueAfter: z.date().nullish(),
    dueBefore: z.date().nullish(),
    search: z.string().trim().max(200).nullish(),
  })
  .superRefine((f, ctx) => {
    if (f.dueAfter && f.dueBefore && f.dueAfter >= f.dueBefore)
      ctx.addIssue({ code: 'custom', path: ['dueAfter'], message: 'must be before dueBefore' });
  });

const SORT_FIELDS = ['DUE_AT', 'PRIORITY', 'STATUS', 'CREATED_AT', 'UPDATED_AT'] as const;
const sortInput = z.object({ field: z.enum(SORT_FIELDS), direction: zDirection }).nullish();
const ORDER_BY: Record<(typeof SORT_FIELDS)[number], (asc: boolean) => QueryOrderMap<Task>[]> = {
  DUE_AT: (asc) => [{ dueAt: asc ? QueryOrder.ASC_NULLS_LAST : QueryOrder.DESC_NULLS_LAST }],
  PRIORITY: (asc) => [{ priority: asc ? QueryOrder.ASC : QueryOrder.DESC }],
  STATUS: (asc) => [{ status: asc ? QueryOrder.ASC : QueryOrder.DESC }],
  CREATED_AT: (asc) => [{ createdAt: asc ? QueryOrder.ASC : QueryOrder.DESC }],
  UPDATED_AT: (asc) => [{ updatedAt: asc ? QueryOrder.ASC : QueryOrder.DESC }],
};
/** Soonest due first, then the most urgent. */
export const TASK_ORDER: QueryOrderMap<Task>[] = [
  { dueAt: QueryOrder.ASC_NULLS_LAST },
  { priority: QueryOrder.DESC },
  { id: QueryOrder.ASC },
];
/** TASK_ORDER in SQL on alias `t`, for the batched per-parent pages. */
export const TASK_ORDER_SQL = `t."due_at" asc nulls last, t."priority" desc, t."id" asc`;

/** Monday 00:00 UTC of this week, and of the next. */
export function weekOf(now: Date): { start: Date; end: Date } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  const end = new Date(start);
  end.setUTCDate(end.getUTCDate() + 7);
  return { start, end };
}

const NOBODY = '00000000-0000-0000-0000-000000000000';
const stillOpen = { status: { $nin: [...CLOSED_TASK_STATUSES] } };

export function listTasks(
  em: EntityManager,
  viewer: Viewer,
  args: ConnectionArgs & { filter?: unknown; orderBy?: unknown },
): Promise<TaskConnectionSource> {
  const f = parseInput(filterInput, args.filter ?? {}, 'filter');
  const sort = parseInput(sortInput, args.orderBy, 'orderBy');
  const now = new Date();
  const w: FilterQuery<Task>[] = [];
  if (f.mine) w.push({ assigneeId: viewer.id ?? NOBODY });
  if (f.overdue) w.push({ dueAt: { $lt: now }, ...stillOpen });
  if (f.dueThisWeek) {
    const week = weekOf(now);
    w.push({ dueAt: { $gte: week.start, $lt: week.end }, ...stillOpen });
  }
  if (f.assigneeId) w.push({ assigneeId: f.assigneeId });
  if (f.statuses?.length) w.push({ status: { $in: f.statuses } });
  if (f.priorities?.length) w.push({ priority: { $in: f.priorities } });
  if (f.taskTypes?.length) w.push({ taskType: { $in: f.taskTypes } });
  if (f.teams?.length) w.push({ team: { $in: f.teams } });
  if (f.contactId) w.push({ contact: f.contactId });
  if (f.companyId) w.push({ company: f.companyId });
  if (f.dealId) w.push({ deal: f.dealId });
  if (f.dueAfter) w.push({ dueAt: { $gte: f.dueAfter } });
  if (f.dueBefore) w.push({ dueAt: { $lt: f.dueBefore } });
  if (f.search) w.push({ title: { $ilike: `%${escapeLike(f.search)}%` } });
  const where: FilterQuery<Task> = w.length ? { $and: w } : {};
  const orderBy = sort ? [...ORDER_BY[sort.field](sort.direction === 'ASC'), { id: QueryOrder.ASC }] : TASK_ORDER;
  return findConnection(em, Task, where, args, orderBy);
}

export async function getTask(em: EntityManager, id: unknown, includeDeleted: boolean): Promise<Task | null> {
  const taskId = parseInput(zId, id, 'id');
  return em.findOne(Task, { id: taskId }, includeDeleted ? { filters: false } : {});
}

export const isOverdue = (task: Task, now = new Date()) =>
  task.dueAt !== null && task.dueAt !== undefined && task.dueAt < now && !CLOSED_TASK_STATUSES.includes(task.status);

/** Agents work only on their own tasks and cannot hand work to others. */
function assertMayAssign(viewer: Viewer, assigneeId: string | null | undefined) {
  if (assigneeId === undefined || managesOthersWork(viewer) || assigneeId === viewer.id) return;
  throw forbidden('Agents may only assign tasks to themselves.', {
    fields: [{ path: 'input.assigneeId', message: 'must be yourself' }],
  });
}

/** A due date in words for a notification ("Jan 10, 2031"), in UTC like the rest of the CRM's dates. */
const dueWords = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });

/**
 * Asks identity (through the outbox, in this unit of work) to tell someone they have work: who
 * gave it, and when it is due (the title names the task, so the body does not repeat it). The
 * dedupe key is per assignment, so a retried job notifies once and a later reassignment again.
 */
async function notifyAssignee(em: EntityManager, assigneeId: string, tasks: readonly Task[], byId: string | null) {
  const [first] = tasks;
  if (!first) return;
  const by = byId ? (await em.findOne(StaffMember, { id: byId }))?.name : undefined;
  const assigned = by ? `Assigned by ${by}` : 'Assigned to you';
  const due = (t: Task) => (t.dueAt ? `due ${dueWords.format(t.dueAt)}` : 'no due date');
  const job: NotifyJob = {
    userId: assigneeId,
    type: 'TASK_ASSIGNED',
    title: (tasks.length === 1 ? `New task: ${first.title}` : `${tasks.length} tasks were assigned to you`).slice(
      0,
      200,
    ),
    body:
      tasks.length === 1
        ? `${assigned} · ${due(first)}`.slice(0, 4000)
        : [`${assigned}:`, ...tasks.map((t) => `- ${t.title} (${due(t)})`)].join('\n').slice(0, 4000),
    link: tasks.length === 1 ? `/crm/tasks/${first.id}` : '/crm/tasks?filter=mine',
    dedupeKey: `task-assigned:${first.id}:${randomUUID()}`,
  };
  enqueue(em, QUEUES.notifications, NOTIFY_JOB, { ...job }, { jobId: job.dedupeKey ?? undefined });
}

/** Linked records must exist; undefined leaves a link as it is, null clears it. */
async function linked(
  em: EntityManager,
  ids: { contactId?: string | null; companyId?: string | null; dealId?: string | null },
) {
  const missing = (name: string, key: string) =>
    badInput(`That ${name} does not exist.`, [{ path: `input.${key}`, message: `no ${name} has this id` }]);
  const contact = ids.contactId ? await em.findOne(Contact, { id: ids.contactId }) : ids.contactId;
  if (contact === null && ids.contactId) throw missing('contact', 'contactId');
  const company = ids.companyId ? await em.findOne(Company, { id: ids.companyId }) : ids.companyId;
  if (company === null && ids.companyId) throw missing('company', 'companyId');
  const deal = ids.dealId ? await em.findOne(Deal, { id: ids.dealId }) : ids.dealId;
  if (deal === null && ids.dealId) throw missing('deal', 'dealId');
  return { contact, company, deal };
}

const completion = (status: TaskStatus, task?: Task) =>
  status === 'COMPLETED' ? (task?.completedAt ?? new Date()) : null;

export async function createTask(em: EntityManager, viewer: Viewer, input: unknown): Promise<Task> {
  const data = parseInput(createInput, input);
  const assigneeId = data.assigneeId === undefined ? actorId(viewer) : data.assigneeId;
  assertMayAssign(viewer, assigneeId);
  await assertKnownStaff(em, viewer, assigneeId, 'input.assigneeId');
  const { contact, company, deal } = await linked(em, data);
  const status = data.status ?? 'OPEN';
  const task = em.create(Task, {
    title: data.title,
    description: data.description ?? null,
    taskType: data.taskType ?? 'TODO',
    status,
    priority: data.priority ?? 'MEDIUM',
    team: data.team ?? null,
    dueAt: data.dueAt ?? null,
    completedAt: completion(status),
    assigneeId,
    createdById: actorId(viewer),
    contact: contact ?? null,
    company: company ?? null,
    deal: deal ?? null,
  });
  if (assigneeId && assigneeId !== actorId(viewer)) await notifyAssignee(em, assigneeId, [task], actorId(viewer));
  if (assigneeId)
    enqueue(
      em,
      QUEUES.webhooks,
      WEBHOOK_EVENT_JOB,
      webhookEvent('task.assigned', { taskId: task.id, assigneeId }, ['assignee']),
    );
  await em.flush();
  return task;
}

/** Agents change only their own tasks; the error names each other task by its place in the input. */
function assertMine(viewer: Viewer, tasks: readonly Task[], path: (i: number) => string) {
  if (managesOthersWork(viewer)) return;
  const fields = tasks.flatMap((t, i) =>
    t.assigneeId === viewer.id ? [] : [{ path: path(i), message: `task ${t.id} is assigned to someone else` }],
  );
  if (fields.length) throw forbidden('Agents may change only tasks assigned to them.', { fields });
}

export async function updateTask(em: EntityManager, viewer: Viewer, input: unknown): Promise<Task> {
  const { id, contactId, companyId, dealId, assigneeId, ...fields } = parseInput(updateInput, input);
  const task = await em.findOne(Task, { id });
  if (!task) throw notFound('Task', id);
  assertMine(viewer, [task], () => 'input.id');
  assertMayAssign(viewer, assigneeId);
  await assertKnownStaff(em, viewer, assigneeId, 'input.assigneeId');
  const { contact, company, deal } = await linked(em, { contactId, companyId, dealId });
  const reassigned = assigneeId !== undefined && assigneeId !== task.assigneeId;
  em.assign(task, {
    ...given(fields),
    ...(contact !== undefined ? { contact } : {}),
    ...(company !== undefined ? { company } : {}),
    ...(deal !== undefined ? { deal } : {}),
    ...(assigneeId !== undefined ? { assigneeId } : {}),
  });
  if (fields.status) task.completedAt = completion(fields.status, task);
  if (reassigned && assigneeId && assigneeId !== actorId(viewer))
    await notifyAssignee(em, assigneeId, [task], actorId(viewer));
  if (reassigned && assigneeId)
    enqueue(
      em,
      QUEUES.webhooks,
      WEBHOOK_EVENT_JOB,
      webhookEvent('task.assigned', { taskId: task.id, assigneeId }, ['assignee']),
    );
  await em.flush();
  return task;
}

export interface BulkResult {
  tasks: Task[];
  updatedCount: number;
}

/**
 * One action over many tasks in one transaction. Every id is checked before anything changes: an
 * unknown id (NOT_FOUND) or someone else's task for an agent (FORBIDDEN) fails the whole request,
 * and the error names the ids.
 */
export async function bulkUpdateTasks(em: EntityManager, viewer: Viewer, input: unknown): Promise<BulkResult> {
  const data = parseInput(bulkInput, input);
  if (data.action === 'REASSIGN') {
    assertMayAssign(viewer, data.assigneeId);
    await assertKnownStaff(em, viewer, data.assigneeId, 'input.assigneeId');
  }
  return em.transactional(async (tx) => {
    const found = await tx.find(Task, { id: { $in: data.taskIds } }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const byId = new Map(found.map((t) => [t.id, t]));
    const missing = data.taskIds.flatMap((id, i) =>
      byId.has(id) ? [] : [{ path: `input.taskIds.${i}`, message: `no task ${id}` }],
    );
    if (missing.length) {
      throw new NexusError(ErrorCode.NOT_FOUND, `${missing.length} of the tasks were not found; nothing was changed.`, {
        fields: missing,
      });
    }
    const tasks = data.taskIds.map((id) => byId.get(id)).filter((t): t is Task => t !== undefined);
    assertMine(viewer, tasks, (i) => `input.taskIds.${i}`);
    const now = new Date();
    const changed: Task[] = [];
    for (const task of tasks) {
      if (data.action === 'COMPLETE' && task.status !== 'COMPLETED') {
        task.status = 'COMPLETED';
        task.completedAt = now;
        changed.push(task);
      } else if (data.action === 'REASSIGN' && data.assigneeId && task.assigneeId !== data.assigneeId) {
        task.assigneeId = data.assigneeId;
        changed.push(task);
        const ids = { taskId: task.id, assigneeId: data.assigneeId };
        enqueue(tx, QUEUES.webhooks, WEBHOOK_EVENT_JOB, webhookEvent('task.assigned', ids, ['assignee']));
      } else if (data.action === 'RESCHEDULE' && data.dueAt && task.dueAt?.getTime() !== data.dueAt.getTime()) {
        task.dueAt = data.dueAt;
        changed.push(task);
      }
    }
    if (data.action === 'REASSIGN' && data.assigneeId && data.assigneeId !== actorId(viewer) && changed.length) {
      await notifyAssignee(tx, data.assigneeId, changed, actorId(viewer));
    }
    return { tasks, updatedCount: changed.length };
  });
}

export async function deleteTask(em: EntityManager, id: unknown): Promise<Task> {
  const taskId = parseInput(zId, id, 'id');
  const task = await em.findOne(Task, { id: taskId });
  if (!task) throw notFound('Task', taskId);
  task.deletedAt = new Date();
  await em.flush();
  return task;
}
