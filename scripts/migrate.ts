/**
 * `npm run migrate`                  applies every subgraph's pending migrations.
 * `npm run migrate -- create <name>` writes a new migration for subgraph <name>: the difference
 *                                    between its entities and its migrations, found on a scratch DB.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, dropDatabase, ensureDatabase, migrate } from '@nexus/platform';
import { scriptEnv } from './env.ts';
import { SUBGRAPHS, ormModule } from './subgraphs.ts';

const env = scriptEnv;
const serverUrl = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const log = createLogger('migrate');
const [command, target, label] = process.argv.slice(2);

if (command === 'create') {
  const mod = target && SUBGRAPHS.some((s) => s.name === target) ? await ormModule(target) : null;
  if (!mod) {
    console.error(`usage: npm run migrate -- create <${SUBGRAPHS.map((s) => s.name).join('|')}> [label]`);
    process.exit(2);
  }
  const scratch = `nexus_scratch_${mod.SUBGRAPH}_${process.pid}`;
  await ensureDatabase(serverUrl, scratch);
  const orm = await mod.createSubgraphOrm({ serverUrl, dbName: scratch, logger: log });
  try {
    await migrate(orm);
    const result = await orm.migrator.create(mod.migrationsPath, false, false, label);
    if (!result.diff.up.length) {
      console.log('Entities and migrations agree; nothing to write.');
    } else {
      console.log(`Wrote ${join(mod.migrationsPath, result.fileName)}`);
      const { readdirSync } = await import('node:fs');
      const files = readdirSync(mod.migrationsPath)
        .filter((f) => /^Migration\d+.*\.ts$/.test(f))
        .sort();
      const imports = files.map((f, i) => `import { ${f.replace(/\.ts$/, '').replace(/[^A-Za-z0-9_]/g, '_')} as m${i} } from './${f}';`);
      writeFileSync(
        join(mod.migrationsPath, 'index.ts'),
        `// Every migration of this subgraph, in order. \`npm run migrate -- create\` rewrites this file.\n${imports.join('\n')}\n\nexport const migrations = [${files.map((_, i) => `m${i}`).join(', ')}];\n`,
      );
    }
  } finally {
    await orm.close();
    await dropDatabase(serverUrl, scratch);
  }
} else {
  for (const { name } of SUBGRAPHS) {
    const mod = await ormModule(name);
    const dbName = `${env.DATABASE_PREFIX}${mod.SUBGRAPH}`;
    await ensureDatabase(serverUrl, dbName);
    const orm = await mod.createSubgraphOrm({ serverUrl, dbName, logger: log });
    const done = await migrate(orm);
    console.log(`${name}: ${done.length ? `applied ${done.join(', ')}` : 'up to date'}`);
    await orm.close();
  }
}
