import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, type DocumentNode } from 'graphql';

/** The SDL every subgraph shares (link header, rank directives, scalars, PageInfo). */
export const COMMON_SDL_PATH = fileURLToPath(new URL('../graphql/common.graphql', import.meta.url));

/**
 * A subgraph's SDL files, in load order: the shared definitions, then `schema/*.graphql` (one
 * file per area, sorted by name) or a single `schema.graphql`. `dir` is the subgraph's folder.
 */
export function subgraphSchemaFiles(dir: string): string[] {
  const folder = `${dir}/schema`;
  const own = existsSync(folder)
    ? readdirSync(folder)
        .filter((f) => f.endsWith('.graphql'))
        .sort()
        .map((f) => `${folder}/${f}`)
    : [`${dir}/schema.graphql`].filter((f) => existsSync(f));
  if (!own.length) throw new Error(`${dir} has no schema/*.graphql or schema.graphql`);
  return [COMMON_SDL_PATH, ...own];
}

/** The whole SDL of a subgraph as one text, shared definitions first. */
export const subgraphSdl = (dir: string): string =>
  subgraphSchemaFiles(dir)
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');

/** The parsed SDL of the subgraph in `dir` (a path, or a `file:` URL of the folder). */
export const loadSubgraphTypeDefs = (dir: string | URL): DocumentNode =>
  parse(subgraphSdl(typeof dir === 'string' ? dir.replace(/\/$/, '') : fileURLToPath(dir).replace(/\/$/, '')));
