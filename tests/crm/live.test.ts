import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES, createLogger, createQueue } from '@nexus/platform';
import { startSystem, type System } from '../support/system.ts';
import { subscribe, wsClient } from '../support/ws.ts';
import { data, eventually, signInStaff, unique, type Staff } from '../support/staff.ts';
import { createDeal, createPipeline, createTask, stageId } from './kit.ts';

/**
 * What happens after a change, with the worker running: boards move live (dealChanged per
 * pipeline), assignees hear about tasks (identity's notificationAdded) and the lead-score job
 * re-scores contacts from the rules.
 */
let system: System;
let staff: Staff;
beforeAll(async () => {
  system = await startSystem({ worker: true });
  staff = await signInStaff(system);
});
afterAll(async () => system?.close());

const settle = () => new Promise((r) => setTimeout(r, 300));

describe('dealChanged', () => {
  it('moves every board on the pipeline, and only those', async () => {
    const watched = await createPipeline(staff);
    const other = await createPipeline(staff);
    const here = await createDeal(staff, {
      title: unique('Watched deal'),
      pipelineId: watched.id,
      amountCents: 20_000_00,
    });
    const there = await createDeal(staff, { title: unique('Other deal'), pipelineId: other.id });

    const viewerClient = wsClient(system.gatewayUrl, staff.token.viewer);
    const agentClient = wsClient(system.gatewayUrl, staff.token.agent);
    const SUB = `subscription($p: ID) { dealChanged(pipelineId: $p) { id title status stage { name } weightedAmountCents owner { name } pipeline { id } deletedAt } }`;
    type E = {
      dealChanged: {
        id: string;
        status: string;
        stage: { name: string };
        weightedAmountCents: number;
        owner: { name: string };
        pipeline: { id: string };
        deletedAt: string | null;
      };
    };
    const board = subscribe<E>(viewerClient, SUB, { p: watched.id });
    const otherBoard = subscribe<E>(agentClient, SUB, { p: other.id });
    await settle();

    data(
      await staff.as.advisor(`mutation($input: MoveDealInput!) { moveDeal(input: $input) { id } }`, {
        input: { dealId: there.id, stageId: stageId(other, 'Proposal') },
      }),
    );
    data(
      await staff.as.advisor(`mutation($input: MoveDealInput!) { moveDeal(input: $input) { id } }`, {
        input: { dealId: here.id, stageId: stageId(watched, 'Verbal') },
      }),
    );
    const moved = await board.next((e) => e.dealChanged.id === here.id && e.dealChanged.stage.name === 'Verbal');
    expect(moved.dealChanged).toMatchObject({
      status: 'OPEN',
      weightedAmountCents: 16_000_00,
      owner: { name: 'Avery Advisor' },
      pipeline: { id: watched.id },
      deletedAt: null,
    });
    const elsewhere = await otherBoard.next((e) => e.dealChanged.id === there.id);
    expect(elsewhere.dealChanged.stage.name).toBe('Proposal');

    // An activity on the deal moves its card too (last activity), and a deletion removes it.
    data(
      await staff.as.agent(
        `mutation($d: ID!) { logActivity(input: { type: CALL, subject: "Checked dates", dealId: $d }) { id } }`,
        { d: here.id },
      ),
    );
    data(await staff.as.manager(`mutation($id: ID!) { deleteDeal(id: $id) { id } }`, { id: here.id }));
    const gone = await board.next((e) => e.dealChanged.id === here.id && e.dealChanged.deletedAt !== null);
    expect(gone.dealChanged.deletedAt).toEqual(expect.any(String));

    await settle();
    expect(board.values.every((e) => e.dealChanged.pipeline.id === watched.id)).toBe(true);
    expect(otherBoard.values.every((e) => e.dealChanged.pipeline.id === other.id)).toBe(true);
    expect(otherBoard.values.some((e) => e.dealChanged.id === here.id)).toBe(false);
    board.dispose();
    otherBoard.dispose();
    await viewerClient.dispose();
    await agentClient.dispose();
  });
});

describe('deal stage changes', () => {
  it("notifies the deal's owner when someone else moves it, and nobody when the owner does", async () => {
    const pipeline = await createPipeline(staff);
    const client = wsClient(system.gatewayUrl, staff.token.advisor);
    const inbox = subscribe<{
      notificationAdded: { id: string; type: string; title: string; body: string; link: string };
    }>(client, 'subscription { notificationAdded { id type title body link } }');
    await settle();
    const title = unique('Offsite in Lisbon');
    const deal = await createDeal(staff, { title, pipelineId: pipeline.id, ownerId: staff.id.advisor });
    const MOVE = `mutation($input: MoveDealInput!) { moveDeal(input: $input) { id stage { name } } }`;

    // The owner moving their own deal hears nothing.
    data(await staff.as.advisor(MOVE, { input: { dealId: deal.id, stageId: stageId(pipeline, 'Proposal') } }));
    // A manager moving it: the owner is told, once.
    data(await staff.as.manager(MOVE, { input: { dealId: deal.id, stageId: stageId(pipeline, 'Verbal') } }));
    const note = await inbox.next((n) => n.notificationAdded.title.includes(title), 15_000);
    expect(note.notificationAdded).toMatchObject({
      type: 'DEAL_STAGE_CHANGED',
      title: `Deal moved to Verbal: ${title}`,
      link: `/crm/deals/${deal.id}`,
    });
    await settle();
    const mine = inbox.values.filter((n) => n.notificationAdded.title.includes(title));
    expect(mine).toHaveLength(1);
    inbox.dispose();
    await client.dispose();
  });
});

describe('task assignment', () => {
  it('notifies the assignee live over notificationAdded, once per assignment', async () => {
    const client = wsClient(system.gatewayUrl, staff.token.agent);
    const inbox = subscribe<{
      notificationAdded: { id: string; type: string; title: string; body: string; link: string };
    }>(client, 'subscription { notificationAdded { id type title body link } }');
    await settle();
    const title = unique('Collect passports');
    const task = await createTask(staff, { title, assigneeId: staff.id.agent, dueAt: '2031-01-10T09:00:00Z' });
    const note = await inbox.next((n) => n.notificationAdded.title.includes(title), 15_000);
    expect(note.notificationAdded).toMatchObject({
      type: 'TASK_ASSIGNED',
      title: `New task: ${title}`,
      // Who gave the task and when it is due, in words; the title is not repeated.
      body: expect.stringMatching(/^Assigned by \S.* · due Jan 10, 2031$/),
      link: `/crm/tasks/${task.id}`,
    });

    // Assigning yourself does not notify; a bulk reassignment notifies once for all its tasks.
    await createTask(staff, { title: unique('Self-assigned') }, 'agent');
    const bulk = await Promise.all([1, 2].map((i) => createTask(staff, { title: unique(`Handover ${i}`) })));
    data(
      await staff.as.advisor(
        `mutation($input: BulkUpdateTasksInput!) { bulkUpdateTasks(input: $input) { updatedCount } }`,
        { input: { taskIds: bulk.map((t) => t.id), action: 'REASSIGN', assigneeId: staff.id.agent } },
      ),
    );
    await inbox.next((n) => n.notificationAdded.title === '2 tasks were assigned to you', 15_000);
    await settle();
    expect(inbox.values.filter((n) => n.notificationAdded.type === 'TASK_ASSIGNED')).toHaveLength(2);
    const list = data(
      await staff.as.agent<{ notifications: { nodes: { title: string }[] } }>(
        `{ notifications(first: 10) { nodes { title } } }`,
      ),
    );
    expect(list.notifications.nodes.map((n) => n.title)).toEqual(
      expect.arrayContaining([`New task: ${title}`, '2 tasks were assigned to you']),
    );
    inbox.dispose();
    await client.dispose();
  });
});

describe('lead scoring', () => {
  const SCORE = `query($id: ID!) { contact(id: $id) { leadScore leadScoreHistory { totalCount nodes { previousScore newScore trigger matchedRules { name points } } } } }`;
  type S = {
    contact: {
      leadScore: number;
      leadScoreHistory: {
        totalCount: number;
        nodes: {
          previousScore: number;
          newScore: number;
          trigger: string;
          matchedRules: { name: string; points: number }[];
        }[];
      };
    };
  };
  const scoreOf = async (id: string) => data(await staff.as.viewer<S>(SCORE, { id })).contact;

  it('is recalculated by the job when a contact or its activity changes, with decay and history', async () => {
    // A clean slate: only this test's rules count.
    const existing = data(
      await staff.as.viewer<{ leadScoringRules: { nodes: { id: string }[] } }>(
        `{ leadScoringRules(first: 100) { nodes { id } } }`,
      ),
    ).leadScoringRules.nodes;
    for (const r of existing)
      data(await staff.as.manager(`mutation($id: ID!) { deleteLeadScoringRule(id: $id) { id } }`, { id: r.id }));
    const create = `mutation($input: CreateLeadScoringRuleInput!) { createLeadScoringRule(input: $input) { id } }`;
    const rule = (input: Record<string, unknown>) => staff.as.manager(create, { input });
    expect(
      (
        await staff.as.advisor(create, {
          input: {
            name: 'x',
            ruleType: 'POSITIVE',
            category: 'DEMOGRAPHIC',
            criteria: { contact: { hasEmail: true } },
            points: 1,
          },
        })
      ).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    const wrongSign = await rule({
      name: 'Bad decay',
      ruleType: 'DECAY',
      category: 'ENGAGEMENT',
      criteria: { inactiveDays: 7 },
      points: 5,
    });
    expect(wrongSign.errors?.[0]?.extensions?.fields).toEqual([
      { path: 'input.points', message: 'must be negative for a DECAY rule' },
    ]);
    const unknownKey = await rule({
      name: 'Bad',
      ruleType: 'POSITIVE',
      category: 'DEMOGRAPHIC',
      criteria: { contact: { shoeSize: 44 } },
      points: 5,
    });
    expect(unknownKey.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    data(
      await rule({
        name: 'Referral',
        ruleType: 'POSITIVE',
        category: 'DEMOGRAPHIC',
        criteria: { contact: { leadSources: ['REFERRAL'] } },
        points: 10,
      }),
    );
    data(
      await rule({
        name: 'Met recently',
        ruleType: 'POSITIVE',
        category: 'BEHAVIORAL',
        criteria: { activity: { types: ['MEETING'], withinDays: 30 } },
        points: 25,
      }),
    );
    data(
      await rule({
        name: 'Unqualified',
        ruleType: 'NEGATIVE',
        category: 'DEMOGRAPHIC',
        criteria: { contact: { leadStatuses: ['UNQUALIFIED'] } },
        points: -8,
      }),
    );
    data(
      await rule({
        name: 'Quiet',
        ruleType: 'DECAY',
        category: 'ENGAGEMENT',
        criteria: { inactiveDays: 3 },
        points: -2,
      }),
    );

    const contact = data(
      await staff.as.agent<{ createContact: { id: string } }>(
        `mutation { createContact(input: { firstName: "Scored", lastName: "Lead", leadSource: REFERRAL }) { id } }`,
      ),
    ).createContact;
    await eventually(async () => expect((await scoreOf(contact.id)).leadScore).toBe(10));

    data(
      await staff.as.agent(
        `mutation($c: ID!) { logActivity(input: { type: MEETING, subject: "Coffee", contactId: $c }) { id } }`,
        { c: contact.id },
      ),
    );
    await eventually(async () => expect((await scoreOf(contact.id)).leadScore).toBe(35));

    data(
      await staff.as.advisor(
        `mutation($id: ID!) { updateContact(input: { id: $id, leadStatus: UNQUALIFIED }) { id } }`,
        { id: contact.id },
      ),
    );
    await eventually(async () => expect((await scoreOf(contact.id)).leadScore).toBe(27));

    const history = (await scoreOf(contact.id)).leadScoreHistory;
    // Each change recorded once, newest first. Which job saw a change first (the contact's own, or the
    // every-contact run queued by the rule changes just before) decides its trigger.
    expect(history.nodes.map((h) => [h.previousScore, h.newScore])).toEqual([
      [35, 27],
      [10, 35],
      [0, 10],
    ]);
    expect(history.nodes.every((h) => h.trigger === 'EVENT' || h.trigger === 'RULES')).toBe(true);
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect([...(history.nodes[0]?.matchedRules ?? [])].sort(byName)).toEqual([
      { name: 'Met recently', points: 25 },
      { name: 'Referral', points: 10 },
      { name: 'Unqualified', points: -8 },
    ]);

    // Ten quiet days since the last completed activity: three decay periods of -2.
    const quiet = data(
      await staff.as.agent<{ createContact: { id: string } }>(
        `mutation { createContact(input: { firstName: "Quiet", lastName: "Lead", leadSource: REFERRAL }) { id } }`,
      ),
    ).createContact;
    data(
      await staff.as.agent(
        `mutation($c: ID!, $at: DateTime!) { logActivity(input: { type: NOTE, subject: "Old note", contactId: $c, occurredAt: $at }) { id } }`,
        { c: quiet.id, at: new Date(Date.now() - 10 * 86_400_000 - 60_000).toISOString() },
      ),
    );
    await eventually(async () => expect((await scoreOf(quiet.id)).leadScore).toBe(4));
  });

  it('runs nightly as a repeatable job, and on demand for managers', async () => {
    const log = createLogger('t');
    log.level = 'silent';
    const queue = createQueue(QUEUES.crm, {
      redisUrl: system.iso.vars.REDIS_URL ?? '',
      prefix: system.iso.redisPrefix,
      log,
    });
    const repeatable = await queue.getRepeatableJobs();
    // bull keeps the cron in the repeat key: one schedule, however many workers start.
    expect(
      repeatable.filter((j) => j.name === 'lead-score-recalculate-all').map((j) => j.key.endsWith(':41 2 * * *')),
    ).toEqual([true]);
    await queue.close();
    const queued = data(
      await staff.as.manager<{ recalculateLeadScores: { contactCount: number } }>(
        `mutation { recalculateLeadScores(input: {}) { contactCount } }`,
      ),
    );
    expect(queued.recalculateLeadScores.contactCount).toBeGreaterThan(100);
    expect(
      (await staff.as.advisor(`mutation { recalculateLeadScores(input: {}) { contactCount } }`)).errors?.[0]?.extensions
        ?.code,
    ).toBe('FORBIDDEN');
  });
});
