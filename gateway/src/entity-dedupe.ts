import type { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
// The package root does not re-export the request kinds.
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types.js';

type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/**
 * `@apollo/gateway` sends one `_entities` representation per place an entity appears: a board of
 * 200 deals owned by one person asks identity for the same user 200 times, and identity resolves,
 * checks and serialises each. The same representation is sent once here and its answer handed
 * back at every place that asked, so the subgraph's work follows the distinct entities.
 */
export interface Deduped {
  /** The distinct representations, in first-seen order. */
  unique: unknown[];
  /** For each original position, its index in `unique`. */
  positions: number[];
}

/** Distinct representations, or null when every one is already distinct. */
export function dedupeRepresentations(representations: readonly unknown[]): Deduped | null {
  const seen = new Map<string, number>();
  const unique: unknown[] = [];
  const positions: number[] = [];
  for (const representation of representations) {
    const key = JSON.stringify(representation);
    let at = seen.get(key);
    if (at === undefined) {
      at = unique.length;
      seen.set(key, at);
      unique.push(representation);
    }
    positions.push(at);
  }
  return unique.length === representations.length ? null : { unique, positions };
}

/** A copy of a parsed JSON value (a subgraph's entity), cheaper than structuredClone for small objects. */
function copyJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyJson);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = copyJson((value as Record<string, unknown>)[key]);
    // A JSON key `__proto__` is an own property; assigning it would set the copy's prototype instead.
    if (key === '__proto__')
      Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    else copy[key] = item;
  }
  return copy;
}

/**
 * The answer as the subgraph would have given it for every original representation: `_entities`
 * in original order (a copy for each repeat, so no two places in the result share an object) and
 * each error under `_entities.<i>` once for every position that asked for that entity.
 */
export function expandAnswer(answer: GatewayGraphQLResponse, deduped: Deduped): GatewayGraphQLResponse {
  const entities = (answer.data as { _entities?: unknown } | null | undefined)?._entities;
  const firstAt = new Map<number, number>();
  deduped.positions.forEach((u, i) => firstAt.has(u) || firstAt.set(u, i));
  const data = Array.isArray(entities)
    ? {
        ...answer.data,
        _entities: deduped.positions.map((u, i) =>
          firstAt.get(u) === i || entities[u] === null || typeof entities[u] !== 'object'
            ? entities[u]
            : copyJson(entities[u]),
        ),
      }
    : answer.data;
  const errors = answer.errors?.flatMap((error) => {
    const path = error.path;
    if (!path || path[0] !== '_entities' || typeof path[1] !== 'number') return [error];
    const u = path[1];
    return deduped.positions.flatMap((p, i) =>
      p === u ? [{ ...error, path: ['_entities', i, ...path.slice(2)] }] : [],
    );
  });
  return { ...answer, data, ...(errors ? { errors } : {}) };
}

/** `process` of a data source, with repeated representations sent once. */
export async function processDeduped<C extends object>(
  options: GraphQLDataSourceProcessOptions<C>,
  send: (options: GraphQLDataSourceProcessOptions<C>) => Promise<GatewayGraphQLResponse>,
): Promise<GatewayGraphQLResponse> {
  const variables = options.request.variables;
  const representations = variables?.representations;
  const deduped = Array.isArray(representations) ? dedupeRepresentations(representations) : null;
  if (!deduped) return send(options);
  const answer = await send({
    ...options,
    request: { ...options.request, variables: { ...variables, representations: deduped.unique } },
  });
  return expandAnswer(answer, deduped);
}

interface Part {
  representations: readonly unknown[];
  resolve: (answer: GatewayGraphQLResponse) => void;
  reject: (error: unknown) => void;
}

interface Batch<C extends object> {
  options: GraphQLDataSourceProcessOptions<C>;
  parts: Part[];
}

/**
 * One incoming request's part of a batched answer: its own slice of `_entities`, the errors about
 * its representations (renumbered from 0) and every error not about one representation.
 */
export function answerPart(answer: GatewayGraphQLResponse, offset: number, length: number): GatewayGraphQLResponse {
  const entities = (answer.data as { _entities?: unknown } | null | undefined)?._entities;
  const data = Array.isArray(entities)
    ? { ...answer.data, _entities: entities.slice(offset, offset + length) }
    : answer.data;
  const errors = answer.errors?.flatMap((error) => {
    const path = error.path;
    if (!path || path[0] !== '_entities' || typeof path[1] !== 'number') return [error];
    const at = path[1] - offset;
    return at >= 0 && at < length ? [{ ...error, path: ['_entities', at, ...path.slice(2)] }] : [];
  });
  return { ...answer, data, ...(errors ? { errors } : {}) };
}

/**
 * `@apollo/gateway` fetches the same entities from one subgraph once per place in the plan: a board
 * asked for under two aliases sends identity two `_entities` requests, side by side, for the owners
 * of each half. Within one incoming request (never across requests, so never across principals),
 * the `_entities` fetches of one document and variables that start together (before the event loop
 * turns) go out as one request, with repeated representations sent once (processDeduped), and each
 * fetch is given its own part of the answer.
 */
export class EntityBatcher<C extends object> {
  private readonly open = new WeakMap<object, Map<string, Batch<C>>>();

  process(
    options: GraphQLDataSourceProcessOptions<C>,
    send: (options: GraphQLDataSourceProcessOptions<C>) => Promise<GatewayGraphQLResponse>,
  ): Promise<GatewayGraphQLResponse> {
    const representations: unknown = options.request.variables?.representations;
    if (options.kind !== GraphQLDataSourceRequestKind.INCOMING_OPERATION || !Array.isArray(representations))
      return processDeduped(options, send);
    let key: string;
    try {
      const { representations: _, ...rest } = options.request.variables ?? {};
      key = `${options.request.query ?? ''}\n${JSON.stringify(rest)}`;
    } catch {
      return processDeduped(options, send);
    }
    let batches = this.open.get(options.context);
    if (!batches) this.open.set(options.context, (batches = new Map()));
    let batch = batches.get(key);
    if (!batch) {
      const created: Batch<C> = { options, parts: [] };
      const mine = batches;
      batch = created;
      mine.set(key, created);
      setImmediate(() => {
        if (mine.get(key) === created) mine.delete(key);
        void this.flush(created, send);
      });
    }
    const joining = batch;
    return new Promise((resolve, reject) => joining.parts.push({ representations, resolve, reject }));
  }

  private async flush(
    batch: Batch<C>,
    send: (options: GraphQLDataSourceProcessOptions<C>) => Promise<GatewayGraphQLResponse>,
  ): Promise<void> {
    const { options, parts } = batch;
    try {
      if (parts.length === 1) {
        parts[0]?.resolve(await processDeduped(options, send));
        return;
      }
      const representations = parts.flatMap((p) => p.representations);
      const answer = await processDeduped(
        { ...options, request: { ...options.request, variables: { ...options.request.variables, representations } } },
        send,
      );
      let offset = 0;
      for (const part of parts) {
        part.resolve(answerPart(answer, offset, part.representations.length));
        offset += part.representations.length;
      }
    } catch (error) {
      for (const part of parts) part.reject(error);
    }
  }
}
