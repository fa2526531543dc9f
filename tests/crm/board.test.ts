import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DEALS, DEMO_RULES, DEMO_TASK_COUNT, seedSales } from '../../subgraphs/crm/src/seed-sales.ts';
import { ok } from '../support/results.ts';
import { as, startCrm, type Crm } from './harness.ts';

/**
 * The demo sales data and the deal board, in-process on the crm subgraph: the board costs the same
 * number of SQL statements for 20 deals as for 200, and every new entity resolves as a reference.
 */
let crm: Crm;
beforeAll(async () => {
  crm = await startCrm({ seed: true });
});
afterAll(async () => {
  await crm?.stop();
});

const BOARD = `query($pipelineId: ID!, $first: Int!) {
  deals(filter: { pipelineId: $pipelineId }, orderBy: { field: STAGE }, first: $first) {
    totalCount
    nodes {
      id title amountCents weightedAmountCents probability status
      stage { id name position }
      company { id name }
      primaryContact { id firstName lastName }
      owner { id }
      lastActivity { id type subject occurredAt }
    }
  }
}`;

const sql = async <T>(query: string, params: unknown[] = []) =>
  crm.deps.orm.em.fork().getConnection().execute<T[]>(query, params);

interface PipelineRow {
  id: string;
  name: string;
  pipelineType: string;
  isDefault: boolean;
  stages: { nodes: { id: string; name: string; position: number; probability: number; outcome: string }[] };
}

async function pipelines(): Promise<PipelineRow[]> {
  return ok(
    await crm.run<{ pipelines: { nodes: PipelineRow[] } }>(
      `{ pipelines { nodes { id name pipelineType isDefault stages(first: 30) { nodes { id name position probability outcome } } } } }`,
      {},
      as.viewer,
    ),
  ).pipelines.nodes;
}

describe('demo sales data', () => {
  it('has the four standard pipelines, with ordered stages that open, win and lose', async () => {
    const all = await pipelines();
    expect(all.map((p) => p.pipelineType)).toEqual(['CORPORATE', 'GROUP', 'LEISURE', 'PARTNERSHIP']);
    expect(all.filter((p) => p.isDefault).map((p) => p.pipelineType)).toEqual(['CORPORATE']);
    for (const p of all) {
      expect(p.stages.nodes.map((s) => s.position)).toEqual(p.stages.nodes.map((_s, i) => i + 1));
      expect(new Set(p.stages.nodes.map((s) => s.outcome))).toEqual(new Set(['OPEN', 'WON', 'LOST']));
      expect(p.stages.nodes.find((s) => s.outcome === 'WON')?.probability).toBe(100);
    }
  });

  it('holds hundreds of deals across the pipelines, with activities, tasks and rules; seeding again adds nothing', async () => {
    const total = Object.values(DEMO_DEALS).reduce((a, b) => a + b, 0);
    const counts = ok(
      await crm.run<{
        deals: { totalCount: number };
        tasks: { totalCount: number };
        activities: { totalCount: number };
        leadScoringRules: { totalCount: number };
      }>(
        `{ deals { totalCount } tasks { totalCount } activities { totalCount } leadScoringRules { totalCount } }`,
        {},
        as.viewer,
      ),
    );
    expect(counts.deals.totalCount).toBe(total);
    expect(counts.tasks.totalCount).toBe(DEMO_TASK_COUNT);
    expect(counts.activities.totalCount).toBeGreaterThan(500);
    expect(counts.leadScoringRules.totalCount).toBe(DEMO_RULES.length);
    expect(await seedSales(crm.deps.orm.em.fork())).toBeNull();
    for (const p of await pipelines()) {
      const page = ok(
        await crm.run<{ deals: { totalCount: number } }>(
          `query($p: ID!) { deals(filter: { pipelineId: $p }) { totalCount } }`,
          { p: p.id },
        ),
      );
      expect(page.deals.totalCount).toBe(DEMO_DEALS[p.pipelineType as keyof typeof DEMO_DEALS]);
    }
  });

  it('uses every value of the new enums', async () => {
    const columns: [string, string, string][] = [
      ['deal', 'deal_type', 'nx_deal_type'],
      ['deal', 'source', 'nx_deal_source'],
      ['deal', 'status', 'nx_deal_status'],
      ['pipeline', 'pipeline_type', 'nx_pipeline_type'],
      ['activity', 'type', 'nx_activity_type'],
      ['task', 'task_type', 'nx_task_type'],
      ['task', 'status', 'nx_task_status'],
      ['task', 'priority', 'nx_priority'],
      ['task', 'team', 'nx_team_role'],
      ['lead_scoring_rule', 'rule_type', 'nx_lead_scoring_rule_type'],
      ['lead_scoring_rule', 'category', 'nx_scoring_category'],
    ];
    for (const [table, column, type] of columns) {
      const all = (await sql<{ v: string }>(`select unnest(enum_range(null::"${type}"))::text as v`))
        .map((r) => r.v)
        .sort();
      const used = (
        await sql<{ v: string }>(`select distinct "${column}"::text as v from "${table}" where "${column}" is not null`)
      )
        .map((r) => r.v)
        .sort();
      expect(used, `${table}.${column}`).toEqual(all);
    }
  });

  it('records a stage history that ends in each deal’s current stage', async () => {
    const broken = await sql<{ id: string }>(
      `select d.id from deal d
       where d.stage_id <> (select h.to_stage_id from deal_stage_change h where h.deal_id = d.id order by h.changed_at desc, h.id desc limit 1)`,
    );
    expect(broken).toEqual([]);
  });
});

describe('the deal board', () => {
  it('costs the same SQL statements for 100 deals as for 20 (company, contact, owner, last activity batched)', async () => {
    const [corporate] = await pipelines();
    if (!corporate) throw new Error('no pipeline');
    const small = await crm.countStatements<{ deals: { nodes: unknown[] } }>(
      BOARD,
      { pipelineId: corporate.id, first: 20 },
      as.viewer,
    );
    const large = await crm.countStatements<{
      deals: { totalCount: number; nodes: { stage: { position: number }; lastActivity: unknown; company: unknown }[] };
    }>(BOARD, { pipelineId: corporate.id, first: 100 }, as.viewer);
    const board = ok(large.result).deals;
    expect(board.nodes).toHaveLength(Math.min(100, board.totalCount));
    expect(board.totalCount).toBeGreaterThan(100);
    expect(board.nodes.some((n) => n.lastActivity !== null)).toBe(true);
    expect(board.nodes.every((n) => n.company !== null)).toBe(true);
    const positions = board.nodes.map((n) => n.stage.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(ok(small.result).deals.nodes).toHaveLength(20);
    expect(large.count).toBe(small.count);
    expect(large.count).toBeLessThanOrEqual(7);
  });

  it('weights each deal by its stage probability, and the pipeline summary adds up', async () => {
    const [corporate] = await pipelines();
    type Node = {
      amountCents: number;
      weightedAmountCents: number;
      probability: number;
      stage: { id: string };
      status: string;
    };
    const { pipeline } = ok(
      await crm.run<{
        pipeline: {
          summary: {
            openDealCount: number;
            openAmountCents: number;
            openWeightedAmountCents: number;
            stages: {
              stage: { id: string; outcome: string };
              dealCount: number;
              amountCents: number;
              weightedAmountCents: number;
            }[];
          };
        };
      }>(
        `query($p: ID!) {
          pipeline(id: $p) { summary { openDealCount openAmountCents openWeightedAmountCents stages { stage { id outcome } dealCount amountCents weightedAmountCents } } }
        }`,
        { p: corporate?.id },
        as.viewer,
      ),
    );
    // Every deal of the pipeline, a page of 100 at a time.
    const deals: Node[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { deals: { nodes: Node[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = ok(
        await crm.run(
          `query($p: ID!, $after: String) {
            deals(filter: { pipelineId: $p }, first: 100, after: $after) {
              nodes { amountCents weightedAmountCents probability status stage { id } } pageInfo { hasNextPage endCursor }
            }
          }`,
          { p: corporate?.id, after },
          as.viewer,
        ),
      );
      deals.push(...page.deals.nodes);
      if (!page.deals.pageInfo.hasNextPage) break;
      after = page.deals.pageInfo.endCursor;
    }
    expect(deals.length).toBeGreaterThan(100);
    for (const d of deals) expect(d.weightedAmountCents).toBe(Math.round((d.amountCents * d.probability) / 100));
    for (const s of pipeline.summary.stages) {
      const mine = deals.filter((d) => d.stage.id === s.stage.id);
      expect(s.dealCount).toBe(mine.length);
      expect(s.amountCents).toBe(mine.reduce((n, d) => n + d.amountCents, 0));
      expect(s.weightedAmountCents).toBe(mine.reduce((n, d) => n + d.weightedAmountCents, 0));
    }
    const open = deals.filter((d) => d.status === 'OPEN');
    expect(pipeline.summary.openDealCount).toBe(open.length);
    expect(pipeline.summary.openWeightedAmountCents).toBe(open.reduce((n, d) => n + d.weightedAmountCents, 0));
  });
});

describe('_entities', () => {
  it('resolves deals (by id and by TT-API id), pipelines, stages, activities and tasks', async () => {
    const [deal] = await sql<{ id: string; tt_deal_id: string; title: string }>(
      `select id, tt_deal_id, title from deal where tt_deal_id is not null order by id limit 1`,
    );
    const [activity] = await sql<{ id: string; subject: string }>(
      `select id, subject from activity order by id limit 1`,
    );
    const [task] = await sql<{ id: string; title: string }>(`select id, title from task order by id limit 1`);
    const [stage] = await sql<{ id: string; name: string; pipeline_id: string }>(
      `select id, name, pipeline_id from pipeline_stage order by id limit 1`,
    );
    if (!deal || !activity || !task || !stage) throw new Error('seed has rows');
    const r = ok(
      await crm.run<{ _entities: unknown[] }>(
        `query($r: [_Any!]!) { _entities(representations: $r) {
          ... on Deal { id title ttDealId }
          ... on Pipeline { id }
          ... on PipelineStage { id name }
          ... on Activity { id subject }
          ... on Task { id title }
        } }`,
        {
          r: [
            { __typename: 'Deal', id: deal.id },
            { __typename: 'Deal', ttDealId: deal.tt_deal_id },
            { __typename: 'Pipeline', id: stage.pipeline_id },
            { __typename: 'PipelineStage', id: stage.id },
            { __typename: 'Activity', id: activity.id },
            { __typename: 'Task', id: task.id },
            { __typename: 'Deal', id: '00000000-0000-4000-8000-000000000000' },
          ],
        },
        as.viewer,
      ),
    );
    expect(r._entities).toEqual([
      { id: deal.id, title: deal.title, ttDealId: deal.tt_deal_id },
      { id: deal.id, title: deal.title, ttDealId: deal.tt_deal_id },
      { id: stage.pipeline_id },
      { id: stage.id, name: stage.name },
      { id: activity.id, subject: activity.subject },
      { id: task.id, title: task.title },
      null,
    ]);
  });
});
