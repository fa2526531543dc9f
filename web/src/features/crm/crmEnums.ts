import type {
  AccountTier,
  ActivityType,
  DealSource,
  DealType,
  Priority,
  TaskType,
  CompanyStatus,
  CompanyType,
  ContactRole,
  EngagementLevel,
  LeadSource,
  LeadStatus,
} from '../../__generated__/graphql.ts';

/**
 * Choices for the CRM forms and filters, in the schema's order. Each list is typed as a record
 * first, so a value added to the schema is a type error here until it is listed.
 */
const keys = <T extends string>(record: Record<T, true>) => Object.keys(record) as T[];

export const LEAD_STATUSES = keys<LeadStatus>({
  NEW: true,
  ATTEMPTED_TO_CONTACT: true,
  CONNECTED: true,
  IN_PROGRESS: true,
  OPEN_DEAL: true,
  NURTURING: true,
  UNQUALIFIED: true,
  BAD_TIMING: true,
});

export const LEAD_SOURCES = keys<LeadSource>({
  BUILTIN_LIST: true,
  LINKEDIN_OUTREACH: true,
  LINKEDIN_INBOUND: true,
  WEBSITE_FORM: true,
  BUDDY_CHAT: true,
  REFERRAL: true,
  EVENT: true,
  COLD_EMAIL: true,
  SOCIAL_MEDIA: true,
  ORGANIC_SEARCH: true,
  OTHER: true,
});

export const CONTACT_ROLES = keys<ContactRole>({
  C_SUITE: true,
  VP: true,
  DIRECTOR: true,
  HR_CULTURE: true,
  OFFICE_MANAGER: true,
  TRAVEL_COORDINATOR: true,
  EXECUTIVE_ASSISTANT: true,
  INDIVIDUAL: true,
  OTHER: true,
});

export const COMPANY_TYPES = keys<CompanyType>({
  CORPORATE: true,
  SMALL_BUSINESS: true,
  STARTUP: true,
  NONPROFIT: true,
  EDUCATION: true,
  GOVERNMENT: true,
  ASSOCIATION: true,
  TRAVEL_PARTNER: true,
  SUPPLIER: true,
  OTHER: true,
});

export const COMPANY_STATUSES = keys<CompanyStatus>({
  TARGET: true,
  RESEARCHING: true,
  AWARE: true,
  ENGAGED: true,
  QUALIFIED: true,
  PROPOSAL_SENT: true,
  NEGOTIATING: true,
  WON: true,
  ACTIVE_CLIENT: true,
  CHURNED: true,
  DISQUALIFIED: true,
  ARCHIVED: true,
});

export const ACCOUNT_TIERS = keys<AccountTier>({ STRATEGIC: true, KEY: true, GROWTH: true, STANDARD: true });

export const ENGAGEMENT_LEVELS = keys<EngagementLevel>({
  HIGHLY_ENGAGED: true,
  ENGAGED: true,
  PASSIVE: true,
  AT_RISK: true,
  DORMANT: true,
});

export const pick = <T extends string>(values: readonly T[], raw: string): T | null =>
  values.find((v) => v === raw) ?? null;

export const DEAL_TYPES = keys<DealType>({ NEW_BUSINESS: true, REPEAT_BUSINESS: true, UPSELL: true, RENEWAL: true });

export const DEAL_SOURCES = keys<DealSource>({
  BUILTIN_LIST: true,
  LINKEDIN_OUTREACH: true,
  LINKEDIN_INBOUND: true,
  WEBSITE_FORM: true,
  BUDDY_CHAT: true,
  REFERRAL: true,
  EVENT: true,
  COLD_EMAIL: true,
  SOCIAL_MEDIA: true,
  ORGANIC_SEARCH: true,
  OTHER: true,
  EXISTING_CLIENT: true,
});

export const ACTIVITY_TYPES = keys<ActivityType>({ NOTE: true, CALL: true, MEETING: true, EMAIL: true });

export const TASK_TYPES = keys<TaskType>({
  TODO: true,
  CALL: true,
  EMAIL: true,
  MEETING: true,
  FOLLOW_UP: true,
  DOCUMENTS: true,
  PAYMENT_REMINDER: true,
});

export const PRIORITIES = keys<Priority>({ LOW: true, MEDIUM: true, HIGH: true, URGENT: true });
