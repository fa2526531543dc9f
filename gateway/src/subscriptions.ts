import type http from 'node:http';
import {
  Kind,
  getNamedType,
  isObjectType,
  parse,
  print,
  visit,
  validate,
  getOperationAST,
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values.js';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import type { ApolloServer } from '@apollo/server';
import type { ChangeEvent, EventBus, Logger, RankMap, Viewer } from '@nexus/platform';
import type { Authenticator } from './auth.ts';
import type { GatewayContext } from './context.ts';
import { checkRanks, rankError } from './rank-check.ts';

interface Connection {
  viewer: Viewer;
  ip: string;
  timer?: NodeJS.Timeout;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * How an event becomes data: the subscription field `xChanged: X!` is answered by re-running its
 * selection set as `x(id: <event id>)` (with `includeDeleted: true` where the query field has it),
 * through the gateway, as the subscriber. So every field passes the same rank rules and is fresh.
 */
function hydrationPlan(schema: GraphQLSchema, subscriptionField: string) {
  const field = schema.getSubscriptionType()?.getFields()[subscriptionField];
  if (!field) return null;
  const entity = getNamedType(field.type);
  if (!isObjectType(entity)) return null;
  const queryField = schema.getQueryType()?.getFields()[lowerFirst(entity.name)];
  if (!queryField || !queryField.args.some((a) => a.name === 'id')) return null;
  return { queryField: queryField.name, withDeleted: queryField.args.some((a) => a.name === 'includeDeleted') };
}

function hydrationDocument(
  original: DocumentNode,
  operation: OperationDefinitionNode,
  field: FieldNode,
  plan: { queryField: string; withDeleted: boolean },
): DocumentNode {
  const fragmentNodes = original.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  // Only the variables the selection uses: filter arguments stay behind with the subscription field.
  const used = new Set<string>();
  for (const node of [...(field.selectionSet ? [field.selectionSet] : []), ...fragmentNodes]) {
    visit(node, { Variable: (v) => void used.add(v.name.value) });
  }
  const definitions = (operation.variableDefinitions ?? []).filter((v) => used.has(v.variable.name.value)).map((v) => print(v));
  const variables = [...definitions, '$__eventId: ID!'].join(', ');
  const args = `id: $__eventId${plan.withDeleted ? ', includeDeleted: true' : ''}`;
  const selection = field.selectionSet ? print(field.selectionSet) : '';
  const fragments = fragmentNodes.map((d) => print(d));
  return parse(`query SubscriptionEvent(${variables}) { node: ${plan.queryField}(${args}) ${selection} }\n${fragments.join('\n')}`);
}

/** An async iterator fed by events; `return()` unsubscribes. */
function eventStream(
  subscribe: (push: (value: ExecutionResult) => void) => Promise<() => Promise<void>>,
): AsyncGenerator<ExecutionResult> {
  const queue: ExecutionResult[] = [];
  let wake: (() => void) | null = null;
  let done = false;
  let unsubscribe: (() => Promise<void>) | null = null;
  const ready = subscribe((value) => {
    if (queue.length > 1000) queue.shift();
    queue.push(value);
    wake?.();
  }).then((u) => {
    unsubscribe = u;
  });
  const finish = async () => {
    done = true;
    wake?.();
    await ready;
    await unsubscribe?.();
  };
  const iterator: AsyncGenerator<ExecutionResult> = {
    async next() {
      await ready;
      while (!done && queue.length === 0) await new Promise<void>((r) => (wake = r));
      wake = null;
      const value = queue.shift();
      return value && !done ? { value, done: false } : { value: undefined, done: true };
    },
    async return() {
      await finish();
      return { value: undefined, done: true };
    },
    async throw(e: unknown) {
      await finish();
      throw e;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
    async [Symbol.asyncDispose]() {
      await finish();
    },
  };
  return iterator;
}

export interface SubscriptionServerOptions {
  httpServer: http.Server;
  schema: GraphQLSchema;
  ranks: RankMap;
  apollo: ApolloServer<GatewayContext>;
  authenticator: Authenticator;
  bus: EventBus;
  log: Logger;
  makeContext: (viewer: Viewer, ip: string) => GatewayContext;
}

/**
 * graphql-ws on the gateway's own port and path. `connection_init` must carry a valid token
 * (`{ authorization: 'Bearer …' }`); missing, bad or expired tokens close the socket with 4403.
 */
export function startSubscriptionServer(o: SubscriptionServerOptions) {
  const wss = new WebSocketServer({ server: o.httpServer, path: '/graphql' });
  const connections = new WeakMap<object, Connection>();

  const disposable = useServer<Record<string, unknown>, { connection: Connection }>(
    {
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const raw = params.authorization ?? params.Authorization ?? params.authToken;
        const authorization = typeof raw === 'string' ? (raw.startsWith('Bearer ') ? raw : `Bearer ${raw}`) : undefined;
        const apiKey = typeof params['x-api-key'] === 'string' ? params['x-api-key'] : undefined;
        if (!authorization && !apiKey) return false;
        try {
          const { viewer, expiresAt } = await o.authenticator.authenticate(authorization, apiKey);
          if (viewer.rank < 0) return false;
          const conn: Connection = { viewer, ip: ctx.extra.request.socket.remoteAddress ?? 'unknown' };
          if (expiresAt) {
            const ms = expiresAt * 1000 - Date.now();
            conn.timer = setTimeout(() => ctx.extra.socket.close(4403, 'Token expired'), Math.max(ms, 0));
          }
          connections.set(ctx.extra, conn);
          ctx.extra.connection = conn;
          return true;
        } catch {
          return false;
        }
      },
      onClose: (ctx) => {
        const conn = connections.get(ctx.extra);
        if (conn?.timer) clearTimeout(conn.timer);
      },
      onSubscribe: (ctx, _id, payload) => {
        const conn = connections.get(ctx.extra);
        if (!conn) return [new GraphQLError('Sign in to continue.', { extensions: { code: 'UNAUTHENTICATED' } })];
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (e) {
          return [new GraphQLError(e instanceof Error ? e.message : 'Syntax error', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
        }
        const errors = validate(o.schema, document);
        if (errors.length) return errors.map((e) => new GraphQLError(e.message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [new GraphQLError('Name the operation to run.', { extensions: { code: 'BAD_USER_INPUT' } })];
        const ranks = checkRanks(o.schema, o.ranks, document, operation, conn.viewer);
        if (ranks.denied.length) {
          const err = rankError(ranks, conn.viewer);
          return [new GraphQLError(err.message, { extensions: { code: err.code, fields: ranks.denied } })];
        }
        return {
          schema: o.schema,
          document,
          operationName: payload.operationName ?? null,
          variableValues: payload.variables ?? null,
          contextValue: conn,
        };
      },
      // Queries and mutations over the socket go through the same gateway pipeline as HTTP.
      execute: async (args) => {
        const conn = args.contextValue as Connection;
        const res = await o.apollo.executeOperation(
          { query: args.document, variables: args.variableValues ?? {}, operationName: args.operationName ?? undefined },
          { contextValue: o.makeContext(conn.viewer, conn.ip) },
        );
        return res.body.kind === 'single' ? (res.body.singleResult as ExecutionResult) : { errors: [new GraphQLError('Incremental delivery is not supported here.')] };
      },
      subscribe: async (args) => {
        const conn = args.contextValue as Connection;
        const operation = getOperationAST(args.document, args.operationName);
        const field = operation?.selectionSet.selections.find((s): s is FieldNode => s.kind === Kind.FIELD);
        const subscriptionType = o.schema.getSubscriptionType();
        const fieldDef = field && subscriptionType?.getFields()[field.name.value];
        const plan = field ? hydrationPlan(o.schema, field.name.value) : null;
        if (!operation || !field || !fieldDef || !plan) {
          return { errors: [new GraphQLError('This subscription cannot be served.', { extensions: { code: 'BAD_USER_INPUT' } })] };
        }
        const filters = getArgumentValues(fieldDef, field, args.variableValues ?? {});
        const responseKey = field.alias?.value ?? field.name.value;
        const query = hydrationDocument(args.document, operation, field, plan);
        const topic = field.name.value;
        return eventStream(async (push) => {
          return o.bus.subscribe(topic, (event: ChangeEvent) => {
            if (event.audienceUserId && event.audienceUserId !== conn.viewer.id) return;
            for (const [name, value] of Object.entries(filters)) {
              if (value !== null && value !== undefined && event[name] !== value) return;
            }
            void (async () => {
              try {
                const res = await o.apollo.executeOperation(
                  { query, variables: { ...(args.variableValues ?? {}), __eventId: event.id } },
                  { contextValue: o.makeContext(conn.viewer, conn.ip) },
                );
                if (res.body.kind !== 'single') return;
                const { data, errors } = res.body.singleResult;
                const node = (data as { node?: unknown } | null | undefined)?.node;
                // Not visible to this subscriber (or gone): nothing to deliver.
                if (node === null || node === undefined) return;
                push({ data: { [responseKey]: node }, ...(errors?.length ? { errors: [...errors] as unknown as GraphQLError[] } : {}) });
              } catch (err) {
                o.log.warn({ err, topic }, 'subscription event not delivered');
              }
            })();
          });
        });
      },
    },
    wss,
  );
  return {
    async close() {
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
