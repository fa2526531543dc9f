import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processStep, releaseDue } from '../../subgraphs/marketing/src/automation/engine.ts';
import { codes, data, eventually, unique } from '../support/staff.ts';
import { startAutomationWorld, type AutomationWorld } from './harness.ts';

/**
 * A workflow's life after it starts, as staff see it in executions, statuses and step counts: an
 * edit while active is a new version that only new enrolments run; a goal reached ends an
 * enrolment before its next step; a paused workflow holds due steps until resumed; a step that
 * fails on every attempt marks the enrolment FAILED and a retry completes it; the re-enrolment rule
 * decides whether the same trigger enrols again; a removed enrolment runs nothing more. The marketing
 * worker's clock is held by the test (waits are crossed by moving it, then the due sweep runs).
 */

const READ = `query($id: ID!) { workflowEnrolment(id: $id) { id status version stepId attempts lastError
  history { seq stepId stepType status outcome error } } }`;
const WORKFLOW = `query($id: ID!) { workflow(id: $id) { status version
  totals { enrolled active completed goalMet failed removed }
  stepCounts { stepId completed waiting failed }
  enrolments(first: 10) { nodes { id status version contact { id } } } } }`;
const CREATE = `mutation($i: CreateWorkflowInput!) { createWorkflow(input: $i) { id status version } }`;
const ACTIVATE = `mutation($id: ID!) { activateWorkflow(id: $id) { id status version } }`;
const ENROL = `mutation($i: EnrolInWorkflowInput!) { enrolInWorkflow(input: $i) { id } }`;
const UPDATE_CONTACT = `mutation($i: UpdateContactInput!) { updateContact(input: $i) { id tags } }`;

type Run = {
  seq: number;
  stepId: string;
  stepType: string;
  status: string;
  outcome: string | null;
  error: string | null;
};
type Enrolment = {
  id: string;
  status: string;
  version: number;
  stepId: string | null;
  attempts: number;
  lastError: string | null;
  history: Run[];
};
type WorkflowRead = {
  status: string;
  version: number;
  totals: Record<'enrolled' | 'active' | 'completed' | 'goalMet' | 'failed' | 'removed', number>;
  stepCounts: { stepId: string; completed: number; waiting: number; failed: number }[];
  enrolments: { nodes: { id: string; status: string; version: number; contact: { id: string } }[] };
};

const wait = (next: string) => ({ id: 'wait', type: 'WAIT', config: { mode: 'DURATION', minutes: 60 }, next });
const addTag = (id: string, value: string) => ({ id, type: 'UPDATE_PROPERTY', config: { field: 'addTag', value } });
const steps = (h: Enrolment) => h.history.map((r) => [r.stepId, r.status]);

describe('automation: a workflow after it starts', () => {
  let world: AutomationWorld;
  // A receiver on the allow-listed address that answers what the test says.
  let answer = 500;
  const calls: string[] = [];
  const hooks = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      calls.push(body);
      res
        .writeHead(answer, { 'content-type': 'application/json' })
        .end(answer === 200 ? '{"ok":true}' : '{"error":"down"}');
    });
  });
  let hookUrl = '';

  beforeAll(async () => {
    world = await startAutomationWorld();
    // Ahead of the servers' clock, so what they schedule "now" is due for the worker.
    world.clock.now = new Date(Date.now() + 10 * 60_000);
    await world.startWorkers();
    await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.2', resolve));
    hookUrl = `http://127.0.0.2:${(hooks.address() as AddressInfo).port}/hook`;
  }, 120_000);
  afterAll(async () => {
    await new Promise<void>((resolve) => hooks.close(() => resolve()));
    await world?.close();
  });

  const as = () => world.staff.as;
  /** Moves the worker's clock on and runs the due sweep. */
  const later = async (minutes: number) => {
    world.clock.now = new Date((world.clock.now ?? new Date()).getTime() + minutes * 60_000);
    await releaseDue(world.deps);
  };
  const createContact = async (tag: string) =>
    data(
      await as().advisor<{ createContact: { id: string } }>(
        'mutation($i: CreateContactInput!) { createContact(input: $i) { id } }',
        { i: { firstName: 'Kim', lastName: 'Life', email: `${unique(tag).replace(/\W/g, '')}@life.example.test` } },
      ),
    ).createContact.id;
  const setTags = async (contactId: string, tags: string[]) =>
    expect(
      data(await as().advisor<{ updateContact: { tags: string[] } }>(UPDATE_CONTACT, { i: { id: contactId, tags } }))
        .updateContact.tags,
    ).toEqual(tags);
  const workflow = async (id: string) => data(await as().viewer<{ workflow: WorkflowRead }>(WORKFLOW, { id })).workflow;
  const enrolment = async (id: string) =>
    data(await as().viewer<{ workflowEnrolment: Enrolment }>(READ, { id })).workflowEnrolment;
  const activeWorkflow = async (input: Record<string, unknown>) => {
    const wf = data(await as().advisor<{ createWorkflow: { id: string } }>(CREATE, { i: input })).createWorkflow;
    const active = data(
      await as().advisor<{ activateWorkflow: { status: string; version: number } }>(ACTIVATE, { id: wf.id }),
    );
    expect(active.activateWorkflow).toMatchObject({ status: 'ACTIVE', version: 1 });
    return wf.id;
  };
  /** Enrols by hand (once marketing has the contact); the enrolments made. */
  const enrol = async (workflowId: string, contactId: string) =>
    data(
      await as().advisor<{ enrolInWorkflow: { id: string }[] }>(ENROL, { i: { workflowId, contactIds: [contactId] } }),
    ).enrolInWorkflow;
  const enrolOne = async (workflowId: string, contactId: string) => {
    const made = await eventually(async () => {
      const r = await as().advisor<{ enrolInWorkflow: { id: string }[] }>(ENROL, {
        i: { workflowId, contactIds: [contactId] },
      });
      expect(r.errors).toBeUndefined();
      return data(r).enrolInWorkflow;
    }, 20_000);
    expect(made).toHaveLength(1);
    return made[0]?.id ?? '';
  };
  const until = async (id: string, check: (e: Enrolment) => void) =>
    eventually(async () => {
      const e = await enrolment(id);
      check(e);
      return e;
    }, 20_000);
  const waiting = (id: string) => until(id, (e) => expect(steps(e)).toEqual([['wait', 'WAITING']]));
  const count = (wf: WorkflowRead, stepId: string) => wf.stepCounts.find((c) => c.stepId === stepId);

  it('runs an edit of an active workflow as a new version: earlier enrolments keep the steps they started with', async () => {
    const tag = unique('ver').replace(/\W/g, '').toLowerCase();
    const workflowId = await activeWorkflow({
      name: `Versions ${tag}`,
      trigger: { type: 'MANUAL' },
      steps: [wait('old'), addTag('old', `${tag}-v1`)],
    });
    const [early, late] = [await createContact(tag), await createContact(tag)];
    const first = await enrolOne(workflowId, early);
    await waiting(first);

    const edited = data(
      await as().advisor<{ updateWorkflow: { status: string; version: number } }>(
        'mutation($i: UpdateWorkflowInput!) { updateWorkflow(input: $i) { status version } }',
        { i: { id: workflowId, steps: [wait('new'), addTag('new', `${tag}-v2`)] } },
      ),
    ).updateWorkflow;
    expect(edited).toEqual({ status: 'ACTIVE', version: 2 });
    const second = await enrolOne(workflowId, late);
    await waiting(second);

    await later(61);
    const a = await until(first, (e) => expect(e.status).toBe('COMPLETED'));
    const b = await until(second, (e) => expect(e.status).toBe('COMPLETED'));
    expect([a.version, steps(a)]).toEqual([
      1,
      [
        ['wait', 'SUCCEEDED'],
        ['old', 'SUCCEEDED'],
      ],
    ]);
    expect([b.version, steps(b)]).toEqual([
      2,
      [
        ['wait', 'SUCCEEDED'],
        ['new', 'SUCCEEDED'],
      ],
    ]);
    expect(b.history[1]?.outcome).toBe(`addTag = ${tag}-v2`);

    const tagsOf = async (id: string) =>
      data(await as().viewer<{ contact: { tags: string[] } }>('query($id: ID!) { contact(id: $id) { tags } }', { id }))
        .contact.tags;
    expect(await tagsOf(early)).toEqual([`${tag}-v1`]);
    expect(await tagsOf(late)).toEqual([`${tag}-v2`]);
    const wf = await workflow(workflowId);
    expect(wf.version).toBe(2);
    expect(wf.totals).toMatchObject({ enrolled: 2, completed: 2 });
    expect(Object.fromEntries(wf.enrolments.nodes.map((n) => [n.contact.id, n.version]))).toEqual({
      [early]: 1,
      [late]: 2,
    });
    // Step counts follow the current definition.
    expect(wf.stepCounts.map((c) => [c.stepId, c.completed])).toEqual([
      ['wait', 2],
      ['new', 1],
    ]);
  }, 60_000);

  it('ends an enrolment whose contact reached the goal while waiting; its later steps never run', async () => {
    const tag = unique('goal').replace(/\W/g, '').toLowerCase();
    const booked = `${tag}-booked`;
    const workflowId = await activeWorkflow({
      name: `Goal ${tag}`,
      trigger: { type: 'MANUAL' },
      goal: { match: 'ALL', conditions: [{ source: 'CONTACT', field: 'tags', op: 'CONTAINS', value: booked }] },
      steps: [wait('nudge'), addTag('nudge', `${tag}-nudged`)],
    });
    const [reached, other] = [await createContact(tag), await createContact(tag)];
    const e1 = await enrolOne(workflowId, reached);
    const e2 = await enrolOne(workflowId, other);
    await waiting(e1);
    await waiting(e2);

    // The contact books while waiting; marketing's copy of it follows from crm.
    await setTags(reached, [booked]);
    await eventually(async () => {
      const [row] = await world.deps.orm.em
        .fork()
        .execute<{ tags: string[] }[]>(`select tags from audience_member where id = ?`, [reached]);
      expect(row?.tags).toEqual([booked]);
    }, 20_000);

    await later(61);
    const done = await until(e1, (e) => expect(e.status).toBe('GOAL_MET'));
    expect(done.stepId).toBeNull();
    expect(steps(done)).toEqual([['wait', 'SUCCEEDED']]);
    await until(e2, (e) =>
      expect(steps(e)).toEqual([
        ['wait', 'SUCCEEDED'],
        ['nudge', 'SUCCEEDED'],
      ]),
    );

    const wf = await workflow(workflowId);
    expect(wf.totals).toMatchObject({ enrolled: 2, goalMet: 1, completed: 1, active: 0 });
    expect(count(wf, 'nudge')).toMatchObject({ completed: 1, waiting: 0 });
    const tags = data(
      await as().viewer<{ contact: { tags: string[] } }>('query($id: ID!) { contact(id: $id) { tags } }', {
        id: reached,
      }),
    ).contact.tags;
    expect(tags).toEqual([booked]);
  }, 60_000);

  it('holds a due step while the workflow is paused and runs it once resumed', async () => {
    const tag = unique('pause').replace(/\W/g, '').toLowerCase();
    const workflowId = await activeWorkflow({
      name: `Pause ${tag}`,
      trigger: { type: 'MANUAL' },
      steps: [wait('after'), addTag('after', `${tag}-after`)],
    });
    const contactId = await createContact(tag);
    const id = await enrolOne(workflowId, contactId);
    await waiting(id);

    const paused = data(
      await as().advisor<{ pauseWorkflow: { status: string } }>(
        'mutation($id: ID!) { pauseWorkflow(id: $id) { status } }',
        { id: workflowId },
      ),
    ).pauseWorkflow;
    expect(paused.status).toBe('PAUSED');
    // The wait is over, the sweep runs and the step's own job arrives: nothing moves.
    await later(61);
    expect(await processStep(world.deps, { enrolmentId: id, seq: 1 }, world.log)).toBe('not due, moved on or held');
    const held = await enrolment(id);
    expect(held).toMatchObject({ status: 'ACTIVE', stepId: 'after' });
    expect(steps(held)).toEqual([['wait', 'WAITING']]);
    expect(count(await workflow(workflowId), 'after')).toMatchObject({ completed: 0 });
    // Manual enrolment is refused while paused.
    const refused = await as().advisor(ENROL, { i: { workflowId, contactIds: [contactId] } });
    expect(codes(refused)).toEqual(['CONFLICT']);

    const resumed = data(
      await as().advisor<{ activateWorkflow: { status: string; version: number } }>(ACTIVATE, { id: workflowId }),
    ).activateWorkflow;
    expect(resumed).toMatchObject({ status: 'ACTIVE', version: 1 });
    await later(1);
    const done = await until(id, (e) => expect(e.status).toBe('COMPLETED'));
    expect(steps(done)).toEqual([
      ['wait', 'SUCCEEDED'],
      ['after', 'SUCCEEDED'],
    ]);
    expect(count(await workflow(workflowId), 'after')).toMatchObject({ completed: 1 });
  }, 60_000);

  it('marks an enrolment FAILED when a step fails on every attempt, and a retry completes it once the cause is gone', async () => {
    const tag = unique('retry').replace(/\W/g, '').toLowerCase();
    const workflowId = await activeWorkflow({
      name: `Retry ${tag}`,
      trigger: { type: 'MANUAL' },
      steps: [{ id: 'hook', type: 'CALL_WEBHOOK', config: { url: hookUrl, payload: { tag } } }],
    });
    const contactId = await createContact(tag);
    answer = 500;
    const id = await enrolOne(workflowId, contactId);
    const mine = () => calls.filter((b) => b.includes(tag));

    // Attempts 1 to 3 are retried later (backing off); the fourth fails the enrolment.
    for (let attempt = 1; attempt <= 3; attempt++) {
      const e = await until(id, (x) => expect(x.attempts).toBe(attempt));
      expect(e).toMatchObject({ status: 'ACTIVE', stepId: 'hook', lastError: 'webhook: answered 500' });
      expect(e.history).toEqual([
        expect.objectContaining({ stepId: 'hook', status: 'RETRYING', error: 'webhook: answered 500' }),
      ]);
      await later(10);
    }
    const failed = await until(id, (x) => expect(x.status).toBe('FAILED'));
    expect(failed).toMatchObject({ attempts: 4, stepId: 'hook', lastError: 'webhook: answered 500' });
    expect(failed.history).toEqual([
      expect.objectContaining({ stepId: 'hook', status: 'FAILED', error: 'webhook: answered 500' }),
    ]);
    expect(mine()).toHaveLength(4);
    let wf = await workflow(workflowId);
    expect(wf.totals).toMatchObject({ failed: 1, active: 0 });
    expect(count(wf, 'hook')).toMatchObject({ completed: 0, waiting: 0, failed: 1 });

    // A failed enrolment stays failed (no more calls) until staff retry it.
    await later(60);
    expect(mine()).toHaveLength(4);
    answer = 200;
    const retried = data(
      await as().advisor<{ retryWorkflowEnrolment: { status: string } }>(
        'mutation($id: ID!) { retryWorkflowEnrolment(id: $id) { status } }',
        { id },
      ),
    ).retryWorkflowEnrolment;
    expect(retried.status).toBe('ACTIVE');
    const done = await until(id, (x) => expect(x.status).toBe('COMPLETED'));
    expect(done.lastError).toBeNull();
    expect(done.history).toEqual([
      expect.objectContaining({ stepId: 'hook', status: 'SUCCEEDED', outcome: 'HTTP 200: {"ok":true}', error: null }),
    ]);
    expect(mine()).toHaveLength(5);
    wf = await workflow(workflowId);
    expect(wf.totals).toMatchObject({ failed: 0, completed: 1 });
    expect(count(wf, 'hook')).toMatchObject({ completed: 1, failed: 0 });
    // Only a failed enrolment can be retried.
    const again = await as().advisor('mutation($id: ID!) { retryWorkflowEnrolment(id: $id) { status } }', { id });
    expect(codes(again)).toEqual(['CONFLICT']);
  }, 60_000);

  it('enrols a contact once for the same trigger twice without re-enrolment, twice with it', async () => {
    const tag = unique('again').replace(/\W/g, '').toLowerCase();
    const make = (reenrolment: string) =>
      activeWorkflow({
        name: `Again ${reenrolment} ${tag}`,
        trigger: { type: 'TAG_ADDED', tag },
        reenrolment,
        steps: [wait('after'), addTag('after', `${tag}-after`)],
      });
    const once = await make('NEVER');
    const always = await make('ALWAYS');
    const contactId = await createContact(tag);
    const enrolledIn = async (workflowId: string) =>
      (await workflow(workflowId)).enrolments.nodes.filter((n) => n.contact.id === contactId);

    await setTags(contactId, [tag]);
    await eventually(async () => {
      expect(await enrolledIn(once)).toHaveLength(1);
      expect(await enrolledIn(always)).toHaveLength(1);
    }, 20_000);
    // The tag comes off and is added again: the same trigger a second time.
    await setTags(contactId, []);
    await setTags(contactId, [tag]);
    await eventually(async () => expect(await enrolledIn(always)).toHaveLength(2), 20_000);
    expect(await enrolledIn(once)).toHaveLength(1);
    // By hand too: the rule refuses, nothing is made.
    expect(await enrol(once, contactId)).toEqual([]);
    expect(await enrol(always, contactId)).toHaveLength(1);
    expect((await workflow(once)).totals.enrolled).toBe(1);
    expect((await workflow(always)).totals.enrolled).toBe(3);
  }, 60_000);

  it('ends a removed enrolment: nothing more runs for the contact and it waits nowhere', async () => {
    const tag = unique('rm').replace(/\W/g, '').toLowerCase();
    const workflowId = await activeWorkflow({
      name: `Remove ${tag}`,
      trigger: { type: 'MANUAL' },
      steps: [wait('after'), addTag('after', `${tag}-after`)],
    });
    const contactId = await createContact(tag);
    const id = await enrolOne(workflowId, contactId);
    await waiting(id);
    expect(count(await workflow(workflowId), 'wait')).toMatchObject({ waiting: 1 });

    const removed = data(
      await as().advisor<{ removeWorkflowEnrolment: { status: string } }>(
        'mutation($id: ID!) { removeWorkflowEnrolment(id: $id) { status } }',
        { id },
      ),
    ).removeWorkflowEnrolment;
    expect(removed.status).toBe('REMOVED');

    await later(61);
    expect(await processStep(world.deps, { enrolmentId: id, seq: 1 }, world.log)).toBe('not due, moved on or held');
    const e = await enrolment(id);
    expect(e.status).toBe('REMOVED');
    expect(e.history.map((r) => r.stepId)).toEqual(['wait']);
    const wf = await workflow(workflowId);
    expect(wf.totals).toMatchObject({ enrolled: 1, removed: 1, active: 0 });
    expect(count(wf, 'wait')).toMatchObject({ waiting: 0 });
    expect(count(wf, 'after')).toMatchObject({ completed: 0 });
    const tags = data(
      await as().viewer<{ contact: { tags: string[] } }>('query($id: ID!) { contact(id: $id) { tags } }', {
        id: contactId,
      }),
    ).contact.tags;
    expect(tags).toEqual([]);
    // An ended enrolment cannot be removed again.
    const again = await as().advisor('mutation($id: ID!) { removeWorkflowEnrolment(id: $id) { status } }', { id });
    expect(codes(again)).toEqual(['CONFLICT']);
  }, 60_000);
});
