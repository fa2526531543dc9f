/**
 * Composes the subgraphs' SDL into `gateway/supergraph.graphql` (what the gateway executes) and
 * `gateway/supergraph-api.graphql` (the client-facing API schema codegen and tools read).
 * `--check` compares instead of writing, and fails when the committed files are stale.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse, printSchema } from 'graphql';
import { subgraphSdl } from '@nexus/platform';
import { SUBGRAPHS } from './subgraphs.ts';

const root = resolve(import.meta.dirname, '..');

/** Composes the registered subgraphs (each one's SDL is in `subgraphs/<name>/schema/`). */
export function compose(entries: readonly { name: string; port: number }[] = SUBGRAPHS): {
  supergraph: string;
  api: string;
} {
  const services = entries.map((s) => ({
    name: s.name,
    url: `http://127.0.0.1:${s.port}/graphql`,
    typeDefs: parse(subgraphSdl(resolve(root, 'subgraphs', s.name))),
  }));
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return {
    supergraph: `${result.supergraphSdl.trim()}\n`,
    api: `${printSchema(result.schema.toAPISchema().toGraphQLJSSchema()).trim()}\n`,
  };
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/scripts\//, '/scripts/'));
if (isMain) {
  const { supergraph, api } = compose();
  const files = { 'gateway/supergraph.graphql': supergraph, 'gateway/supergraph-api.graphql': api };
  if (process.argv.includes('--check')) {
    const stale = Object.entries(files).filter(
      ([path, text]) => !existsSync(path) || readFileSync(path, 'utf8') !== text,
    );
    if (stale.length) {
      console.error(`Stale: ${stale.map(([p]) => p).join(', ')}. Run \`npm run compose\` and commit the result.`);
      process.exit(1);
    }
  } else {
    for (const [path, text] of Object.entries(files)) writeFileSync(path, text);
    console.log('Wrote gateway/supergraph.graphql and gateway/supergraph-api.graphql');
  }
}
