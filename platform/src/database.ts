import pg from 'pg';
import { MikroORM, defineConfig, type EntityManager } from '@mikro-orm/postgresql';
import { Migrator, type Migration } from '@mikro-orm/migrations';
import type { Constructor } from '@mikro-orm/core';
import type { EntitySchema } from '@mikro-orm/core';
import type { Logger } from './logger.ts';

export type { EntityManager };
export { MikroORM };

/** `postgres://.../postgres` + `nexus_crm` -> `postgres://.../nexus_crm`. */
export const databaseUrl = (serverUrl: string, dbName: string): string => {
  const u = new URL(serverUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
};

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Creates the database if it does not exist (optionally as a copy of a template). */
export async function ensureDatabase(serverUrl: string, dbName: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [dbName]);
    if (found.rowCount) return;
    const tpl = template ? ` template ${quoteIdent(template)}` : '';
    try {
      await client.query(`create database ${quoteIdent(dbName)}${tpl}`);
    } catch (e) {
      // Two processes racing to create the same database: the loser finds it there.
      if (!(e instanceof Error && 'code' in e && (e.code === '42P04' || e.code === '23505'))) throw e;
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(serverUrl: string, dbName: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${quoteIdent(dbName)} with (force)`);
  } finally {
    await client.end();
  }
}

/** Answers whether PostgreSQL at this URL accepts a connection within the timeout. */
export async function postgresAnswers(serverUrl: string, timeoutMs = 2000): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface OrmOptions {
  serverUrl: string;
  dbName: string;
  entities: EntitySchema[];
  migrations: Constructor<Migration>[];
  migrationsPath: string;
  logger?: Logger;
  poolMax?: number;
  /** Counts SQL statements, for benchmarks that check a page does not cost a query per row. */
  onQuery?: (sql: string) => void;
}

export async function createOrm(o: OrmOptions): Promise<MikroORM> {
  return MikroORM.init(
    defineConfig({
      clientUrl: databaseUrl(o.serverUrl, o.dbName),
      entities: o.entities,
      extensions: [Migrator],
      migrations: {
        path: o.migrationsPath,
        migrationsList: o.migrations.map((m) => ({ name: m.name, class: m })),
        snapshot: false,
        transactional: true,
        allOrNothing: true,
        silent: true,
      },
      pool: { min: 0, max: o.poolMax ?? 10 },
      debug: o.onQuery ? ['query'] : false,
      logger: o.onQuery ? (message: string) => o.onQuery?.(message) : (message: string) => o.logger?.debug(message),
      ensureDatabase: false,
      allowGlobalContext: false,
      forceUtcTimezone: true,
      serialization: { forceObject: true },
    }),
  );
}

/** Runs pending migrations; returns their names. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const done = await orm.migrator.up();
  return done.map((m) => m.name);
}
