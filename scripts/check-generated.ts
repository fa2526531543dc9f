/**
 * Part of `npm test`: the committed supergraph and codegen output must match what the schemas and
 * documents produce now, and docker-compose.yml must run every registered subgraph. Nothing is
 * written; a stale file fails with the command that fixes it.
 */
import { existsSync, readFileSync } from 'node:fs';
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

for (const problem of composeFileProblems(composeFile())) stale.push(`docker-compose.yml: ${problem}`);

if (stale.length) {
  console.error(`Generated files are stale:\n${stale.map((s) => `  - ${s}`).join('\n')}\nRegenerate and commit them.`);
  process.exit(1);
}
console.log(`Generated files are current (${outputs.length + 2} checked).`);
