import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Meeting, MeetingType, Playbook, Product, Quote, QuoteTemplate, RoutingForm } from './entities/index.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const byId = <T extends { id: string }>(em: EntityManager, entity: new () => T) =>
  new DataLoader<string, T | null>(async (ids) => {
    const valid = ids.filter((id) => UUID.test(id));
    const rows = valid.length ? ((await em.find(entity, { id: { $in: valid } } as never)) as T[]) : [];
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  });

/** Per-request batching: one query per entity for every id a response references. */
export function createLoaders(em: EntityManager) {
  return {
    product: byId(em, Product),
    quote: byId(em, Quote),
    quoteTemplate: byId(em, QuoteTemplate),
    playbook: byId(em, Playbook),
    meetingType: byId(em, MeetingType),
    meeting: byId(em, Meeting),
    routingForm: byId(em, RoutingForm),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
