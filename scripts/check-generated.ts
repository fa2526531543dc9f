/**
 * Part of `npm test`: the committed supergraph and codegen output must match what the schemas and
 * documents produce now, and docker-compose.yml must run every registered subgraph. Nothing is
 * written; a stale file fails with the command that fixes it.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import type { Types } from '@graphql-codegen/plugin-helpers';
import config from '../codegen.ts';
import { compose } from './compose.ts';
import { composeFile, composeFileProblems } from './compose-file.ts';

const stale: string[] = [];
const { supergraph, api } = compose();
for (const [path, text] of [
  ['gateway/supergraph.graphql', supergraph],
  ['gateway/supergraph-api.graphql', api],
] as const) {
  if (!existsSync(path) || readFileSync(path, 'utf8') !== text) stale.push(`${path} (npm run compose)`);
}

const outputs = (await generate({ ...config, silent: true, verbose: false } as Types.Config, false)) as {
  filename: string;
  content: string;
}[];
for (const { filename, content } of outputs) {
  if (!existsSync(filename) || readFileSync(filename, 'utf8') !== content) stale.push(`${filename} (npm run codegen)`);
}

// A generated module whose source document or schema is gone is stale too: nothing regenerates or
// removes it, and it would keep types for operations that no longer exist.
const produced = new Set(outputs.map(({ filename }) => resolve(filename)));
for (const file of generatedFiles(['web/src', 'sdk/src', 'subgraphs'])) {
  if (!produced.has(resolve(file))) stale.push(`${file} (no longer generated: delete it)`);
}

for (const problem of composeFileProblems(composeFile())) stale.push(`docker-compose.yml: ${problem}`);

if (stale.length) {
  console.error(`Generated files are stale:\n${stale.map((s) => `  - ${s}`).join('\n')}\nRegenerate and commit them.`);
  process.exit(1);
}
console.log(`Generated files are current (${outputs.length + 2} checked).`);

/** Every file inside a `__generated__` folder under the given roots. */
function generatedFiles(roots: string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string, inside: boolean) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path, inside || entry.name === '__generated__');
      else if (inside) found.push(path);
    }
  };
  for (const root of roots) if (existsSync(root)) walk(root, false);
  return found;
}
