/**
 * `npm run migrate`                  applies every subgraph's pending migrations.
 * `npm run migrate -- create <name>` writes a new migration for subgraph <name>: the difference
 *                                    between its entities and its migrations, found on a scratch DB.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createLogger,
  createManifestOrm,
  dropDatabase,
  ensureDatabase,
  migrate,
  subgraphDatabaseName,
} from '@nexus/platform';
import { scriptEnv } from './env.ts';
import { SUBGRAPHS, loadManifest } from './subgraphs.ts';

const env = scriptEnv;
const serverUrl = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const log = createLogger('migrate');
const [command, target, label] = process.argv.slice(2);

if (command === 'create') {
  const entry = SUBGRAPHS.find((s) => s.name === target);
  const mod = entry ? await loadManifest(entry) : null;
  if (!mod) {
    console.error(`usage: npm run migrate -- create <${SUBGRAPHS.map((s) => s.name).join('|')}> [label]`);
    process.exit(2);
  }
  const scratch = `nexus_scratch_${mod.name.replace(/-/g, '_')}_${process.pid}`;
  await ensureDatabase(serverUrl, scratch);
  const orm = await createManifestOrm(mod, { serverUrl, dbName: scratch, logger: log });
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
      const imports = files.map(
        (f, i) => `import { ${f.replace(/\.ts$/, '').replace(/[^A-Za-z0-9_]/g, '_')} as m${i} } from './${f}';`,
      );
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
  for (const entry of SUBGRAPHS) {
    const mod = await loadManifest(entry);
    const dbName = subgraphDatabaseName(mod, env);
    await ensureDatabase(serverUrl, dbName);
    const orm = await createManifestOrm(mod, { serverUrl, dbName, logger: log });
    const done = await migrate(orm);
    console.log(`${mod.name}: ${done.length ? `applied ${done.join(', ')}` : 'up to date'}`);
    await orm.close();
  }
}
