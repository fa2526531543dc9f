import {
  Cursor,
  type EntityManager,
  type EntityName,
  type FilterQuery,
  type FindByCursorOptions,
  type QueryOrderMap,
} from '@mikro-orm/postgresql';
import { badInput, type FieldProblem } from './errors.ts';
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * The one list convention of the graph: Relay-style cursor connections. Every list field, top-level
 * or nested, takes `first`/`after` (forward) or `last`/`before` (backward), answers
 * `{ edges { cursor node } nodes pageInfo totalCount }`, and refuses a page above MAX_PAGE_SIZE with
 * BAD_USER_INPUT on that field alone (connection fields are nullable, so the rest of the answer stays).
 */
export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;
/** Cursors are short opaque strings; anything longer is not one of ours. */
const MAX_CURSOR_LENGTH = 512;

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Checked paging: exactly one direction, a size within bounds, cursors of a plausible shape. */
export interface Paging {
  direction: 'forward' | 'backward';
  size: number;
  after?: string;
  before?: string;
}

const refuse = (fields: FieldProblem[]): never => {
  const first = fields[0];
  throw badInput(
    fields.length === 1 && first ? `${first.path}: ${first.message}` : 'Some paging arguments are not valid.',
    fields,
  );
};

/** Validates connection arguments; BAD_USER_INPUT names the argument. */
export function checkPaging(args: ConnectionArgs): Paging {
  const problems: FieldProblem[] = [];
  const { first, last, after, before } = args;
  if (first != null && last != null) problems.push({ path: 'last', message: 'use either first or last, not both' });
  for (const [name, value] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (value == null) continue;
    if (!Number.isInteger(value) || value < 0)
      problems.push({ path: name, message: 'must be a whole number of at least 0' });
    else if (value > MAX_PAGE_SIZE) problems.push({ path: name, message: `must be at most ${MAX_PAGE_SIZE}` });
  }
  for (const [name, value] of [
    ['after', after],
    ['before', before],
  ] as const) {
    if (value != null && (value.length === 0 || value.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(value))) {
      problems.push({ path: name, message: 'is not a cursor from this list' });
    }
  }
  if (problems.length) refuse(problems);
  const backward = last != null || (first == null && before != null && after == null);
  return {
    direction: backward ? 'backward' : 'forward',
    size: (backward ? last : first) ?? DEFAULT_PAGE_SIZE,
    after: after ?? undefined,
    before: before ?? undefined,
  };
}

/**
 * Refuses an `after`/`before` that is not a cursor of a list ordered by `orderBy` (one value per
 * order key), before any statement runs.
 */
export function checkCursors(paging: Pick<Paging, 'after' | 'before'>, orderBy: readonly object[]): void {
  const keys = orderBy.reduce<number>((n, o) => n + Object.keys(o).length, 0);
  for (const name of ['after', 'before'] as const) {
    const value = paging[name];
    if (value === undefined) continue;
    let decoded: unknown;
    try {
      decoded = Cursor.decode(value);
    } catch {
      decoded = undefined;
    }
    if (!Array.isArray(decoded) || decoded.length !== keys)
      refuse([{ path: name, message: 'is not a cursor from this list' }]);
  }
}

/** A connection from a MikroORM `Cursor` (its page, cursors and neighbours) and the total count. */
export function cursorConnection<T>(
  cursor: Pick<Cursor<object>, 'items' | 'from' | 'hasNextPage' | 'hasPrevPage' | 'startCursor' | 'endCursor'>,
  totalCount: number,
): Connection<T> {
  const items = cursor.items as T[];
  // Cursors are encoded only when asked for: a board that reads `nodes` and `endCursor` encodes one.
  let edges: Connection<T>['edges'] | undefined;
  return {
    get edges() {
      return (edges ??= items.map((node) => ({ cursor: cursor.from(node as never), node })));
    },
    nodes: items,
    pageInfo: {
      hasNextPage: cursor.hasNextPage,
      hasPreviousPage: cursor.hasPrevPage,
      get startCursor() {
        return cursor.startCursor;
      },
      get endCursor() {
        return cursor.endCursor;
      },
    },
    totalCount,
  };
}

/**
 * Keyset paging through MikroORM's `findByCursor`: pages stay stable while rows are inserted, because
 * a cursor is the position (the order's values) of a row, not an offset. `orderBy` must end in a
 * unique column (the id) so positions are total.
 */
export async function findConnection<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  args: ConnectionArgs,
  orderBy: QueryOrderMap<T>[],
  options: Omit<
    FindByCursorOptions<T, never, never, never, true>,
    'first' | 'last' | 'after' | 'before' | 'orderBy' | 'where'
  > = {},
): Promise<Connection<T>> {
  const paging = checkPaging(args);
  checkCursors(paging, orderBy);
  if (paging.size === 0) {
    const totalCount = await em.count(entity, where as never);
    return emptyConnection(totalCount);
  }
  // MikroORM's generic option types do not survive a generic entity; the call is checked by its tests.
  const cursor = await em.findByCursor<T, never, never, never, true>(
    entity as never,
    {
      ...options,
      where,
      orderBy,
      ...(paging.direction === 'forward'
        ? { first: paging.size, after: paging.after }
        : { last: paging.size, before: paging.before }),
      ...(paging.direction === 'forward' && paging.before ? { before: paging.before } : {}),
      ...(paging.direction === 'backward' && paging.after ? { after: paging.after } : {}),
      includeCount: true,
    } as never,
  );
  return cursorConnection<T>(cursor as never, cursor.totalCount);
}

export const emptyConnection = <T>(totalCount = 0): Connection<T> => ({
  edges: [],
  nodes: [],
  pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
  totalCount,
});

const OFFSET_PREFIX = 'o';
const encodeOffset = (offset: number) => Buffer.from(`${OFFSET_PREFIX}:${offset}`).toString('base64url');
const decodeOffset = (cursor: string, path: string): number => {
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m?.[1]) return refuse([{ path, message: 'is not a cursor from this list' }]);
  return Number(m[1]);
};

/**
 * The rows a position-based page covers. `fromEnd` marks "the last `limit` rows" (`last` without
 * `before`), which needs the total: settle it with `settleWindow` once the total is known.
 */
export interface OffsetWindow {
  offset: number;
  limit: number;
  fromEnd?: boolean;
}

/**
 * Offset paging for orders that have no stable key (ranked search results) and for sources that
 * page by number (TT-API): the cursor is the row's position, still opaque to clients.
 * `maxOffset` bounds how deep a caller may page.
 */
export function offsetWindow(args: ConnectionArgs, maxOffset = 100_000): OffsetWindow {
  const paging = checkPaging(args);
  const start = paging.after !== undefined ? decodeOffset(paging.after, 'after') + 1 : 0;
  const end = paging.before !== undefined ? decodeOffset(paging.before, 'before') : undefined;
  let window: OffsetWindow;
  if (paging.direction === 'forward') {
    window = {
      offset: start,
      limit: end === undefined ? paging.size : Math.max(0, Math.min(paging.size, end - start)),
    };
  } else if (end === undefined) {
    window = { offset: start, limit: paging.size, fromEnd: true };
  } else {
    const offset = Math.max(start, end - paging.size);
    window = { offset, limit: Math.max(0, end - offset) };
  }
  if (window.offset > maxOffset)
    refuse([{ path: paging.after !== undefined ? 'after' : 'before', message: `cannot page past row ${maxOffset}` }]);
  return window;
}

/** Turns "the last N rows" into positions once the total is known; other windows stay as they are. */
export function settleWindow(window: OffsetWindow, totalCount: number): OffsetWindow {
  if (!window.fromEnd) return window;
  const offset = Math.max(window.offset, totalCount - window.limit);
  return { offset, limit: Math.max(0, totalCount - offset) };
}

/** Builds a connection from one settled window of rows and the total. */
export function offsetConnection<T>(items: T[], totalCount: number, window: OffsetWindow): Connection<T> {
  const edges = items.map((node, i) => ({ cursor: encodeOffset(window.offset + i), node }));
  return {
    edges,
    nodes: items,
    pageInfo: {
      hasNextPage: window.offset + items.length < totalCount,
      hasPreviousPage: window.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}

/** A connection over a list already in memory (small fixed lists: stages of a pipeline). */
export function arrayConnection<T>(all: T[], args: ConnectionArgs): Connection<T> {
  const window = settleWindow(offsetWindow(args), all.length);
  return offsetConnection(all.slice(window.offset, window.offset + window.limit), all.length, window);
}

/**
 * The fields a connection field's nodes select, through `nodes { … }` or `edges { node { … } }`,
 * fragments (named and inline) included: what a list resolver may read ahead for its rows. With
 * `link`, the fields selected under the nodes' field of that name instead (`company { id name }`
 * of a page of deals): what the linked rows read ahead must carry. Directives are not read, so a
 * skipped field counts as selected: the set may be larger than needed, never smaller.
 */
export function selectedNodeFields(info: GraphQLResolveInfo, link?: string): Set<string> {
  const fields = new Set<string>();
  type Depth = 'connection' | 'edge' | 'node' | 'link';
  const walk = (set: SelectionSetNode | undefined, depth: Depth, seen: Set<string>) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) {
        const name = s.name.value;
        if (depth === 'link' || (depth === 'node' && link === undefined)) fields.add(name);
        else if (depth === 'node' && name === link) walk(s.selectionSet, 'link', seen);
        else if (depth === 'connection' && name === 'nodes') walk(s.selectionSet, 'node', seen);
        else if (depth === 'connection' && name === 'edges') walk(s.selectionSet, 'edge', seen);
        else if (depth === 'edge' && name === 'node') walk(s.selectionSet, 'node', seen);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        walk(s.selectionSet, depth, seen);
      } else if (!seen.has(`${depth}:${s.name.value}`)) {
        seen.add(`${depth}:${s.name.value}`);
        walk(info.fragments[s.name.value]?.selectionSet, depth, seen);
      }
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet, 'connection', new Set());
  return fields;
}

/**
 * The fields a field's own selection selects (every node of the field, fragments included, directives
 * not read), computed once per set of field nodes: an executor hands each row of a list the same
 * `fieldNodes`, and a compiled query hands them to every run.
 */
export function selectedFields(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): ReadonlySet<string> {
  let fields = selectedByNodes.get(info.fieldNodes);
  if (fields) return fields;
  fields = new Set<string>();
  const found = fields;
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) found.add(s.name.value);
      else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        walk(info.fragments[s.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet);
  selectedByNodes.set(info.fieldNodes, fields);
  return fields;
}

const selectedByNodes = new WeakMap<readonly FieldNode[], Set<string>>();
