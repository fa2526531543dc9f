/**
 * The CRM's PostgreSQL enums (`nx_<name>`), as the values GraphQL exposes. Where TT-API defines a
 * list (lead source, contact role, company stage) its values are kept, in SCREAMING_SNAKE, so the
 * contact and deal sync maps one to one.
 */
export const LIFECYCLE_STAGES = [
  'SUBSCRIBER',
  'LEAD',
  'MARKETING_QUALIFIED',
  'SALES_QUALIFIED',
  'OPPORTUNITY',
  'CUSTOMER',
  'REPEAT_CUSTOMER',
  'EVANGELIST',
  'OTHER',
] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export const LEAD_STATUSES = [
  'NEW',
  'ATTEMPTED_TO_CONTACT',
  'CONNECTED',
  'IN_PROGRESS',
  'OPEN_DEAL',
  'NURTURING',
  'UNQUALIFIED',
  'BAD_TIMING',
] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** TT-API `lead_source`, all 11 values. */
export const LEAD_SOURCES = [
  'BUILTIN_LIST',
  'LINKEDIN_OUTREACH',
  'LINKEDIN_INBOUND',
  'WEBSITE_FORM',
  'BUDDY_CHAT',
  'REFERRAL',
  'EVENT',
  'COLD_EMAIL',
  'SOCIAL_MEDIA',
  'ORGANIC_SEARCH',
  'OTHER',
] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];

/** TT-API `contact_role`, all 9 values. */
export const CONTACT_ROLES = [
  'C_SUITE',
  'VP',
  'DIRECTOR',
  'HR_CULTURE',
  'OFFICE_MANAGER',
  'TRAVEL_COORDINATOR',
  'EXECUTIVE_ASSISTANT',
  'INDIVIDUAL',
  'OTHER',
] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export const COMPANY_TYPES = [
  'CORPORATE',
  'SMALL_BUSINESS',
  'STARTUP',
  'NONPROFIT',
  'EDUCATION',
  'GOVERNMENT',
  'ASSOCIATION',
  'TRAVEL_PARTNER',
  'SUPPLIER',
  'OTHER',
] as const;
export type CompanyType = (typeof COMPANY_TYPES)[number];

/** TT-API `company_stage`, all 12 values: where the company stands with Travel Tamers. */
export const COMPANY_STATUSES = [
  'TARGET',
  'RESEARCHING',
  'AWARE',
  'ENGAGED',
  'QUALIFIED',
  'PROPOSAL_SENT',
  'NEGOTIATING',
  'WON',
  'ACTIVE_CLIENT',
  'CHURNED',
  'DISQUALIFIED',
  'ARCHIVED',
] as const;
export type CompanyStatus = (typeof COMPANY_STATUSES)[number];

export const ACCOUNT_TIERS = ['STRATEGIC', 'KEY', 'GROWTH', 'STANDARD'] as const;
export type AccountTier = (typeof ACCOUNT_TIERS)[number];

export const ENGAGEMENT_LEVELS = ['HIGHLY_ENGAGED', 'ENGAGED', 'PASSIVE', 'AT_RISK', 'DORMANT'] as const;
export type EngagementLevel = (typeof ENGAGEMENT_LEVELS)[number];

// ---------------------------------------------------------------------------------------------
// Deals, pipelines, activities, tasks, lead scoring and merges.
// ---------------------------------------------------------------------------------------------

/**
 * Kinds of pipeline, after TT-API's client types: companies buying team travel, group trips sold
 * seat by seat, individuals and families, and partners (host agencies, suppliers) signed up.
 */
export const PIPELINE_TYPES = ['CORPORATE', 'GROUP', 'LEISURE', 'PARTNERSHIP'] as const;
export type PipelineType = (typeof PIPELINE_TYPES)[number];

/** Whether a deal is still being worked; also what reaching a stage means. */
export const DEAL_STATUSES = ['OPEN', 'WON', 'LOST'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

/** TT-API `deal_stage`, all 12 values: what a Nexus stage means to TT-API for the deal sync. */
export const DEAL_STAGES = [
  'LEAD',
  'QUALIFIED',
  'PROPOSAL_SENT',
  'PROPOSAL_VIEWED',
  'NEGOTIATING',
  'VERBAL_YES',
  'BOOKING_PENDING',
  'BOOKING_CONFIRMED',
  'TRAVELING',
  'COMPLETED',
  'WON',
  'LOST',
] as const;
export type DealStage = (typeof DEAL_STAGES)[number];

export const DEAL_TYPES = ['NEW_BUSINESS', 'REPEAT_BUSINESS', 'UPSELL', 'RENEWAL'] as const;
export type DealType = (typeof DEAL_TYPES)[number];

/** Where a deal came from: TT-API's 11 lead sources, plus an existing client asking again. */
export const DEAL_SOURCES = [...LEAD_SOURCES, 'EXISTING_CLIENT'] as const;
export type DealSource = (typeof DEAL_SOURCES)[number];

export const ACTIVITY_TYPES = ['EMAIL', 'CALL', 'MEETING', 'NOTE'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTIVITY_STATUSES = ['PLANNED', 'COMPLETED', 'CANCELLED', 'NO_SHOW'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** TT-API `interaction_channel`, all 10 values. */
export const INTERACTION_CHANNELS = [
  'LINKEDIN',
  'EMAIL',
  'SLACK',
  'PHONE',
  'VIDEO_CALL',
  'IN_PERSON',
  'WEBSITE',
  'BUDDY_CHAT',
  'FORM_SUBMISSION',
  'NEWSLETTER_SIGNUP',
] as const;
export type InteractionChannel = (typeof INTERACTION_CHANNELS)[number];

/** TT-API `touchpoint_direction`. */
export const ACTIVITY_DIRECTIONS = ['INBOUND', 'OUTBOUND'] as const;
export type ActivityDirection = (typeof ACTIVITY_DIRECTIONS)[number];

export const TASK_TYPES = ['TODO', 'CALL', 'EMAIL', 'MEETING', 'FOLLOW_UP', 'DOCUMENTS', 'PAYMENT_REMINDER'] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export const TASK_STATUSES = ['OPEN', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'CANCELLED'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** A task in one of these is done with: never overdue, never "due this week". */
export const CLOSED_TASK_STATUSES: readonly TaskStatus[] = ['COMPLETED', 'CANCELLED'];

/** Shared priority scale (`nx_priority`); PostgreSQL orders it as declared, lowest first. */
export const PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** The team a task belongs to (`nx_team_role`). */
export const TEAM_ROLES = ['SALES', 'SERVICE', 'OPERATIONS', 'MARKETING', 'FINANCE'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export const LEAD_SCORING_RULE_TYPES = ['POSITIVE', 'NEGATIVE', 'DECAY'] as const;
export type LeadScoringRuleType = (typeof LEAD_SCORING_RULE_TYPES)[number];

/** TT-API `lead_scoring_rules.category`. */
export const SCORING_CATEGORIES = ['DEMOGRAPHIC', 'FIRMOGRAPHIC', 'BEHAVIORAL', 'ENGAGEMENT'] as const;
export type ScoringCategory = (typeof SCORING_CATEGORIES)[number];

/** Why a lead score was recomputed or set. */
export const LEAD_SCORE_TRIGGERS = ['EVENT', 'RULES', 'NIGHTLY', 'MANUAL', 'MERGE'] as const;
export type LeadScoreTrigger = (typeof LEAD_SCORE_TRIGGERS)[number];

export const MERGE_KINDS = ['CONTACT', 'COMPANY'] as const;
export type MergeKind = (typeof MERGE_KINDS)[number];
