import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { KbArticle, SlaCalendar, SlaPolicy, Ticket } from './entities/index.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function byId<T extends { id: string }>(em: EntityManager, entity: new () => T) {
  return new DataLoader<string, T | null>(async (ids) => {
    const valid = ids.filter((id) => UUID.test(id));
    const rows = valid.length ? ((await em.find(entity, { id: { $in: valid } } as never)) as T[]) : [];
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

/** Per-request batching: one query per kind of record a response references. */
export function createLoaders(em: EntityManager) {
  return {
    ticket: byId(em, Ticket),
    policy: byId(em, SlaPolicy),
    calendar: byId(em, SlaCalendar),
    article: byId(em, KbArticle),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
