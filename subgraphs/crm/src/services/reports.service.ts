import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { notFound, parseInput, zId } from '@nexus/platform';
import {
  ACTIVITY_TYPES,
  TASK_STATUSES,
  userRef,
  type ActivityType,
  type TaskStatus,
  type UserRef,
} from '../entities/index.ts';
import { defaultPipeline, getPipeline } from './pipelines.service.ts';
import { summariesOf, type StageTotalSource } from './pipeline-totals.ts';

const MAX_RANGE_MS = 3 * 366 * 86_400_000;

const rangeInput = z
  .object({ from: z.date(), to: z.date() })
  .refine((r) => r.from < r.to, { path: ['from'], message: 'must be before to' })
  .refine((r) => r.to.getTime() - r.from.getTime() <= MAX_RANGE_MS, {
    path: ['to'],
    message: 'must be at most 3 years after from',
  });

/** CrmReports before its fields run: just the validated range. */
export interface ReportsSource {
  from: Date;
  to: Date;
}

export const crmReports = (range: unknown): ReportsSource => parseInput(rangeInput, range, 'range');

/** Deals created in the range, by stage of one pipeline, with the same sums as the board. */
export async function pipelineReport(
  em: EntityManager,
  r: ReportsSource,
  pipelineId: unknown,
): Promise<StageTotalSource[]> {
  const id = pipelineId == null ? null : parseInput(zId, pipelineId, 'pipelineId');
  const pipeline = id ? await getPipeline(em, id, false) : await defaultPipeline(em);
  if (!pipeline) throw notFound('Pipeline', id ?? undefined);
  const [summary] = await summariesOf(em, [pipeline.id], {
    sql: `d."created_at" >= ? and d."created_at" < ?`,
    params: [r.from, r.to],
  });
  return summary?.stages ?? [];
}

export interface WonLostSource {
  outcome: 'WON' | 'LOST';
  reason: string | null;
  dealCount: number;
  amountCents: number;
}

export async function wonLostReport(em: EntityManager, r: ReportsSource): Promise<WonLostSource[]> {
  const rows = await em.execute<{ outcome: 'WON' | 'LOST'; reason: string | null; n: number; amount: string }[]>(
    `select "status" as "outcome", nullif(trim("close_reason"), '') as "reason", count(*)::int as "n",
            coalesce(sum("amount_cents"), 0)::bigint as "amount"
     from "deal"
     where "deleted_at" is null and "status" in ('WON', 'LOST') and "closed_at" >= ? and "closed_at" < ?
     group by 1, 2
     order by 1 desc, 3 desc, 2 nulls last`,
    [r.from, r.to],
  );
  return rows.map((row) => ({
    outcome: row.outcome,
    reason: row.reason,
    dealCount: row.n,
    amountCents: Number(row.amount),
  }));
}

export interface ActivityByPersonSource {
  person: UserRef | null;
  total: number;
  byType: { type: ActivityType; count: number }[];
}

export async function activityByPersonReport(em: EntityManager, r: ReportsSource): Promise<ActivityByPersonSource[]> {
  const rows = await em.execute<{ person: string | null; type: ActivityType; n: number }[]>(
    `select "logged_by_id" as "person", "type", count(*)::int as "n"
     from "activity"
     where "deleted_at" is null and "occurred_at" >= ? and "occurred_at" < ?
     group by 1, 2`,
    [r.from, r.to],
  );
  const people = new Map<string | null, Map<ActivityType, number>>();
  for (const row of rows) {
    const counts = people.get(row.person) ?? new Map<ActivityType, number>();
    counts.set(row.type, row.n);
    people.set(row.person, counts);
  }
  return [...people.entries()]
    .map(([person, counts]) => ({
      person: person ? userRef(person) : null,
      total: [...counts.values()].reduce((a, b) => a + b, 0),
      byType: ACTIVITY_TYPES.map((type) => ({ type, count: counts.get(type) ?? 0 })),
    }))
    .sort((a, b) => b.total - a.total || String(a.person?.id ?? '~').localeCompare(String(b.person?.id ?? '~')));
}

export interface TaskStatusSource {
  status: TaskStatus;
  count: number;
  overdueCount: number;
}

export async function tasksByStatusReport(
  em: EntityManager,
  r: ReportsSource,
  now = new Date(),
): Promise<TaskStatusSource[]> {
  const rows = await em.execute<{ status: TaskStatus; n: number; overdue: number }[]>(
    `select "status", count(*)::int as "n",
            count(*) filter (where "due_at" < ? and "status" not in ('COMPLETED', 'CANCELLED'))::int as "overdue"
     from "task"
     where "deleted_at" is null and "due_at" >= ? and "due_at" < ?
     group by 1`,
    [now, r.from, r.to],
  );
  const byStatus = new Map(rows.map((row) => [row.status, row]));
  return TASK_STATUSES.map((status) => ({
    status,
    count: byStatus.get(status)?.n ?? 0,
    overdueCount: byStatus.get(status)?.overdue ?? 0,
  }));
}
