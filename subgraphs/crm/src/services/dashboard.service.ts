import { QueryOrder } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, type Viewer } from '@nexus/platform';
import { LIFECYCLE_STAGES, Pipeline, type LifecycleStage } from '../entities/index.ts';
import { summariesOf, type DealCondition, type PipelineSummarySource } from './pipeline-totals.ts';

export const DASHBOARD_SCOPES = ['MINE', 'MY_TEAM', 'EVERYONE'] as const;
export type DashboardScope = (typeof DASHBOARD_SCOPES)[number];

/** Everything CrmDashboard shows, computed up front. */
export interface DashboardSource {
  scope: DashboardScope;
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
 * Who a scope counts: for MINE the viewer's own records (owner of contacts and deals, assignee of
 * tasks); otherwise everyone. MY_TEAM is everyone until identity knows teams.
 */
function ownerOf(viewer: Viewer, scope: DashboardScope): string | null {
  if (scope !== 'MINE') return null;
  if (!viewer.id || viewer.kind === 'service') {
    throw badInput('Only a signed-in person has records of their own.', [
      { path: 'scope', message: 'MINE needs a signed-in staff member' },
    ]);
  }
  return viewer.id;
}

const mine = (column: string, owner: string | null): DealCondition =>
  owner ? { sql: `${column} = ?`, params: [owner] } : { sql: 'true', params: [] };

/**
 * The dashboard in five grouped statements, whatever the size of the CRM: contacts by stage, the
 * live pipelines, their deals by stage (one statement for all pipelines), this month's won deals
 * and overdue tasks together. Every figure counts the same scope, so the KPIs and the charts agree.
 */
export async function crmDashboard(
  em: EntityManager,
  viewer: Viewer,
  scope: DashboardScope = 'EVERYONE',
  now = new Date(),
): Promise<DashboardSource> {
  const owner = ownerOf(viewer, scope);
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const contactOwner = mine('"owner_id"', owner);
  const byStage = await em.execute<{ stage: LifecycleStage; n: number }[]>(
    `select "lifecycle_stage" as "stage", count(*)::int as "n" from "contact" where "deleted_at" is null and ${contactOwner.sql} group by 1`,
    contactOwner.params,
  );
  const pipelines = await em.find(
    Pipeline,
    {},
    { orderBy: [{ position: QueryOrder.ASC }, { name: QueryOrder.ASC }, { id: QueryOrder.ASC }] },
  );
  const summaries = await summariesOf(
    em,
    pipelines.map((p) => p.id),
    mine('d."owner_id"', owner),
  );
  const dealOwner = mine('"owner_id"', owner);
  const assignee = mine('"assignee_id"', owner);
  const [figures] = await em.execute<{ won: number; won_value: string; overdue: number }[]>(
    `select (select count(*)::int from "deal" where "deleted_at" is null and "status" = 'WON' and "closed_at" >= ? and "closed_at" <= ? and ${dealOwner.sql}) as "won",
            (select coalesce(sum("amount_cents"), 0)::bigint from "deal" where "deleted_at" is null and "status" = 'WON' and "closed_at" >= ? and "closed_at" <= ? and ${dealOwner.sql}) as "won_value",
            (select count(*)::int from "task" where "deleted_at" is null and "due_at" < ? and "status" not in ('COMPLETED', 'CANCELLED') and ${assignee.sql}) as "overdue"`,
    [monthStart, now, ...dealOwner.params, monthStart, now, ...dealOwner.params, now, ...assignee.params],
  );
  const counts = new Map(byStage.map((r) => [r.stage, r.n]));
  return {
    scope,
    contactsByLifecycleStage: LIFECYCLE_STAGES.map((lifecycleStage) => ({
      lifecycleStage,
      count: counts.get(lifecycleStage) ?? 0,
    })),
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
