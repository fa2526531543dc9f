import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@nexus/platform';

/** Every subgraph in the supergraph, with its port. Order is start order. */
export const SUBGRAPHS = [
  { name: 'identity', port: 4001 },
  { name: 'crm', port: 4002 },
  { name: 'travel', port: 4006 },
] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

interface OrmModule {
  SUBGRAPH: string;
  migrationsPath: string;
  createSubgraphOrm(o: { serverUrl: string; dbName: string; logger?: Logger }): Promise<MikroORM>;
}

/** A subgraph's database module (`src/orm.ts`), loaded by name for the repository scripts. */
export async function ormModule(name: string): Promise<OrmModule> {
  const href = new URL(`../subgraphs/${name}/src/orm.ts`, import.meta.url).href;
  return (await import(/* @vite-ignore */ href)) as OrmModule;
}
