import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { rowsById } from '@nexus/platform';
import { User } from './entities/index.ts';

/**
 * Per-request batch loaders: one query per list of ids, results in key order, null for missing.
 * Users are read-only plain rows (platform's rows.ts): every owner, author and actor the other
 * subgraphs show by name comes through here, and nothing that changes a user uses this loader.
 */
export function createLoaders(em: EntityManager) {
  return {
    user: new DataLoader<string, User | null>((ids) => rowsById(em, User, ids)),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
