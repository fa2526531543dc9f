import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import pg from 'pg';
import { dropDatabase, ensureDatabase } from '@nexus/platform';
import { SUBGRAPHS } from '../../subgraphs/registry.ts';
import { testEnv } from './env.ts';
import { worldVars } from './world-vars.ts';
import { inject } from 'vitest';

/**
 * One isolated world per test file: its own database per subgraph (cloned from the migrated
 * templates) and its own Redis prefix. `vars` is the environment every process of this world reads.
 */
export interface Isolation {
  vars: Record<string, string>;
  dbPrefix: string;
  redisPrefix: string;
  dispose(): Promise<void>;
}

export async function isolate(extra: Record<string, string> = {}, o: { seeded?: boolean } = {}): Promise<Isolation> {
  const tag = randomBytes(4).toString('hex');
  const dbPrefix = `t_${process.pid}_${tag}_`;
  // Seeded templates hold the demo data already (the seeds still run, and find it there).
  const templatePrefix = inject(o.seeded ? 'seededTemplatePrefix' : 'templatePrefix');
  const redisPrefix = `nexus-test-${tag}`;
  const created = SUBGRAPHS.map(({ name }) => `${dbPrefix}${name}`);
  // Each database comes from its own template, so they are cloned side by side. A test database
  // needs no durable commits: not waiting for the WAL flush on each one speeds every write.
  await Promise.all(
    SUBGRAPHS.map(async ({ name }) => {
      await ensureDatabase(testEnv.DATABASE_URL, `${dbPrefix}${name}`, `${templatePrefix}${name}`);
      await setDatabaseOption(testEnv.DATABASE_URL, `${dbPrefix}${name}`, 'synchronous_commit', 'off');
    }),
  );
  const vars: Record<string, string> = { ...worldVars(testEnv, dbPrefix, redisPrefix), ...extra };
  return {
    vars,
    dbPrefix,
    redisPrefix,
    async dispose() {
      await Promise.all(created.map((db) => dropDatabase(testEnv.DATABASE_URL, db).catch(() => undefined)));
      const redis = createClient({ url: testEnv.REDIS_URL });
      await redis.connect();
      for await (const keys of redis.scanIterator({ MATCH: `${redisPrefix}:*`, COUNT: 500 })) {
        if (keys.length) await redis.del(keys);
      }
      await redis.quit();
    },
  };
}

async function setDatabaseOption(serverUrl: string, db: string, name: string, value: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`alter database "${db.replace(/"/g, '""')}" set ${name} = ${value}`);
  } finally {
    await client.end();
  }
}
