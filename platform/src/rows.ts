import {
  Cursor,
  QueryHelper,
  raw,
  ReferenceKind,
  type EntityClass,
  type EntityData,
  type EntityMetadata,
  type FilterQuery,
  type QueryOrderMap,
} from '@mikro-orm/core';
import type { EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
import {
  checkCursors,
  checkPaging,
  cursorConnection,
  emptyConnection,
  type Connection,
  type ConnectionArgs,
} from './connections.ts';

/**
 * The read path of lists and boards: the same SQL as `em.find` (soft-delete filters, keyset
 * conditions, order, limit), but each row stays a plain object instead of becoming a managed
 * entity with a change-tracking snapshot, which was most of a list's CPU. A row carries every
 * loaded property under its entity name with its JS type (Cents as numbers, dates as Dates) and
 * each many-to-one relation as `{ id }` (or null), which is all the field resolvers read.
 *
 * Rows are typed as their entity so the resolvers serve both, but they are read-only: never pass
 * one to `em.flush`, `wrap()` or a service that changes it.
 */
export interface ReadOptions<T> {
  orderBy?: QueryOrderMap<T>[];
  limit?: number;
  offset?: number;
  /** `false` reads soft-deleted rows too (history names them). */
  filters?: false;
  /** Only these properties' columns (and the primary key): see `propertiesFor`. */
  fields?: readonly string[];
}

/**
 * The properties a list's rows must carry for the fields its nodes select (selectedNodeFields):
 * each field's own property, or what `reads[field]` says it reads when its resolver reads something
 * else. Undefined (every column) as soon as one selected field has a resolver of its own that
 * `reads` does not describe, or is no property: a row never lacks what a field reads.
 */
export function propertiesFor<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  selected: ReadonlySet<string>,
  reads: Readonly<Record<string, readonly string[]>>,
  resolvers: object,
): string[] | undefined {
  const meta = em.getMetadata().get(entity);
  const needed = new Set<string>(meta.primaryKeys);
  for (const field of selected) {
    const read = reads[field];
    if (read) {
      for (const p of read) needed.add(p);
      continue;
    }
    if (field === '__typename') continue;
    const prop = meta.properties[field as keyof typeof meta.properties];
    if (field in resolvers || !prop || prop.persist === false || prop.formula || prop.lazy) return undefined;
    if (prop.kind !== ReferenceKind.SCALAR && prop.kind !== ReferenceKind.MANY_TO_ONE) return undefined;
    needed.add(field);
  }
  return [...needed];
}

/** `{ id }` for a loaded relation id, so `row.company.id` reads as it does on an entity. */
const refOf = (value: unknown) => (value == null ? null : typeof value === 'object' ? value : { id: value });

function plainRow<T extends object>(meta: EntityMetadata<T>, data: EntityData<T>, em: EntityManager): T {
  const row = data as Record<string, unknown>;
  const platform = em.getPlatform();
  for (const prop of meta.props) {
    if (!(prop.name in row)) continue;
    const value = row[prop.name];
    if (prop.kind === ReferenceKind.MANY_TO_ONE || prop.kind === ReferenceKind.ONE_TO_ONE) {
      row[prop.name] = refOf(value);
    } else if (prop.customType && value != null) {
      row[prop.name] = prop.customType.convertToJSValue(value, platform);
    }
  }
  return row as T;
}

/**
 * Rows a hand-written statement selected (`select t.* ...`, column names), as plain rows: the same
 * mapping `em.map` does, without the managed entity.
 */
export function plainRows<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  rows: Record<string, unknown>[],
  /** Columns PostgreSQL maintains that rows never carry (a search vector, a window's rank). */
  skip: ReadonlySet<string> = NO_COLUMNS,
): T[] {
  const meta = em.getMetadata().get(entity);
  const driver = em.getDriver();
  return rows.map((r) => {
    // Emptied rather than deleted: a deleted key leaves the row (and its mapping) in V8's slow
    // dictionary mode; the mapping passes an unknown column through as undefined.
    for (const column of skip) r[column] = undefined;
    const mapped = driver.mapResult(r as never, meta);
    return plainRow(meta, (mapped ?? {}) as EntityData<T>, em);
  });
}

const NO_COLUMNS: ReadonlySet<string> = new Set();

async function readWhere<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T>,
  filters?: false,
): Promise<FilterQuery<T>> {
  const processed = QueryHelper.processWhere({
    where,
    entityName: entity,
    metadata: em.getMetadata(),
    platform: em.getPlatform(),
    aliased: true,
  });
  return (await em.applyFilters(entity, processed, filters ?? {}, 'read')) ?? {};
}

type FindRowsOptions<T> = ReadOptions<T> & {
  first?: number;
  last?: number;
  after?: string;
  before?: string;
  overfetch?: boolean;
};

/** The column a first page's statement adds: how many rows match in all (a window over the filter). */
const TOTAL = '__nexus_total';
const TOTAL_COLUMN = new Set([TOTAL]);

/** What `driver.find` is given for a read of plain rows: the filtered where and the find options. */
async function findArgs<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T>,
  options: FindRowsOptions<T>,
) {
  const { filters, ...find } = options;
  return {
    where: (await readWhere(em, entity, where, filters)) as never,
    options: {
      ...find,
      orderBy: find.orderBy ?? [],
      populate: [],
      ctx: em.getTransactionContext(),
      // MikroORM's generic option types do not survive a generic entity; the call is checked by its tests.
      em: em as never,
    } as never,
  };
}

/** Plain rows of `entity` matching `where`, in one statement. */
export async function findRows<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T>,
  options: FindRowsOptions<T> = {},
): Promise<T[]> {
  const meta = em.getMetadata().get(entity);
  const find = await findArgs(em, entity, where, options);
  const data = await em.getDriver().find<T>(entity, find.where, find.options);
  return data.map((d) => plainRow(meta, d, em));
}

/**
 * A first page (forward, no cursor) and, in the same statement, how many rows the filter matches:
 * `count(*) over ()` is computed before the limit, and no cursor narrows the filter.
 */
async function firstPageCounted<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T>,
  options: FindRowsOptions<T>,
): Promise<{ rows: T[]; total: number }> {
  const meta = em.getMetadata().get(entity);
  const find = await findArgs(em, entity, where, options);
  // The statement driver.find builds (the method it builds it with is typed private, and the
  // version is pinned), with the window count beside the columns.
  const build = em.getDriver() as unknown as {
    createQueryBuilderFromOptions(meta: unknown, where: unknown, options: unknown): Promise<QueryBuilder<T>>;
  };
  const qb = await build.createQueryBuilderFromOptions(meta, find.where, find.options);
  qb.addSelect(raw(`count(*) over () as "${TOTAL}"`));
  const found = (await qb.execute('all', false)) as unknown as Record<string, unknown>[];
  const total = found.length > 0 ? Number(found[0]?.[TOTAL]) : 0;
  return { rows: plainRows(em, entity, found, TOTAL_COLUMN), total };
}

/**
 * Counts in flight in one request's unit of work, by entity and filter: two lists of the same
 * filter asked for at once (a board's two pages under aliases) share one count. An entry lives
 * only while its count is on its way, so a count asked for after a write is never an earlier one.
 */
const countsInFlight = new WeakMap<EntityManager, Map<string, Promise<number>>>();

function sharedCount<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T>,
  count: () => Promise<number>,
): Promise<number> {
  let key: string;
  try {
    key = `${entity.name}\n${JSON.stringify(where)}`;
  } catch {
    return count();
  }
  let inFlight = countsInFlight.get(em);
  if (!inFlight) countsInFlight.set(em, (inFlight = new Map()));
  const pending = inFlight.get(key);
  if (pending) return pending;
  const counting = count();
  const entries = inFlight;
  entries.set(key, counting);
  const settle = () => void (entries.get(key) === counting && entries.delete(key));
  counting.then(settle, settle);
  return counting;
}

/**
 * The columns of `entity`'s loaded properties, on `alias` (`t."id", t."name", …`): every column a
 * managed entity loads, or with `fields` only those properties' (and the primary key's).
 */
export function columnsOf<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  alias: string,
  fields?: readonly string[],
): string {
  const meta = em.getMetadata().get(entity);
  const wanted = fields && new Set<string>([...meta.primaryKeys, ...fields]);
  return meta.props
    .filter(
      (p) =>
        p.persist !== false &&
        !p.lazy &&
        !p.formula &&
        (p.kind === ReferenceKind.SCALAR ||
          p.kind === ReferenceKind.MANY_TO_ONE ||
          (p.kind === ReferenceKind.ONE_TO_ONE && p.owner)) &&
        (!wanted || wanted.has(p.name)),
    )
    .flatMap((p) => p.fieldNames.map((c) => `${alias}."${c}"`))
    .join(', ');
}

/**
 * The statement `em.find(entity, { id: { $in } })` runs (its columns, or `fields`' only, and its
 * soft-delete filter), built once per entity and set of properties instead of through the query
 * builder on every batch. Entities with any other filter are left to `findRows`.
 */
const byIdStatements = new Map<string, string | null>();
function byIdStatement<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  filters?: false,
  fields?: readonly string[],
): string | null {
  const key = `${entity.name}:${filters === false ? 'all' : 'live'}:${fields?.join(',') ?? '*'}`;
  let sql = byIdStatements.get(key);
  if (sql !== undefined) return sql;
  const meta = em.getMetadata().get(entity);
  const named = Object.values(meta.filters ?? {});
  const deletedAt = meta.props.find((p) => p.name === 'deletedAt')?.fieldNames?.[0];
  const softDeleteOnly = named.every((f) => f.name === 'notDeleted') && (named.length === 0 || deletedAt);
  sql = softDeleteOnly
    ? `select ${columnsOf(em, entity, 't', fields)} from "${meta.tableName}" as t where t."id" in (?)` +
      (named.length > 0 && filters !== false ? ` and t."${deletedAt}" is null` : '')
    : null;
  byIdStatements.set(key, sql);
  return sql;
}

/**
 * Plain rows by id (a DataLoader's batch), in key order, null for missing. With `fields`
 * (`propertiesFor`), each row carries only those properties and its id.
 */
export async function rowsById<T extends { id: string }>(
  em: EntityManager,
  entity: EntityClass<T>,
  ids: readonly string[],
  options: { filters?: false; fields?: readonly string[] } = {},
): Promise<(T | null)[]> {
  const sql = byIdStatement(em, entity, options.filters, options.fields);
  const rows = sql
    ? plainRows(
        em,
        entity,
        await em.getConnection().execute<Record<string, unknown>[]>(sql, [[...ids]], 'all', em.getTransactionContext()),
      )
    : await findRows(em, entity, { id: { $in: [...ids] } } as never, options);
  const found = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => found.get(id) ?? null);
}

/**
 * `findConnection` (platform's keyset cursor connection) over plain rows: the page (one row more
 * than asked, to know whether another follows) and its count, the same two statements and the same
 * cursors. `decorate` may complete the rows a cursor reads (the board's stage position) before
 * cursors are computed.
 */
export async function rowConnection<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T>,
  args: ConnectionArgs,
  orderBy: QueryOrderMap<T>[],
  decorate?: (rows: T[]) => Promise<void>,
  /** The properties the rows need (`propertiesFor`); the order's are added for the cursors. */
  fields?: readonly string[],
): Promise<Connection<T>> {
  const paging = checkPaging(args);
  const meta = em.getMetadata().get(entity);
  checkCursors(paging, orderBy);
  if (paging.size === 0) return emptyConnection(await em.count(entity, where as never));
  const columns = fields && [...new Set([...fields, ...orderBy.flatMap((o) => Object.keys(o))])];
  const cursorOptions = {
    orderBy,
    overfetch: true,
    ...(columns ? { fields: columns } : {}),
    ...(paging.direction === 'forward'
      ? { first: paging.size, after: paging.after, ...(paging.before ? { before: paging.before } : {}) }
      : { last: paging.size, before: paging.before, ...(paging.after ? { after: paging.after } : {}) }),
  };
  // A first page counts its filter in its own statement; any other page shares a count in flight
  // for the same filter (the first page's, under another alias) or runs its own.
  const firstPage = paging.direction === 'forward' && !paging.after && !paging.before;
  let items: T[];
  let totalCount: number;
  if (firstPage) {
    const page = firstPageCounted(em, entity, where, cursorOptions);
    const counted = sharedCount(em, entity, where, async () => (await page).total);
    [{ rows: items }, totalCount] = await Promise.all([page, counted]);
  } else {
    [items, totalCount] = await Promise.all([
      findRows(em, entity, where, cursorOptions),
      sharedCount(em, entity, where, () => em.count(entity, where as never)),
    ]);
  }
  if (decorate) await decorate(items);
  return cursorConnection<T>(new Cursor(items as never, totalCount, cursorOptions as never, meta as never), totalCount);
}
