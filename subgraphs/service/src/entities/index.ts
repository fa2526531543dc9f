import { OutboxMessageSchema } from '@nexus/platform';
import { KbArticleSchema, KbArticleVersionSchema, KbCategorySchema, TriageSuggestionSchema } from './kb.entity.ts';
import { SlaCalendarSchema, SlaPolicySchema } from './sla.entity.ts';
import {
  PortalContactSchema,
  PortalThreadSchema,
  PreTripFormSchema,
  PreTripResponseSchema,
  WaiverAcceptanceSchema,
} from '../portal/portal.entity.ts';
import { SurveyInvitationSchema, SurveySchema } from './survey.entity.ts';
import {
  AgentProfileSchema,
  MacroSchema,
  TicketEventSchema,
  TicketMessageSchema,
  TicketAttachmentSchema,
  TicketSavedViewSchema,
  TicketSchema,
} from './ticket.entity.ts';

export * from './enums.ts';
export * from './kb.entity.ts';
export * from './sla.entity.ts';
export * from './survey.entity.ts';
export * from './ticket.entity.ts';
export * from '../portal/portal.entity.ts';

/** Every entity of this subgraph (the outbox included, so jobs are never lost). */
export const entities = [
  TicketSchema,
  TicketMessageSchema,
  TicketEventSchema,
  AgentProfileSchema,
  MacroSchema,
  TicketAttachmentSchema,
  TicketSavedViewSchema,
  SlaCalendarSchema,
  SlaPolicySchema,
  KbCategorySchema,
  KbArticleSchema,
  KbArticleVersionSchema,
  TriageSuggestionSchema,
  SurveySchema,
  SurveyInvitationSchema,
  PortalContactSchema,
  PortalThreadSchema,
  PreTripFormSchema,
  PreTripResponseSchema,
  WaiverAcceptanceSchema,
  OutboxMessageSchema,
];
