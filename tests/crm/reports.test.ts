import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../support/results.ts';
import { as, startCrm, type Crm, type Result } from './harness.ts';

/**
 * Dashboard scopes, exact filtered board totals and the pre-built reports (P-15), in-process on the
 * crm subgraph with data of the test's own making.
 */
let crm: Crm;
let pipelineId: string;
let stages: { id: string; name: string; probability: number }[];
const stage = (name: string) => {
  const s = stages.find((x) => x.name === name);
  if (!s) throw new Error(`no stage ${name}`);
  return s.id;
};

const codes = (r: Result<unknown>) => (r.errors ?? []).map((e) => e.extensions?.code);
const paths = (r: Result<unknown>) =>
  (r.errors ?? []).flatMap((e) => ((e.extensions?.fields as { path: string }[] | undefined) ?? []).map((f) => f.path));

async function deal(title: string, amountCents: number, stageName: string, viewer = as.advisor, extra = {}) {
  return ok(
    await crm.run<{ createDeal: { id: string } }>(
      `mutation($input: CreateDealInput!) { createDeal(input: $input) { id } }`,
      { input: { title, amountCents, pipelineId, stageId: stage(stageName), ...extra } },
      viewer,
    ),
  ).createDeal.id;
}

beforeAll(async () => {
  crm = await startCrm();
  const created = ok(
    await crm.run<{ createPipeline: { id: string; stages: { nodes: typeof stages } } }>(
      `mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { id stages(first: 30) { nodes { id name probability } } } }`,
      {
        input: {
          name: 'Reports pipeline',
          pipelineType: 'CORPORATE',
          isDefault: true,
          stages: [
            { name: 'Lead', probability: 10 },
            { name: 'Proposal', probability: 50 },
            { name: 'Won', probability: 100, outcome: 'WON' },
            { name: 'Lost', probability: 0, outcome: 'LOST' },
          ],
        },
      },
      as.manager,
    ),
  ).createPipeline;
  pipelineId = created.id;
  stages = created.stages.nodes;
  // The advisor owns three open deals, the manager one; one of the advisor's is lost for a reason.
  await deal('Advisor lead', 100_00, 'Lead', as.advisor, { tags: ['vip'] });
  await deal('Advisor proposal', 1_000_00, 'Proposal');
  await deal('Advisor third', 50_00, 'Proposal');
  await deal('Manager lead', 10_000_00, 'Lead', as.manager);
  const lost = await deal('Advisor lost', 300_00, 'Proposal');
  ok(
    await crm.run(
      `mutation($input: CloseDealInput!) { closeDeal(input: $input) { id } }`,
      { input: { dealId: lost, outcome: 'LOST', reason: 'Budget cut' } },
      as.advisor,
    ),
  );
}, 120_000);
afterAll(async () => crm?.stop());

const DASHBOARD = `query($scope: DashboardScope) { crmDashboard(scope: $scope) {
  scope openDealCount openPipelineValueCents weightedPipelineValueCents
  pipelines { openDealCount openAmountCents openWeightedAmountCents }
} }`;
interface Dashboard {
  crmDashboard: {
    scope: string;
    openDealCount: number;
    openPipelineValueCents: number;
    weightedPipelineValueCents: number;
    pipelines: { openDealCount: number; openAmountCents: number; openWeightedAmountCents: number }[];
  };
}

describe('dashboard scopes', () => {
  it('counts only my deals for MINE, and every figure agrees with the charts of the same scope', async () => {
    const mine = ok(await crm.run<Dashboard>(DASHBOARD, { scope: 'MINE' }, as.advisor)).crmDashboard;
    expect(mine.scope).toBe('MINE');
    expect(mine.openDealCount).toBe(3);
    expect(mine.openPipelineValueCents).toBe(1_150_00);
    expect(mine.weightedPipelineValueCents).toBe(10_00 + 500_00 + 25_00);
    // The KPI and the per-pipeline charts count the same deals.
    expect(mine.pipelines.reduce((n, p) => n + p.openDealCount, 0)).toBe(mine.openDealCount);
    expect(mine.pipelines.reduce((n, p) => n + p.openAmountCents, 0)).toBe(mine.openPipelineValueCents);

    const everyone = ok(await crm.run<Dashboard>(DASHBOARD, {}, as.advisor)).crmDashboard;
    expect(everyone.scope).toBe('EVERYONE');
    expect(everyone.openDealCount).toBe(4);
    expect(everyone.openPipelineValueCents).toBe(11_150_00);
    expect(everyone.pipelines.reduce((n, p) => n + p.openDealCount, 0)).toBe(4);
  });

  it('counts everyone for MY_TEAM until identity knows teams', async () => {
    const team = ok(await crm.run<Dashboard>(DASHBOARD, { scope: 'MY_TEAM' }, as.manager)).crmDashboard;
    expect(team.scope).toBe('MY_TEAM');
    expect(team.openDealCount).toBe(4);
  });

  it('shows a viewer, who owns nothing, zeros for MINE', async () => {
    const mine = ok(await crm.run<Dashboard>(DASHBOARD, { scope: 'MINE' }, as.viewer)).crmDashboard;
    expect(mine.openDealCount).toBe(0);
    expect(mine.openPipelineValueCents).toBe(0);
  });

  it('refuses an unknown scope as bad input', async () => {
    const res = await crm.run(DASHBOARD, { scope: 'THEIRS' }, as.advisor);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('a pipeline summary with a filter', () => {
  const SUMMARY = `query($id: ID!, $filter: DealFilter) { pipeline(id: $id) { summary(filter: $filter) {
    openDealCount openAmountCents stages { dealCount amountCents stage { name } }
  } } }`;
  type S = {
    pipeline: {
      summary: {
        openDealCount: number;
        openAmountCents: number;
        stages: { dealCount: number; amountCents: number; stage: { name: string } }[];
      };
    };
  };

  it('counts exactly the deals the filter matches, every stage listed', async () => {
    const all = ok(await crm.run<S>(SUMMARY, { id: pipelineId }, as.viewer)).pipeline.summary;
    expect(all.openDealCount).toBe(4);
    const managers = ok(await crm.run<S>(SUMMARY, { id: pipelineId, filter: { ownerId: as.manager.id } }, as.viewer))
      .pipeline.summary;
    expect(managers.openDealCount).toBe(1);
    expect(managers.openAmountCents).toBe(10_000_00);
    expect(managers.stages.map((s) => [s.stage.name, s.dealCount])).toEqual([
      ['Lead', 1],
      ['Proposal', 0],
      ['Won', 0],
      ['Lost', 0],
    ]);
    const tagged = ok(
      await crm.run<S>(SUMMARY, { id: pipelineId, filter: { tags: ['vip'], search: 'advisor' } }, as.viewer),
    ).pipeline.summary;
    expect(tagged.openDealCount).toBe(1);
    const big = ok(await crm.run<S>(SUMMARY, { id: pipelineId, filter: { amountMinCents: 300_00 } }, as.viewer))
      .pipeline.summary;
    expect(big.stages.map((s) => s.dealCount)).toEqual([1, 1, 0, 1]);
  });

  it('refuses a contradictory filter, naming the field', async () => {
    const res = await crm.run(
      SUMMARY,
      { id: pipelineId, filter: { amountMinCents: 10, amountMaxCents: 5 } },
      as.viewer,
    );
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(paths(res)).toEqual(['filter.amountMinCents']);
  });
});

describe('reports', () => {
  const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();
  const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
  const REPORTS = `query($range: ReportRangeInput!) { crmReports(range: $range) {
    from to
    pipeline { stage { name } dealCount amountCents weightedAmountCents }
    wonLost { outcome reason dealCount amountCents }
    activityByPerson { person { id } total byType { type count } }
    tasksByStatus { status count overdueCount }
  } }`;
  interface R {
    crmReports: {
      pipeline: { stage: { name: string }; dealCount: number; amountCents: number; weightedAmountCents: number }[];
      wonLost: { outcome: string; reason: string | null; dealCount: number; amountCents: number }[];
      activityByPerson: { person: { id: string } | null; total: number; byType: { type: string; count: number }[] }[];
      tasksByStatus: { status: string; count: number; overdueCount: number }[];
    };
  }

  it('reports the range: deals by stage, won and lost by reason, activity by person, tasks by status', async () => {
    const contactId = ok(
      await crm.run<{ createContact: { id: string } }>(
        `mutation { createContact(input: { firstName: "Rhea", lastName: "Report" }) { id } }`,
        {},
        as.agent,
      ),
    ).createContact.id;
    ok(
      await crm.run(
        `mutation($input: LogActivityInput!) { logActivity(input: $input) { id } }`,
        {
          input: {
            type: 'CALL',
            subject: 'Called about the proposal',
            occurredAt: new Date().toISOString(),
            contactId,
          },
        },
        as.agent,
      ),
    );
    ok(
      await crm.run(
        `mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }`,
        { input: { title: 'Send the proposal', dueAt: new Date(Date.now() + 600_000).toISOString() } },
        as.advisor,
      ),
    );
    const r = ok(await crm.run<R>(REPORTS, { range: { from: hourAgo(), to: inAnHour() } }, as.manager)).crmReports;
    expect(r.pipeline.map((row) => [row.stage.name, row.dealCount, row.amountCents])).toEqual([
      ['Lead', 2, 10_100_00],
      ['Proposal', 2, 1_050_00],
      ['Won', 0, 0],
      ['Lost', 1, 300_00],
    ]);
    expect(r.pipeline[1]?.weightedAmountCents).toBe(525_00);
    expect(r.wonLost).toEqual([{ outcome: 'LOST', reason: 'Budget cut', dealCount: 1, amountCents: 300_00 }]);
    const agent = r.activityByPerson.find((row) => row.person?.id === as.agent.id);
    expect(agent?.total).toBe(1);
    expect(agent?.byType).toEqual([
      { type: 'EMAIL', count: 0 },
      { type: 'CALL', count: 1 },
      { type: 'MEETING', count: 0 },
      { type: 'NOTE', count: 0 },
    ]);
    expect(r.tasksByStatus.map((t) => t.status)).toEqual(['OPEN', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'CANCELLED']);
    expect(r.tasksByStatus[0]).toEqual({ status: 'OPEN', count: 1, overdueCount: 0 });
  });

  it('leaves out what happened outside the range', async () => {
    const lastYear = { from: '2020-01-01T00:00:00Z', to: '2020-12-31T00:00:00Z' };
    const r = ok(await crm.run<R>(REPORTS, { range: lastYear }, as.manager)).crmReports;
    expect(r.pipeline.every((row) => row.dealCount === 0)).toBe(true);
    expect(r.wonLost).toEqual([]);
    expect(r.activityByPerson).toEqual([]);
    expect(r.tasksByStatus.every((t) => t.count === 0)).toBe(true);
  });

  it('refuses a backwards or over-long range, naming the field', async () => {
    const backwards = await crm.run(REPORTS, { range: { from: inAnHour(), to: hourAgo() } }, as.manager);
    expect(codes(backwards)).toEqual(['BAD_USER_INPUT']);
    expect(paths(backwards)).toEqual(['range.from']);
    const long = await crm.run(
      REPORTS,
      { range: { from: '2010-01-01T00:00:00Z', to: '2020-01-01T00:00:00Z' } },
      as.manager,
    );
    expect(paths(long)).toEqual(['range.to']);
  });

  it('is for managers and admins', async () => {
    const res = await crm.run(
      `{ crmReports(range: { from: "2020-01-01T00:00:00Z", to: "2020-02-01T00:00:00Z" }) { from } }`,
      {},
      as.advisor,
    );
    expect(codes(res)).toEqual(['FORBIDDEN']);
  });
});
