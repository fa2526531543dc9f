/** `npm run bench -- <name>` runs bench/<name>.ts; with no name, lists them. */
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const dir = import.meta.dirname;
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'support.ts'].includes(f))
  .map((f) => f.replace(/\.ts$/, ''));
const wanted = process.argv.slice(2);
if (!wanted.length) {
  console.log(`Benchmarks: ${names.join(', ')}\nRun one with: npm run bench -- <name>`);
  process.exit(0);
}
for (const name of wanted) {
  if (!names.includes(name)) {
    console.error(`No benchmark ${name}. Known: ${names.join(', ')}`);
    process.exit(2);
  }
  const r = spawnSync(process.execPath, [resolve(dir, `${name}.ts`)], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
