import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import {
  createLogger,
  createManifestOrm,
  dropDatabase,
  ensureDatabase,
  loadSubgraphEnv,
  migrate,
  postgresAnswers,
  redisAnswers,
} from '@nexus/platform';
import { SUBGRAPHS, loadManifest } from '../../subgraphs/registry.ts';
import { worldVars } from './world-vars.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    templatePrefix: string;
    seededTemplatePrefix: string;
  }
}

/**
 * Once per run: check the real services answer, then build one migrated template database per
 * subgraph for this run. Each test file clones its own databases from them, so files run in
 * parallel, and so do several runs on one machine. Database names carry the owning process id;
 * databases whose process is gone are swept.
 */
export default async function setup(project: TestProject) {
  // Before env.ts is read (below), so test processes forked later inherit the same secrets.
  process.env.JWT_SECRET = randomBytes(48).toString('base64url');
  process.env.INTERNAL_TOKEN_SECRET = randomBytes(48).toString('base64url');
  const { testEnv } = await import('./env.ts');
  if (!(await postgresAnswers(testEnv.DATABASE_URL))) {
    throw new Error(
      `PostgreSQL does not answer at ${testEnv.DATABASE_URL}. Start it (see README) or set DATABASE_URL.`,
    );
  }
  if (!(await redisAnswers(testEnv.REDIS_URL))) {
    throw new Error(`Redis does not answer at ${testEnv.REDIS_URL}. Start it (see README) or set REDIS_URL.`);
  }
  await sweepOrphans(testEnv.DATABASE_URL);
  const log = createLogger('test-setup');
  log.level = 'warn';
  const templatePrefix = `tpl_${process.pid}_`;
  // Beside each migrated template, a seeded one: a whole system's files start from the demo data
  // without each file hashing the demo passwords and writing the demo CRM again.
  const seededPrefix = `${templatePrefix}s_`;
  const templates: string[] = [];
  await Promise.all(
    SUBGRAPHS.map(async (entry) => {
      const mod = await loadManifest(entry);
      const tpl = `${templatePrefix}${mod.name}`;
      const seeded = `${seededPrefix}${mod.name}`;
      templates.push(tpl, seeded);
      for (const db of [tpl, seeded]) await dropDatabase(testEnv.DATABASE_URL, db);
      await ensureDatabase(testEnv.DATABASE_URL, tpl);
      const orm = await createManifestOrm(mod, { serverUrl: testEnv.DATABASE_URL, dbName: tpl, logger: log });
      await migrate(orm);
      await orm.close();
      await ensureDatabase(testEnv.DATABASE_URL, seeded, tpl);
      if (!mod.seed) return;
      const seededOrm = await createManifestOrm(mod, { serverUrl: testEnv.DATABASE_URL, dbName: seeded, logger: log });
      try {
        const env = loadSubgraphEnv(mod, { ...process.env, ...worldVars(testEnv, seededPrefix, `nexus-test-${seededPrefix}`) });
        await mod.prepare?.(seededOrm, env, log);
        await mod.seed(seededOrm, env, log);
      } finally {
        await seededOrm.close();
      }
    }),
  );
  project.provide('templatePrefix', templatePrefix);
  project.provide('seededTemplatePrefix', seededPrefix);
  return async () => {
    for (const tpl of templates) await dropDatabase(testEnv.DATABASE_URL, tpl).catch(() => undefined);
  };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e instanceof Error && 'code' in e && e.code === 'EPERM';
  }
};

async function sweepOrphans(databaseUrl: string) {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      "select datname from pg_database where datname ~ '^(t|tpl)_[0-9]+_'",
    );
    for (const { datname } of rows) {
      const pid = Number(datname.split('_')[1]);
      if (!alive(pid)) await client.query(`drop database if exists "${datname}" with (force)`).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}
