import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from '../support/system.ts';
import { codes, data, fieldPaths, signInStaff, unique, type Staff } from '../support/staff.ts';
import { createTask } from './kit.ts';

/** Tasks through the gateway: the agent's row rule, bulk actions that apply all or nothing, filters. */
let system: System;
let staff: Staff;
beforeAll(async () => {
  system = await startSystem();
  staff = await signInStaff(system);
});
afterAll(async () => system?.close());

const TASK = `id title status priority dueAt completedAt isOverdue assignee { id } createdBy { id }`;
interface TaskData {
  id: string;
  title: string;
  status: string;
  dueAt: string | null;
  completedAt: string | null;
  isOverdue: boolean;
  assignee: { id: string } | null;
}

const getTasks = async (ids: string[]) => {
  const r = data(
    await staff.as.viewer<Record<string, TaskData | null>>(
      `query(${ids.map((_, i) => `$t${i}: ID!`).join(', ')}) { ${ids.map((_, i) => `t${i}: task(id: $t${i}) { ${TASK} }`).join(' ')} }`,
      Object.fromEntries(ids.map((id, i) => [`t${i}`, id])),
    ),
  );
  return ids.map((_, i) => r[`t${i}`]);
};

const BULK = `mutation($input: BulkUpdateTasksInput!) { bulkUpdateTasks(input: $input) { updatedCount tasks { ${TASK} } } }`;

describe('an agent and their tasks', () => {
  it('creates tasks for themselves only, and changes only tasks assigned to them', async () => {
    const own = data(
      await staff.as.agent<{ createTask: TaskData }>(
        `mutation { createTask(input: { title: "Call the Okafors" }) { ${TASK} } }`,
      ),
    ).createTask;
    expect(own).toMatchObject({ status: 'OPEN', assignee: { id: staff.id.agent } });
    const forOthers = await staff.as.agent(
      `mutation($a: ID!) { createTask(input: { title: "For someone else", assigneeId: $a }) { id } }`,
      { a: staff.id.advisor },
    );
    expect(codes(forOthers)).toEqual(['FORBIDDEN']);
    expect(fieldPaths(forOthers)).toEqual(['input.assigneeId']);

    // For any role, an assignee who is not a staff member the CRM knows is bad input on that field.
    const STRANGER = '5b0c6f0e-1111-4222-8333-444455556666';
    for (const role of ['advisor', 'admin'] as const) {
      const nobody = await staff.as[role](
        `mutation($a: ID!) { createTask(input: { title: "For nobody", assigneeId: $a }) { id } }`,
        { a: STRANGER },
      );
      expect(codes(nobody)).toEqual(['BAD_USER_INPUT']);
      expect(fieldPaths(nobody)).toEqual(['input.assigneeId']);
    }
    const none = await staff.as.advisor<{ tasks: { totalCount: number } }>(
      `query($a: ID) { tasks(filter: { assigneeId: $a }) { totalCount } }`,
      { a: STRANGER },
    );
    expect(data(none).tasks.totalCount).toBe(0);

    const advisors = await createTask(staff, { title: unique('Advisor task') });
    const update = `mutation($input: UpdateTaskInput!) { updateTask(input: $input) { ${TASK} } }`;
    const denied = await staff.as.agent(update, { input: { id: advisors.id, status: 'COMPLETED' } });
    expect(codes(denied)).toEqual(['FORBIDDEN']);
    expect((await getTasks([advisors.id]))[0]?.status).toBe('OPEN');
    // Nor can an agent hand their own task to someone else.
    expect(codes(await staff.as.agent(update, { input: { id: own.id, assigneeId: staff.id.advisor } }))).toEqual([
      'FORBIDDEN',
    ]);

    const done = data(
      await staff.as.agent<{ updateTask: TaskData }>(update, { input: { id: own.id, status: 'COMPLETED' } }),
    ).updateTask;
    expect(done.status).toBe('COMPLETED');
    expect(done.completedAt).toEqual(expect.any(String));
    // Everyone reads every task; only managers delete.
    expect(
      data(
        await staff.as.viewer<{ task: { id: string } }>(`query($id: ID!) { task(id: $id) { id } }`, {
          id: advisors.id,
        }),
      ).task.id,
    ).toBe(advisors.id);
    expect(
      codes(await staff.as.advisor(`mutation($id: ID!) { deleteTask(id: $id) { id } }`, { id: advisors.id })),
    ).toEqual(['FORBIDDEN']);
    expect(
      data(
        await staff.as.manager<{ deleteTask: { id: string } }>(`mutation($id: ID!) { deleteTask(id: $id) { id } }`, {
          id: advisors.id,
        }),
      ).deleteTask.id,
    ).toBe(advisors.id);
  });
});

describe('bulk actions', () => {
  it('complete all the tasks, or none of them when one id is unknown', async () => {
    const tasks = await Promise.all(
      [1, 2, 3].map((i) => createTask(staff, { title: unique(`Bulk ${i}`), assigneeId: staff.id.agent })),
    );
    const ids = tasks.map((t) => t.id);
    const ghost = '7d3b7a6e-2c1f-4b9e-8a7d-5e4c3b2a1f0e';
    const bad = await staff.as.advisor(BULK, { input: { taskIds: [...ids, ghost], action: 'COMPLETE' } });
    expect(codes(bad)).toEqual(['NOT_FOUND']);
    expect(bad.errors?.[0]?.extensions?.fields).toEqual([{ path: 'input.taskIds.3', message: `no task ${ghost}` }]);
    expect((await getTasks(ids)).map((t) => t?.status)).toEqual(['OPEN', 'OPEN', 'OPEN']);

    const ok = data(
      await staff.as.advisor<{ bulkUpdateTasks: { updatedCount: number; tasks: TaskData[] } }>(BULK, {
        input: { taskIds: ids, action: 'COMPLETE' },
      }),
    ).bulkUpdateTasks;
    expect(ok.updatedCount).toBe(3);
    expect(ok.tasks.map((t) => t.id)).toEqual(ids);
    expect((await getTasks(ids)).every((t) => t?.status === 'COMPLETED' && t.completedAt !== null)).toBe(true);
  });

  it('are refused as a whole when an agent includes a task that is not theirs', async () => {
    const mine = await createTask(staff, { title: unique('Mine') }, 'agent');
    const theirs = await createTask(staff, { title: unique('Theirs') });
    const res = await staff.as.agent(BULK, {
      input: { taskIds: [mine.id, theirs.id], action: 'RESCHEDULE', dueAt: '2031-05-01T09:00:00Z' },
    });
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(fieldPaths(res)).toEqual(['input.taskIds.1']);
    expect((await getTasks([mine.id, theirs.id])).map((t) => t?.dueAt)).toEqual([null, null]);
    const alone = data(
      await staff.as.agent<{ bulkUpdateTasks: { tasks: TaskData[] } }>(BULK, {
        input: { taskIds: [mine.id], action: 'RESCHEDULE', dueAt: '2031-05-01T09:00:00Z' },
      }),
    );
    expect(alone.bulkUpdateTasks.tasks[0]?.dueAt).toBe('2031-05-01T09:00:00.000Z');
  });

  it('reassign and reschedule, validating what each action needs', async () => {
    const tasks = await Promise.all([1, 2].map((i) => createTask(staff, { title: unique(`Move ${i}`) })));
    const ids = tasks.map((t) => t.id);
    expect(fieldPaths(await staff.as.advisor(BULK, { input: { taskIds: ids, action: 'REASSIGN' } }))).toEqual([
      'input.assigneeId',
    ]);
    expect(fieldPaths(await staff.as.advisor(BULK, { input: { taskIds: ids, action: 'RESCHEDULE' } }))).toEqual([
      'input.dueAt',
    ]);
    expect(
      fieldPaths(await staff.as.advisor(BULK, { input: { taskIds: [ids[0], ids[0]], action: 'COMPLETE' } })),
    ).toEqual(['input.taskIds']);
    const moved = data(
      await staff.as.advisor<{ bulkUpdateTasks: { updatedCount: number; tasks: TaskData[] } }>(BULK, {
        input: { taskIds: ids, action: 'REASSIGN', assigneeId: staff.id.agent },
      }),
    ).bulkUpdateTasks;
    expect(moved.tasks.map((t) => t.assignee?.id)).toEqual([staff.id.agent, staff.id.agent]);
    // An agent reassigning to someone else is refused before anything is read.
    expect(
      codes(await staff.as.agent(BULK, { input: { taskIds: ids, action: 'REASSIGN', assigneeId: staff.id.manager } })),
    ).toEqual(['FORBIDDEN']);
  });
});

describe('task filters', () => {
  it('mine, overdue and due this week', async () => {
    const now = Date.now();
    const overdue = await createTask(staff, {
      title: unique('Overdue'),
      assigneeId: staff.id.agent,
      dueAt: new Date(now - 3 * 86_400_000).toISOString(),
    });
    const soon = await createTask(staff, {
      title: unique('Soon'),
      assigneeId: staff.id.agent,
      dueAt: new Date(now + 60_000).toISOString(),
    });
    const doneLate = await createTask(staff, {
      title: unique('Done late'),
      assigneeId: staff.id.agent,
      dueAt: new Date(now - 86_400_000).toISOString(),
      status: 'COMPLETED',
    });
    const LIST = `query($f: TaskFilter) { tasks(filter: $f, first: 100) { totalCount nodes { id isOverdue assignee { id } } } }`;
    const list = async (f: Record<string, unknown>, role: 'agent' | 'viewer' = 'agent') =>
      data(
        await staff.as[role]<{
          tasks: { totalCount: number; nodes: { id: string; isOverdue: boolean; assignee: { id: string } | null }[] };
        }>(LIST, { f }),
      ).tasks;

    const mine = await list({ mine: true });
    expect(mine.nodes.every((t) => t.assignee?.id === staff.id.agent)).toBe(true);
    expect(mine.nodes.map((t) => t.id)).toEqual(expect.arrayContaining([overdue.id, soon.id, doneLate.id]));
    const late = await list({ mine: true, overdue: true });
    expect(late.nodes.map((t) => t.id)).toContain(overdue.id);
    expect(late.nodes.map((t) => t.id)).not.toContain(doneLate.id);
    expect(late.nodes.every((t) => t.isOverdue)).toBe(true);
    const week = await list({ mine: true, dueThisWeek: true });
    expect(week.nodes.map((t) => t.id)).toContain(soon.id);
    expect(week.nodes.map((t) => t.id)).not.toContain(doneLate.id);
    // A viewer asking for "mine" has no tasks.
    expect((await list({ mine: true }, 'viewer')).totalCount).toBe(0);
  });
});
