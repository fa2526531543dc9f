import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { resolve } from 'node:path';
import express from 'express';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RedisClientType } from 'redis';
import { buildSchema, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import {
  NexusError,
  errorEnvelope,
  errorHandler,
  maskError,
  rankMapFromSdl,
  type EventBus,
  type Logger,
  type RankMap,
  type Viewer,
} from '@nexus/platform';
import { Authenticator } from './auth.ts';
import type { GatewayContext } from './context.ts';
import { dataSourceFactory } from './data-source.ts';
import type { GatewayEnv } from './env.ts';
import { checkHealth } from './health.ts';
import { internalSyncRouter } from './internal-sync.ts';
import { PLAYGROUND_ASSETS, playgroundAssets, playgroundPage } from './playground.ts';
import { checkRanks, rankError, type RankCheckResult } from './rank-check.ts';
import { startSubscriptionServer } from './subscriptions.ts';

export const REFRESH_COOKIE = 'nexus_refresh';
const supergraphPath = new URL('../supergraph.graphql', import.meta.url);
const apiSchemaPath = new URL('../supergraph-api.graphql', import.meta.url);

export interface GatewayDeps {
  env: GatewayEnv;
  redis: RedisClientType;
  bus: EventBus;
  log: Logger;
}

/** The rank map and API schema come from the committed supergraph: one source of truth. */
export function loadSupergraph(): { supergraphSdl: string; apiSchema: GraphQLSchema; ranks: RankMap } {
  const supergraphSdl = readFileSync(supergraphPath, 'utf8');
  return { supergraphSdl, apiSchema: buildSchema(readFileSync(apiSchemaPath, 'utf8')), ranks: rankMapFromSdl(supergraphSdl) };
}

function rankPlugin(schema: GraphQLSchema, ranks: RankMap, loginLimiter: RateLimiterRedis): ApolloServerPlugin<GatewayContext> {
  // Apollo hands the same parsed document to every run of an operation; the answer depends only
  // on the operation and the caller's rank, so walk each pair once.
  const cache = new WeakMap<DocumentNode, Map<string, RankCheckResult>>();
  const check = (document: DocumentNode, operation: OperationDefinitionNode, viewer: Viewer) => {
    let perDocument = cache.get(document);
    if (!perDocument) cache.set(document, (perDocument = new Map()));
    const key = `${operation.name?.value ?? ''}|${viewer.rank}`;
    let result = perDocument.get(key);
    if (!result) perDocument.set(key, (result = checkRanks(schema, ranks, document, operation, viewer)));
    return result;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, contextValue }) {
          if (!operation) return;
          const result = check(document, operation, contextValue.viewer);
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
          for (const change of contextValue.cookieChanges) {
            const cookie =
              change.kind === 'set'
                ? serializeCookie(REFRESH_COOKIE, change.token, {
                    httpOnly: true,
                    secure: true,
                    sameSite: 'strict',
                    path: '/graphql',
                    expires: change.expiresAt,
                  })
                : serializeCookie(REFRESH_COOKIE, '', { httpOnly: true, secure: true, sameSite: 'strict', path: '/graphql', maxAge: 0 });
            response.http.headers.set('set-cookie', cookie);
          }
        },
      };
    },
  };
}

export async function createGateway(deps: GatewayDeps) {
  const { env, log } = deps;
  const production = env.NODE_ENV === 'production';
  const { supergraphSdl, apiSchema, ranks } = loadSupergraph();
  // The subgraphs are those the committed supergraph names; env only says where each one runs.
  const configured: Record<string, string> = { identity: env.IDENTITY_URL, crm: env.CRM_URL, travel: env.TRAVEL_URL };
  const subgraphUrls = Object.fromEntries(
    [...supergraphSdl.matchAll(/@join__graph\(name: "([a-z]+)", url: "([^"]+)"\)/g)].map(([, name = '', url = '']) => [name, configured[name] ?? url]),
  );
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: dataSourceFactory(env.INTERNAL_TOKEN_SECRET, env.SUBGRAPH_TIMEOUT_MS, new Map(Object.entries(subgraphUrls))),
    serviceHealthCheck: false,
  });

  const armor = new ApolloArmor({
    // Sized so real analyst queries pass: deep enough for contact -> company -> contacts -> owner.
    maxDepth: { n: 12 },
    maxAliases: { n: 30 },
    maxDirectives: { n: 50 },
    maxTokens: { n: 8000 },
    costLimit: { maxCost: 50_000, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5 },
    blockFieldSuggestion: { enabled: production },
  }).protect();

  const loginLimiter = new RateLimiterRedis({
    storeClient: deps.redis,
    useRedisPackage: true,
    keyPrefix: `${env.REDIS_PREFIX}:rl:login`,
    points: env.LOGIN_RATE_LIMIT,
    duration: 60,
    insuranceLimiter: new RateLimiterMemory({ points: env.LOGIN_RATE_LIMIT, duration: 60 }),
  });

  const app = express();
  const httpServer = http.createServer(app);
  const authenticator = new Authenticator(env, deps.redis);
  const makeContext = (viewer: Viewer, ip: string, refreshCookie: string | null = null): GatewayContext => {
    const requestId = randomUUID();
    return { viewer, requestId, ip, refreshCookie, cookieChanges: [], log: log.child({ requestId }) };
  };

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    validationRules: armor.validationRules,
    formatError: (formatted, error) => maskError(formatted, error, log),
    plugins: [
      // graphql-armor is typed against Apollo's CommonJS build; the plugin objects are the same at runtime.
      ...(armor.plugins as unknown as ApolloServerPlugin<GatewayContext>[]),
      rankPlugin(apiSchema, ranks, loginLimiter),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
    ],
  });

  app.disable('x-powered-by');
  app.set('trust proxy', env.TRUST_PROXY);

  app.get('/health', async (_req, res) => {
    const result = await checkHealth({
      databaseUrl: env.DATABASE_URL,
      redis: deps.redis,
      subgraphs: Object.entries(subgraphUrls).map(([name, url]) => ({ name, url })),
    });
    res.status(result.ok ? 200 : 503).json({ status: result.ok ? 'ok' : 'degraded', checks: result.checks });
  });

  app.use(internalSyncRouter({ secret: env.TT_INTERNAL_SERVICE_SECRET, apollo, makeContext, log }));

  app.use(`${PLAYGROUND_ASSETS}/graphql-playground-react`, playgroundAssets());
  app.get('/graphql', (req, res, next) => {
    if (req.accepts(['html', 'json']) === 'html' && !req.query.query) {
      res.type('html').send(playgroundPage());
      return;
    }
    next();
  });

  let subscriptions: { close(): Promise<void> } | undefined;
  return {
    app,
    httpServer,
    apollo,
    async listen(port: number, host = env.GATEWAY_HOST): Promise<number> {
      await apollo.start();
      app.use(
        '/graphql',
        express.json({ limit: '1mb' }),
        expressMiddleware(apollo, {
          context: async ({ req }) => {
            const { viewer } = await authenticator.authenticate(req.header('authorization'), req.header('x-api-key'));
            const refreshCookie = parseCookies(req.header('cookie') ?? '')[REFRESH_COOKIE] ?? null;
            return makeContext(viewer, req.ip ?? 'unknown', refreshCookie);
          },
        }),
      );
      serveWeb(app, env.WEB_DIST, log);
      app.use((_req, res) => {
        res.status(404).json(errorEnvelope('NOT_FOUND', 'Nothing here.', randomUUID()));
      });
      app.use(errorHandler(log));
      subscriptions = startSubscriptionServer({
        httpServer,
        schema: apiSchema,
        ranks,
        apollo,
        authenticator,
        bus: deps.bus,
        log,
        makeContext: (viewer, ip) => makeContext(viewer, ip),
      });
      await new Promise<void>((r) => httpServer.listen(port, host, r));
      const address = httpServer.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      log.info({ port: bound }, 'gateway listening');
      return bound;
    },
    async stop() {
      await subscriptions?.close();
      await apollo.stop();
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
  app.use(express.static(root, { index: false, maxAge: '1h' }));
  app.get(/^\/(?!graphql|health|playground-assets).*/, (req, res, next) => {
    if (!req.accepts('html')) return next();
    res.sendFile(index);
  });
}
