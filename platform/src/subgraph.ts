import { randomUUID } from 'node:crypto';
import http from 'node:http';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { DocumentNode } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { RedisClientType } from 'redis';
import { maskError } from './format-error.ts';
import { errorEnvelope, errorHandler } from './http-errors.ts';
import type { Logger } from './logger.ts';
import { applyRankShield } from './shield.ts';
import { InvalidViewerToken, VIEWER_HEADER, verifyViewerToken, type Viewer } from './viewer.ts';

/** The HTTP exchange behind a request, for the few resolvers that read or set headers. */
export interface HttpExchange {
  header(name: string): string | undefined;
  setHeader(name: string, value: string): void;
}

export const noHttp: HttpExchange = { header: () => undefined, setHeader: () => undefined };

export interface BaseContext {
  viewer: Viewer;
  requestId: string;
  log: Logger;
  http: HttpExchange;
}

export type HealthCheck = () => Promise<Record<string, 'ok' | string>>;

/** The health every subgraph reports: its database answers `select 1` and its Redis a PING. */
export const databaseAndRedisHealth =
  (orm: MikroORM, redis: RedisClientType): HealthCheck =>
  async () => ({
    database: await orm.em
      .fork()
      .getConnection()
      .execute('select 1')
      .then(
        () => 'ok',
        () => 'unreachable',
      ),
    redis: await redis.ping().then(
      () => 'ok',
      () => 'unreachable',
    ),
  });

/** Serves a subgraph until SIGTERM/SIGINT, then stops it and closes what it holds. */
export async function serveUntilSignalled(
  subgraph: { listen(port: number, host?: string): Promise<number>; stop(): Promise<void> },
  port: number,
  close: () => Promise<void>,
  host = '127.0.0.1',
): Promise<void> {
  await subgraph.listen(port, host);
  const shutdown = async () => {
    await subgraph.stop();
    await close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

export interface SubgraphOptions<C extends BaseContext> {
  name: string;
  typeDefs: DocumentNode;
  // Resolver maps are typed per subgraph by codegen; the federation helper takes them loosely.
  resolvers: GraphQLResolverMap<C> | object;
  log: Logger;
  internalTokenSecret: string;
  createContext: (base: BaseContext) => C | Promise<C>;
  health: HealthCheck;
}

export interface Subgraph<C extends BaseContext> {
  server: ApolloServer<C>;
  app: express.Express;
  httpServer: http.Server;
  /** Starts the server and the HTTP listener; resolves with the bound port. */
  listen(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}


/**
 * An Apollo subgraph behind the gateway: builds the federated schema, wraps it in the rank shield,
 * and only answers requests that carry a viewer token the gateway signed for this subgraph.
 */
export function createSubgraph<C extends BaseContext>(o: SubgraphOptions<C>): Subgraph<C> {
  const schema = applyRankShield(
    buildSubgraphSchema([{ typeDefs: o.typeDefs, resolvers: o.resolvers as GraphQLResolverMap<unknown> }]),
    o.typeDefs,
  );
  const app = express();
  const httpServer = http.createServer(app);
  const server = new ApolloServer<C>({
    schema,
    introspection: false,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => maskError(formatted, error, o.log),
    // No HTTP caching of answers here, so skip cache-control bookkeeping on every field (measurable on big pages).
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled()],
  });

  app.disable('x-powered-by');
  app.get('/health', async (_req, res) => {
    const checks = await o.health().catch((e: unknown) => ({ database: e instanceof Error ? e.message : 'failed' }));
    const ok = Object.values(checks).every((v) => v === 'ok');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', service: o.name, checks });
  });

  let started = false;
  return {
    server,
    app,
    httpServer,
    async listen(port, host = '127.0.0.1') {
      if (!started) {
        await server.start();
        started = true;
      }
      app.use(
        '/graphql',
        async (req, res, next) => {
          const requestId = req.header('x-request-id') ?? randomUUID();
          const token = req.header(VIEWER_HEADER);
          if (!token) {
            res.status(401).json(errorEnvelope('UNAUTHENTICATED', 'This service only answers the Nexus gateway.', requestId));
            return;
          }
          try {
            res.locals.viewer = await verifyViewerToken(token, o.name, o.internalTokenSecret);
            res.locals.requestId = requestId;
            next();
          } catch (e) {
            if (!(e instanceof InvalidViewerToken)) throw e;
            res.status(401).json(errorEnvelope('UNAUTHENTICATED', 'This service only answers the Nexus gateway.', requestId));
          }
        },
        express.json({ limit: '1mb' }),
        expressMiddleware(server, {
          context: async ({ req, res }) => {
            const viewer = res.locals.viewer as Viewer;
            const requestId = res.locals.requestId as string;
            const http: HttpExchange = {
              header: (name) => req.header(name),
              setHeader: (name, value) => res.setHeader(name, value),
            };
            return o.createContext({ viewer, requestId, log: o.log.child({ requestId }), http });
          },
        }),
      );
      app.use(errorHandler(o.log));
      await new Promise<void>((resolve) => httpServer.listen(port, host, resolve));
      const address = httpServer.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      o.log.info({ port: bound }, `${o.name} subgraph listening`);
      return bound;
    },
    async stop() {
      await server.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
