import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from '../support/system.ts';
import { codes, data, fieldPaths, signInStaff, unique, type Staff } from '../support/staff.ts';
import { createDeal, createPipeline, stageId, type TestPipeline } from './kit.ts';

/** Pipelines, deals, stage moves, weighted totals, activities and the dashboard, through the gateway. */
let system: System;
let staff: Staff;
beforeAll(async () => {
  system = await startSystem();
  staff = await signInStaff(system);
});
afterAll(async () => system?.close());

const DEAL = `id title amountCents probability weightedAmountCents status closedAt closeReason stageEnteredAt
  pipeline { id } stage { id name } company { id name } primaryContact { id firstName } owner { id name }`;

interface DealData {
  id: string;
  title: string;
  amountCents: number;
  probability: number;
  weightedAmountCents: number;
  status: string;
  closedAt: string | null;
  closeReason: string | null;
  stage: { id: string; name: string };
  company: { id: string; name: string } | null;
  primaryContact: { id: string; firstName: string } | null;
  owner: { id: string; name: string } | null;
}

const getDeal = async (id: string) =>
  data(
    await staff.as.viewer<{
      deal: DealData & {
        stageHistory: {
          totalCount: number;
          nodes: {
            fromStage: { name: string } | null;
            toStage: { name: string };
            changedBy: { id: string; name: string } | null;
            changedAt: string;
            note: string | null;
          }[];
        };
      };
    }>(
      `query($id: ID!) { deal(id: $id) { ${DEAL} stageHistory { totalCount nodes { fromStage { name } toStage { name } changedBy { id name } changedAt note } } } }`,
      { id },
    ),
  ).deal;

const move = (id: string, stage: string, reason?: string) =>
  staff.as.advisor<{ moveDeal: DealData }>(`mutation($input: MoveDealInput!) { moveDeal(input: $input) { ${DEAL} } }`, {
    input: { dealId: id, stageId: stage, reason },
  });

async function counts() {
  return data(
    await staff.as.viewer<{ deals: { totalCount: number }; activities: { totalCount: number } }>(
      `{ deals { totalCount } activities { totalCount } }`,
    ),
  );
}

describe('pipelines', () => {
  it('come with the four standard types, and only managers configure them', async () => {
    const list = data(
      await staff.as.viewer<{
        pipelines: { totalCount: number; nodes: { pipelineType: string; stages: { nodes: { name: string }[] } }[] };
      }>(`{ pipelines { totalCount nodes { pipelineType stages(first: 30) { nodes { name } } } } }`),
    );
    expect(list.pipelines.nodes.map((p) => p.pipelineType).slice(0, 4)).toEqual([
      'CORPORATE',
      'GROUP',
      'LEISURE',
      'PARTNERSHIP',
    ]);
    const create = `mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { id name pipelineType stages(first: 30) { nodes { name probability outcome } } } }`;
    const denied = await staff.as.advisor(create, {
      input: { name: unique('Advisor pipeline'), pipelineType: 'GROUP' },
    });
    expect(codes(denied)).toEqual(['FORBIDDEN']);
    const made = data(
      await staff.as.manager<{
        createPipeline: { pipelineType: string; stages: { nodes: { name: string; probability: number; outcome: string }[] } };
      }>(create, { input: { name: unique('Group trips 2'), pipelineType: 'GROUP' } }),
    );
    expect(made.createPipeline.stages.nodes.map((s) => s.name)).toEqual([
      'Inquiry',
      'Interest gauging',
      'Proposal sent',
      'Minimum reached',
      'Deposits collecting',
      'Confirmed',
      'Cancelled',
    ]);
    expect(made.createPipeline.stages.nodes.at(-2)).toEqual({ name: 'Confirmed', probability: 100, outcome: 'WON' });
  });

  it('refuses stage sets a board cannot work with', async () => {
    const create = `mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { id } }`;
    const noLost = await staff.as.manager(create, {
      input: {
        name: unique('Bad'),
        pipelineType: 'LEISURE',
        stages: [
          { name: 'A', probability: 10 },
          { name: 'W', probability: 100, outcome: 'WON' },
        ],
      },
    });
    expect(codes(noLost)).toEqual(['BAD_USER_INPUT']);
    const wonAt50 = await staff.as.manager(create, {
      input: {
        name: unique('Bad'),
        pipelineType: 'LEISURE',
        stages: [
          { name: 'A', probability: 10 },
          { name: 'W', probability: 50, outcome: 'WON' },
          { name: 'L', probability: 0, outcome: 'LOST' },
        ],
      },
    });
    expect(fieldPaths(wonAt50)).toEqual(['input.stages.1.probability']);
  });

  it('reorders stages, and moves a deleted stage’s deals with a history entry', async () => {
    const p = await createPipeline(staff);
    const reorder = `mutation($input: ReorderPipelineStagesInput!) { reorderPipelineStages(input: $input) { stages(first: 30) { nodes { name position } } } }`;
    const order = ['Proposal', 'Lead', 'Verbal', 'Won', 'Lost'].map((n) => stageId(p, n));
    const r = data(
      await staff.as.manager<{ reorderPipelineStages: { stages: { nodes: { name: string; position: number }[] } } }>(reorder, {
        input: { pipelineId: p.id, stageIds: order },
      }),
    );
    expect(r.reorderPipelineStages.stages.nodes).toEqual(
      ['Proposal', 'Lead', 'Verbal', 'Won', 'Lost'].map((name, i) => ({ name, position: i + 1 })),
    );
    expect(codes(await staff.as.manager(reorder, { input: { pipelineId: p.id, stageIds: order.slice(1) } }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes(await staff.as.advisor(reorder, { input: { pipelineId: p.id, stageIds: order } }))).toEqual([
      'FORBIDDEN',
    ]);

    const deal = await createDeal(staff, {
      title: unique('Deal'),
      pipelineId: p.id,
      stageId: stageId(p, 'Verbal'),
      amountCents: 1000_00,
    });
    const del = `mutation($input: DeletePipelineStageInput!) { deletePipelineStage(input: $input) { stages(first: 30) { nodes { name } } } }`;
    expect(fieldPaths(await staff.as.manager(del, { input: { id: stageId(p, 'Verbal') } }))).toEqual([
      'input.moveDealsToStageId',
    ]);
    const done = data(
      await staff.as.manager<{ deletePipelineStage: { stages: { nodes: { name: string }[] } } }>(del, {
        input: { id: stageId(p, 'Verbal'), moveDealsToStageId: stageId(p, 'Lead') },
      }),
    );
    expect(done.deletePipelineStage.stages.nodes.map((s) => s.name)).toEqual(['Proposal', 'Lead', 'Won', 'Lost']);
    const after = await getDeal(deal.id);
    expect(after.stage.name).toBe('Lead');
    expect(after.stageHistory.nodes[0]).toMatchObject({
      fromStage: { name: 'Verbal' },
      toStage: { name: 'Lead' },
      changedBy: { id: staff.id.manager },
    });
  });
});

describe('deals', () => {
  let p: TestPipeline;
  let company: { id: string; name: string };
  let contact: { id: string; firstName: string };
  beforeAll(async () => {
    p = await createPipeline(staff);
    company = data(
      await staff.as.advisor<{ createCompany: { id: string; name: string } }>(
        `mutation($n: String!) { createCompany(input: { name: $n }) { id name } }`,
        { n: unique('Aurora Expeditions') },
      ),
    ).createCompany;
    contact = data(
      await staff.as.advisor<{ createContact: { id: string; firstName: string } }>(
        `mutation($c: ID!) { createContact(input: { firstName: "Maya", lastName: "Board", companyId: $c }) { id firstName } }`,
        { c: company.id },
      ),
    ).createContact;
  });

  it('an advisor creates a deal in cents, linked to its company, primary contact and owner; an agent may not', async () => {
    const input = {
      title: unique('Leadership retreat'),
      pipelineId: p.id,
      amountCents: 48_500_00,
      companyId: company.id,
      primaryContactId: contact.id,
      dealType: 'NEW_BUSINESS',
      source: 'REFERRAL',
      tags: ['offsite'],
      customFields: { nights: 3 },
    };
    expect(
      codes(await staff.as.agent(`mutation($input: CreateDealInput!) { createDeal(input: $input) { id } }`, { input })),
    ).toEqual(['FORBIDDEN']);
    const { id } = await createDeal(staff, input);
    const deal = await getDeal(id);
    expect(deal).toMatchObject({
      amountCents: 48_500_00,
      probability: 10,
      weightedAmountCents: 4_850_00,
      status: 'OPEN',
      stage: { name: 'Lead' },
      company,
      primaryContact: contact,
      owner: { id: staff.id.advisor, name: 'Avery Advisor' },
    });
    expect(deal.stageHistory.nodes).toEqual([
      expect.objectContaining({
        fromStage: null,
        toStage: { name: 'Lead' },
        changedBy: { id: staff.id.advisor, name: 'Avery Advisor' },
      }),
    ]);
  });

  it('moves through stages keeping a full history (who, when, from, to), closes won, reopens and closes lost with a reason', async () => {
    const { id } = await createDeal(staff, {
      title: unique('Incentive trip'),
      pipelineId: p.id,
      amountCents: 10_000_00,
    });
    const moved = data(await move(id, stageId(p, 'Proposal'))).moveDeal;
    expect(moved).toMatchObject({
      stage: { name: 'Proposal' },
      probability: 50,
      weightedAmountCents: 5_000_00,
      status: 'OPEN',
    });
    // Moving to the stage it is in changes nothing.
    data(await move(id, stageId(p, 'Proposal')));
    data(await move(id, stageId(p, 'Verbal')));
    const won = data(
      await staff.as.advisor<{ closeDeal: DealData }>(
        `mutation($input: CloseDealInput!) { closeDeal(input: $input) { ${DEAL} } }`,
        { input: { dealId: id, outcome: 'WON', reason: 'Signed the contract' } },
      ),
    ).closeDeal;
    expect(won).toMatchObject({
      status: 'WON',
      stage: { name: 'Won' },
      probability: 100,
      weightedAmountCents: 10_000_00,
      closeReason: 'Signed the contract',
    });
    expect(won.closedAt).toEqual(expect.any(String));
    const again = await staff.as.advisor(`mutation($input: CloseDealInput!) { closeDeal(input: $input) { id } }`, {
      input: { dealId: id, outcome: 'WON' },
    });
    expect(codes(again)).toEqual(['CONFLICT']);

    const reopened = data(await move(id, stageId(p, 'Verbal'))).moveDeal;
    expect(reopened).toMatchObject({ status: 'OPEN', closedAt: null, closeReason: null });
    expect(fieldPaths(await move(id, stageId(p, 'Lost')))).toEqual(['input.reason']);
    expect(
      fieldPaths(
        await staff.as.advisor(`mutation($input: CloseDealInput!) { closeDeal(input: $input) { id } }`, {
          input: { dealId: id, outcome: 'LOST' },
        }),
      ),
    ).toEqual(['input.reason']);
    const lost = data(await move(id, stageId(p, 'Lost'), 'Chose another agency')).moveDeal;
    expect(lost).toMatchObject({ status: 'LOST', weightedAmountCents: 0, closeReason: 'Chose another agency' });

    const history = (await getDeal(id)).stageHistory;
    expect(history.totalCount).toBe(6);
    expect(history.nodes.map((h) => [h.fromStage?.name ?? null, h.toStage.name])).toEqual([
      ['Verbal', 'Lost'],
      ['Won', 'Verbal'],
      ['Verbal', 'Won'],
      ['Proposal', 'Verbal'],
      ['Lead', 'Proposal'],
      [null, 'Lead'],
    ]);
    expect(history.nodes.every((h) => h.changedBy?.id === staff.id.advisor)).toBe(true);
    const times = history.nodes.map((h) => Date.parse(h.changedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(history.nodes[0]?.note).toBe('Chose another agency');
  });

  it('rejects an unknown stage, a negative amount and a stage of another pipeline, writing nothing', async () => {
    const { id } = await createDeal(staff, { title: unique('Board retreat'), pipelineId: p.id, amountCents: 5_000_00 });
    const other = await createPipeline(staff);
    const before = await counts();
    const historyBefore = (await getDeal(id)).stageHistory.totalCount;

    const unknown = await move(id, '6f1c2c5e-1d7b-4e55-9a1e-0c0d5a1b2c3d');
    expect(codes(unknown)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(unknown)).toEqual(['input.stageId']);
    const foreign = await move(id, stageId(other, 'Proposal'));
    expect(codes(foreign)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(foreign)).toEqual(['input.stageId']);
    const negative = await staff.as.advisor(`mutation($input: CreateDealInput!) { createDeal(input: $input) { id } }`, {
      input: { title: unique('Negative'), pipelineId: p.id, amountCents: -1 },
    });
    expect(codes(negative)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(negative)).toEqual(['input.amountCents']);
    const negativeUpdate = await staff.as.advisor(
      `mutation($input: UpdateDealInput!) { updateDeal(input: $input) { id } }`,
      { input: { id, amountCents: -500 } },
    );
    expect(fieldPaths(negativeUpdate)).toEqual(['input.amountCents']);
    const createForeign = await staff.as.advisor(
      `mutation($input: CreateDealInput!) { createDeal(input: $input) { id } }`,
      { input: { title: unique('Foreign'), pipelineId: p.id, stageId: stageId(other, 'Lead') } },
    );
    expect(fieldPaths(createForeign)).toEqual(['input.stageId']);
    const badEnum = await staff.as.advisor(
      `mutation { createDeal(input: { title: "x", dealType: SOMETHING }) { id } }`,
    );
    expect(codes(badEnum)).toEqual(['GRAPHQL_VALIDATION_FAILED']);

    expect(await counts()).toEqual(before);
    const deal = await getDeal(id);
    expect(deal).toMatchObject({ stage: { name: 'Lead' }, amountCents: 5_000_00 });
    expect(deal.stageHistory.totalCount).toBe(historyBefore);
  });

  it('totals each stage and the pipeline (weighted by stage probability), re-weighting when a probability changes', async () => {
    const q = await createPipeline(staff);
    const amounts: [string, number][] = [
      ['Lead', 1_000_01],
      ['Lead', 2_000_00],
      ['Proposal', 3_333_33],
      ['Verbal', 10_000_00],
      ['Won', 7_000_00],
      ['Lost', 9_000_00],
    ];
    for (const [stage, amountCents] of amounts) {
      const { id } = await createDeal(staff, { title: unique('Totals'), pipelineId: q.id, amountCents });
      if (stage !== 'Lead') data(await move(id, stageId(q, stage), 'x'));
    }
    const SUMMARY = `query($id: ID!) { pipeline(id: $id) { summary { openDealCount openAmountCents openWeightedAmountCents stages { stage { name } dealCount amountCents weightedAmountCents } } } }`;
    type Summary = {
      pipeline: {
        summary: {
          openDealCount: number;
          openAmountCents: number;
          openWeightedAmountCents: number;
          stages: { stage: { name: string }; dealCount: number; amountCents: number; weightedAmountCents: number }[];
        };
      };
    };
    const s = data(await staff.as.viewer<Summary>(SUMMARY, { id: q.id })).pipeline.summary;
    const w = (cents: number, pct: number) => Math.round((cents * pct) / 100);
    expect(s.stages).toEqual([
      {
        stage: { name: 'Lead' },
        dealCount: 2,
        amountCents: 3_000_01,
        weightedAmountCents: w(1_000_01, 10) + w(2_000_00, 10),
      },
      { stage: { name: 'Proposal' }, dealCount: 1, amountCents: 3_333_33, weightedAmountCents: w(3_333_33, 50) },
      { stage: { name: 'Verbal' }, dealCount: 1, amountCents: 10_000_00, weightedAmountCents: 8_000_00 },
      { stage: { name: 'Won' }, dealCount: 1, amountCents: 7_000_00, weightedAmountCents: 7_000_00 },
      { stage: { name: 'Lost' }, dealCount: 1, amountCents: 9_000_00, weightedAmountCents: 0 },
    ]);
    expect(s.openDealCount).toBe(4);
    expect(s.openAmountCents).toBe(16_333_34);
    expect(s.openWeightedAmountCents).toBe(w(1_000_01, 10) + w(2_000_00, 10) + w(3_333_33, 50) + 8_000_00);

    const update = `mutation($input: UpdatePipelineStageInput!) { updatePipelineStage(input: $input) { probability } }`;
    expect(codes(await staff.as.advisor(update, { input: { id: stageId(q, 'Proposal'), probability: 70 } }))).toEqual([
      'FORBIDDEN',
    ]);
    data(await staff.as.manager(update, { input: { id: stageId(q, 'Proposal'), probability: 70 } }));
    const after = data(await staff.as.viewer<Summary>(SUMMARY, { id: q.id })).pipeline.summary;
    expect(after.stages[1]?.weightedAmountCents).toBe(w(3_333_33, 70));
  });

  it('filters by pipeline, stage, owner, value range and close date', async () => {
    const q = await createPipeline(staff);
    const mk = (
      title: string,
      amountCents: number,
      expectedCloseDate: string,
      role: 'advisor' | 'manager' = 'advisor',
    ) => createDeal(staff, { title, pipelineId: q.id, amountCents, expectedCloseDate }, role);
    const a = await mk('Filter A', 1_000_00, '2030-01-15T00:00:00Z');
    const b = await mk('Filter B', 5_000_00, '2030-03-15T00:00:00Z');
    const c = await mk('Filter C', 9_000_00, '2030-06-15T00:00:00Z', 'manager');
    data(await move(b.id, stageId(q, 'Proposal')));
    const ids = async (filter: Record<string, unknown>) =>
      data(
        await staff.as.viewer<{ deals: { nodes: { id: string }[] } }>(
          `query($f: DealFilter) { deals(filter: $f, first: 100) { nodes { id } } }`,
          { f: { pipelineId: q.id, ...filter } },
        ),
      )
        .deals.nodes.map((n) => n.id)
        .sort();
    expect(await ids({})).toEqual([a.id, b.id, c.id].sort());
    expect(await ids({ stageIds: [stageId(q, 'Proposal')] })).toEqual([b.id]);
    expect(await ids({ ownerId: staff.id.manager })).toEqual([c.id]);
    expect(await ids({ amountMinCents: 2_000_00, amountMaxCents: 9_000_00 })).toEqual([b.id, c.id].sort());
    expect(
      await ids({ expectedCloseAfter: '2030-02-01T00:00:00Z', expectedCloseBefore: '2030-04-01T00:00:00Z' }),
    ).toEqual([b.id]);
    expect(await ids({ statuses: ['WON'] })).toEqual([]);
    const swapped = await staff.as.viewer(`query($f: DealFilter) { deals(filter: $f) { totalCount } }`, {
      f: { amountMinCents: 10, amountMaxCents: 1 },
    });
    expect(fieldPaths(swapped)).toEqual(['filter.amountMinCents']);
  });
});

describe('activities', () => {
  it('logs emails, calls, meetings and notes against a deal; each record has one timeline, newest first, paged', async () => {
    const p = await createPipeline(staff);
    const company = data(
      await staff.as.advisor<{ createCompany: { id: string } }>(
        `mutation($n: String!) { createCompany(input: { name: $n }) { id } }`,
        { n: unique('Timeline Co') },
      ),
    ).createCompany;
    const contact = data(
      await staff.as.advisor<{ createContact: { id: string } }>(
        `mutation($c: ID!) { createContact(input: { firstName: "Tim", lastName: "Line", companyId: $c }) { id } }`,
        { c: company.id },
      ),
    ).createContact;
    const deal = await createDeal(staff, {
      title: unique('Timeline deal'),
      pipelineId: p.id,
      companyId: company.id,
      primaryContactId: contact.id,
    });
    const log = `mutation($input: LogActivityInput!) { logActivity(input: $input) { id type status contact { id } company { id } deal { id } loggedBy { id } } }`;
    const types = ['EMAIL', 'CALL', 'MEETING', 'NOTE'];
    const logged: string[] = [];
    for (const [i, type] of types.entries()) {
      const r = data(
        await staff.as.agent<{
          logActivity: {
            id: string;
            type: string;
            status: string;
            contact: { id: string };
            company: { id: string };
            deal: { id: string };
            loggedBy: { id: string };
          };
        }>(log, {
          input: {
            type,
            subject: `${type} ${i}`,
            dealId: deal.id,
            occurredAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
            channel: 'EMAIL',
            direction: 'OUTBOUND',
          },
        }),
      ).logActivity;
      // A deal's activity is on its contact's and company's timelines too.
      expect(r).toMatchObject({
        type,
        status: 'COMPLETED',
        contact: { id: contact.id },
        company: { id: company.id },
        deal: { id: deal.id },
        loggedBy: { id: staff.id.agent },
      });
      logged.push(r.id);
    }
    const planned = data(
      await staff.as.agent<{ logActivity: { status: string } }>(log, {
        input: { type: 'MEETING', subject: 'Next week', contactId: contact.id, occurredAt: '2099-01-01T10:00:00Z' },
      }),
    ).logActivity;
    expect(planned.status).toBe('PLANNED');
    expect(codes(await staff.as.viewer(log, { input: { type: 'NOTE', subject: 'x', dealId: deal.id } }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(fieldPaths(await staff.as.agent(log, { input: { type: 'NOTE', subject: 'x' } }))).toEqual([
      'input.contactId',
    ]);

    const timeline = `query($d: ID!, $c: ID!, $co: ID!, $first: Int, $after: String) {
      deal(id: $d) { lastActivity { id } activities(first: $first, after: $after) { totalCount nodes { id } pageInfo { endCursor } } }
      contact(id: $c) { activities(first: 10) { totalCount nodes { id } } }
      company(id: $co) { activities(first: 10) { totalCount nodes { id } } }
    }`;
    type T = {
      deal: {
        lastActivity: { id: string };
        activities: { totalCount: number; nodes: { id: string }[]; pageInfo: { endCursor: string } };
      };
      contact: { activities: { totalCount: number; nodes: { id: string }[] } };
      company: { activities: { totalCount: number } };
    };
    const first = data(await staff.as.viewer<T>(timeline, { d: deal.id, c: contact.id, co: company.id, first: 2 }));
    const second = data(
      await staff.as.viewer<T>(timeline, {
        d: deal.id,
        c: contact.id,
        co: company.id,
        first: 2,
        after: first.deal.activities.pageInfo.endCursor,
      }),
    );
    const newestFirst = [...logged].reverse();
    expect(first.deal.activities.totalCount).toBe(4);
    expect(first.deal.activities.nodes).toEqual(newestFirst.slice(0, 2).map((id) => ({ id })));
    expect(second.deal.activities.nodes).toEqual(newestFirst.slice(2).map((id) => ({ id })));
    expect(first.deal.lastActivity.id).toBe(newestFirst[0]);
    expect(first.contact.activities.totalCount).toBe(5);
    expect(first.contact.activities.nodes[0]?.id).not.toBe(newestFirst[0]);
    expect(first.company.activities.totalCount).toBe(5);

    // Agents edit only what they logged; advisors anything.
    const edit = `mutation($input: UpdateActivityInput!) { updateActivity(input: $input) { subject status } }`;
    const mine = data(
      await staff.as.advisor<{ logActivity: { id: string } }>(log, {
        input: { type: 'CALL', subject: 'Advisor call', dealId: deal.id },
      }),
    ).logActivity;
    expect(codes(await staff.as.agent(edit, { input: { id: mine.id, subject: 'Hijacked' } }))).toEqual(['FORBIDDEN']);
    expect(
      data(
        await staff.as.agent<{ updateActivity: { subject: string } }>(edit, {
          input: { id: logged[0], subject: 'Edited', status: 'CANCELLED' },
        }),
      ).updateActivity,
    ).toEqual({ subject: 'Edited', status: 'CANCELLED' });
  });
});

describe('the CRM dashboard', () => {
  it('answers in one request, and moves with a deal won this month and an overdue task', async () => {
    const Q = `{ crmDashboard {
      contactsByLifecycleStage { lifecycleStage count }
      pipelines { pipeline { id name } openDealCount openAmountCents openWeightedAmountCents stages { stage { name } dealCount amountCents weightedAmountCents } }
      openDealCount openPipelineValueCents weightedPipelineValueCents dealsWonThisMonth wonThisMonthValueCents overdueTaskCount asOf
    } }`;
    type D = {
      crmDashboard: {
        contactsByLifecycleStage: { lifecycleStage: string; count: number }[];
        pipelines: { pipeline: { id: string }; openAmountCents: number }[];
        openDealCount: number;
        openPipelineValueCents: number;
        weightedPipelineValueCents: number;
        dealsWonThisMonth: number;
        wonThisMonthValueCents: number;
        overdueTaskCount: number;
      };
    };
    const before = data(await staff.as.viewer<D>(Q)).crmDashboard;
    expect(before.contactsByLifecycleStage).toHaveLength(9);
    const totalContacts = data(
      await staff.as.viewer<{ contacts: { totalCount: number } }>(`{ contacts { totalCount } }`),
    ).contacts.totalCount;
    expect(before.contactsByLifecycleStage.reduce((n, s) => n + s.count, 0)).toBe(totalContacts);
    expect(before.openPipelineValueCents).toBe(before.pipelines.reduce((n, p) => n + p.openAmountCents, 0));
    expect(before.weightedPipelineValueCents).toBeLessThan(before.openPipelineValueCents);
    // Demo totals outgrow a 32-bit Int: Cents carries them exactly.
    expect(Number.isSafeInteger(before.openPipelineValueCents)).toBe(true);

    const p = await createPipeline(staff);
    const { id } = await createDeal(staff, {
      title: unique('Won this month'),
      pipelineId: p.id,
      amountCents: 12_345_00,
    });
    data(
      await staff.as.advisor(`mutation($input: CloseDealInput!) { closeDeal(input: $input) { id } }`, {
        input: { dealId: id, outcome: 'WON' },
      }),
    );
    const open = await createDeal(staff, { title: unique('Still open'), pipelineId: p.id, amountCents: 1_000_00 });
    expect(open.id).toBeTruthy();
    data(
      await staff.as.advisor(
        `mutation { createTask(input: { title: "Overdue thing", dueAt: "2020-01-01T00:00:00Z" }) { id } }`,
      ),
    );
    const after = data(await staff.as.viewer<D>(Q)).crmDashboard;
    expect(after.dealsWonThisMonth).toBe(before.dealsWonThisMonth + 1);
    expect(after.wonThisMonthValueCents).toBe(before.wonThisMonthValueCents + 12_345_00);
    expect(after.openDealCount).toBe(before.openDealCount + 1);
    expect(after.openPipelineValueCents).toBe(before.openPipelineValueCents + 1_000_00);
    expect(after.weightedPipelineValueCents).toBe(before.weightedPipelineValueCents + 100_00);
    expect(after.overdueTaskCount).toBe(before.overdueTaskCount + 1);
  });
});
