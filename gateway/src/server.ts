import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { RateLimiterRes, type RateLimiterRedis } from 'rate-limiter-flexible';
import type { RedisClientType } from 'redis';
import { buildSchema, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import {
  NexusError,
  PORTAL_GRAPHQL_PATH,
  PORTAL_REFRESH_COOKIE,
  PORTAL_REFRESH_COOKIE_PATH,
  REFRESH_COOKIE,
  REFRESH_COOKIE_PATH,
  SERVICE_TOKEN_HEADER,
  actorOf,
  type GraphExecutor,
  maskError,
  clientMapFromSdl,
  rankMapFromSdl,
  serviceViewer,
  type EventBus,
  type Logger,
  type ClientMap,
  type RankMap,
  type Viewer,
} from '@nexus/platform';
import { Authenticator } from './auth.ts';
import type { ApiKeyPolicy, GatewayContext } from './context.ts';
import { dataSourceFactory } from './data-source.ts';
import { replicaPickers } from './replicas.ts';
import { ChangeGeneration } from './request-merging.ts';
import type { GatewayEnv } from './env.ts';
import { checkHealth } from './health.ts';
import { internalSyncRouter } from './internal-sync.ts';
import { costLimitError, operationCost } from './cost-limit.ts';
import { createEdge, isRestPath, requestIdOf } from './edge.ts';
import { PLAYGROUND_ASSETS, playgroundAssets, playgroundPage } from './playground.ts';
import { checkRanks, checkVariableRanks, rankCheckKey, rankError, type RankCheckResult } from './rank-check.ts';
import { inputCheckPlugin } from './input-check.ts';
import { startSubscriptionServer } from './subscriptions.ts';
import { createDrain } from './drain.ts';
import { SUBGRAPHS, splitUrls, subgraphUrls as registryUrls, type RegistryEntry } from '../../subgraphs/registry.ts';
import { publicProxy } from './public-proxy.ts';
import { keyLimitPlugin } from './key-limits.ts';
import { RedisApqCache, loadPersistedDocuments } from './persisted-queries.ts';
import { apiGuide } from './api-guide.ts';
import { installResultShaping } from './result-shaping.ts';

const supergraphPath = new URL('../supergraph.graphql', import.meta.url);
const apiSchemaPath = new URL('../supergraph-api.graphql', import.meta.url);

export interface GatewayDeps {
  env: GatewayEnv;
  redis: RedisClientType;
  bus: EventBus;
  log: Logger;
}

/** The rank and client maps and API schema come from the committed supergraph: one source of truth. */
export function loadSupergraph(): {
  supergraphSdl: string;
  apiSchema: GraphQLSchema;
  ranks: RankMap;
  owners: ClientMap;
} {
  const supergraphSdl = readFileSync(supergraphPath, 'utf8');
  return {
    supergraphSdl,
    apiSchema: buildSchema(readFileSync(apiSchemaPath, 'utf8')),
    ranks: rankMapFromSdl(supergraphSdl),
    owners: clientMapFromSdl(supergraphSdl),
  };
}

function rankPlugin(
  schema: GraphQLSchema,
  ranks: RankMap,
  owners: ClientMap,
  loginLimiter: RateLimiterRedis,
): ApolloServerPlugin<GatewayContext> {
  // Apollo hands the same parsed document to every run of an operation; the answer depends only
  // on the operation and the caller's rank, so walk each pair once.
  const cache = new WeakMap<DocumentNode, Map<string, RankCheckResult>>();
  const check = (document: DocumentNode, operation: OperationDefinitionNode, viewer: Viewer) => {
    let perDocument = cache.get(document);
    if (!perDocument) cache.set(document, (perDocument = new Map()));
    const key = `${operation.name?.value ?? ''}|${rankCheckKey(viewer)}`;
    let result = perDocument.get(key);
    if (!result) perDocument.set(key, (result = checkRanks(schema, ranks, document, operation, viewer, owners)));
    return result;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, contextValue, request }) {
          if (!operation) return;
          const result = checkVariableRanks(
            check(document, operation, contextValue.viewer),
            ranks,
            request.variables,
            contextValue.viewer,
          );
          if (result.introspection && contextValue.viewer.kind === 'client') {
            throw new NexusError('FORBIDDEN', 'Schema exploration is for staff and integrators.', {
              http: { status: 403 },
            });
          }
          if (result.introspection && contextValue.viewer.rank < 0) {
            throw new NexusError('UNAUTHENTICATED', 'Sign in to explore the schema.', { http: { status: 401 } });
          }
          if (result.denied.length) throw rankError(result, contextValue.viewer);
          if (result.loginFields > 0) {
            try {
              await loginLimiter.consume(contextValue.ip, result.loginFields);
            } catch (e) {
              if (!(e instanceof RateLimiterRes)) throw e;
              throw new NexusError('RATE_LIMITED', 'Too many sign-in attempts. Try again in a minute.', {
                retryAfterMs: e.msBeforeNext,
                http: { status: 429, headers: new Map([['retry-after', String(Math.ceil(e.msBeforeNext / 1000))]]) },
              });
            }
          }
        },
        async willSendResponse({ contextValue, response }) {
          // The portal's endpoint keeps its own cookie, sent only there.
          const [name, path] = contextValue.portal
            ? [PORTAL_REFRESH_COOKIE, PORTAL_REFRESH_COOKIE_PATH]
            : [REFRESH_COOKIE, REFRESH_COOKIE_PATH];
          for (const change of contextValue.cookieChanges) {
            const cookie =
              change.kind === 'set'
                ? serializeCookie(name, change.token, {
                    httpOnly: true,
                    secure: true,
                    sameSite: 'strict',
                    path,
                    expires: change.expiresAt,
                  })
                : serializeCookie(name, '', {
                    httpOnly: true,
                    secure: true,
                    sameSite: 'strict',
                    path,
                    maxAge: 0,
                  });
            response.http.headers.set('set-cookie', cookie);
          }
        },
      };
    },
  };
}

/**
 * The operation limits HTTP and graphql-ws both apply, built in one place so they cannot drift.
 * The token limit is graphql-js's own parse option rather than armor's plugin, which re-parsed in
 * `parsingDidStart` and turned every syntax error into an HTTP 500.
 */
export function operationLimits(production: boolean, maxCost = 50_000) {
  const armor = new ApolloArmor({
    // Sized so real analyst queries pass: deep enough for contact -> company -> contacts -> owner.
    maxDepth: { n: 12 },
    maxAliases: { n: 30 },
    maxDirectives: { n: 50 },
    maxTokens: { enabled: false },
    // Replaced by the list-counting cost check below, which armor's per-field count cannot express.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: production },
  }).protect();
  /** The cost check (cost-limit.ts): null when the operation is within `maxCost`, else the error to answer. */
  const checkCost = (
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown> = {},
  ) => {
    const cost = operationCost(schema, document, operation, variables);
    return cost > maxCost ? costLimitError(cost, maxCost) : null;
  };
  return { armor, maxTokens: 8000, validationRules: armor.validationRules ?? [], maxCost, checkCost };
}

/**
 * Refuses an operation above the cost limit after validation and before planning, so no subgraph
 * is called for it. A plugin rather than a validation rule: page sizes often come in variables.
 */
function costPlugin(
  schema: GraphQLSchema,
  check: ReturnType<typeof operationLimits>['checkCost'],
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          const error = check(schema, document, operation, request.variables ?? {});
          if (error) throw error;
        },
      };
    },
  };
}

const RECORD_SERVICE_WRITE = `mutation RecordServiceWrite($input: RecordServiceWriteInput!) {
  recordServiceWrite(input: $input) { id }
}`;

/**
 * Every mutation a service principal runs lands in identity's audit log under its name
 * (`service:<name>`, with its outcome and request id), whatever subgraph it wrote to, and in the log.
 * The shim's answer waits for the record, so the write and its audit entry are seen together.
 */
function serviceAuditPlugin(execute: GraphExecutor): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operation, response }) {
          const viewer = contextValue.viewer;
          if (viewer.kind !== 'service' || !viewer.service || operation?.operation !== 'mutation') return;
          const fields = operation.selectionSet.selections.flatMap((s) => (s.kind === 'Field' ? [s.name.value] : []));
          // The record itself is a service mutation; recording it too would never end.
          if (fields.length === 1 && fields[0] === 'recordServiceWrite') return;
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const input = {
            operation: operation.name?.value ?? '(anonymous)',
            fields,
            outcome: errors.length ? String(errors[0]?.extensions?.code ?? 'INTERNAL_SERVER_ERROR') : 'OK',
            requestId: contextValue.requestId,
          };
          contextValue.log.info({ audit: { actor: actorOf(viewer), ...input } }, 'service write');
          // Recorded as the service itself, so the entry carries its name from the signed token; with
          // the audit log's rank, for this one fixed operation, so a service of any rank is audited.
          const recorder = serviceViewer(viewer.service, 'ADMIN', contextValue.requestId);
          const result = await execute(
            recorder,
            { query: RECORD_SERVICE_WRITE, variables: { input } },
            contextValue.requestId,
          ).catch((err: unknown) => ({ errors: [{ message: err instanceof Error ? err.message : String(err) }] }));
          if (result.errors?.length) {
            contextValue.log.error(
              { errors: result.errors, audit: { actor: actorOf(viewer), ...input } },
              'service write not audited',
            );
          }
        },
      };
    },
  };
}

export async function createGateway(deps: GatewayDeps) {
  const { env, log } = deps;
  const production = env.NODE_ENV === 'production';
  const { supergraphSdl, apiSchema, ranks, owners } = loadSupergraph();
  // The subgraphs are those the committed supergraph names; env only says where each one runs.
  const configured: Record<string, string> = registryUrls(env);
  const subgraphUrls = Object.fromEntries(
    [...supergraphSdl.matchAll(/@join__graph\(name: "([a-z]+)", url: "([^"]+)"\)/g)].map(([, name = '', url = '']) => [
      name,
      configured[name] ?? url,
    ]),
  );
  // `<NAME>_URL` may list a subgraph's replicas: each call goes to the next one (replicas.ts).
  const replicas = replicaPickers(new Map(Object.entries(subgraphUrls)));
  const firstReplica = (name: string) => replicas.get(name)?.urls[0] ?? '';
  // Writes sent and events received: reads asked for after one never join a read from before it.
  const changes = new ChangeGeneration();
  installResultShaping(env.GATEWAY_FAST_SHAPING);
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: dataSourceFactory(
      env.INTERNAL_TOKEN_SECRET,
      env.SUBGRAPH_TIMEOUT_MS,
      new Map(Object.keys(subgraphUrls).map((name) => [name, firstReplica(name)])),
      { mergeRequests: env.GATEWAY_MERGE_REQUESTS, log, replicas, changes },
    ),
    serviceHealthCheck: false,
  });

  const limits = operationLimits(production, env.MAX_OPERATION_COST);
  const { armor } = limits;

  const edge = createEdge({ env, redis: deps.redis, log });
  const loginLimiter = edge.limiter('auth');

  const app = express();
  const httpServer = http.createServer(app);
  const authenticator = new Authenticator(env, deps.redis);
  const makeContext = (
    viewer: Viewer,
    ip: string,
    refreshCookie: string | null = null,
    requestId: string = randomUUID(),
    apiKey?: ApiKeyPolicy,
    portal = false,
  ): GatewayContext => {
    return {
      viewer,
      requestId,
      ip,
      refreshCookie,
      portal,
      cookieChanges: [],
      log: log.child({ requestId }),
      ...(apiKey && { apiKey }),
    };
  };
  // The SDK's documents, by sha256: always found as persisted queries, and all a persisted-only key may run.
  const persistedDocuments = loadPersistedDocuments(
    env.PERSISTED_DOCUMENTS.split(',')
      .map((f) => f.trim())
      .filter(Boolean)
      // Relative paths are from the repository root, wherever the gateway is started.
      .map((f) => fileURLToPath(new URL(f, new URL('../../', import.meta.url)))),
    log,
  );

  const drain = createDrain(httpServer);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // The process's own SIGTERM/SIGINT handlers (main.ts) stop the gateway, once. Apollo's would
    // start a second, concurrent stop(), and Apollo Server 5.5.1 never resolves the barrier a
    // concurrent stop() waits on after a successful stop: our stop then waited until the 12 s bound
    // killed the process (fault R8), and Apollo re-raised the signal on top.
    stopOnTerminationSignals: false,
    introspection: true,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    // Compact answers: Apollo indents by default, which made a 200-deal board a third larger.
    stringifyResult: (result) => JSON.stringify(result),
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
    formatError: (formatted, error) => maskError(formatted, error, log, { hideSuggestions: production }),
    // Automatic persisted queries in Redis, so every replica knows a hash any of them was taught.
    persistedQueries: {
      cache: new RedisApqCache(deps.redis, env.REDIS_PREFIX, persistedDocuments, log),
      ttl: 86_400,
    },
    plugins: [
      // graphql-armor is typed against Apollo's CommonJS build; the plugin objects are the same at runtime.
      ...(armor.plugins as unknown as ApolloServerPlugin<GatewayContext>[]),
      rankPlugin(apiSchema, ranks, owners, loginLimiter),
      costPlugin(apiSchema, limits.checkCost),
      keyLimitPlugin({
        redis: deps.redis,
        redisPrefix: env.REDIS_PREFIX,
        schema: apiSchema,
        defaultKeyBudget: env.API_KEY_COST_BUDGET_PER_HOUR,
        staffBudget: env.STAFF_COST_BUDGET_PER_HOUR,
        allowList: new Set(persistedDocuments.keys()),
      }),
      serviceAuditPlugin((viewer, operation, requestId) => execute(viewer, operation, requestId)),
      inputCheckPlugin(apiSchema),
      drain.plugin as ApolloServerPlugin<GatewayContext>,
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
    ],
  });

  app.disable('x-powered-by');
  // No ETag (a hash of every answer): GraphQL answers are POSTs, never revalidated.
  app.set('etag', false);
  app.set('trust proxy', env.TRUST_PROXY);
  app.use(edge.requestId, edge.securityHeaders, edge.cors);
  // GraphQL has its own operation limits and sign-in tier, and the staff app's pages send many
  // queries each; the tiers count the REST edge, where shims and public pages live.
  app.use((req, res, next) => (isRestPath(req.path) ? edge.limit('global')(req, res, next) : next()));
  app.use('/api', edge.limit('general'));
  app.use(['/webhooks', '/hooks'], edge.limit('webhooks'));

  /** Shims run operations through this: the same Apollo pipeline (limits, ranks, masking, audit) as HTTP. */
  const execute: GraphExecutor = async (viewer, operation, requestId) => {
    const result = await apollo.executeOperation(operation, {
      contextValue: makeContext(viewer, 'internal', null, requestId),
    });
    if (result.body.kind === 'single') return result.body.singleResult;
    return {
      errors: [{ message: 'Incremental delivery is not supported for shims.', extensions: { code: 'BAD_USER_INPUT' } }],
    };
  };

  app.get('/health', async (_req, res) => {
    const result = await checkHealth({
      databaseUrl: env.DATABASE_URL,
      redis: deps.redis,
      subgraphs: [...replicas].map(([name, picker]) => ({ name, urls: picker.urls })),
    });
    res.status(result.ok ? 200 : 503).json({ status: result.status, checks: result.checks });
  });

  app.use(
    internalSyncRouter({
      edge,
      secret: env.TT_INTERNAL_SERVICE_SECRET,
      execute,
      bodyLimitBytes: env.SYNC_BODY_LIMIT_BYTES,
      log,
    }),
  );

  app.use(
    publicProxy({
      edge,
      secret: env.INTERNAL_TOKEN_SECRET,
      timeoutMs: env.SUBGRAPH_TIMEOUT_MS,
      log,
      targets: SUBGRAPHS.map((s: RegistryEntry) => ({
        name: s.name,
        graphqlUrl: firstReplica(s.name) || (splitUrls(configured[s.name] ?? '')[0] ?? ''),
        replicas: replicas.get(s.name),
        prefixes: s.public ?? [],
      })).filter((t) => t.prefixes.length > 0 && t.graphqlUrl),
    }),
  );

  // The integrators' API guide (docs/api-guide.md), as HTML, or as markdown to clients that ask for it.
  app.get('/docs/api', apiGuide());

  app.use(`${PLAYGROUND_ASSETS}/graphql-playground-react`, playgroundAssets());
  app.get('/graphql', (req, res, next) => {
    if (req.accepts(['html', 'json']) === 'html' && !req.query.query) {
      res.type('html').send(playgroundPage());
      return;
    }
    next();
  });

  let subscriptions: { close(): Promise<void> } | undefined;
  let stopped: Promise<void> | undefined;
  return {
    app,
    httpServer,
    apollo,
    /** Listens on `port`, or on a server already bound to one (a port reserved before the gateway was built). */
    async listen(port: number | net.Server, host = env.GATEWAY_HOST): Promise<number> {
      await apollo.start();
      // The same graph at `/graphql` and at the client portal's `/portal/graphql`: only the refresh
      // cookie differs (each endpoint reads and sets its own), never what a credential may do.
      app.use(
        ['/graphql', PORTAL_GRAPHQL_PATH],
        express.json({ limit: '1mb' }),
        expressMiddleware(apollo, {
          context: async ({ req, res }) => {
            const { viewer, apiKey } = await authenticator.authenticate(
              req.header('authorization'),
              req.header('x-api-key'),
              req.header(SERVICE_TOKEN_HEADER),
            );
            const portal = req.baseUrl === PORTAL_GRAPHQL_PATH;
            const cookies = parseCookies(req.header('cookie') ?? '');
            const refreshCookie = (portal ? cookies[PORTAL_REFRESH_COOKIE] : cookies[REFRESH_COOKIE]) ?? null;
            return {
              ...makeContext(viewer, req.ip ?? 'unknown', refreshCookie, requestIdOf(res), apiKey, portal),
              userAgent: req.header('user-agent') ?? '',
            };
          },
        }),
      );
      // Unknown REST and public-page paths are JSON 404s; only app routes fall back to the web app.
      app.use((req, res, next) => (isRestPath(req.path) ? edge.notFound(req, res, next) : next()));
      serveWeb(app, env.WEB_DIST, log);
      app.use(edge.notFound);
      app.use(edge.errorHandler);
      subscriptions = await startSubscriptionServer({
        httpServer,
        schema: apiSchema,
        ranks,
        owners,
        apollo,
        authenticator,
        bus: deps.bus,
        redis: deps.redis,
        redisPrefix: env.REDIS_PREFIX,
        log,
        limits: {
          maxTokens: limits.maxTokens,
          validationRules: limits.validationRules,
          maxPayloadBytes: env.WS_MAX_PAYLOAD_BYTES,
          subscriptionsPerSocket: env.WS_MAX_SUBSCRIPTIONS_PER_SOCKET,
          subscriptionsPerUser: env.WS_MAX_SUBSCRIPTIONS_PER_USER,
          maxSubscriptionGroups: env.WS_MAX_SUBSCRIPTION_GROUPS,
          maxSubscribers: env.WS_MAX_SUBSCRIBERS,
          sharedHydration: env.GATEWAY_SHARED_HYDRATION,
          hideSuggestions: production,
        },
        makeContext: (viewer, ip) => makeContext(viewer, ip),
        changes,
      });
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        const listening = () => (httpServer.off('error', reject), resolve());
        if (typeof port === 'number') httpServer.listen(port, host, listening);
        else httpServer.listen(port, listening);
      });
      const address = httpServer.address();
      const bound = typeof address === 'object' && address ? address.port : 0;
      log.info({ port: bound }, 'gateway listening');
      return bound;
    },
    /** Stops once: later calls wait for the same stop. */
    stop() {
      return (stopped ??= (async () => {
        // HTTP starts draining at once (the listener closes, every answer says Connection: close)
        // while graphql-ws tells each socket to go away (1001); Apollo's stop then waits for it.
        const http = drain.drain();
        await subscriptions?.close();
        await apollo.stop();
        await http;
      })());
    },
  };
}

/** The built staff app at `/`, with the SPA fallback for client-side routes. */
function serveWeb(app: express.Express, dist: string, log: Logger) {
  if (!dist) return;
  const root = resolve(dist);
  const index = resolve(root, 'index.html');
  if (!existsSync(index)) {
    log.warn({ dist: root }, 'web app not built; run `npm run build -w web`');
    app.get('/', (_req, res) => {
      res.type('text').send('The Nexus web app is not built yet: run `npm run build -w web`. The API is at /graphql.');
    });
    return;
  }
  // The client portal's service worker may control `/` (it answers the trips' `/i/` pages offline);
  // it is always revalidated, so a new one takes over at the next visit.
  app.get('/portal/sw.js', (_req, res, next) => {
    res.setHeader('Service-Worker-Allowed', '/');
    res.setHeader('Cache-Control', 'no-cache');
    next();
  });
  app.use(express.static(root, { index: false, maxAge: '1h' }));
  // The client portal is its own app (web/portal/index.html), at `/portal` and every path below it.
  const portalIndex = resolve(root, 'portal', 'index.html');
  if (existsSync(portalIndex)) {
    app.get(/^\/portal(\/(?!graphql$).*)?$/, (req, res, next) => {
      if (!req.accepts('html')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(portalIndex);
    });
  }
  app.get(/^\/(?!graphql|health|playground-assets).*/, (req, res, next) => {
    if (!req.accepts('html')) return next();
    res.sendFile(index);
  });
}
