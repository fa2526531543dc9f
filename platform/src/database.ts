import pg from 'pg';
import {
  MikroORM,
  PostgreSqlDriver,
  PostgreSqlPlatform,
  defineConfig,
  type EntityManager,
} from '@mikro-orm/postgresql';
import { Migrator, type Migration } from '@mikro-orm/migrations';
import type { Configuration, Constructor } from '@mikro-orm/core';
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

const digit = (text: string, i: number) => {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : Number.NaN;
};
const number = (text: string, from: number, to: number) => {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + digit(text, i);
  return n;
};

/**
 * PostgreSQL's text form of a timestamptz read in UTC (`2026-12-07 02:29:37.123456+00`, the only form
 * our sessions produce) as a Date, to the millisecond as postgres-date reads it; null for any other
 * form (another offset, a date, infinity, a year outside 100-9999), which the general parser takes.
 * A board reads thousands of timestamps, and the general parser was a twentieth of its CPU.
 */
export function parseUtcTimestamp(text: string): Date | null {
  const n = text.length;
  if (n < 22 || n > 29 || text.charCodeAt(n - 3) !== 43 || digit(text, n - 2) !== 0 || digit(text, n - 1) !== 0)
    return null;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== ' ' || text[13] !== ':' || text[16] !== ':') return null;
  let ms = 0;
  if (n > 22) {
    if (text[19] !== '.') return null;
    const digits = n - 23;
    if (digits < 1 || digits > 6 || Number.isNaN(number(text, 20, 20 + digits))) return null;
    ms = number(text, 20, 20 + Math.min(3, digits)) * 10 ** Math.max(0, 3 - digits);
  }
  const year = number(text, 0, 4);
  if (!(year >= 100)) return null;
  const time = Date.UTC(
    year,
    number(text, 5, 7) - 1,
    number(text, 8, 10),
    number(text, 11, 13),
    number(text, 14, 16),
    number(text, 17, 19),
    ms,
  );
  return Number.isNaN(time) ? null : new Date(time);
}

/** PostgreSQL as MikroORM speaks it, with UTC timestamps parsed by `parseUtcTimestamp`. */
export class NexusPostgreSqlPlatform extends PostgreSqlPlatform {
  override parseDate(value: string | number): Date {
    return (typeof value === 'string' && parseUtcTimestamp(value)) || super.parseDate(value);
  }
}

/** MikroORM's PostgreSQL driver on `NexusPostgreSqlPlatform`. */
export class NexusPostgreSqlDriver extends PostgreSqlDriver {
  constructor(config: Configuration) {
    super(config);
    (this as unknown as { platform: PostgreSqlPlatform }).platform = new NexusPostgreSqlPlatform();
  }
}

export async function createOrm(o: OrmOptions): Promise<MikroORM> {
  return MikroORM.init(
    defineConfig({
      driver: NexusPostgreSqlDriver,
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
