import { QueryOrder } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { LIFECYCLE_STAGES, Pipeline, type LifecycleStage } from '../entities/index.ts';
import { summariesOf, type PipelineSummarySource } from './pipeline-totals.ts';

/** Everything CrmDashboard shows, computed up front. */
export interface DashboardSource {
  contactsByLifecycleStage: { lifecycleStage: LifecycleStage; count: number }[];
  pipelines: PipelineSummarySource[];
  openDealCount: number;
  openPipelineValueCents: number;
  weightedPipelineValueCents: number;
  dealsWonThisMonth: number;
  wonThisMonthValueCents: number;
  overdueTaskCount: number;
  asOf: Date;
}

/**
 * The dashboard in five grouped statements, whatever the size of the CRM: contacts by stage, the
 * live pipelines, their deals by stage (one statement for all pipelines), this month's won deals
 * and overdue tasks together.
 */
export async function crmDashboard(em: EntityManager, now = new Date()): Promise<DashboardSource> {
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const byStage = await em.execute<{ stage: LifecycleStage; n: number }[]>(
    `select "lifecycle_stage" as "stage", count(*)::int as "n" from "contact" where "deleted_at" is null group by 1`,
  );
  const pipelines = await em.find(Pipeline, {}, { orderBy: [{ position: QueryOrder.ASC }, { name: QueryOrder.ASC }, { id: QueryOrder.ASC }] });
  const summaries = await summariesOf(em, pipelines.map((p) => p.id));
  const [figures] = await em.execute<{ won: number; won_value: string; overdue: number }[]>(
    `select (select count(*)::int from "deal" where "deleted_at" is null and "status" = 'WON' and "closed_at" >= ? and "closed_at" <= ?) as "won",
            (select coalesce(sum("amount_cents"), 0)::bigint from "deal" where "deleted_at" is null and "status" = 'WON' and "closed_at" >= ? and "closed_at" <= ?) as "won_value",
            (select count(*)::int from "task" where "deleted_at" is null and "due_at" < ? and "status" not in ('COMPLETED', 'CANCELLED')) as "overdue"`,
    [monthStart, now, monthStart, now, now],
  );
  const counts = new Map(byStage.map((r) => [r.stage, r.n]));
  return {
    contactsByLifecycleStage: LIFECYCLE_STAGES.map((lifecycleStage) => ({ lifecycleStage, count: counts.get(lifecycleStage) ?? 0 })),
    pipelines: summaries,
    openDealCount: summaries.reduce((n, s) => n + s.openDealCount, 0),
    openPipelineValueCents: summaries.reduce((n, s) => n + s.openAmountCents, 0),
    weightedPipelineValueCents: summaries.reduce((n, s) => n + s.openWeightedAmountCents, 0),
    dealsWonThisMonth: figures?.won ?? 0,
    wonThisMonthValueCents: Number(figures?.won_value ?? 0),
    overdueTaskCount: figures?.overdue ?? 0,
    asOf: now,
  };
}
