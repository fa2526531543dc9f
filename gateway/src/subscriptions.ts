import type http from 'node:http';
import {
  Kind,
  getNamedType,
  isObjectType,
  print,
  visit,
  getOperationAST,
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type GraphQLCompositeType,
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
  type EventBus,
  type Logger,
  type ClientMap,
  type RankMap,
  type Viewer,
} from '@nexus/platform';
import type { Authenticator } from './auth.ts';
import type { GatewayContext } from './context.ts';
import { checkRanks, checkVariableRanks, rankError } from './rank-check.ts';
import {
  DEFAULT_MAX_SUBSCRIBERS,
  DEFAULT_MAX_SUBSCRIPTION_GROUPS,
  SubscriptionQuota,
  parseWithinLimits,
  type SocketLimits,
} from './socket-limits.ts';
import type { ChangeGeneration } from './request-merging.ts';
import { SubscriptionGroups, identityKey, readScopeOf, stableJson, type Subscriber } from './subscription-groups.ts';
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
 * Subscribers whose answer must be identical share that re-read (subscription-groups.ts).
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

/**
 * The re-read of one subscription, printed once when it starts: its selection set as
 * `node: x(id: $__eventId)`, with the fragments and only the variables the selection uses (filter
 * arguments stay behind with the subscription field).
 */
function hydrationQuery(
  original: DocumentNode,
  operation: OperationDefinitionNode,
  field: FieldNode,
  plan: { queryField: string; withDeleted: boolean },
): { query: string; variableNames: string[] } {
  const fragmentNodes = original.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  const used = new Set<string>();
  for (const node of [...(field.selectionSet ? [field.selectionSet] : []), ...fragmentNodes]) {
    visit(node, { Variable: (v) => void used.add(v.name.value) });
  }
  const kept = (operation.variableDefinitions ?? []).filter((v) => used.has(v.variable.name.value));
  const variables = [...kept.map((v) => print(v)), '$__eventId: ID!'].join(', ');
  const args = `id: $__eventId${plan.withDeleted ? ', includeDeleted: true' : ''}`;
  const selection = field.selectionSet ? print(field.selectionSet) : '';
  const fragments = fragmentNodes.map((d) => print(d));
  return {
    query: `query SubscriptionEvent(${variables}) { node: ${plan.queryField}(${args}) ${selection} }\n${fragments.join('\n')}`,
    variableNames: kept.map((v) => v.variable.name.value),
  };
}

/** Events waiting for one subscriber to read them; payloads are shared with its group. */
const MAX_QUEUED_EVENTS = 100;

/** An async iterator fed by events; `return()` unsubscribes. */
function eventStream(
  subscribe: (push: (value: ExecutionResult) => void) => Promise<() => Promise<void>>,
): AsyncGenerator<ExecutionResult> {
  const queue: ExecutionResult[] = [];
  let wake: (() => void) | null = null;
  let done = false;
  let unsubscribe: (() => Promise<void>) | null = null;
  const ready = subscribe((value) => {
    // A subscriber that does not keep up loses its oldest events, so one socket's memory stays bounded.
    if (queue.length >= MAX_QUEUED_EVENTS) queue.shift();
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
  /** The supergraph's `@client` owners (portal travellers' fields). */
  owners?: ClientMap;
  apollo: ApolloServer<GatewayContext>;
  authenticator: Authenticator;
  bus: EventBus;
  /** For the revocation channel (see SocketPrincipals). */
  redis: RedisClientType;
  redisPrefix: string;
  log: Logger;
  makeContext: (viewer: Viewer, ip: string) => GatewayContext;
  limits: SocketLimits;
  /** The gateway's count of confirmed changes (request-merging.ts): each event received moves it. */
  changes?: ChangeGeneration;
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
  let unshared = 0;
  // Each event is re-read once per group, from the query printed when the subscription started (a
  // string, so Apollo parses and validates it once, from its document cache, not per event).
  const groups = new SubscriptionGroups<Connection>({
    bus: o.bus,
    log: o.log,
    maxGroups: o.limits.maxSubscriptionGroups ?? DEFAULT_MAX_SUBSCRIPTION_GROUPS,
    maxSubscribers: o.limits.maxSubscribers ?? DEFAULT_MAX_SUBSCRIBERS,
    recheck: (conn) => principals.recheck(conn),
    credentialOf: (conn) => `${conn.authorization ?? ''}\n${conn.apiKey ?? ''}`,
    unavailable,
    changed: () => o.changes?.bump(),
    hydrate: async (spec, viewer, ip, eventId) => {
      const res = await o.apollo.executeOperation(
        { query: spec.query, variables: { ...spec.variables, __eventId: eventId } },
        { contextValue: o.makeContext(viewer, ip) },
      );
      if (res.body.kind !== 'single') return null;
      const { data, errors } = res.body.singleResult;
      // Apollo answers formatted (already masked) errors; graphql-ws sends GraphQLError instances.
      return {
        data,
        ...(errors?.length
          ? {
              errors: errors.map((e) => new GraphQLError(e.message, { path: e.path, extensions: e.extensions })),
            }
          : {}),
      } as ExecutionResult;
    },
  });
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
          if (viewer.rank < 0 && viewer.kind !== 'client') return false;
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
          checkRanks(o.schema, o.ranks, document, operation, conn.viewer, o.owners),
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
        const topic = field.name.value;
        const { query, variableNames } = hydrationQuery(args.document, operation, field, plan);
        const given = args.variableValues ?? {};
        const variables = Object.fromEntries(variableNames.filter((n) => n in given).map((n) => [n, given[n]]));
        const entity = getNamedType(fieldDef.type) as GraphQLCompositeType;
        const fragments = args.document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
        const scope =
          o.limits.sharedHydration === false
            ? 'unshared'
            : readScopeOf(o.schema, topic, entity, field.selectionSet, fragments);
        const key =
          scope === 'unshared'
            ? `unshared:${(unshared += 1)}`
            : `${topic}\n${query}\n${stableJson(variables)}\n${identityKey(conn.viewer, scope)}`;
        const member: Subscriber<Connection> = { conn, filters, responseKey, push: () => undefined };
        let joined: ReturnType<typeof groups.join>;
        try {
          joined = groups.join({ topic, key, scope, query, variables }, member);
        } catch (e) {
          release();
          return { errors: asErrors(e) };
        }
        return eventStream(async (push) => {
          member.push = push;
          try {
            await joined.ready;
          } catch (err) {
            release();
            await joined.leave();
            throw err;
          }
          return async () => {
            release();
            await joined.leave();
          };
        });
      },
    },
    wss,
  );
  return {
    /** Groups and subscribers this process holds (for metrics and benches). */
    stats: () => groups.stats(),
    async close() {
      await principals.stop();
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
