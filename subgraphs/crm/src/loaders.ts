import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { QueryOrder, type EntityClass, type EntityDictionary } from '@mikro-orm/core';
import {
  Activity,
  Company,
  Contact,
  Deal,
  DealStageChange,
  LeadScoreChange,
  Pipeline,
  PipelineStage,
  Task,
} from './entities/index.ts';
import { parseInput, zPaging } from '@nexus/platform';
import { lazyPage, type Page } from './services/pages.ts';
import { summariesOf, type PipelineSummarySource } from './services/pipeline-totals.ts';
import { ttLinkLoaders } from './services/tt-links.service.ts';

/** A parent's first `limit` contacts (Company.contacts, User.contacts). */
export interface ContactsOf {
  parentId: string;
  limit: number;
}

/** Contact columns that own a per-parent list; interpolated into SQL, so a closed set. */
type ParentColumn = 'company_id' | 'owner_id';

const byId = async <T extends { id: string }>(ids: readonly string[], rows: Promise<T[]>): Promise<(T | null)[]> => {
  const found = new Map((await rows).map((r) => [r.id, r]));
  return ids.map((id) => found.get(id) ?? null);
};

/**
 * The first contacts of many parents in ONE statement: rank each parent's contacts by name with a
 * window function and keep the top `limit` (the largest any caller asked for; each key is cut to
 * its own). A page of 100 companies costs one query, not 100.
 */
async function contactsOfParents(em: EntityManager, column: ParentColumn, keys: readonly ContactsOf[]): Promise<Contact[][]> {
  const ids = [...new Set(keys.map((k) => k.parentId))];
  const limit = Math.max(...keys.map((k) => k.limit));
  const rows = await em.getConnection().execute<Record<string, unknown>[]>(
    `select * from (
       select c.*, row_number() over (
         partition by c."${column}" order by c."last_name" asc nulls last, c."first_name" asc, c."id" asc
       ) as "nx_rank"
       from "contact" c
       where c."${column}" in (?) and c."deleted_at" is null
     ) ranked
     where ranked."nx_rank" <= ?
     order by ranked."nx_rank"`,
    [ids, limit],
  );
  const grouped = new Map<string, Contact[]>();
  for (const { nx_rank: _rank, search_vector: _vector, ...row } of rows) {
    const parentId = String(row[column]);
    const list = grouped.get(parentId) ?? [];
    list.push(em.map(Contact, row));
    grouped.set(parentId, list);
  }
  return keys.map((k) => (grouped.get(k.parentId) ?? []).slice(0, k.limit));
}

/** How many live contacts each parent has, in one grouped statement. */
async function contactCounts(em: EntityManager, column: ParentColumn, ids: readonly string[]): Promise<number[]> {
  const rows = await em.getConnection().execute<{ parent_id: string; n: number }[]>(
    `select c."${column}" as parent_id, count(*)::int as n
     from "contact" c
     where c."${column}" in (?) and c."deleted_at" is null
     group by c."${column}"`,
    [[...ids]],
  );
  const counts = new Map(rows.map((r) => [r.parent_id, r.n]));
  return ids.map((id) => counts.get(id) ?? 0);
}

const listKey = (k: ContactsOf) => `${k.parentId}:${k.limit}`;

/** One page of a parent's children (Deal.activities, Contact.tasks, ...). */
export interface PageOf {
  parentId: string;
  limit: number;
  offset: number;
}

/** A child table's list per parent: the table, the parent column, the order, and soft delete. */
interface ChildList<T extends object> {
  entity: EntityClass<T>;
  table: string;
  column: string;
  /** ORDER BY inside each parent's partition, on alias `t`. Ours, never input. */
  order: string;
  softDelete: boolean;
}

/** Columns PostgreSQL maintains that entities never load. */
const UNMAPPED = new Set(['nx_rank', 'search_vector']);

/**
 * Pages of many parents in ONE statement, like contactsOfParents: number each parent's rows with a
 * window function and keep the first offset+limit; each key takes its own slice.
 */
async function childPages<T extends object>(em: EntityManager, list: ChildList<T>, keys: readonly PageOf[]): Promise<T[][]> {
  const ids = [...new Set(keys.map((k) => k.parentId))];
  const upTo = Math.max(...keys.map((k) => k.offset + k.limit));
  const rows = await em.getConnection().execute<EntityDictionary<T>[]>(
    `select * from (
       select t.*, row_number() over (partition by t."${list.column}" order by ${list.order}) as "nx_rank"
       from "${list.table}" t
       where t."${list.column}" in (?)${list.softDelete ? ` and t."deleted_at" is null` : ''}
     ) ranked
     where ranked."nx_rank" <= ?
     order by ranked."nx_rank"`,
    [ids, upTo],
  );
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    const parentId = String(row[list.column]);
    for (const column of UNMAPPED) delete row[column];
    grouped.set(parentId, [...(grouped.get(parentId) ?? []), em.map(list.entity, row)]);
  }
  return keys.map((k) => (grouped.get(k.parentId) ?? []).slice(k.offset, k.offset + k.limit));
}

async function childCounts(em: EntityManager, list: ChildList<object>, ids: readonly string[]): Promise<number[]> {
  const rows = await em.getConnection().execute<{ parent_id: string; n: number }[]>(
    `select t."${list.column}" as parent_id, count(*)::int as n from "${list.table}" t
     where t."${list.column}" in (?)${list.softDelete ? ` and t."deleted_at" is null` : ''}
     group by t."${list.column}"`,
    [[...ids]],
  );
  const counts = new Map(rows.map((r) => [r.parent_id, r.n]));
  return ids.map((id) => counts.get(id) ?? 0);
}

const pageKey = (k: PageOf) => `${k.parentId}:${k.limit}:${k.offset}`;

/** For links that must resolve (a deal's stage): a miss is a broken invariant, not a null. */
export async function loadRequired<T>(loader: DataLoader<string, T | null>, id: string, what: string): Promise<T> {
  const found = await loader.load(id);
  if (found === null) throw new Error(`${what} ${id} is missing`);
  return found;
}

export type ChildListLoaders<T> = { page: DataLoader<PageOf, T[], string>; count: DataLoader<string, number> };

/** A parent's page of children (`Deal.activities(limit, offset)`), batched with its siblings'. */
export function childPage<T>(list: ChildListLoaders<T>, parentId: string, args: { limit?: number | null; offset?: number | null }): Page<T> {
  const { limit, offset } = parseInput(zPaging, { limit: args.limit ?? undefined, offset: args.offset ?? undefined }, 'args');
  return lazyPage(
    () => list.page.load({ parentId, limit, offset }),
    () => list.count.load(parentId),
  );
}

/** A page loader and a count loader for one child list. */
function childList<T extends object>(em: EntityManager, list: ChildList<T>) {
  return {
    page: new DataLoader<PageOf, T[], string>((keys) => childPages(em, list, keys), { cacheKeyFn: pageKey }),
    count: new DataLoader<string, number>((ids) => childCounts(em, list, ids)),
  };
}

const ACTIVITY_ORDER = `t."occurred_at" desc, t."id" desc`;
const DEAL_ORDER = `t."created_at" desc, t."id" asc`;
const TASK_ORDER = `t."due_at" asc nulls last, t."priority" desc, t."id" asc`;
const HISTORY_ORDER = `t."changed_at" desc, t."id" desc`;

const activitiesBy = (column: string): ChildList<Activity> => ({ entity: Activity, table: 'activity', column, order: ACTIVITY_ORDER, softDelete: true });
const dealsBy = (column: string): ChildList<Deal> => ({ entity: Deal, table: 'deal', column, order: DEAL_ORDER, softDelete: true });
const tasksBy = (column: string): ChildList<Task> => ({ entity: Task, table: 'task', column, order: TASK_ORDER, softDelete: true });

/** The newest live activity of each deal, in one statement (the board's "last activity"). */
async function lastActivities(em: EntityManager, dealIds: readonly string[]): Promise<(Activity | null)[]> {
  const rows = await em.getConnection().execute<Record<string, unknown>[]>(
    `select distinct on (a."deal_id") a.* from "activity" a
     where a."deal_id" in (?) and a."deleted_at" is null
     order by a."deal_id", a."occurred_at" desc, a."id" desc`,
    [[...dealIds]],
  );
  const found = new Map(rows.map((r) => [String(r.deal_id), em.map(Activity, r)]));
  return dealIds.map((id) => found.get(id) ?? null);
}

/** The live stages of many pipelines, in board order, in one statement. */
async function stagesOfPipelines(em: EntityManager, pipelineIds: readonly string[]): Promise<PipelineStage[][]> {
  const stages = await em.find(PipelineStage, { pipeline: { $in: [...pipelineIds] } }, { orderBy: [{ position: QueryOrder.ASC }, { id: QueryOrder.ASC }] });
  return pipelineIds.map((id) => stages.filter((s) => s.pipeline.id === id));
}

/** Per-request batch loaders: one query per list of keys, results in key order, null for missing. */
export function createLoaders(em: EntityManager) {
  return {
    company: new DataLoader<string, Company | null>((ids) => byId(ids, em.find(Company, { id: { $in: [...ids] } }))),
    contact: new DataLoader<string, Contact | null>((ids) => byId(ids, em.find(Contact, { id: { $in: [...ids] } }))),
    contactsOfCompany: new DataLoader<ContactsOf, Contact[], string>((keys) => contactsOfParents(em, 'company_id', keys), {
      cacheKeyFn: listKey,
    }),
    contactCountOfCompany: new DataLoader<string, number>((ids) => contactCounts(em, 'company_id', ids)),
    contactsOfOwner: new DataLoader<ContactsOf, Contact[], string>((keys) => contactsOfParents(em, 'owner_id', keys), {
      cacheKeyFn: listKey,
    }),
    contactCountOfOwner: new DataLoader<string, number>((ids) => contactCounts(em, 'owner_id', ids)),
    // Deleted contacts and companies too: merge records and history name them.
    contactAny: new DataLoader<string, Contact | null>((ids) => byId(ids, em.find(Contact, { id: { $in: [...ids] } }, { filters: false }))),
    companyAny: new DataLoader<string, Company | null>((ids) => byId(ids, em.find(Company, { id: { $in: [...ids] } }, { filters: false }))),
    // Pipelines and stages are configuration that history still names once deleted.
    pipeline: new DataLoader<string, Pipeline | null>((ids) => byId(ids, em.find(Pipeline, { id: { $in: [...ids] } }, { filters: false }))),
    stage: new DataLoader<string, PipelineStage | null>((ids) => byId(ids, em.find(PipelineStage, { id: { $in: [...ids] } }, { filters: false }))),
    stagesOfPipeline: new DataLoader<string, PipelineStage[]>((ids) => stagesOfPipelines(em, ids)),
    pipelineSummary: new DataLoader<string, PipelineSummarySource>((ids) => summariesOf(em, ids)),
    deal: new DataLoader<string, Deal | null>((ids) => byId(ids, em.find(Deal, { id: { $in: [...ids] } }))),
    dealAny: new DataLoader<string, Deal | null>((ids) => byId(ids, em.find(Deal, { id: { $in: [...ids] } }, { filters: false }))),
    dealByTt: new DataLoader<string, Deal | null>(async (ids) => {
      const found = new Map((await em.find(Deal, { ttDealId: { $in: [...ids] } })).map((d) => [d.ttDealId, d]));
      return ids.map((id) => found.get(id) ?? null);
    }),
    activity: new DataLoader<string, Activity | null>((ids) => byId(ids, em.find(Activity, { id: { $in: [...ids] } }))),
    task: new DataLoader<string, Task | null>((ids) => byId(ids, em.find(Task, { id: { $in: [...ids] } }))),
    lastActivityOfDeal: new DataLoader<string, Activity | null>((ids) => lastActivities(em, ids)),
    activitiesOfContact: childList(em, activitiesBy('contact_id')),
    activitiesOfCompany: childList(em, activitiesBy('company_id')),
    activitiesOfDeal: childList(em, activitiesBy('deal_id')),
    dealsOfContact: childList(em, dealsBy('primary_contact_id')),
    dealsOfCompany: childList(em, dealsBy('company_id')),
    tasksOfContact: childList(em, tasksBy('contact_id')),
    tasksOfCompany: childList(em, tasksBy('company_id')),
    tasksOfDeal: childList(em, tasksBy('deal_id')),
    stageHistoryOfDeal: childList(em, { entity: DealStageChange, table: 'deal_stage_change', column: 'deal_id', order: HISTORY_ORDER, softDelete: false }),
    scoreHistoryOfContact: childList(em, { entity: LeadScoreChange, table: 'lead_score_change', column: 'contact_id', order: HISTORY_ORDER, softDelete: false }),
    ...ttLinkLoaders(em),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
