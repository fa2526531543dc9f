import { fileURLToPath } from 'node:url';
import { createOrm, type Logger } from '@nexus/platform';
import { entities } from './entities/index.ts';
import { migrations } from './migrations/index.ts';

export const SUBGRAPH = 'crm';
export const migrationsPath = fileURLToPath(new URL('./migrations', import.meta.url));

export const createSubgraphOrm = (o: { serverUrl: string; dbName: string; logger?: Logger; onQuery?: (sql: string) => void }) =>
  createOrm({ ...o, entities, migrations, migrationsPath });
