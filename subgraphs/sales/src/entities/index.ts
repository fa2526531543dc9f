import { OutboxMessageSchema } from '@nexus/platform';
import { SalesNoteSchema } from './note.entity.ts';

export * from './note.entity.ts';

/** Every entity of this subgraph (the outbox included, so jobs are never lost). */
export const entities = [SalesNoteSchema, OutboxMessageSchema];
