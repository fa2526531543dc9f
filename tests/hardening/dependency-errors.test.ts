import { connect, createServer, type Socket } from 'node:net';
import pg from 'pg';
import { GraphQLError } from 'graphql';
import { ErrorReply, createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OutboxMessageSchema,
  createLogger,
  createOrm,
  maskError,
  recordRedisErrors,
  setLogLevel,
  type MikroORM,
} from '@nexus/platform';
import { testEnv } from '../support/env.ts';

// Fault R4: while PostgreSQL restarted, a subgraph answered INTERNAL_SERVER_ERROR ("something went
// wrong on our side") for what is a temporary outage. The driver's connection errors (a refused
// port, an admin shutdown, a closed Redis client) are UPSTREAM_UNAVAILABLE naming the dependency,
// so clients know to retry; every other driver error stays masked. The errors below are real ones,
// raised by the drivers against a closed port and a terminated backend.

// The warn lines these errors write are expected here.
setLogLevel('silent');
const log = createLogger('dependency-errors-test');

/** What a client sees when a resolver throws `error` at `contacts`, as Apollo hands it to formatError. */
const seenByClient = (error: Error) => {
  const wrapped = new GraphQLError(error.message, { path: ['contacts'], originalError: error });
  return maskError(
    { message: error.message, path: ['contacts'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    wrapped,
    log,
  );
};

/** A loopback port nothing listens on (bound, then released). */
const closedPort = async () => {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 1;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
};

const thrown = async (run: () => Promise<unknown>): Promise<Error> => {
  try {
    await run();
  } catch (e) {
    if (e instanceof Error) return e;
    throw new Error(`threw a non-error: ${String(e)}`, { cause: e });
  }
  throw new Error('did not throw');
};

let port = 0;
let admin: pg.Client;
beforeAll(async () => {
  port = await closedPort();
  admin = new pg.Client({ connectionString: testEnv.DATABASE_URL });
  await admin.connect();
});
afterAll(async () => {
  await admin?.end();
});

/** Runs a long statement (marked by a comment) and terminates its backend from another session (SQLSTATE 57P01). */
const terminatedWhileRunning = async (run: (sql: string) => Promise<unknown>, marker: string) => {
  const failure = thrown(() => run(`select pg_sleep(30) /* ${marker} */`));
  // Wait until the statement is on the server, then shut its backend down as an admin would.
  for (let i = 0; i < 100; i++) {
    const { rowCount } = await admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where query like $1 and pid <> pg_backend_pid()`,
      [`%/* ${marker} */%`],
    );
    if (rowCount) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return failure;
};

describe('PostgreSQL unreachable', () => {
  it('a refused connection is UPSTREAM_UNAVAILABLE naming PostgreSQL, without the address', async () => {
    const error = await thrown(async () => {
      const client = new pg.Client({ host: '127.0.0.1', port, user: 'x', database: 'x' });
      await client.connect();
    });
    const seen = seenByClient(error);
    expect(seen.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', service: 'postgresql' });
    expect(seen.message).toBe('PostgreSQL is unavailable right now; this is temporary, try again shortly.');
    expect(JSON.stringify(seen)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|\d{4,5}/);
  });

  it('a refused connection through the ORM a subgraph uses is UPSTREAM_UNAVAILABLE', async () => {
    const orm: MikroORM = await createOrm({
      serverUrl: `postgres://x:y@127.0.0.1:${port}/postgres`,
      dbName: 'nexus_nowhere',
      entities: [OutboxMessageSchema],
      migrations: [],
      migrationsPath: '.',
    });
    try {
      const error = await thrown(() => orm.em.fork().getConnection().execute('select 1'));
      expect(seenByClient(error).extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', service: 'postgresql' });
    } finally {
      await orm.close(true);
    }
  });

  it('a statement cut off by an admin shutdown (57P01) is UPSTREAM_UNAVAILABLE', async () => {
    const client = new pg.Client({ connectionString: testEnv.DATABASE_URL });
    client.on('error', () => undefined);
    await client.connect();
    const error = await terminatedWhileRunning((sql) => client.query(sql), `nexus-57p01-${process.pid}`);
    await client.end().catch(() => undefined);
    expect('code' in error ? error.code : undefined).toBe('57P01');
    expect(seenByClient(error).extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', service: 'postgresql' });
  });

  it('the same shutdown seen through the ORM is UPSTREAM_UNAVAILABLE', async () => {
    const dbName = new URL(testEnv.DATABASE_URL).pathname.slice(1) || 'postgres';
    const orm = await createOrm({
      serverUrl: testEnv.DATABASE_URL,
      dbName,
      entities: [OutboxMessageSchema],
      migrations: [],
      migrationsPath: '.',
    });
    try {
      const error = await terminatedWhileRunning(
        (sql) => orm.em.fork().getConnection().execute(sql),
        `nexus-orm-57p01-${process.pid}`,
      );
      expect(seenByClient(error).extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', service: 'postgresql' });
    } finally {
      await orm.close(true);
    }
  });

  it('a wrong statement is still masked as INTERNAL_SERVER_ERROR, with nothing of the SQL', async () => {
    const error = await thrown(() => admin.query('selec 1'));
    const seen = seenByClient(error);
    expect(seen.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(JSON.stringify(seen)).not.toContain('selec');
  });
});

describe('Redis unreachable', () => {
  it('a command on a client that cannot reach Redis is UPSTREAM_UNAVAILABLE naming Redis', async () => {
    const client = createClient({ url: `redis://127.0.0.1:${port}`, disableOfflineQueue: true });
    const error = await thrown(() => client.ping());
    const seen = seenByClient(error);
    expect(seen.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', service: 'redis' });
    expect(seen.message).toBe('Redis is unavailable right now; this is temporary, try again shortly.');
  });

  it('a client whose Redis went away mid-session is UPSTREAM_UNAVAILABLE', async () => {
    const client = createClient({
      url: testEnv.REDIS_URL,
      disableOfflineQueue: true,
      socket: { reconnectStrategy: false },
    });
    // As every Redis client of the app does (openRedis, the event bus).
    recordRedisErrors(client);
    client.on('error', () => undefined);
    await client.connect();
    // Ask Redis to drop this very connection, as a restart would.
    await client
      .sendCommand(['CLIENT', 'KILL', 'ID', String(await client.clientId()), 'SKIPME', 'no'])
      .catch(() => undefined);
    const error = await thrown(async () => {
      for (let i = 0; i < 50; i++) {
        await client.ping();
        await new Promise((r) => setTimeout(r, 20));
      }
    });
    expect(seenByClient(error).extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', service: 'redis' });
    if (client.isOpen) await client.close().catch(() => undefined);
  });

  it("a Redis connection reset under a command is Redis's, not the database's", async () => {
    // A relay in front of Redis that can cut the client's connection with a TCP reset, as a crashed
    // or firewalled server does: node-redis hands the command the bare ECONNRESET socket error.
    const target = new URL(testEnv.REDIS_URL);
    const sockets: Socket[] = [];
    const relay = createServer((inbound) => {
      const outbound = connect(Number(target.port || 6379), target.hostname);
      inbound.pipe(outbound).pipe(inbound);
      inbound.on('error', () => outbound.destroy());
      outbound.on('error', () => inbound.destroy());
      sockets.push(inbound);
    });
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
    const address = relay.address();
    const relayPort = typeof address === 'object' && address ? address.port : 1;
    const client = createClient({
      url: `redis://127.0.0.1:${relayPort}`,
      disableOfflineQueue: true,
      socket: { reconnectStrategy: false },
    });
    recordRedisErrors(client);
    client.on('error', () => undefined);
    try {
      await client.connect();
      const error = await thrown(async () => {
        const blocked = client.blPop(`nexus-reset-${process.pid}`, 5);
        for (const s of sockets) s.resetAndDestroy();
        await blocked;
      });
      expect('code' in error ? error.code : undefined).toBe('ECONNRESET');
      expect(seenByClient(error).extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', service: 'redis' });
    } finally {
      if (client.isOpen) client.destroy();
      await new Promise<void>((r) => relay.close(() => r()));
    }
  });

  it('a Redis still replaying its data after a restart (LOADING) is UPSTREAM_UNAVAILABLE', () => {
    // The reply a restarted Redis gives every command until its AOF is loaded; node-redis raises it as is.
    const loading = new ErrorReply('LOADING Redis is loading the dataset in memory');
    expect(seenByClient(loading).extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', service: 'redis' });
  });

  it('any other Redis reply error stays INTERNAL_SERVER_ERROR', () => {
    const wrongType = new ErrorReply('WRONGTYPE Operation against a key holding the wrong kind of value');
    expect(seenByClient(wrongType).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });
});
