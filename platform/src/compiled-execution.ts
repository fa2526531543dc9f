import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import type { CompiledQuery } from 'graphql-jit';
import { execute, GraphQLError, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { wasPreauthorized } from './shield.ts';

/** Apollo Server's gateway interface and its executor, as its constructor types them. */
type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type GatewayExecutor = Awaited<ReturnType<GatewayInterface['load']>>['executor'];

/** An error located as graphql-js locates one, so it takes its original error's extensions. */
const located = (e: GraphQLError): GraphQLError =>
  new GraphQLError(e.message, {
    nodes: e.nodes,
    source: e.source,
    positions: e.positions,
    path: e.path,
    originalError: e.originalError,
  });

/** A document's entry: how often it has run, then (from its second run) its compiled form, or null. */
type Entry = { runs: number; query?: CompiledQuery | null };

export interface CompiledExecution {
  /** What Apollo Server is given as its `gateway`: the shielded schema and the executor. */
  gateway: GatewayInterface;
  /** Operations run so far each way (tests and diagnostics). */
  readonly runs: { compiled: number; graphqlJs: number };
}

/**
 * How a subgraph executes operations. A query every field of which the viewer may read (the rank
 * shield's whole-document check) runs, from its second time on, as a function compiled once per
 * parsed document against the schema's own resolvers (graphql-jit): no per-field rule wrapper, no
 * generic field loop (an eighth to a fifth of crm's CPU for a 200-deal board). Everything else runs through
 * graphql-js on the shielded schema exactly as before: a document seen once (compiling costs more
 * than one run), every mutation, and any operation with a field the viewer may not read, so
 * refusals keep their per-field errors.
 *
 * Apollo Server takes an executor only through its gateway interface; the schema it serves there
 * (validation, the shield's `didResolveOperation`) is the shielded one.
 */
export function compiledExecution(shielded: GraphQLSchema, own: GraphQLSchema): CompiledExecution {
  const runs = { compiled: 0, graphqlJs: 0 };
  // Keyed by parsed document: Apollo's document store keeps one per query text in a bounded LRU,
  // so entries go when their document does.
  const entries = new WeakMap<DocumentNode, Map<string, Entry>>();
  // Loaded when a first document runs a second time, not at start (it weighs as much as graphql).
  let jit: Promise<typeof import('graphql-jit')> | undefined;
  const compiled = async (
    document: DocumentNode,
    operation: OperationDefinitionNode,
    name: string,
  ): Promise<CompiledQuery | null> => {
    if (operation.operation !== 'query') return null;
    let byName = entries.get(document);
    if (!byName) entries.set(document, (byName = new Map()));
    let entry = byName.get(name);
    if (!entry) byName.set(name, (entry = { runs: 0 }));
    if (++entry.runs < 2) return null;
    if (entry.query === undefined) {
      const { compileQuery, isCompiledQuery } = await (jit ??= import('graphql-jit'));
      if (entry.query !== undefined) return entry.query;
      const result = compileQuery(own, document, name || undefined);
      entry.query = isCompiledQuery(result) ? result : null;
    }
    return entry.query;
  };

  const shieldedExecution: GatewayExecutor = (request) => {
    runs.graphqlJs++;
    return Promise.resolve(
      execute({
        schema: shielded,
        document: request.document,
        operationName: request.operationName,
        contextValue: request.context,
        variableValues: request.request.variables,
      }),
    );
  };

  const executor: GatewayExecutor = async (request) => {
    const query = wasPreauthorized(request.context)
      ? await compiled(request.document, request.operation, request.operationName ?? '')
      : null;
    if (!query) return shieldedExecution(request);
    const result = await query.query(undefined, request.context, request.request.variables ?? {});
    // No data at all means nothing ran: the variables did not coerce. graphql-js words those errors
    // the way Apollo recognises as BAD_USER_INPUT, so it answers them (and, again, runs nothing).
    if (result.data === undefined && result.errors?.length) return shieldedExecution(request);
    runs.compiled++;
    // graphql-jit's errors carry no `extensions` of their own (Apollo reads them to format every
    // error); rebuilt as graphql-js locates an error, they take their original error's, as there.
    if (result.errors?.length) return { ...result, errors: result.errors.map(located) };
    return result;
  };

  const gateway: GatewayInterface = {
    async load() {
      return { schema: shielded, executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: shielded, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async stop() {},
  };
  return { gateway, runs };
}
