import type { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';

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
            : structuredClone(entities[u]),
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
