import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  Cursor,
  QueryOrder,
  type EntityClass,
  type EntityDictionary,
  type FilterObject,
  type FilterQuery,
  type QueryOrderMap,
} from '@mikro-orm/core';
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
import { checkPaging, emptyConnection, findConnection, type Connection, type ConnectionArgs } from '@nexus/platform';
import { TASK_ORDER, TASK_ORDER_SQL } from './services/tasks.service.ts';
import { summariesOf, type PipelineSummarySource } from './services/pipeline-totals.ts';
import { ttLinkLoaders } from './services/tt-links.service.ts';
import { columnsOf, plainRows, rowConnection, rowsById } from '@nexus/platform';

const byId = async <T extends { id: string }>(ids: readonly string[], rows: Promise<T[]>): Promise<(T | null)[]> => {
  const found = new Map((await rows).map((r) => [r.id, r]));
  return ids.map((id) => found.get(id) ?? null);
};

/** Columns PostgreSQL maintains that entities never load. */
const UNMAPPED = new Set(['nx_rank', 'search_vector']);

/**
 * A child table's list per parent (Deal.activities, Company.contacts, ...): the parent column in SQL
 * and as an entity property, one order in both spellings (SQL for the batched window, entity
 * properties for keyset cursors), and soft delete.
 */
interface ChildList<T extends object> {
  entity: EntityClass<T>;
  table: string;
  column: string;
  property: string;
  /** ORDER BY inside each parent's partition, on alias `t`. Ours, never input; must match `orderBy`. */
  order: string;
  orderBy: QueryOrderMap<T>[];
  softDelete: boolean;
}

/** One page of one parent's children, as the field was asked for. */
export interface PageOf {
  parentId: string;
  args: ConnectionArgs;
}

const pageKey = (k: PageOf) =>
  `${k.parentId}:${k.args.first ?? ''}:${k.args.after ?? ''}:${k.args.last ?? ''}:${k.args.before ?? ''}`;

/** A first page (no cursor, forward): the shape every parent of a list page asks for at once. */
const isFirstPage = (args: ConnectionArgs) => {
  const paging = checkPaging(args);
  return paging.direction === 'forward' && paging.after === undefined && paging.before === undefined
    ? paging.size
    : null;
};

/**
 * Pages of many parents: the first pages of all of them in ONE statement (each parent's rows
 * numbered by a window function, one row more than asked to know whether a next page exists) plus
 * ONE grouped count; a page after or before a cursor (one parent paged on) goes through keyset
 * paging on its own. Cursors of both paths are the same keyset cursors.
 */
async function childPages<T extends object>(
  em: EntityManager,
  list: ChildList<T>,
  keys: readonly PageOf[],
  plain: boolean,
): Promise<Connection<T>[]> {
  const sizes = keys.map((k) => isFirstPage(k.args));
  const firstKeys = keys.filter((_k, i) => sizes[i] != null);
  const grouped = new Map<string, T[]>();
  const counts = new Map<string, number>();
  if (firstKeys.length) {
    const ids = [...new Set(firstKeys.map((k) => k.parentId))];
    const upTo = Math.max(...sizes.map((n) => n ?? 0)) + 1;
    const live = list.softDelete ? ` and t."deleted_at" is null` : '';
    const rows = await em.getConnection().execute<EntityDictionary<T>[]>(
      `select * from (
         select t.*, row_number() over (partition by t."${list.column}" order by ${list.order}) as "nx_rank"
         from "${list.table}" t
         where t."${list.column}" in (?)${live}
       ) ranked
       where ranked."nx_rank" <= ?
       order by ranked."nx_rank"`,
      [ids, upTo],
    );
    for (const row of rows) {
      const parentId = String(row[list.column]);
      if (!plain) for (const column of UNMAPPED) delete row[column];
      const [node] = plain ? plainRows(em, list.entity, [row], UNMAPPED) : [em.map(list.entity, row)];
      if (node) grouped.set(parentId, [...(grouped.get(parentId) ?? []), node]);
    }
    const countRows = await em.getConnection().execute<{ parent_id: string; n: number }[]>(
      `select t."${list.column}" as parent_id, count(*)::int as n from "${list.table}" t
       where t."${list.column}" in (?)${live}
       group by t."${list.column}"`,
      [ids],
    );
    for (const r of countRows) counts.set(r.parent_id, r.n);
  }
  const meta = em.getMetadata().get(list.entity);
  return Promise.all(
    keys.map(async (k, i) => {
      const size = sizes[i];
      if (size == null) {
        const where = { [list.property]: k.parentId } as FilterQuery<T>;
        return plain
          ? rowConnection(em, list.entity, where, k.args, list.orderBy)
          : findConnection(em, list.entity, where, k.args, list.orderBy);
      }
      const totalCount = counts.get(k.parentId) ?? 0;
      if (size === 0) return emptyConnection<T>(totalCount);
      const all = grouped.get(k.parentId) ?? [];
      const nodes = all.slice(0, size);
      const edges = nodes.map((node) => ({ cursor: Cursor.for(meta, node as FilterObject<T>, list.orderBy), node }));
      return {
        edges,
        nodes,
        pageInfo: {
          hasNextPage: all.length > size,
          hasPreviousPage: false,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? null,
        },
        totalCount,
      };
    }),
  );
}

/** What each remembering loader has answered so far in its request, by id. */
const answered = new WeakMap<object, Map<string, unknown>>();

/**
 * A by-id DataLoader that also keeps each answer it got, so a field resolver reads a row its list
 * already read ahead (`prefetch…`) without a promise: graphql-js then completes the list's rows at
 * once instead of awaiting each one.
 */
function remembering<V>(batch: (ids: readonly string[]) => Promise<readonly (V | Error)[]>): DataLoader<string, V> {
  const settled = new Map<string, V>();
  const loader = new DataLoader<string, V>(async (ids) => {
    const values = await batch(ids);
    ids.forEach((id, i) => {
      const value = values[i];
      if (!(value instanceof Error)) settled.set(id, value as V);
    });
    return values;
  });
  answered.set(loader, settled);
  return loader;
}

/** The loader's answer for `id`: at once when this request has it already, else its promise. */
export function loadNow<V>(loader: DataLoader<string, V>, id: string): V | Promise<V> {
  const settled = answered.get(loader) as Map<string, V> | undefined;
  return settled?.has(id) ? (settled.get(id) as V) : loader.load(id);
}

/** `f` of a value that may still be on its way: at once when it is not. */
export const thenNow = <T, R>(value: T | Promise<T>, f: (v: T) => R): R | Promise<R> =>
  value instanceof Promise ? value.then(f) : f(value);

/** Ids read ahead, once each (nulls skipped). */
export const distinctIds = (ids: readonly (string | null | undefined)[]): string[] => [
  ...new Set(ids.filter((id): id is string => typeof id === 'string')),
];

/** A link that must resolve (a deal's stage): a miss is a broken invariant, not a null. */
const required = <T>(found: T | null, what: string, id: string): T => {
  if (found === null) throw new Error(`${what} ${id} is missing`);
  return found;
};

/** For links that must resolve (a deal's stage). */
export async function loadRequired<T>(loader: DataLoader<string, T | null>, id: string, what: string): Promise<T> {
  return required(await loader.load(id), what, id);
}

/** `loadRequired`, at once when this request has the row already. */
export const requiredNow = <T>(loader: DataLoader<string, T | null>, id: string, what: string): T | Promise<T> =>
  thenNow(loadNow(loader, id), (found) => required(found, what, id));

export type ChildListLoader<T> = DataLoader<PageOf, Connection<T>, string>;

/**
 * A parent's page of children (`Deal.activities(first: 10)`), batched with its siblings'. Paging
 * is checked here, so a refused page size errors at this field of this parent only.
 */
export function childPage<T>(
  loader: ChildListLoader<T>,
  parentId: string,
  args: ConnectionArgs,
): Promise<Connection<T>> {
  checkPaging(args);
  return loader.load({
    parentId,
    args: { first: args.first, after: args.after, last: args.last, before: args.before },
  });
}

/** A batched loader for one child list. */
function childList<T extends object>(em: EntityManager, list: ChildList<T>, plain: boolean): ChildListLoader<T> {
  return new DataLoader<PageOf, Connection<T>, string>((keys) => childPages(em, list, keys, plain), {
    cacheKeyFn: pageKey,
  });
}

const ACTIVITY_ORDER = `t."occurred_at" desc, t."id" desc`;
const ACTIVITY_ORDER_BY: QueryOrderMap<Activity>[] = [{ occurredAt: QueryOrder.DESC }, { id: QueryOrder.DESC }];
const DEAL_ORDER = `t."created_at" desc, t."id" asc`;
const DEAL_ORDER_BY: QueryOrderMap<Deal>[] = [{ createdAt: QueryOrder.DESC }, { id: QueryOrder.ASC }];
const HISTORY_ORDER = `t."changed_at" desc, t."id" desc`;
const CONTACT_ORDER = `t."last_name" asc nulls last, t."first_name" asc, t."id" asc`;
const CONTACT_ORDER_BY: QueryOrderMap<Contact>[] = [
  { lastName: QueryOrder.ASC_NULLS_LAST },
  { firstName: QueryOrder.ASC },
  { id: QueryOrder.ASC },
];

const activitiesBy = (column: string, property: string): ChildList<Activity> => ({
  entity: Activity,
  table: 'activity',
  column,
  property,
  order: ACTIVITY_ORDER,
  orderBy: ACTIVITY_ORDER_BY,
  softDelete: true,
});
const dealsBy = (column: string, property: string): ChildList<Deal> => ({
  entity: Deal,
  table: 'deal',
  column,
  property,
  order: DEAL_ORDER,
  orderBy: DEAL_ORDER_BY,
  softDelete: true,
});
const tasksBy = (column: string, property: string): ChildList<Task> => ({
  entity: Task,
  table: 'task',
  column,
  property,
  order: TASK_ORDER_SQL,
  orderBy: TASK_ORDER,
  softDelete: true,
});
const contactsBy = (column: string, property: string): ChildList<Contact> => ({
  entity: Contact,
  table: 'contact',
  column,
  property,
  order: CONTACT_ORDER,
  orderBy: CONTACT_ORDER_BY,
  softDelete: true,
});

/**
 * The newest live activity of each deal, in one statement (the board's "last activity"); with
 * `fields` (plain rows only), only those properties' columns and the deal's.
 */
async function lastActivities(
  em: EntityManager,
  dealIds: readonly string[],
  plain: boolean,
  fields?: readonly string[],
): Promise<(Activity | null)[]> {
  const columns = plain && fields ? columnsOf(em, Activity, 'a', [...fields, 'deal']) : 'a.*';
  const rows = await em.getConnection().execute<Record<string, unknown>[]>(
    `select distinct on (a."deal_id") ${columns} from "activity" a
     where a."deal_id" in (?) and a."deleted_at" is null
     order by a."deal_id", a."occurred_at" desc, a."id" desc`,
    [[...dealIds]],
  );
  const activities = plain ? plainRows(em, Activity, rows, UNMAPPED) : rows.map((r) => em.map(Activity, r));
  const found = new Map(activities.map((a) => [a.deal?.id ?? '', a]));
  return dealIds.map((id) => found.get(id) ?? null);
}

/** Whether a row read with `has` (null: every property) carries `wanted` (undefined: every property). */
const covers = (has: ReadonlySet<string> | null, wanted: Iterable<string> | null | undefined) => {
  if (has === null) return true;
  if (!wanted) return false;
  for (const f of wanted) if (!has.has(f)) return false;
  return true;
};

/**
 * Linked rows by id that carry only some properties: a board reads a company's id and name, not
 * its 23 columns. Each asker names the properties it needs (`propertiesFor` of what its field
 * selects; undefined: all); one batch reads the union of what its askers named, so two selections
 * of one record with different fields cost one statement, and a row read (or on its way) with at
 * least the properties asked for answers at once without another. Without plain reads every ask
 * goes to `whole`, the entity loader, as before.
 */
export class LinkedRows<V extends object> {
  private readonly entries = new Map<
    string,
    { fields: ReadonlySet<string> | null; value: V | null | Promise<V | null> }
  >();
  private readonly batch: DataLoader<{ id: string; fields: readonly string[] | undefined }, V | null, string>;

  private readonly whole: DataLoader<string, V | null> | null;

  constructor(
    whole: DataLoader<string, V | null> | null,
    read: (ids: readonly string[], fields: readonly string[] | undefined) => Promise<readonly (V | null)[]>,
  ) {
    this.whole = whole;
    this.batch = new DataLoader(
      async (keys) => {
        const union = keys.some((k) => !k.fields) ? undefined : [...new Set(keys.flatMap((k) => k.fields ?? []))];
        const ids = [...new Set(keys.map((k) => k.id))];
        const rows = await read(ids, union);
        const byId = new Map(ids.map((id, i) => [id, rows[i] ?? null]));
        const fields = union ? new Set(union) : null;
        for (const [id, row] of byId) {
          // An ask for more of the row, sent after this batch, keeps its entry until it answers.
          const entry = this.entries.get(id);
          if (!entry || !(entry.value instanceof Promise) || covers(fields, entry.fields))
            this.entries.set(id, { fields, value: row });
        }
        return keys.map((k) => byId.get(k.id) ?? null);
      },
      { cache: false },
    );
  }

  /** The row of `id` with at least `fields`: at once when this request has it already. */
  now(id: string, fields: readonly string[] | undefined): V | null | Promise<V | null> {
    if (this.whole) return loadNow(this.whole, id);
    const entry = this.entries.get(id);
    if (entry && covers(entry.fields, fields)) return entry.value;
    const value = this.batch.load({ id, fields });
    // Until its batch answers, the row on its way serves any ask it covers.
    this.entries.set(id, { fields: fields ? new Set(fields) : null, value });
    return value;
  }

  /** Reads ahead the rows of `ids` with `fields`; a failed read is left to the field that asks again. */
  async many(ids: readonly string[], fields: readonly string[] | undefined): Promise<void> {
    await Promise.allSettled(ids.map((id) => this.now(id, fields)));
  }
}

/** The live stages of many pipelines, in board order, in one statement. */
async function stagesOfPipelines(em: EntityManager, pipelineIds: readonly string[]): Promise<PipelineStage[][]> {
  const stages = await em.find(
    PipelineStage,
    { pipeline: { $in: [...pipelineIds] } },
    { orderBy: [{ position: QueryOrder.ASC }, { id: QueryOrder.ASC }] },
  );
  return pipelineIds.map((id) => stages.filter((s) => s.pipeline.id === id));
}

/**
 * Per-request batch loaders: one query per list of keys, results in key order, null for missing.
 * Those that only field resolvers read (a list's companies, contacts, stages, last activities)
 * answer with plain rows (platform's rows.ts) unless `plain` is off (`CRM_PLAIN_READS=0`).
 */
export function createLoaders(em: EntityManager, plain = true) {
  const company = remembering<Company | null>((ids) =>
    plain ? rowsById(em, Company, ids) : byId(ids, em.find(Company, { id: { $in: [...ids] } })),
  );
  const contact = remembering<Contact | null>((ids) =>
    plain ? rowsById(em, Contact, ids) : byId(ids, em.find(Contact, { id: { $in: [...ids] } })),
  );
  const lastActivityOfDeal = remembering<Activity | null>((ids) => lastActivities(em, ids, plain));
  return {
    company,
    contact,
    /** `company` reading only the properties each asker needs (linkFields in resolvers/links.ts). */
    companyLinks: new LinkedRows<Company>(plain ? null : company, (ids, fields) =>
      rowsById(em, Company, ids, { fields }),
    ),
    contactLinks: new LinkedRows<Contact>(plain ? null : contact, (ids, fields) =>
      rowsById(em, Contact, ids, { fields }),
    ),
    lastActivityLinks: new LinkedRows<Activity>(plain ? null : lastActivityOfDeal, (ids, fields) =>
      lastActivities(em, ids, plain, fields),
    ),
    contactsOfCompany: childList(em, contactsBy('company_id', 'company'), plain),
    contactsOfOwner: childList(em, contactsBy('owner_id', 'ownerId'), plain),
    // Deleted contacts and companies too: merge records and history name them.
    contactAny: new DataLoader<string, Contact | null>((ids) =>
      byId(ids, em.find(Contact, { id: { $in: [...ids] } }, { filters: false })),
    ),
    companyAny: new DataLoader<string, Company | null>((ids) =>
      byId(ids, em.find(Company, { id: { $in: [...ids] } }, { filters: false })),
    ),
    // Pipelines and stages are configuration that history still names once deleted.
    pipeline: new DataLoader<string, Pipeline | null>((ids) =>
      byId(ids, em.find(Pipeline, { id: { $in: [...ids] } }, { filters: false })),
    ),
    stage: remembering<PipelineStage | null>((ids) =>
      plain
        ? rowsById(em, PipelineStage, ids, { filters: false })
        : byId(ids, em.find(PipelineStage, { id: { $in: [...ids] } }, { filters: false })),
    ),
    stagesOfPipeline: new DataLoader<string, PipelineStage[]>((ids) => stagesOfPipelines(em, ids)),
    pipelineSummary: new DataLoader<string, PipelineSummarySource>((ids) => summariesOf(em, ids)),
    deal: new DataLoader<string, Deal | null>((ids) => byId(ids, em.find(Deal, { id: { $in: [...ids] } }))),
    dealAny: new DataLoader<string, Deal | null>((ids) =>
      byId(ids, em.find(Deal, { id: { $in: [...ids] } }, { filters: false })),
    ),
    dealByTt: new DataLoader<string, Deal | null>(async (ids) => {
      const found = new Map((await em.find(Deal, { ttDealId: { $in: [...ids] } })).map((d) => [d.ttDealId, d]));
      return ids.map((id) => found.get(id) ?? null);
    }),
    activity: new DataLoader<string, Activity | null>((ids) => byId(ids, em.find(Activity, { id: { $in: [...ids] } }))),
    task: new DataLoader<string, Task | null>((ids) => byId(ids, em.find(Task, { id: { $in: [...ids] } }))),
    lastActivityOfDeal,
    activitiesOfContact: childList(em, activitiesBy('contact_id', 'contact'), plain),
    activitiesOfCompany: childList(em, activitiesBy('company_id', 'company'), plain),
    activitiesOfDeal: childList(em, activitiesBy('deal_id', 'deal'), plain),
    dealsOfContact: childList(em, dealsBy('primary_contact_id', 'primaryContact'), plain),
    dealsOfCompany: childList(em, dealsBy('company_id', 'company'), plain),
    tasksOfContact: childList(em, tasksBy('contact_id', 'contact'), plain),
    tasksOfCompany: childList(em, tasksBy('company_id', 'company'), plain),
    tasksOfDeal: childList(em, tasksBy('deal_id', 'deal'), plain),
    stageHistoryOfDeal: childList(
      em,
      {
        entity: DealStageChange,
        table: 'deal_stage_change',
        column: 'deal_id',
        property: 'deal',
        order: HISTORY_ORDER,
        orderBy: [{ changedAt: QueryOrder.DESC }, { id: QueryOrder.DESC }],
        softDelete: false,
      },
      plain,
    ),
    scoreHistoryOfContact: childList(
      em,
      {
        entity: LeadScoreChange,
        table: 'lead_score_change',
        column: 'contact_id',
        property: 'contact',
        order: HISTORY_ORDER,
        orderBy: [{ changedAt: QueryOrder.DESC }, { id: QueryOrder.DESC }],
        softDelete: false,
      },
      plain,
    ),
    ...ttLinkLoaders(em),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
