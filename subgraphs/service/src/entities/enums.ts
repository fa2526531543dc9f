/** The service desk's PostgreSQL enums (`sd_<name>`), as the values GraphQL exposes. */
export const TICKET_STATUSES = ['NEW', 'OPEN', 'PENDING', 'ON_HOLD', 'SOLVED', 'CLOSED'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_PRIORITIES = ['LOW', 'NORMAL', 'HIGH', 'URGENT'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
export const TICKET_CATEGORIES = [
  'BOOKING_CHANGE',
  'CANCELLATION',
  'REFUND',
  'PAYMENT',
  'COMPLAINT',
  'DOCUMENTS',
  'TRAVEL_DISRUPTION',
  'GENERAL',
] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];
export const TICKET_SOURCES = ['EMAIL', 'WEB', 'SLACK', 'PHONE', 'PORTAL'] as const;
export type TicketSource = (typeof TICKET_SOURCES)[number];
export const MESSAGE_KINDS = ['PUBLIC_REPLY', 'INTERNAL_NOTE', 'CUSTOMER_MESSAGE'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export const SLA_STATES = ['NONE', 'ON_TRACK', 'PAUSED', 'AT_RISK', 'BREACHED', 'MET'] as const;
export type SlaState = (typeof SLA_STATES)[number];
export const ARTICLE_STATUSES = ['DRAFT', 'PUBLISHED', 'ARCHIVED'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];
export const ARTICLE_VISIBILITIES = ['INTERNAL', 'PUBLIC'] as const;
export type ArticleVisibility = (typeof ARTICLE_VISIBILITIES)[number];
export const QUESTION_TYPES = ['CSAT', 'NPS', 'CES', 'TEXT'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Statuses where the requester still waits on us (the SLA clock may run). */
export const ACTIVE_STATUSES: readonly TicketStatus[] = ['NEW', 'OPEN', 'PENDING', 'ON_HOLD'];
