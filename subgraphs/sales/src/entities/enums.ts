/** The sales subgraph's PostgreSQL enums (`nx_<name>`), as the values GraphQL exposes. */
export const BILLING_FREQUENCIES = ['ONE_TIME', 'MONTHLY', 'YEARLY'] as const;
export type BillingFrequency = (typeof BILLING_FREQUENCIES)[number];

export const PRICING_UNITS = ['PER_UNIT', 'PER_PERSON', 'PER_ROOM'] as const;
export type PricingUnit = (typeof PRICING_UNITS)[number];

export const QUOTE_STATUSES = [
  'DRAFT',
  'PENDING_APPROVAL',
  'SENT',
  'VIEWED',
  'ACCEPTED',
  'DECLINED',
  'EXPIRED',
  'SUPERSEDED',
] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

export const DISCOUNT_TYPES = ['PERCENT', 'AMOUNT'] as const;
export type DiscountType = (typeof DISCOUNT_TYPES)[number];

export const APPROVAL_STATES = ['NOT_REQUIRED', 'REQUIRED', 'APPROVED'] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

export const PLAYBOOK_ITEM_KINDS = ['CHECKLIST', 'QUESTION'] as const;
export type PlaybookItemKind = (typeof PLAYBOOK_ITEM_KINDS)[number];

export const MEETING_KINDS = ['ONE_PERSON', 'ROUND_ROBIN'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const MEETING_STATUSES = ['BOOKED', 'CANCELLED'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
