import { fileURLToPath } from 'node:url';
import type { Constructor, EntitySchema } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Express, Router } from 'express';
import type { RedisClientType } from 'redis';
import type { z } from 'zod';
import { createOrm, ensureDatabase, migrate } from './database.ts';
import { loadEnv, type commonEnv } from './env.ts';
import { createEventBus, type EventBus } from './events.ts';
import { createLogger, setLogLevel, type Logger } from './logger.ts';
import { publicErrorHandler, publicRouter } from './public-routes.ts';
import { openRedis } from './redis.ts';
import { loadSubgraphTypeDefs } from './schema-files.ts';
import {
  createSubgraph,
  databaseAndRedisHealth,
  serveUntilSignalled,
  type BaseContext,
  type HealthCheck,
  type Subgraph,
} from './subgraph.ts';
import type { WorkerModule, WorkerPart } from './worker-host.ts';

/** The variables every subgraph reads (the shape each subgraph's `envShape` extends). */
export type CommonEnv = z.infer<z.ZodObject<typeof commonEnv>>;

/** What every subgraph holds for its whole life; a manifest's `extend` adds its own clients. */
export interface CoreDeps<E = CommonEnv> {
  env: E;
  orm: MikroORM;
  redis: RedisClientType;
  bus: EventBus;
  log: Logger;
}

export interface OpenOptions {
  /** Seed demo data (default: the env's SEED_DEMO_DATA; never in production). */
  seed?: boolean;
  /** Counts SQL statements (benchmarks). */
  onQuery?: (sql: string) => void;
  /** Which process opens it: the subgraph's server, or the worker (which must not announce what the server announces). */
  role?: 'server' | 'worker';
}

/**
 * Everything about one subgraph that start-up, migrations, codegen, compose, the gateway, the worker,
 * tests and benches need, declared once in `subgraphs/<name>/src/manifest.ts`. Platform does the
 * wiring that used to be copied per subgraph (database, migrations, Redis, event bus, server,
 * health, worker module and outbox relay).
 */
export interface SubgraphManifest<
  S extends z.ZodRawShape = z.ZodRawShape,
  D = CoreDeps,
  C extends BaseContext = BaseContext,
> {
  /** Lower-case name: database `nexus_<name>`, gateway env `<NAME>_URL`, port env `<NAME>_PORT`. */
  name: string;
  /** Default port (DESIGN: 4001-4007), overridable with `<NAME>_PORT`. */
  port: number;
  /** The subgraph's folder (`new URL('..', import.meta.url)` from `src/manifest.ts`); its SDL is `schema/*.graphql`. */
  folder: URL;
  /** Its zod env shape (`...commonEnv` plus its own); the only place its variables are declared. */
  envShape: S;
  /** Rules zod cannot express (one line per problem); the process refuses to start with any. */
  envProblems?(env: z.infer<z.ZodObject<S>>): string[];
  entities: EntitySchema[];
  migrations: Constructor<Migration>[];
  /** Where `npm run migrate -- create` writes (the folder of `migrations`). */
  migrationsPath: string;
  /** Runs after migrations on every start, production included (standing data the domain needs). */
  prepare?(orm: MikroORM, env: z.infer<z.ZodObject<S>>, log: Logger): Promise<void>;
  /** Demo data; skipped in production and when SEED_DEMO_DATA=false. Must be idempotent. */
  seed?(orm: MikroORM, env: z.infer<z.ZodObject<S>>, log: Logger): Promise<void>;
  /** Adds what this subgraph holds beyond the core deps (upstream clients...). */
  extend?(core: CoreDeps<z.infer<z.ZodObject<S>>>, o: OpenOptions): D | Promise<D>;
  /** Releases what `extend` added, before the core closes. */
  dispose?(deps: D): void | Promise<void>;
  /** Resolver map (typed per subgraph by codegen). */
  resolvers: object;
  /** Per-request context: usually `{ ...base, em: fork, loaders, deps }`. */
  context(deps: D, base: BaseContext): C;
  /** Health checks; database and Redis by default. */
  health?(deps: D): HealthCheck;
  /** Extra HTTP routes beside /graphql (identity's API-key check for the gateway). */
  routes?(app: Express, deps: D): void;
  /**
   * Public pages and webhooks this subgraph serves through the gateway (prefixes declared in
   * subgraphs/registry.ts). The router already refuses requests without a gateway-signed viewer
   * token and holds the raw body (`publicRawBody`); see platform/src/public-routes.ts.
   */
  publicRoutes?(router: Router, deps: D): void;
  /** Its part of the worker process: processors by queue and job, and repeatable schedules. */
  worker?(deps: D, log: Logger): WorkerPart | Promise<WorkerPart>;
  /** Per-subgraph codegen settings (paths relative to `src/__generated__/`). */
  codegen: {
    contextType: string;
    mappers?: Record<string, string>;
    enumValues?: Record<string, Record<string, string>>;
  };
}

/** Declares a subgraph; only infers the types, so the manifest stays a plain object. */
export const defineSubgraph = <S extends z.ZodRawShape, D, C extends BaseContext>(
  m: SubgraphManifest<S, D, C>,
): SubgraphManifest<S, D, C> => m;

/** Any subgraph's manifest (what the registry lists); its hooks are methods, so every manifest fits. */
export type AnySubgraphManifest = SubgraphManifest<z.ZodRawShape, unknown, BaseContext>;

/** `crm` -> `CRM`, `field-ops` -> `FIELD_OPS`: the prefix of a subgraph's variables. */
export const envPrefix = (name: string) => name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
export const portVariable = (name: string) => `${envPrefix(name)}_PORT`;
export const urlVariable = (name: string) => `${envPrefix(name)}_URL`;
/** The subgraph's folder as a path (for SDL files and codegen). */
export const subgraphFolder = (m: Pick<AnySubgraphManifest, 'folder'>) => fileURLToPath(m.folder).replace(/\/$/, '');

/** Parses the subgraph's env (exits listing every problem, like every Nexus process). */
export function loadSubgraphEnv<S extends z.ZodRawShape, D, C extends BaseContext>(
  m: SubgraphManifest<S, D, C>,
  source?: Record<string, string | undefined>,
): z.infer<z.ZodObject<S>> {
  const env = loadEnv(m.envShape, source);
  const problems = m.envProblems?.(env) ?? [];
  if (problems.length === 0) return env;
  process.stderr.write(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}

/** The port the subgraph listens on: `<NAME>_PORT` from its env, else the manifest's. */
export function subgraphPort(m: AnySubgraphManifest, env: CommonEnv): number {
  const value: unknown = (env as Record<string, unknown>)[portVariable(m.name)];
  return typeof value === 'number' ? value : m.port;
}

export const subgraphDatabaseName = (m: Pick<AnySubgraphManifest, 'name'>, env: Pick<CommonEnv, 'DATABASE_PREFIX'>) =>
  `${env.DATABASE_PREFIX}${m.name}`;

/** The subgraph's MikroORM instance on `dbName` (no migrations run). */
export const createManifestOrm = (
  m: Pick<AnySubgraphManifest, 'entities' | 'migrations' | 'migrationsPath'>,
  o: { serverUrl: string; dbName: string; logger?: Logger; onQuery?: (sql: string) => void; poolMax?: number },
) => createOrm({ ...o, entities: m.entities, migrations: m.migrations, migrationsPath: m.migrationsPath });

/**
 * Connects everything a subgraph needs: creates and migrates its database, prepares and (outside
 * production) seeds it, opens Redis and the event bus, then the manifest's own extras.
 */
export async function openSubgraph<S extends z.ZodRawShape, D, C extends BaseContext>(
  m: SubgraphManifest<S, D, C>,
  env: z.infer<z.ZodObject<S>>,
  log: Logger,
  o: OpenOptions = {},
): Promise<D & CoreDeps<z.infer<z.ZodObject<S>>> & { close(): Promise<void> }> {
  const common = env as CommonEnv;
  const dbName = subgraphDatabaseName(m, common);
  await ensureDatabase(common.DATABASE_URL, dbName);
  const orm = await createManifestOrm(m, {
    serverUrl: common.DATABASE_URL,
    dbName,
    logger: log,
    onQuery: o.onQuery,
    poolMax: common.DATABASE_POOL_MAX,
  });
  await migrate(orm);
  await m.prepare?.(orm, env, log);
  if ((o.seed ?? common.SEED_DEMO_DATA) && common.NODE_ENV !== 'production') await m.seed?.(orm, env, log);
  const redis = await openRedis(common.REDIS_URL, log);
  const bus = createEventBus(common.REDIS_URL, common.REDIS_PREFIX, log);
  const core: CoreDeps<z.infer<z.ZodObject<S>>> = { env, orm, redis, bus, log };
  // `extend` returns the core plus its own; without it the core deps are the subgraph's deps.
  const deps = (m.extend ? await m.extend(core, o) : core) as D & CoreDeps<z.infer<z.ZodObject<S>>>;
  return Object.assign(deps, {
    async close() {
      await m.dispose?.(deps);
      await bus.close();
      await redis.quit().catch(() => undefined);
      await orm.close();
    },
  });
}

/** The subgraph's SDL, parsed (shared definitions first). */
export const manifestTypeDefs = (m: Pick<AnySubgraphManifest, 'folder'>) => loadSubgraphTypeDefs(m.folder);

/** The subgraph's Apollo server behind the rank shield, with its health and extra routes; not listening yet. */
export function createManifestServer<S extends z.ZodRawShape, D, C extends BaseContext>(
  m: SubgraphManifest<S, D, C>,
  deps: D & CoreDeps<unknown>,
  log: Logger,
): Subgraph<C> {
  // Every manifest's env shape spreads `commonEnv` (the one secret read here is in it).
  const env = deps.env as CommonEnv;
  const subgraph = createSubgraph<C>({
    name: m.name,
    typeDefs: manifestTypeDefs(m),
    resolvers: m.resolvers,
    log,
    internalTokenSecret: env.INTERNAL_TOKEN_SECRET,
    createContext: (base) => m.context(deps, base),
    health: m.health?.(deps) ?? databaseAndRedisHealth(deps.orm, deps.redis),
    compiledQueries: env.SUBGRAPH_COMPILED_QUERIES,
  });
  m.routes?.(subgraph.app, deps);
  if (m.publicRoutes) {
    const router = publicRouter({ name: m.name, internalTokenSecret: env.INTERNAL_TOKEN_SECRET, log });
    m.publicRoutes(router, deps);
    subgraph.app.use('/public', router, publicErrorHandler(log));
  }
  return subgraph;
}

/** The subgraph's part of the worker process, on its own connections. */
export async function manifestWorker<S extends z.ZodRawShape, D, C extends BaseContext>(
  m: SubgraphManifest<S, D, C>,
  env: z.infer<z.ZodObject<S>>,
  log: Logger,
): Promise<WorkerModule | null> {
  if (!m.worker) return null;
  const deps = await openSubgraph(m, env, log, { seed: false, role: 'worker' });
  const part = await m.worker(deps, log);
  return { name: m.name, orm: deps.orm, ...part, close: () => deps.close() };
}

/** A subgraph process (`src/main.ts`): env, database, server, listen; stops on SIGTERM/SIGINT. */
export async function runSubgraph<S extends z.ZodRawShape, D, C extends BaseContext>(
  m: SubgraphManifest<S, D, C>,
): Promise<void> {
  const env = loadSubgraphEnv(m);
  setLogLevel((env as CommonEnv).LOG_LEVEL);
  const log = createLogger(m.name);
  const deps = await openSubgraph(m, env, log, { role: 'server' });
  const subgraph = createManifestServer(m, deps, log);
  const common = env as CommonEnv;
  await serveUntilSignalled(subgraph, subgraphPort(m, common), () => deps.close(), common.BIND_HOST, { log });
}
