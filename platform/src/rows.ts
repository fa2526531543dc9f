import {
  Cursor,
  QueryHelper,
  ReferenceKind,
  type EntityClass,
  type EntityData,
  type EntityMetadata,
  type FilterQuery,
  type QueryOrderMap,
} from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
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
  skip: ReadonlySet<string> = new Set(),
): T[] {
  const meta = em.getMetadata().get(entity);
  const driver = em.getDriver();
  return rows.map((r) => {
    for (const column of skip) delete r[column];
    const mapped = driver.mapResult(r as never, meta);
    return plainRow(meta, (mapped ?? {}) as EntityData<T>, em);
  });
}

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

/** Plain rows of `entity` matching `where`, in one statement. */
export async function findRows<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T>,
  options: ReadOptions<T> & {
    first?: number;
    last?: number;
    after?: string;
    before?: string;
    overfetch?: boolean;
  } = {},
): Promise<T[]> {
  const meta = em.getMetadata().get(entity);
  const { filters, ...find } = options;
  const data = await em.getDriver().find<T>(entity, (await readWhere(em, entity, where, filters)) as never, {
    ...find,
    orderBy: find.orderBy ?? [],
    populate: [],
    ctx: em.getTransactionContext(),
    // MikroORM's generic option types do not survive a generic entity; the call is checked by its tests.
    em: em as never,
  });
  return data.map((d) => plainRow(meta, d, em));
}

/**
 * The statement `em.find(entity, { id: { $in } })` runs (its columns, its soft-delete filter), built
 * once per entity instead of through the query builder on every batch. Entities with any other
 * filter are left to `findRows`.
 */
const byIdStatements = new Map<string, string | null>();
function byIdStatement<T extends object>(em: EntityManager, entity: EntityClass<T>, filters?: false): string | null {
  const key = `${entity.name}:${filters === false ? 'all' : 'live'}`;
  let sql = byIdStatements.get(key);
  if (sql !== undefined) return sql;
  const meta = em.getMetadata().get(entity);
  const named = Object.values(meta.filters ?? {});
  const deletedAt = meta.props.find((p) => p.name === 'deletedAt')?.fieldNames?.[0];
  const softDeleteOnly = named.every((f) => f.name === 'notDeleted') && (named.length === 0 || deletedAt);
  const columns = meta.props
    .filter(
      (p) =>
        p.persist !== false &&
        !p.lazy &&
        !p.formula &&
        (p.kind === ReferenceKind.SCALAR ||
          p.kind === ReferenceKind.MANY_TO_ONE ||
          (p.kind === ReferenceKind.ONE_TO_ONE && p.owner)),
    )
    .flatMap((p) => p.fieldNames.map((c) => `t."${c}"`));
  sql = softDeleteOnly
    ? `select ${columns.join(', ')} from "${meta.tableName}" as t where t."id" in (?)` +
      (named.length > 0 && filters !== false ? ` and t."${deletedAt}" is null` : '')
    : null;
  byIdStatements.set(key, sql);
  return sql;
}

/** Plain rows by id (a DataLoader's batch), in key order, null for missing. */
export async function rowsById<T extends { id: string }>(
  em: EntityManager,
  entity: EntityClass<T>,
  ids: readonly string[],
  options: { filters?: false } = {},
): Promise<(T | null)[]> {
  const sql = byIdStatement(em, entity, options.filters);
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
): Promise<Connection<T>> {
  const paging = checkPaging(args);
  const meta = em.getMetadata().get(entity);
  checkCursors(paging, orderBy);
  if (paging.size === 0) return emptyConnection(await em.count(entity, where as never));
  const cursorOptions = {
    orderBy,
    overfetch: true,
    ...(paging.direction === 'forward'
      ? { first: paging.size, after: paging.after, ...(paging.before ? { before: paging.before } : {}) }
      : { last: paging.size, before: paging.before, ...(paging.after ? { after: paging.after } : {}) }),
  };
  const [items, totalCount] = await Promise.all([
    findRows(em, entity, where, cursorOptions),
    em.count(entity, where as never),
  ]);
  if (decorate) await decorate(items);
  return cursorConnection<T>(new Cursor(items as never, totalCount, cursorOptions as never, meta as never), totalCount);
}
