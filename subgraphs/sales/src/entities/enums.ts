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

export const MEETING_KINDS = ['ONE_PERSON', 'ROUND_ROBIN', 'COLLECTIVE'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const MEETING_STATUSES = ['BOOKED', 'CANCELLED'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/**
 * Where an accepted quote's deposit stands in TT-API: PENDING until the payment schedule is created
 * (retried through outages), CREATED, NOT_A_TRIP when the deal has no TT-API booking to schedule
 * against, FAILED when TT-API refused it for good (the owner is told).
 */
export const DEPOSIT_SCHEDULE_STATES = ['PENDING', 'CREATED', 'NOT_A_TRIP', 'FAILED'] as const;
export type DepositScheduleState = (typeof DEPOSIT_SCHEDULE_STATES)[number];

/** What a routing rule looks at: the visitor's destination or their kind of trip. */
export const ROUTING_FIELDS = ['DESTINATION', 'TRIP_TYPE'] as const;
export type RoutingField = (typeof ROUTING_FIELDS)[number];

/** Where a member's external busy time comes from: an ICS feed, a CalDAV calendar, or Google Calendar. */
export const CALENDAR_PROVIDERS = ['ICS_FEED', 'CALDAV', 'GOOGLE'] as const;
export type CalendarProvider = (typeof CALENDAR_PROVIDERS)[number];
