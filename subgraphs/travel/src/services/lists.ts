import {
  RANK_OF,
  emptyConnection,
  forbidden,
  offsetConnection,
  offsetWindow,
  parseInput,
  settleWindow,
  zId,
  type Connection,
  type ConnectionArgs,
  type OffsetWindow,
  type Viewer,
} from '@nexus/platform';
import { MAX_PAGE_LIMIT } from '../tt-api/contract.ts';
import type { ListResult } from '../tt-api/contract.ts';

/** One TT-API page request: TT-API pages by number, at most MAX_PAGE_LIMIT rows a page. */
export interface TtPage {
  page: number;
  limit: number;
}

export type FetchPage<T> = (paging: TtPage) => Promise<ListResult<T>>;

/** A connection over TT-API rows, with the last TT-API answer (commissions read its summary). */
export type TtConnection<T, R extends ListResult<unknown> = ListResult<T>> = Connection<T> & { response: R };

/**
 * The TT-API pages covering a window of rows: one page when the window starts on a page boundary
 * of its own size, otherwise two pages of that size (a window never spans more than two).
 */
export function pagesFor(window: Pick<OffsetWindow, 'offset' | 'limit'>): TtPage[] {
  const limit = Math.min(MAX_PAGE_LIMIT, Math.max(1, window.limit));
  const firstPage = Math.floor(window.offset / limit) + 1;
  return window.offset % limit === 0
    ? [{ page: firstPage, limit }]
    : [
        { page: firstPage, limit },
        { page: firstPage + 1, limit },
      ];
}

/**
 * A connection over one of TT-API's page-numbered lists. Cursors are positions (offset cursors):
 * TT-API offers no keyset. `totalCount` is TT-API's pagination total. `last` without `before`
 * needs the total first, so it costs one more call (page 1 of the same size, which answers alone
 * when everything fits in it).
 */
export async function ttConnection<R extends ListResult<unknown>>(
  fetch: (paging: TtPage) => Promise<R>,
  args: ConnectionArgs,
): Promise<TtConnection<R['data'][number], R>> {
  type T = R['data'][number];
  let window = offsetWindow(args);
  if (window.limit === 0) {
    const response = await fetch({ page: 1, limit: 1 });
    return { ...emptyConnection<T>(response.pagination.total), response };
  }
  if (window.fromEnd) {
    const probe = await fetch({ page: 1, limit: window.limit });
    window = settleWindow(window, probe.pagination.total);
    if (window.offset === 0)
      return {
        ...offsetConnection(probe.data.slice(0, window.limit), probe.pagination.total, window),
        response: probe,
      };
  }
  const pages = pagesFor(window);
  const responses = await Promise.all(pages.map((p) => fetch(p)));
  const [first] = pages;
  const response = responses.at(-1);
  if (!first || !response) throw new Error('no TT-API page requested');
  const skip = window.offset - (first.page - 1) * first.limit;
  const items = responses.flatMap((r) => r.data).slice(skip, skip + window.limit);
  return { ...offsetConnection(items, response.pagination.total, window), response };
}

/** A connection over rows already in memory (a parent's embedded list, a batch of children). */
export function memoryConnection<T>(all: readonly T[], args: ConnectionArgs): Connection<T> {
  const window = settleWindow(offsetWindow(args), all.length);
  return offsetConnection(all.slice(window.offset, window.offset + window.limit), all.length, window);
}

/** Children of one parent from a batched load: every row when `complete`, else the batch ran out. */
export interface ChildBatch<T> {
  rows: T[];
  complete: boolean;
}

/**
 * A nested list: served from the batch its parents share (one TT-API call for a page of parents)
 * while that batch holds all of this parent's rows; otherwise this parent's own pages from TT-API,
 * so a nested list pages past its first batch.
 */
export async function childConnection<T>(
  batch: () => Promise<ChildBatch<T>>,
  fetchOwn: FetchPage<T>,
  args: ConnectionArgs,
): Promise<Connection<T>> {
  offsetWindow(args);
  const { rows, complete } = await batch();
  if (complete) return memoryConnection(rows, args);
  return ttConnection(fetchOwn, args);
}

/** `orderBy` as TT-API's sort parameters, or the list's documented default order. */
export function orderOf<F extends string>(
  orderBy: { field: F; direction?: 'ASC' | 'DESC' | null } | null | undefined,
  fallback: { sortBy: F; sortOrder: 'asc' | 'desc' },
): { sortBy: F; sortOrder: 'asc' | 'desc' } {
  if (!orderBy) return fallback;
  return { sortBy: orderBy.field, sortOrder: orderBy.direction === 'DESC' ? 'desc' : 'asc' };
}

type Compact<T> = { [K in keyof T]?: Exclude<T[K], null | undefined> };

/**
 * A GraphQL filter as TT-API query parameters: nulls and blank searches dropped (GraphQL null
 * means "no condition"), ids checked to be UUIDs.
 */
export function filterOf<T extends object>(filter: T | null | undefined): Compact<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter ?? {})) {
    if (value === null || value === undefined) continue;
    if (key === 'search' && typeof value === 'string' && value.trim() === '') continue;
    out[key] = /Id$/.test(key) ? parseInput(zId, value, `filter.${key}`) : value;
  }
  return out as Compact<T>;
}

/** Ordering by a finance figure reveals it, so it needs the rank that reading it needs. */
export function requireManagerForSort(viewer: Viewer, field: string | undefined, financeFields: readonly string[]) {
  if (field !== undefined && financeFields.includes(field) && viewer.rank < RANK_OF.MANAGER) {
    throw forbidden(`Ordering by ${field} needs MANAGER or above.`, { requiredRank: 'MANAGER' });
  }
}

export const checkId = (id: unknown, path = 'id') => parseInput(zId, id, path);
