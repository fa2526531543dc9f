import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Delivery } from './entities/index.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Per-request batching: one query for every delivery a response references. */
export function createLoaders(em: EntityManager) {
  return {
    delivery: new DataLoader<string, Delivery | null>(async (ids) => {
      const valid = ids.filter((id) => UUID.test(id));
      const rows = valid.length ? await em.find(Delivery, { id: { $in: valid } }) : [];
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
