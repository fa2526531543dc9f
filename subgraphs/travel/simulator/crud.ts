/**
 * Generic TT-API route behaviour: validated params, query and bodies, list filtering, search,
 * sorting and pagination, soft delete, and contract-checked responses.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import { idParamSchema, itemResponse, listResponse, ttResponses } from '../src/tt-api/contract.ts';
import type { PaginationMeta, ResourceDef } from '../src/tt-api/contract.ts';
import type { SimDb } from './db.ts';
import { SimHttpError, issuesOf, notFoundError, validationError } from './http-errors.ts';

/** Node bindings are present when served by @hono/node-server, absent under `app.request()`. */
export type SimEnv = {
  Variables: { requestId: string };
  Bindings: { incoming?: IncomingMessage; outgoing?: ServerResponse };
};
export type SimApp = Hono<SimEnv>;
export type SimContext = Context<SimEnv>;

export interface SimLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface SimCtx {
  db(): SimDb;
  logger: SimLogger;
}

export const nowIso = () => new Date().toISOString();

/** Own-property read without casting rows to a record type. */
export function field(row: object, key: string): unknown {
  return Object.getOwnPropertyDescriptor(row, key)?.value;
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/**
 * Every answer is checked against the contract before it leaves, so the simulator can never
 * drift from what the client validates.
 */
export function respond<S extends z.ZodType>(ctx: SimCtx, schema: S, body: z.input<S>, status = 200): Response {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    ctx.logger.error({ issues: parsed.error.issues.slice(0, 5) }, 'simulator answer violates the TT-API contract');
    throw new Error('simulator answer violates the TT-API contract');
  }
  return json(parsed.data, status);
}

export function parseId(c: SimContext): string {
  const parsed = idParamSchema.safeParse({ id: c.req.param('id') });
  if (!parsed.success) throw validationError(issuesOf(parsed.error), 'Invalid id parameter');
  return parsed.data.id;
}

export function parseQuery<S extends z.ZodType>(c: SimContext, schema: S): z.output<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw validationError(issuesOf(parsed.error), 'Invalid query parameters');
  return parsed.data;
}

export async function parseBody<S extends z.ZodType>(c: SimContext, schema: S): Promise<z.output<S>> {
  const text = await c.req.text();
  let raw: unknown;
  try {
    raw = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw validationError([{ path: [], message: 'Request body is not valid JSON' }], 'Malformed JSON body');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(issuesOf(parsed.error));
  return parsed.data;
}

const RESERVED = new Set(['page', 'limit', 'search', 'sortBy', 'sortOrder']);

export type RowFilter<Row> = (row: Row, value: unknown) => boolean;

export interface ListOutcome<Row> {
  data: Row[];
  pagination: PaginationMeta;
  /** Every row that matched the filters and search (before pagination). */
  matched: Row[];
}

export function listRows<Row extends object>(
  rows: Row[],
  rawQuery: unknown,
  searchFields: readonly string[],
  filters: Readonly<Record<string, RowFilter<Row>>> = {},
): ListOutcome<Row> {
  const query: object = typeof rawQuery === 'object' && rawQuery !== null ? rawQuery : {};
  let out = rows;
  for (const [key, value] of Object.entries(query)) {
    if (RESERVED.has(key) || value === undefined) continue;
    const custom = filters[key];
    // `ids`, `clientIds`, ...: comma lists (already split by the contract) match the singular column.
    const column = Array.isArray(value) && key.endsWith('s') ? key.slice(0, -1) : key;
    out = out.filter((row) =>
      custom ? custom(row, value)
      : Array.isArray(value) ? value.includes(field(row, column))
      : field(row, key) === value,
    );
  }
  const search = field(query, 'search');
  if (typeof search === 'string' && search !== '') {
    const needle = search.toLowerCase();
    out = out.filter((row) =>
      searchFields.some((f) => {
        const v = field(row, f);
        return typeof v === 'string' && v.toLowerCase().includes(needle);
      }),
    );
  }
  const sortBy = field(query, 'sortBy');
  const direction = field(query, 'sortOrder') === 'asc' ? 1 : -1;
  if (typeof sortBy === 'string') {
    out = [...out].sort((a, b) => {
      const va = field(a, sortBy);
      const vb = field(b, sortBy);
      const aMissing = va === null || va === undefined;
      const bMissing = vb === null || vb === undefined;
      // Rows without a value always come last, whatever the direction.
      if (aMissing !== bMissing) return aMissing ? 1 : -1;
      const byField = aMissing ? 0 : compare(va, vb);
      if (byField !== 0) return byField * direction;
      return String(field(a, 'id')) < String(field(b, 'id')) ? -1 : 1;
    });
  }
  const pageValue = field(query, 'page');
  const limitValue = field(query, 'limit');
  const page = typeof pageValue === 'number' ? pageValue : 1;
  const limit = typeof limitValue === 'number' ? limitValue : 20;
  const total = out.length;
  return {
    data: out.slice((page - 1) * limit, page * limit),
    pagination: { page, limit, total, totalPages: Math.ceil(total / limit) },
    matched: out,
  };
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a === b ? 0 : a < b ? -1 : 1;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  const sa = String(a).toLowerCase();
  const sb = String(b).toLowerCase();
  return sa === sb ? 0 : sa < sb ? -1 : 1;
}

type Row = { id: string; deletedAt: string | null; updatedAt: string };

export interface ResourceHooks<R extends Row, CIn, UIn> {
  def: ResourceDef<z.ZodType, z.ZodType, z.ZodType, z.ZodType<CIn>, z.ZodType<UIn>>;
  /** The row type is inferred from here only; the hooks below must fit it. */
  table(db: SimDb): Map<string, R>;
  filters?: Readonly<Record<string, RowFilter<NoInfer<R>>>>;
  /** What GET :id (and create/update) answer; the row itself by default. */
  detail?(row: NoInfer<R>, db: SimDb): unknown;
  create?(input: CIn, db: SimDb): NoInfer<R>;
  /** Returns the changed row; `updatedAt` is set by the caller. */
  update?(row: NoInfer<R>, input: UIn, db: SimDb): NoInfer<R>;
}

export function mountResource<R extends Row, CIn, UIn>(app: SimApp, ctx: SimCtx, hooks: ResourceHooks<R, CIn, UIn>): void {
  const { def } = hooks;
  const ops = new Set(def.ops);
  const detailOf = (row: R, db: SimDb): unknown => (hooks.detail ? hooks.detail(row, db) : row);
  const load = (db: SimDb, id: string): R => {
    const row = hooks.table(db).get(id);
    if (row === undefined || row.deletedAt !== null) throw notFoundError(def.name, id);
    return row;
  };

  if (ops.has('list')) {
    app.get(def.path, (c) => {
      const db = ctx.db();
      const query = parseQuery(c, def.listQuery);
      const rows = [...hooks.table(db).values()].filter((r) => r.deletedAt === null);
      const { data, pagination } = listRows(rows, query, def.searchFields, hooks.filters);
      return respond(ctx, listResponse(def.entity), { data, pagination });
    });
  }
  if (ops.has('get')) {
    app.get(`${def.path}/:id`, (c) => {
      const db = ctx.db();
      return respond(ctx, itemResponse(def.detail), { data: detailOf(load(db, parseId(c)), db) });
    });
  }
  const create = hooks.create;
  if (ops.has('create') && create) {
    app.post(def.path, async (c) => {
      const db = ctx.db();
      const input = await parseBody(c, def.create);
      const row = create(input, db);
      hooks.table(db).set(row.id, row);
      return respond(ctx, itemResponse(def.detail), { data: detailOf(row, db) }, 201);
    });
  }
  const update = hooks.update;
  if (ops.has('update') && update) {
    app.patch(`${def.path}/:id`, async (c) => {
      const db = ctx.db();
      const id = parseId(c);
      const input = await parseBody(c, def.update);
      const row = { ...update(load(db, id), input, db), updatedAt: nowIso() };
      hooks.table(db).set(id, row);
      return respond(ctx, itemResponse(def.detail), { data: detailOf(row, db) });
    });
  }
  if (ops.has('delete')) {
    app.delete(`${def.path}/:id`, (c) => {
      const db = ctx.db();
      const id = parseId(c);
      const row = load(db, id);
      const deletedAt = nowIso();
      hooks.table(db).set(id, { ...row, deletedAt, updatedAt: deletedAt });
      return respond(ctx, ttResponses.deleted, { data: { id, deletedAt } });
    });
  }
}

export { SimHttpError };
