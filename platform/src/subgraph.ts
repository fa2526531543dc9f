import { randomUUID } from 'node:crypto';
import http from 'node:http';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { DocumentNode } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { RedisClientType } from 'redis';
import { compiledExecution, type CompiledExecution } from './compiled-execution.ts';
import { maskError } from './format-error.ts';
import { errorEnvelope, errorHandler } from './http-errors.ts';
import type { Logger } from './logger.ts';
import { rankShield } from './shield.ts';
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

/**
 * Serves a subgraph until SIGTERM/SIGINT, then stops it (requests in flight are answered) and closes
 * what it holds (ORM, Redis), once, and exits 0.
 *
 * The handlers stay registered (`on`, not `once`): a supervisor or a terminal may send a second
 * signal, and with no listener of ours left it killed the process before `close()` ran (so did
 * Apollo's re-raised signal, when Apollo's own signal handling was on; `createSubgraph` turns it
 * off). Every signal after the first joins the same shutdown. The whole stop is bounded by
 * `timeoutMs`: one that still waits on something past it exits 1 rather than keep the port.
 */
export async function serveUntilSignalled(
  subgraph: { listen(port: number, host?: string): Promise<number>; stop(): Promise<void> },
  port: number,
  close: () => Promise<void>,
  host = '127.0.0.1',
  options: { timeoutMs?: number; log?: Pick<Logger, 'warn' | 'error'> } = {},
): Promise<number> {
  const bound = await subgraph.listen(port, host);
  const timeoutMs = options.timeoutMs ?? 12_000;
  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      setTimeout(() => {
        options.log?.warn({ timeoutMs }, 'subgraph did not stop in time; exiting');
        process.exit(1);
      }, timeoutMs).unref();
      let code = 0;
      try {
        await subgraph.stop();
      } catch (err) {
        code = 1;
        options.log?.error({ err }, 'subgraph stop failed');
      }
      try {
        await close();
      } catch (err) {
        code = 1;
        options.log?.error({ err }, "closing the subgraph's connections failed");
      }
      process.exit(code);
    })());
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
  return bound;
}

/**
 * How long a subgraph keeps an idle connection from the gateway open (Node's default is 5 s). The
 * gateway retires its idle connections sooner (its `IDLE_CONNECTION_MS`), so it never sends on a
 * connection the subgraph is closing.
 */
export const SUBGRAPH_KEEP_ALIVE_MS = 30_000;

export interface SubgraphOptions<C extends BaseContext> {
  name: string;
  typeDefs: DocumentNode;
  // Resolver maps are typed per subgraph by codegen; the federation helper takes them loosely.
  resolvers: GraphQLResolverMap<C> | object;
  log: Logger;
  internalTokenSecret: string;
  createContext: (base: BaseContext) => C | Promise<C>;
  health: HealthCheck;
  /** Repeated queries a viewer may read in full run compiled (`compiledExecution`); default on. */
  compiledQueries?: boolean;
}

export interface Subgraph<C extends BaseContext> {
  server: ApolloServer<C>;
  app: express.Express;
  httpServer: http.Server;
  /** How operations ran (undefined with compiled queries off). */
  execution?: CompiledExecution;
  /** Starts the server and the HTTP listener; resolves with the bound port. */
  listen(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

/**
 * An Apollo subgraph behind the gateway: builds the federated schema, wraps it in the rank shield,
 * and only answers requests that carry a viewer token the gateway signed for this subgraph.
 */
export function createSubgraph<C extends BaseContext>(o: SubgraphOptions<C>): Subgraph<C> {
  const own = buildSubgraphSchema([{ typeDefs: o.typeDefs, resolvers: o.resolvers as GraphQLResolverMap<unknown> }]);
  const ranked = rankShield(own, o.typeDefs);
  const schema = ranked.schema;
  const execution = o.compiledQueries === false ? undefined : compiledExecution(schema, own);
  const app = express();
  const httpServer = http.createServer(app);
  httpServer.keepAliveTimeout = SUBGRAPH_KEEP_ALIVE_MS;
  const server = new ApolloServer<C>({
    ...(execution ? { gateway: execution.gateway } : { schema }),
    // `serveUntilSignalled` owns SIGTERM/SIGINT and stops once. Apollo's handlers would start a
    // second, concurrent stop(): Apollo Server 5.5.1 never resolves what a concurrent stop() waits
    // on after a successful stop, so ours hung until its bound, and Apollo re-raised the signal.
    stopOnTerminationSignals: false,
    introspection: false,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    // Compact answers to the gateway: Apollo indents by default (more bytes to write and to parse).
    stringifyResult: (result) => JSON.stringify(result),
    formatError: (formatted, error) => maskError(formatted, error, o.log),
    // No HTTP caching of answers here, so skip cache-control bookkeeping on every field (measurable on big pages).
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      ranked.plugin as ApolloServerPlugin<C>,
    ],
  });

  app.disable('x-powered-by');
  // Answers are POSTed GraphQL results: an ETag (a SHA-1 of every body, a board's 140 KB) serves no cache.
  app.set('etag', false);
  app.get('/health', async (_req, res) => {
    const checks = await o.health().catch((e: unknown) => ({ database: e instanceof Error ? e.message : 'failed' }));
    const ok = Object.values(checks).every((v) => v === 'ok');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', service: o.name, checks });
  });

  let started = false;
  let stopping: Promise<void> | undefined;
  return {
    server,
    app,
    httpServer,
    ...(execution ? { execution } : {}),
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
            res
              .status(401)
              .json(errorEnvelope('UNAUTHENTICATED', 'This service only answers the Nexus gateway.', requestId));
            return;
          }
          try {
            res.locals.viewer = await verifyViewerToken(token, o.name, o.internalTokenSecret);
            res.locals.requestId = requestId;
            next();
          } catch (e) {
            if (!(e instanceof InvalidViewerToken)) throw e;
            res
              .status(401)
              .json(errorEnvelope('UNAUTHENTICATED', 'This service only answers the Nexus gateway.', requestId));
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
      // A path no route claims is the REST envelope's 404, never Express's HTML page.
      app.use((req, res) => {
        res
          .status(404)
          .json(
            errorEnvelope(
              'NOT_FOUND',
              `Nothing here: ${req.method} ${req.path}.`,
              req.header('x-request-id') ?? randomUUID(),
            ),
          );
      });
      app.use(errorHandler(o.log));
      await new Promise<void>((resolve) => httpServer.listen(port, host, resolve));
      const address = httpServer.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      o.log.info({ port: bound }, `${o.name} subgraph listening`);
      return bound;
    },
    stop() {
      return (stopping ??= (async () => {
        await server.stop();
        if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      })());
    },
  };
}
