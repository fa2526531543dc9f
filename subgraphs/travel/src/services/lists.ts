import { z } from 'zod';
import { forbidden, parseInput, zId, type Viewer } from '@nexus/platform';
import { RANK_OF } from '@nexus/platform';
import { MAX_PAGE_LIMIT } from '../tt-api/contract.ts';
import type { ListResult } from '../tt-api/contract.ts';

/** A GraphQL page of TT-API rows. */
export interface Page<T> {
  nodes: T[];
  totalCount: number;
  page: number;
  totalPages: number;
}

export const toPage = <T>(res: ListResult<T>): Page<T> => ({
  nodes: res.data,
  totalCount: res.pagination.total,
  page: res.pagination.page,
  totalPages: res.pagination.totalPages,
});

const pagingSchema = z.object({
  page: z.int().min(1, { message: 'must be at least 1' }).max(100_000),
  limit: z.int().min(1, { message: 'must be at least 1' }).max(MAX_PAGE_LIMIT, { message: `must be at most ${MAX_PAGE_LIMIT}` }),
});

/** Page arguments, checked here so a bad one never costs a TT-API call. */
export const paging = (args: { page?: number | null; limit?: number | null }) =>
  parseInput(pagingSchema, { page: args.page ?? 1, limit: args.limit ?? 20 }, 'args');

/** A relation's `limit` argument (the first N children). */
export const relationLimit = (limit: number | null | undefined) =>
  parseInput(z.int().min(1).max(MAX_PAGE_LIMIT), limit ?? 25, 'limit');

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

/** TT-API's sort parameters from a GraphQL sort input. */
export function sortOf<F extends string>(
  sort: { field: F; direction?: 'asc' | 'desc' | null } | null | undefined,
  fallback: 'asc' | 'desc',
): { sortBy?: F; sortOrder?: 'asc' | 'desc' } {
  if (!sort) return {};
  return { sortBy: sort.field, sortOrder: sort.direction ?? fallback };
}

/** Sorting by a finance figure reveals it, so it needs the rank that reading it needs. */
export function requireManagerForSort(viewer: Viewer, field: string | undefined, financeFields: readonly string[]) {
  if (field !== undefined && financeFields.includes(field) && viewer.rank < RANK_OF.MANAGER) {
    throw forbidden(`Sorting by ${field} needs MANAGER or above.`, { requiredRank: 'MANAGER' });
  }
}

export const checkId = (id: unknown, path = 'id') => parseInput(zId, id, path);
