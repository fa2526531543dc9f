import type { EntityManager } from '@mikro-orm/postgresql';

/** The live deals of one stage, summed (StageTotal). */
export interface StageTotalSource {
  stageId: string;
  dealCount: number;
  amountCents: number;
  weightedAmountCents: number;
}

/** A pipeline's deals by stage (PipelineSummary). */
export interface PipelineSummarySource {
  pipelineId: string;
  stages: StageTotalSource[];
  openDealCount: number;
  openAmountCents: number;
  openWeightedAmountCents: number;
}

/** A deal's weighted amount: the same rounding as the SQL totals, so the totals add up. */
export const weighted = (amountCents: number, probability: number) => Math.round((amountCents * probability) / 100);

/** A condition over the deal table aliased `d`, with its `?` parameters. */
export interface DealCondition {
  sql: string;
  params: unknown[];
}

interface Row {
  pipeline_id: string;
  stage_id: string;
  outcome: string;
  deal_count: number;
  amount_cents: string;
  weighted_cents: string;
}

/**
 * Stage totals of many pipelines in ONE grouped statement. Every live stage appears, with zeros
 * when it has no deals; sums come back as bigint (strings) and fit a JS number (SafeInt). Only deals
 * meeting `deals` count (a filtered board, a dashboard scope, a report's range).
 */
export async function summariesOf(
  em: EntityManager,
  pipelineIds: readonly string[],
  deals: DealCondition = { sql: 'true', params: [] },
): Promise<PipelineSummarySource[]> {
  const rows = pipelineIds.length
    ? await em.getConnection().execute<Row[]>(
        `select s."pipeline_id", s."id" as "stage_id", s."outcome",
                count(d."id")::int as "deal_count",
                coalesce(sum(d."amount_cents"), 0)::bigint as "amount_cents",
                coalesce(sum(round(d."amount_cents"::numeric * s."probability" / 100)), 0)::bigint as "weighted_cents"
         from "pipeline_stage" s
         left join "deal" d on d."stage_id" = s."id" and d."deleted_at" is null and (${deals.sql})
         where s."pipeline_id" in (?) and s."deleted_at" is null
         group by s."id"
         order by s."pipeline_id", s."position", s."id"`,
        [...deals.params, [...pipelineIds]],
      )
    : [];
  const byPipeline = new Map<string, PipelineSummarySource>(
    pipelineIds.map((id) => [
      id,
      { pipelineId: id, stages: [], openDealCount: 0, openAmountCents: 0, openWeightedAmountCents: 0 },
    ]),
  );
  for (const r of rows) {
    const summary = byPipeline.get(r.pipeline_id);
    if (!summary) continue;
    const total = {
      stageId: r.stage_id,
      dealCount: r.deal_count,
      amountCents: Number(r.amount_cents),
      weightedAmountCents: Number(r.weighted_cents),
    };
    summary.stages.push(total);
    if (r.outcome === 'OPEN') {
      summary.openDealCount += total.dealCount;
      summary.openAmountCents += total.amountCents;
      summary.openWeightedAmountCents += total.weightedAmountCents;
    }
  }
  return pipelineIds.map(
    (id) =>
      byPipeline.get(id) ?? {
        pipelineId: id,
        stages: [],
        openDealCount: 0,
        openAmountCents: 0,
        openWeightedAmountCents: 0,
      },
  );
}
