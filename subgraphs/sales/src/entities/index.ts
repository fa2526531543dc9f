import { OutboxMessageSchema } from '@nexus/platform';
import { PlaybookAnswerSchema, PlaybookSchema } from './playbook.entity.ts';
import { ProductSchema } from './product.entity.ts';
import { QuoteSchema } from './quote.entity.ts';
import { QuoteTemplateSchema } from './quote-template.entity.ts';
import { AvailabilitySchema, MeetingSchema, MeetingTypeSchema } from './meeting.entity.ts';
import { RoutingFormSchema } from './routing.entity.ts';
import { PortalContactSchema, QuoteChangeRequestSchema } from '../portal/portal.entity.ts';

export * from './enums.ts';
export * from './product.entity.ts';
export * from './quote.entity.ts';
export * from './quote-template.entity.ts';
export * from './playbook.entity.ts';
export * from './meeting.entity.ts';
export * from './routing.entity.ts';
export * from '../portal/portal.entity.ts';

/** Every entity of this subgraph (the outbox included, so jobs are never lost). */
export const entities = [
  ProductSchema,
  QuoteSchema,
  QuoteTemplateSchema,
  PlaybookSchema,
  PlaybookAnswerSchema,
  AvailabilitySchema,
  MeetingTypeSchema,
  MeetingSchema,
  RoutingFormSchema,
  PortalContactSchema,
  QuoteChangeRequestSchema,
  OutboxMessageSchema,
];
