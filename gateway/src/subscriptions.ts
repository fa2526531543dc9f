import type http from 'node:http';
import {
  Kind,
  getNamedType,
  isObjectType,
  parse,
  print,
  visit,
  getOperationAST,
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values.js';
import type { RedisClientType } from 'redis';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import type { ApolloServer } from '@apollo/server';
import {
  assertOperationInput,
  isEventTopic,
  type ChangeEvent,
  type EventBus,
  type Logger,
  type RankMap,
  type Viewer,
} from '@nexus/platform';
import type { Authenticator } from './auth.ts';
import type { GatewayContext } from './context.ts';
import { checkRanks, checkVariableRanks, rankError } from './rank-check.ts';
import { SubscriptionQuota, parseWithinLimits, type SocketLimits } from './socket-limits.ts';
import {
  CLOSE_TRY_AGAIN,
  SocketPrincipals,
  isCredentialRefusal,
  uncheckedCredential,
  type SocketPrincipal,
} from './socket-principal.ts';

interface Connection extends SocketPrincipal {
  /** Subscriptions open on this socket, for the per-socket cap. */
  open: number;
}

/** What one operation on a socket runs with: its connection and, for a subscription, its quota slot. */
interface OperationContext {
  conn: Connection;
  release: () => void;
}

/** Refusals with a public code go back to the client as they are; anything else is a bug and throws. */
const asErrors = (e: unknown): GraphQLError[] => {
  if (e instanceof GraphQLError && typeof e.extensions.code === 'string') {
    const fields = e.extensions.fields;
    return [new GraphQLError(e.message, { extensions: { code: e.extensions.code, ...(fields ? { fields } : {}) } })];
  }
  throw e;
};

/** What a socket client sees for a credential check that could not run: retryable, naming the dependency. */
const unavailable = (e: GraphQLError): GraphQLError => {
  const { code, service } = e.extensions;
  return new GraphQLError(e.message, { extensions: { code, ...(service ? { service } : {}) } });
};

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
  const definitions = (operation.variableDefinitions ?? [])
    .filter((v) => used.has(v.variable.name.value))
    .map((v) => print(v));
  const variables = [...definitions, '$__eventId: ID!'].join(', ');
  const args = `id: $__eventId${plan.withDeleted ? ', includeDeleted: true' : ''}`;
  const selection = field.selectionSet ? print(field.selectionSet) : '';
  const fragments = fragmentNodes.map((d) => print(d));
  return parse(
    `query SubscriptionEvent(${variables}) { node: ${plan.queryField}(${args}) ${selection} }\n${fragments.join('\n')}`,
  );
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
  /** For the revocation channel (see SocketPrincipals). */
  redis: RedisClientType;
  redisPrefix: string;
  log: Logger;
  makeContext: (viewer: Viewer, ip: string) => GatewayContext;
  limits: SocketLimits;
}

/**
 * graphql-ws on the gateway's own port and path. `connection_init` must carry a valid token
 * (`{ authorization: 'Bearer …' }`); missing, bad or expired tokens close the socket with 4403, and
 * so does a revocation while it is open (see SocketPrincipals). A credential that cannot be checked
 * (Redis or identity down) is not refused: 1013 Try Again Later at connection_init, and on an open
 * socket a retryable UPSTREAM_UNAVAILABLE for the operation or event. Messages are capped at
 * `maxPayloadBytes` (ws closes the socket with 1009 before reading more), and every operation
 * passes the HTTP limits, rank check and input check before anything runs.
 */
export async function startSubscriptionServer(o: SubscriptionServerOptions) {
  const wss = new WebSocketServer({ server: o.httpServer, path: '/graphql', maxPayload: o.limits.maxPayloadBytes });
  const connections = new WeakMap<object, Connection>();
  const principals = new SocketPrincipals(o.authenticator, o.log);
  await principals.listen(o.redis, o.redisPrefix);
  const quota = new SubscriptionQuota(o.limits);
  // graphql-ws reports any socket error with console.error; ws has already closed the socket with
  // the fitting code (1009 for an oversized message), which is the client's mistake, not ours.
  wss.on('connection', (socket) => {
    queueMicrotask(() => {
      socket.removeAllListeners('error');
      socket.on('error', (err: Error & { code?: string }) => {
        if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH')
          o.log.info({ code: err.code }, 'socket message over the size limit refused');
        else o.log.warn({ err }, 'socket error');
      });
    });
  });

  const disposable = useServer<Record<string, unknown>, { connection: Connection }>(
    {
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const raw = params.authorization ?? params.Authorization ?? params.authToken;
        const authorization = typeof raw === 'string' ? (raw.startsWith('Bearer ') ? raw : `Bearer ${raw}`) : undefined;
        const apiKey = typeof params['x-api-key'] === 'string' ? params['x-api-key'] : undefined;
        if (!authorization && !apiKey) return false;
        try {
          const { viewer, expiresAt, sessionId, issuedAtMs } = await o.authenticator.authenticate(
            authorization,
            apiKey,
          );
          if (viewer.rank < 0) return false;
          const socket = ctx.extra.socket;
          const conn: Connection = {
            viewer,
            ip: ctx.extra.request.socket.remoteAddress ?? 'unknown',
            authorization,
            apiKey,
            sessionId,
            issuedAtMs,
            closed: false,
            close: (code, reason) => socket.close(code, reason),
            open: 0,
          };
          principals.add(conn, expiresAt);
          connections.set(ctx.extra, conn);
          ctx.extra.connection = conn;
          return true;
        } catch (err) {
          if (isCredentialRefusal(err)) return false;
          // Redis (revocations) or identity (API keys) unreachable: not a refused credential, so not
          // 4403 (which sends a client back to sign-in); 1013 Try Again Later, which clients retry.
          o.log.warn({ err }, 'socket sign-in could not be checked');
          ctx.extra.socket.close(CLOSE_TRY_AGAIN, uncheckedCredential(err).message.slice(0, 120));
          return false;
        }
      },
      onClose: (ctx) => {
        const conn = connections.get(ctx.extra);
        if (conn) principals.remove(conn);
      },
      onSubscribe: async (ctx, _id, payload) => {
        const conn = connections.get(ctx.extra);
        if (!conn) return [new GraphQLError('Sign in to continue.', { extensions: { code: 'UNAUTHENTICATED' } })];
        const check = await principals.recheck(conn);
        if (!check.ok) {
          if (!check.revoked) return [unavailable(check.error)];
          return [
            new GraphQLError('Your session is not valid. Sign in again.', { extensions: { code: 'UNAUTHENTICATED' } }),
          ];
        }
        const parsed = parseWithinLimits(o.schema, payload.query, o.limits);
        if ('errors' in parsed) return parsed.errors;
        const { document } = parsed;
        const operation = getOperationAST(document, payload.operationName);
        if (!operation)
          return [new GraphQLError('Name the operation to run.', { extensions: { code: 'BAD_USER_INPUT' } })];
        const ranks = checkVariableRanks(
          checkRanks(o.schema, o.ranks, document, operation, conn.viewer),
          o.ranks,
          payload.variables ?? undefined,
          conn.viewer,
        );
        if (ranks.denied.length) {
          const err = rankError(ranks, conn.viewer);
          return [new GraphQLError(err.message, { extensions: { code: err.code, fields: ranks.denied } })];
        }
        let release: () => void = () => undefined;
        try {
          assertOperationInput(o.schema, document, payload.variables);
          o.limits.checkOperation?.(document, operation, payload.variables ?? {});
          if (operation.operation === 'subscription')
            release = quota.reserve(conn, conn.viewer.apiKeyId ?? conn.viewer.id ?? conn.ip);
        } catch (e) {
          return asErrors(e);
        }
        const contextValue: OperationContext = { conn, release };
        return {
          schema: o.schema,
          document,
          operationName: payload.operationName ?? null,
          variableValues: payload.variables ?? null,
          contextValue,
        };
      },
      // Queries and mutations over the socket go through the same gateway pipeline as HTTP.
      execute: async (args) => {
        const { conn } = args.contextValue as OperationContext;
        const res = await o.apollo.executeOperation(
          {
            query: args.document,
            variables: args.variableValues ?? {},
            operationName: args.operationName ?? undefined,
          },
          { contextValue: o.makeContext(conn.viewer, conn.ip) },
        );
        return res.body.kind === 'single'
          ? (res.body.singleResult as ExecutionResult)
          : { errors: [new GraphQLError('Incremental delivery is not supported here.')] };
      },
      subscribe: async (args) => {
        const { conn, release } = args.contextValue as OperationContext;
        const operation = getOperationAST(args.document, args.operationName);
        const field = operation?.selectionSet.selections.find((s): s is FieldNode => s.kind === Kind.FIELD);
        const subscriptionType = o.schema.getSubscriptionType();
        const fieldDef = field && subscriptionType?.getFields()[field.name.value];
        const plan = field ? hydrationPlan(o.schema, field.name.value) : null;
        if (!operation || !field || !fieldDef || !plan || !isEventTopic(field.name.value)) {
          release();
          return {
            errors: [
              new GraphQLError('This subscription cannot be served.', { extensions: { code: 'BAD_USER_INPUT' } }),
            ],
          };
        }
        let filters: Record<string, unknown>;
        try {
          filters = getArgumentValues(fieldDef, field, args.variableValues ?? {});
        } catch (e) {
          release();
          const message = e instanceof GraphQLError ? e.message : 'These arguments are not valid.';
          return { errors: [new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } })] };
        }
        const responseKey = field.alias?.value ?? field.name.value;
        const query = hydrationDocument(args.document, operation, field, plan);
        const topic = field.name.value;
        return eventStream(async (push) => {
          const unsubscribe = await o.bus.subscribe(topic, (event: ChangeEvent) => {
            if (conn.closed) return;
            if (event.audienceUserId && event.audienceUserId !== conn.viewer.id) return;
            for (const [name, value] of Object.entries(filters)) {
              if (value !== null && value !== undefined && event[name] !== value) return;
            }
            void (async () => {
              try {
                // Every delivery re-checks the credential, as an HTTP request would. A check that
                // cannot run keeps the socket and tells the subscriber this event was not delivered.
                const check = await principals.recheck(conn);
                if (!check.ok) {
                  if (!check.revoked && !conn.closed) push({ errors: [unavailable(check.error)] });
                  return;
                }
                const res = await o.apollo.executeOperation(
                  { query, variables: { ...(args.variableValues ?? {}), __eventId: event.id } },
                  { contextValue: o.makeContext(conn.viewer, conn.ip) },
                );
                if (res.body.kind !== 'single') return;
                const { data, errors } = res.body.singleResult;
                const node = (data as { node?: unknown } | null | undefined)?.node;
                // Not visible to this subscriber (or gone): nothing to deliver.
                if (node === null || node === undefined || conn.closed) return;
                push({
                  data: { [responseKey]: node },
                  ...(errors?.length ? { errors: [...errors] as unknown as GraphQLError[] } : {}),
                });
              } catch (err) {
                o.log.warn({ err, topic }, 'subscription event not delivered');
              }
            })();
          });
          return async () => {
            release();
            await unsubscribe();
          };
        });
      },
    },
    wss,
  );
  return {
    async close() {
      await principals.stop();
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
