/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** How much attention an account gets, by the value of its travel. */
export type AccountTier =
  /** Accounts expected to grow into KEY. */
  | 'GROWTH'
  /** High-value accounts with quarterly business reviews. */
  | 'KEY'
  /** Everyone else. */
  | 'STANDARD'
  /** Top accounts with a dedicated advisor and executive sponsor. */
  | 'STRATEGIC';

/** Every condition given must hold; list conditions match any of their values. */
export type CompanyFilter = {
  accountTiers?: Array<AccountTier> | null | undefined;
  companyTypes?: Array<CompanyType> | null | undefined;
  /** Created at or after this time. */
  createdAfter?: string | null | undefined;
  /** Created before this time. */
  createdBefore?: string | null | undefined;
  engagementLevels?: Array<EngagementLevel> | null | undefined;
  leadScoreMax?: number | null | undefined;
  leadScoreMin?: number | null | undefined;
  ownerId?: string | number | null | undefined;
  /** Matches the name anywhere, ignoring case (at most 200 characters). Without an `orderBy`, best matches come first. */
  search?: string | null | undefined;
  statuses?: Array<CompanyStatus> | null | undefined;
  /** Companies carrying at least one of these tags. */
  tags?: Array<string> | null | undefined;
};

export type CompanyOrder = {
  direction?: OrderDirection;
  field: CompanyOrderField;
};

/** Fields companies can be ordered by; the id breaks ties, so positions are total. */
export type CompanyOrderField =
  | 'ANNUAL_TRAVEL_BUDGET'
  | 'CREATED_AT'
  | 'LEAD_SCORE'
  | 'NAME'
  | 'STATUS'
  | 'UPDATED_AT';

/** Where a company stands with Travel Tamers (TT-API `company_stage`), from target to client. */
export type CompanyStatus =
  /** Travelling with Travel Tamers. */
  | 'ACTIVE_CLIENT'
  /** Kept for history only. */
  | 'ARCHIVED'
  /** Knows Travel Tamers exists. */
  | 'AWARE'
  /** Was a client; stopped booking. */
  | 'CHURNED'
  /** Not a fit; do not pursue. */
  | 'DISQUALIFIED'
  /** In conversation. */
  | 'ENGAGED'
  | 'NEGOTIATING'
  | 'PROPOSAL_SENT'
  /** Need, budget and decision-maker confirmed. */
  | 'QUALIFIED'
  | 'RESEARCHING'
  /** Identified as a good fit; not yet researched. */
  | 'TARGET'
  /** Signed; first trip not yet delivered. */
  | 'WON';

/** What kind of organisation a company is. */
export type CompanyType =
  /** Associations and clubs (member and group trips). */
  | 'ASSOCIATION'
  /** An established business buying travel for its staff. */
  | 'CORPORATE'
  /** Schools and universities (study tours, faculty travel). */
  | 'EDUCATION'
  | 'GOVERNMENT'
  | 'NONPROFIT'
  | 'OTHER'
  | 'SMALL_BUSINESS'
  | 'STARTUP'
  /** A cruise line, hotel, DMC or other vendor. */
  | 'SUPPLIER'
  /** Another agency or host that sells or co-sells Travel Tamers trips. */
  | 'TRAVEL_PARTNER';

/** Every condition given must hold; list conditions match any of their values. */
export type ContactFilter = {
  companyId?: string | number | null | undefined;
  contactRoles?: Array<ContactRole> | null | undefined;
  /** Created at or after this time. */
  createdAfter?: string | null | undefined;
  /** Created before this time. */
  createdBefore?: string | null | undefined;
  leadScoreMax?: number | null | undefined;
  leadScoreMin?: number | null | undefined;
  leadSources?: Array<LeadSource> | null | undefined;
  leadStatuses?: Array<LeadStatus> | null | undefined;
  lifecycleStages?: Array<LifecycleStage> | null | undefined;
  ownerId?: string | number | null | undefined;
  /**
   * Matches name, email and company name anywhere, ignoring case (at most 200 characters). Without
   * an `orderBy`, best matches come first.
   */
  search?: string | null | undefined;
  /** Contacts carrying at least one of these tags. */
  tags?: Array<string> | null | undefined;
};

export type ContactOrder = {
  direction?: OrderDirection;
  field: ContactOrderField;
};

/** Fields contacts can be ordered by; the id breaks ties, so positions are total. */
export type ContactOrderField =
  | 'CREATED_AT'
  | 'EMAIL'
  | 'LEAD_SCORE'
  | 'LIFECYCLE_STAGE'
  /** Last name, then first name. */
  | 'NAME'
  | 'UPDATED_AT';

/** A contact's role in their company's travel decisions (TT-API `contact_role`). */
export type ContactRole =
  | 'C_SUITE'
  | 'DIRECTOR'
  | 'EXECUTIVE_ASSISTANT'
  /** People and culture: often owns team offsites and incentive trips. */
  | 'HR_CULTURE'
  /** Books for themselves or their family, not for a company. */
  | 'INDIVIDUAL'
  | 'OFFICE_MANAGER'
  | 'OTHER'
  | 'TRAVEL_COORDINATOR'
  | 'VP';

export type CreateCompanyInput = {
  accountTier?: AccountTier | null | undefined;
  /** In cents; not negative. */
  annualTravelBudgetCents?: number | null | undefined;
  city?: string | null | undefined;
  companyType?: CompanyType | null | undefined;
  /** ISO 3166-1 alpha-2, e.g. `US`. */
  country?: string | null | undefined;
  customFields?: unknown;
  /** A host name or URL; stored as the bare lower-case host, e.g. `acme.com`. */
  domain?: string | null | undefined;
  engagementLevel?: EngagementLevel | null | undefined;
  industry?: string | null | undefined;
  /** 0 to 1000; defaults to 0. */
  leadScore?: number | null | undefined;
  name: string;
  /** Defaults to the signed-in user (none when an API key creates the company); null leaves it unassigned. */
  ownerId?: string | number | null | undefined;
  phone?: string | null | undefined;
  /** Defaults to TARGET. */
  status?: CompanyStatus | null | undefined;
  tags?: Array<string> | null | undefined;
  /** An http(s) URL. */
  website?: string | null | undefined;
};

export type CreateContactInput = {
  address?: string | null | undefined;
  city?: string | null | undefined;
  /** An existing company. */
  companyId?: string | number | null | undefined;
  contactRole?: ContactRole | null | undefined;
  /** ISO 3166-1 alpha-2, e.g. `US`. */
  country?: string | null | undefined;
  /** At most 100 keys; values are strings (2000 characters), numbers, booleans or null. */
  customFields?: unknown;
  /** A valid address, at most 254 characters; must not belong to another contact. */
  email?: string | null | undefined;
  /** At most 120 characters, like every name. */
  firstName: string;
  jobTitle?: string | null | undefined;
  lastName?: string | null | undefined;
  /** 0 to 1000; defaults to 0. */
  leadScore?: number | null | undefined;
  leadSource?: LeadSource | null | undefined;
  /** Defaults to NEW. */
  leadStatus?: LeadStatus | null | undefined;
  /** Defaults to LEAD. */
  lifecycleStage?: LifecycleStage | null | undefined;
  /** Defaults to the signed-in user (none when an API key creates the contact); null leaves it unassigned. */
  ownerId?: string | number | null | undefined;
  phone?: string | null | undefined;
  /** At most 50 tags of at most 50 characters. */
  tags?: Array<string> | null | undefined;
};

export type CreateDealInput = {
  /** Whole cents, 0 or more; defaults to 0. */
  amountCents?: number | null | undefined;
  companyId?: string | number | null | undefined;
  /** At most 100 keys; values are strings (2000 characters), numbers, booleans or null. */
  customFields?: unknown;
  dealType?: DealType | null | undefined;
  expectedCloseDate?: string | null | undefined;
  /** Defaults to the signed-in user (none when an API key creates the deal); null leaves it unassigned. */
  ownerId?: string | number | null | undefined;
  /** Defaults to the default pipeline. */
  pipelineId?: string | number | null | undefined;
  primaryContactId?: string | number | null | undefined;
  source?: DealSource | null | undefined;
  /** A stage of the pipeline; defaults to its first OPEN stage. */
  stageId?: string | number | null | undefined;
  /** At most 50 tags of at most 50 characters. */
  tags?: Array<string> | null | undefined;
  /** At most 200 characters. */
  title: string;
  ttDealId?: string | number | null | undefined;
};

export type CreateTaskInput = {
  /** Defaults to the signed-in user. Agents may only assign to themselves. Assigning someone else notifies them. */
  assigneeId?: string | number | null | undefined;
  companyId?: string | number | null | undefined;
  contactId?: string | number | null | undefined;
  dealId?: string | number | null | undefined;
  description?: string | null | undefined;
  dueAt?: string | null | undefined;
  /** Defaults to MEDIUM. */
  priority?: Priority | null | undefined;
  /** Defaults to OPEN. */
  status?: TaskStatus | null | undefined;
  /** Defaults to TODO. */
  taskType?: TaskType | null | undefined;
  team?: TeamRole | null | undefined;
  /** At most 300 characters. */
  title: string;
};

/** Every condition given must hold; list conditions match any of their values. */
export type DealFilter = {
  /** At most this amount, in cents. */
  amountMaxCents?: number | null | undefined;
  /** At least this amount, in cents. */
  amountMinCents?: number | null | undefined;
  /** Closed (won or lost) at or after this time. */
  closedAfter?: string | null | undefined;
  /** Closed before this time. */
  closedBefore?: string | null | undefined;
  companyId?: string | number | null | undefined;
  dealTypes?: Array<DealType> | null | undefined;
  /** Expected to close at or after this time. */
  expectedCloseAfter?: string | null | undefined;
  /** Expected to close before this time. */
  expectedCloseBefore?: string | null | undefined;
  ownerId?: string | number | null | undefined;
  pipelineId?: string | number | null | undefined;
  primaryContactId?: string | number | null | undefined;
  /** Part of the title, ignoring case. */
  search?: string | null | undefined;
  sources?: Array<DealSource> | null | undefined;
  stageIds?: Array<string | number> | null | undefined;
  statuses?: Array<DealStatus> | null | undefined;
  /** Deals carrying at least one of these tags. */
  tags?: Array<string> | null | undefined;
};

export type DealOrder = {
  direction?: OrderDirection;
  field: DealOrderField;
};

/** Fields deals can be ordered by; the id breaks ties, so positions are total. */
export type DealOrderField =
  | 'AMOUNT'
  | 'CREATED_AT'
  | 'EXPECTED_CLOSE_DATE'
  /** Board order: stage position, then longest in the stage first. */
  | 'STAGE'
  | 'STAGE_ENTERED_AT'
  | 'TITLE'
  | 'UPDATED_AT';

/** Where a deal came from: TT-API's lead sources, plus an existing client asking again. */
export type DealSource =
  | 'BUDDY_CHAT'
  | 'BUILTIN_LIST'
  | 'COLD_EMAIL'
  | 'EVENT'
  | 'EXISTING_CLIENT'
  | 'LINKEDIN_INBOUND'
  | 'LINKEDIN_OUTREACH'
  | 'ORGANIC_SEARCH'
  | 'OTHER'
  | 'REFERRAL'
  | 'SOCIAL_MEDIA'
  | 'WEBSITE_FORM';

/** Whether a deal is still being worked; for a stage, what reaching it means. */
export type DealStatus =
  | 'LOST'
  | 'OPEN'
  | 'WON';

export type DealType =
  /** A first trip or programme with a new client. */
  | 'NEW_BUSINESS'
  /** A recurring programme coming round again (the annual offsite, the yearly incentive trip). */
  | 'RENEWAL'
  /** An existing client's next trip. */
  | 'REPEAT_BUSINESS'
  /** An upgrade or add-on to something already booked. */
  | 'UPSELL';

/** How actively a company interacts with Travel Tamers (emails, meetings, bookings). */
export type EngagementLevel =
  /** Engagement is dropping; needs attention. */
  | 'AT_RISK'
  /** No interaction for months. */
  | 'DORMANT'
  | 'ENGAGED'
  | 'HIGHLY_ENGAGED'
  /** Reads but rarely responds. */
  | 'PASSIVE';

/** How a contact first found Travel Tamers (TT-API `lead_source`). */
export type LeadSource =
  /** The website's chat assistant. */
  | 'BUDDY_CHAT'
  /** A purchased or built prospect list. */
  | 'BUILTIN_LIST'
  | 'COLD_EMAIL'
  /** A trade show, webinar or hosted event. */
  | 'EVENT'
  | 'LINKEDIN_INBOUND'
  | 'LINKEDIN_OUTREACH'
  | 'ORGANIC_SEARCH'
  | 'OTHER'
  | 'REFERRAL'
  | 'SOCIAL_MEDIA'
  | 'WEBSITE_FORM';

/** Where sales outreach to a lead stands. */
export type LeadStatus =
  /** Reached out, no answer yet. */
  | 'ATTEMPTED_TO_CONTACT'
  /** A fit, but not now; revisit later. */
  | 'BAD_TIMING'
  /** Had a first conversation. */
  | 'CONNECTED'
  /** Being actively worked. */
  | 'IN_PROGRESS'
  /** Not yet worked. */
  | 'NEW'
  /** Not ready now; kept warm by marketing sequences. */
  | 'NURTURING'
  /** A deal is open for this lead. */
  | 'OPEN_DEAL'
  /** Not a fit. */
  | 'UNQUALIFIED';

/** Where a contact is in the journey from first touch to loyal client. */
export type LifecycleStage =
  /** Has travelled or booked with Travel Tamers. */
  | 'CUSTOMER'
  /** Refers others and advocates for Travel Tamers. */
  | 'EVANGELIST'
  /** Showed interest: filled a form, chatted, answered outreach. */
  | 'LEAD'
  /** Engaged enough with marketing to be worth a salesperson's time. */
  | 'MARKETING_QUALIFIED'
  /** Has an open deal (a trip or programme being quoted). */
  | 'OPPORTUNITY'
  /** Does not fit the journey (a supplier contact, press, a colleague). */
  | 'OTHER'
  /** Has booked more than once. */
  | 'REPEAT_CUSTOMER'
  /** An advisor confirmed need, budget and timing. */
  | 'SALES_QUALIFIED'
  /** Opted in to news (newsletter, trip announcements); no buying signal yet. */
  | 'SUBSCRIBER';

/** Sort direction of an `orderBy`. */
export type OrderDirection =
  | 'ASC'
  | 'DESC';

/** Lowest first. */
export type Priority =
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM'
  | 'URGENT';

/** A staff member's role. Each role may do everything the roles below it may do. */
export type Role =
  /** Users, integrator API keys, queue administration, settings and the audit log. */
  | 'ADMIN'
  /** Creates and edits contacts, deals, campaigns and workflows; full travel operations. */
  | 'ADVISOR'
  /** Creates contacts, logs activities, manages the tasks and tickets assigned to them. */
  | 'AGENT'
  /** All CRM and marketing, team oversight, reports and pipeline configuration. */
  | 'MANAGER'
  /** Reads everything, changes nothing. */
  | 'VIEWER';

/**
 * Every condition given must hold. Weeks run Monday 00:00 to Monday 00:00 UTC; "overdue" and "due
 * this week" leave out COMPLETED and CANCELLED tasks.
 */
export type TaskFilter = {
  assigneeId?: string | number | null | undefined;
  companyId?: string | number | null | undefined;
  contactId?: string | number | null | undefined;
  dealId?: string | number | null | undefined;
  dueAfter?: string | null | undefined;
  dueBefore?: string | null | undefined;
  /** Only open tasks due within the current week. */
  dueThisWeek?: boolean | null | undefined;
  /** Only tasks assigned to the signed-in user. */
  mine?: boolean | null | undefined;
  /** Only tasks due before now and still open. */
  overdue?: boolean | null | undefined;
  priorities?: Array<Priority> | null | undefined;
  /** Part of the title, ignoring case. */
  search?: string | null | undefined;
  statuses?: Array<TaskStatus> | null | undefined;
  taskTypes?: Array<TaskType> | null | undefined;
  teams?: Array<TeamRole> | null | undefined;
};

export type TaskOrder = {
  direction?: OrderDirection;
  field: TaskOrderField;
};

/** Fields tasks can be ordered by; the id breaks ties, so positions are total. */
export type TaskOrderField =
  | 'CREATED_AT'
  /** Soonest first when ascending; tasks without a due date last. */
  | 'DUE_AT'
  | 'PRIORITY'
  | 'STATUS'
  | 'UPDATED_AT';

export type TaskStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'IN_PROGRESS'
  | 'OPEN'
  /** Waiting on someone else. */
  | 'WAITING';

export type TaskType =
  | 'CALL'
  /** Collect passports, forms or signed contracts. */
  | 'DOCUMENTS'
  | 'EMAIL'
  | 'FOLLOW_UP'
  | 'MEETING'
  | 'PAYMENT_REMINDER'
  | 'TODO';

/** The team a task belongs to. */
export type TeamRole =
  | 'FINANCE'
  | 'MARKETING'
  | 'OPERATIONS'
  | 'SALES'
  | 'SERVICE';

/** Fields left out stay as they are; an explicit null clears an optional field. */
export type UpdateCompanyInput = {
  accountTier?: AccountTier | null | undefined;
  annualTravelBudgetCents?: number | null | undefined;
  city?: string | null | undefined;
  companyType?: CompanyType | null | undefined;
  country?: string | null | undefined;
  /** Replaces all custom fields. */
  customFields?: unknown;
  domain?: string | null | undefined;
  engagementLevel?: EngagementLevel | null | undefined;
  id: string | number;
  industry?: string | null | undefined;
  leadScore?: number | null | undefined;
  name?: string | null | undefined;
  ownerId?: string | number | null | undefined;
  phone?: string | null | undefined;
  status?: CompanyStatus | null | undefined;
  /** Replaces all tags. */
  tags?: Array<string> | null | undefined;
  website?: string | null | undefined;
};

/** Fields left out stay as they are; an explicit null clears an optional field. */
export type UpdateContactInput = {
  address?: string | null | undefined;
  city?: string | null | undefined;
  /** Moves the contact to another existing company; null detaches it. */
  companyId?: string | number | null | undefined;
  contactRole?: ContactRole | null | undefined;
  country?: string | null | undefined;
  /** Replaces all custom fields. */
  customFields?: unknown;
  email?: string | null | undefined;
  firstName?: string | null | undefined;
  id: string | number;
  jobTitle?: string | null | undefined;
  lastName?: string | null | undefined;
  leadScore?: number | null | undefined;
  leadSource?: LeadSource | null | undefined;
  leadStatus?: LeadStatus | null | undefined;
  lifecycleStage?: LifecycleStage | null | undefined;
  ownerId?: string | number | null | undefined;
  phone?: string | null | undefined;
  /** Replaces all tags. */
  tags?: Array<string> | null | undefined;
};

/** Fields left out stay as they are; an explicit null clears an optional field. Stages change through moveDeal and closeDeal. */
export type UpdateDealInput = {
  amountCents?: number | null | undefined;
  companyId?: string | number | null | undefined;
  /** Replaces all custom fields. */
  customFields?: unknown;
  dealType?: DealType | null | undefined;
  expectedCloseDate?: string | null | undefined;
  id: string | number;
  ownerId?: string | number | null | undefined;
  primaryContactId?: string | number | null | undefined;
  source?: DealSource | null | undefined;
  /** Replaces all tags. */
  tags?: Array<string> | null | undefined;
  title?: string | null | undefined;
  ttDealId?: string | number | null | undefined;
};

/** Fields left out stay as they are; an explicit null clears an optional field. */
export type UpdateTaskInput = {
  /** Assigning someone else notifies them. Agents may not assign to others. */
  assigneeId?: string | number | null | undefined;
  companyId?: string | number | null | undefined;
  contactId?: string | number | null | undefined;
  dealId?: string | number | null | undefined;
  description?: string | null | undefined;
  dueAt?: string | null | undefined;
  id: string | number;
  priority?: Priority | null | undefined;
  status?: TaskStatus | null | undefined;
  taskType?: TaskType | null | undefined;
  team?: TeamRole | null | undefined;
  title?: string | null | undefined;
};

export type SdkContactFragment = { id: string, firstName: string, lastName: string | null, email: string | null, phone: string | null, jobTitle: string | null, lifecycleStage: LifecycleStage, leadScore: number, city: string | null, country: string | null, tags: Array<string>, createdAt: string, updatedAt: string, company: { id: string, name: string } | null, owner: { id: string, name: string } | null };

export type SdkCompanyFragment = { id: string, name: string, domain: string | null, industry: string | null, status: CompanyStatus, city: string | null, country: string | null, tags: Array<string>, createdAt: string, updatedAt: string, owner: { id: string, name: string } | null };

export type SdkDealFragment = { id: string, title: string, status: DealStatus, amountCents: number, probability: number, expectedCloseDate: string | null, closedAt: string | null, createdAt: string, updatedAt: string, pipeline: { id: string, name: string }, stage: { id: string, name: string }, company: { id: string, name: string } | null, primaryContact: { id: string, firstName: string, lastName: string | null } | null, owner: { id: string, name: string } | null };

export type SdkTaskFragment = { id: string, title: string, description: string | null, taskType: TaskType, status: TaskStatus, priority: Priority, dueAt: string | null, completedAt: string | null, isOverdue: boolean, createdAt: string, updatedAt: string, assignee: { id: string, name: string } | null, contact: { id: string } | null, company: { id: string } | null, deal: { id: string } | null };

export type SdkListContactsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: ContactFilter | null | undefined;
  orderBy?: ContactOrder | null | undefined;
}>;


export type SdkListContactsQuery = { contacts: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, firstName: string, lastName: string | null, email: string | null, phone: string | null, jobTitle: string | null, lifecycleStage: LifecycleStage, leadScore: number, city: string | null, country: string | null, tags: Array<string>, createdAt: string, updatedAt: string, company: { id: string, name: string } | null, owner: { id: string, name: string } | null }> } | null };

export type SdkGetContactQueryVariables = Exact<{
  id: string | number;
}>;


export type SdkGetContactQuery = { contact: { id: string, firstName: string, lastName: string | null, email: string | null, phone: string | null, jobTitle: string | null, lifecycleStage: LifecycleStage, leadScore: number, city: string | null, country: string | null, tags: Array<string>, createdAt: string, updatedAt: string, company: { id: string, name: string } | null, owner: { id: string, name: string } | null } | null };

export type SdkCreateContactMutationVariables = Exact<{
  input: CreateContactInput;
}>;


export type SdkCreateContactMutation = { createContact: { id: string, firstName: string, lastName: string | null, email: string | null, phone: string | null, jobTitle: string | null, lifecycleStage: LifecycleStage, leadScore: number, city: string | null, country: string | null, tags: Array<string>, createdAt: string, updatedAt: string, company: { id: string, name: string } | null, owner: { id: string, name: string } | null } };

export type SdkUpdateContactMutationVariables = Exact<{
  input: UpdateContactInput;
}>;


export type SdkUpdateContactMutation = { updateContact: { id: string, firstName: string, lastName: string | null, email: string | null, phone: string | null, jobTitle: string | null, lifecycleStage: LifecycleStage, leadScore: number, city: string | null, country: string | null, tags: Array<string>, createdAt: string, updatedAt: string, company: { id: string, name: string } | null, owner: { id: string, name: string } | null } };

export type SdkListCompaniesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: CompanyFilter | null | undefined;
  orderBy?: CompanyOrder | null | undefined;
}>;


export type SdkListCompaniesQuery = { companies: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, name: string, domain: string | null, industry: string | null, status: CompanyStatus, city: string | null, country: string | null, tags: Array<string>, createdAt: string, updatedAt: string, owner: { id: string, name: string } | null }> } | null };

export type SdkGetCompanyQueryVariables = Exact<{
  id: string | number;
}>;


export type SdkGetCompanyQuery = { company: { id: string, name: string, domain: string | null, industry: string | null, status: CompanyStatus, city: string | null, country: string | null, tags: Array<string>, createdAt: string, updatedAt: string, owner: { id: string, name: string } | null } | null };

export type SdkCreateCompanyMutationVariables = Exact<{
  input: CreateCompanyInput;
}>;


export type SdkCreateCompanyMutation = { createCompany: { id: string, name: string, domain: string | null, industry: string | null, status: CompanyStatus, city: string | null, country: string | null, tags: Array<string>, createdAt: string, updatedAt: string, owner: { id: string, name: string } | null } };

export type SdkUpdateCompanyMutationVariables = Exact<{
  input: UpdateCompanyInput;
}>;


export type SdkUpdateCompanyMutation = { updateCompany: { id: string, name: string, domain: string | null, industry: string | null, status: CompanyStatus, city: string | null, country: string | null, tags: Array<string>, createdAt: string, updatedAt: string, owner: { id: string, name: string } | null } };

export type SdkListDealsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: DealFilter | null | undefined;
  orderBy?: DealOrder | null | undefined;
}>;


export type SdkListDealsQuery = { deals: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, title: string, status: DealStatus, amountCents: number, probability: number, expectedCloseDate: string | null, closedAt: string | null, createdAt: string, updatedAt: string, pipeline: { id: string, name: string }, stage: { id: string, name: string }, company: { id: string, name: string } | null, primaryContact: { id: string, firstName: string, lastName: string | null } | null, owner: { id: string, name: string } | null }> } | null };

export type SdkGetDealQueryVariables = Exact<{
  id: string | number;
}>;


export type SdkGetDealQuery = { deal: { id: string, title: string, status: DealStatus, amountCents: number, probability: number, expectedCloseDate: string | null, closedAt: string | null, createdAt: string, updatedAt: string, pipeline: { id: string, name: string }, stage: { id: string, name: string }, company: { id: string, name: string } | null, primaryContact: { id: string, firstName: string, lastName: string | null } | null, owner: { id: string, name: string } | null } | null };

export type SdkCreateDealMutationVariables = Exact<{
  input: CreateDealInput;
}>;


export type SdkCreateDealMutation = { createDeal: { id: string, title: string, status: DealStatus, amountCents: number, probability: number, expectedCloseDate: string | null, closedAt: string | null, createdAt: string, updatedAt: string, pipeline: { id: string, name: string }, stage: { id: string, name: string }, company: { id: string, name: string } | null, primaryContact: { id: string, firstName: string, lastName: string | null } | null, owner: { id: string, name: string } | null } };

export type SdkUpdateDealMutationVariables = Exact<{
  input: UpdateDealInput;
}>;


export type SdkUpdateDealMutation = { updateDeal: { id: string, title: string, status: DealStatus, amountCents: number, probability: number, expectedCloseDate: string | null, closedAt: string | null, createdAt: string, updatedAt: string, pipeline: { id: string, name: string }, stage: { id: string, name: string }, company: { id: string, name: string } | null, primaryContact: { id: string, firstName: string, lastName: string | null } | null, owner: { id: string, name: string } | null } };

export type SdkListTasksQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: TaskFilter | null | undefined;
  orderBy?: TaskOrder | null | undefined;
}>;


export type SdkListTasksQuery = { tasks: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, title: string, description: string | null, taskType: TaskType, status: TaskStatus, priority: Priority, dueAt: string | null, completedAt: string | null, isOverdue: boolean, createdAt: string, updatedAt: string, assignee: { id: string, name: string } | null, contact: { id: string } | null, company: { id: string } | null, deal: { id: string } | null }> } | null };

export type SdkGetTaskQueryVariables = Exact<{
  id: string | number;
}>;


export type SdkGetTaskQuery = { task: { id: string, title: string, description: string | null, taskType: TaskType, status: TaskStatus, priority: Priority, dueAt: string | null, completedAt: string | null, isOverdue: boolean, createdAt: string, updatedAt: string, assignee: { id: string, name: string } | null, contact: { id: string } | null, company: { id: string } | null, deal: { id: string } | null } | null };

export type SdkCreateTaskMutationVariables = Exact<{
  input: CreateTaskInput;
}>;


export type SdkCreateTaskMutation = { createTask: { id: string, title: string, description: string | null, taskType: TaskType, status: TaskStatus, priority: Priority, dueAt: string | null, completedAt: string | null, isOverdue: boolean, createdAt: string, updatedAt: string, assignee: { id: string, name: string } | null, contact: { id: string } | null, company: { id: string } | null, deal: { id: string } | null } };

export type SdkUpdateTaskMutationVariables = Exact<{
  input: UpdateTaskInput;
}>;


export type SdkUpdateTaskMutation = { updateTask: { id: string, title: string, description: string | null, taskType: TaskType, status: TaskStatus, priority: Priority, dueAt: string | null, completedAt: string | null, isOverdue: boolean, createdAt: string, updatedAt: string, assignee: { id: string, name: string } | null, contact: { id: string } | null, company: { id: string } | null, deal: { id: string } | null } };

export type SdkMeQueryVariables = Exact<{ [key: string]: never; }>;


export type SdkMeQuery = { me: { id: string, name: string, email: string, role: Role } | null };

export type SdkRateLimitQueryVariables = Exact<{ [key: string]: never; }>;


export type SdkRateLimitQuery = { rateLimit: { limit: number, cost: number, remaining: number, resetAt: string, used: number } | null };

export const SdkContactFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkContact"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Contact"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"jobTitle"}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleStage"}},{"kind":"Field","name":{"kind":"Name","value":"leadScore"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<SdkContactFragment, unknown>;
export const SdkCompanyFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkCompany"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Company"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"domain"}},{"kind":"Field","name":{"kind":"Name","value":"industry"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<SdkCompanyFragment, unknown>;
export const SdkDealFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkDeal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Deal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"probability"}},{"kind":"Field","name":{"kind":"Name","value":"expectedCloseDate"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"pipeline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"primaryContact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<SdkDealFragment, unknown>;
export const SdkTaskFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkTask"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Task"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"taskType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"isOverdue"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<SdkTaskFragment, unknown>;
export const SdkListContactsDocument = {"__meta__":{"hash":"sha256:a61f7ff7114181354ef46769096304b2bbb5b2b953114ebc1650f7937067940a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SdkListContacts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ContactFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ContactOrder"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"contacts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SdkContact"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkContact"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Contact"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"jobTitle"}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleStage"}},{"kind":"Field","name":{"kind":"Name","value":"leadScore"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<SdkListContactsQuery, SdkListContactsQueryVariables>;
export const SdkGetContactDocument = {"__meta__":{"hash":"sha256:d2faf6810cb136221b5ad34a072ca0f0cdd18358be1c6f2eedb9fe21c0682ec7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SdkGetContact"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"contact"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SdkContact"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkContact"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Contact"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"jobTitle"}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleStage"}},{"kind":"Field","name":{"kind":"Name","value":"leadScore"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<SdkGetContactQuery, SdkGetContactQueryVariables>;
export const SdkCreateContactDocument = {"__meta__":{"hash":"sha256:135bcd07ca7b1633ee344fd28fc50fce33b8a115a6f3a766bf824f16e913af28"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SdkCreateContact"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateContactInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createContact"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SdkContact"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkContact"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Contact"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"jobTitle"}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleStage"}},{"kind":"Field","name":{"kind":"Name","value":"leadScore"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<SdkCreateContactMutation, SdkCreateContactMutationVariables>;
export const SdkUpdateContactDocument = {"__meta__":{"hash":"sha256:5c609646981b4e26cef13fe66ac047cd2cb2bc6644db49e2de03ee99d7ecb6c4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SdkUpdateContact"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateContactInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateContact"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SdkContact"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkContact"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Contact"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"jobTitle"}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleStage"}},{"kind":"Field","name":{"kind":"Name","value":"leadScore"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<SdkUpdateContactMutation, SdkUpdateContactMutationVariables>;
export const SdkListCompaniesDocument = {"__meta__":{"hash":"sha256:0ae78bbfdf7e48b63357b0929e36dc85b41a465c1231a857c8f50d42f66f4e05"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SdkListCompanies"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CompanyFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CompanyOrder"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"companies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SdkCompany"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkCompany"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Company"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"domain"}},{"kind":"Field","name":{"kind":"Name","value":"industry"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<SdkListCompaniesQuery, SdkListCompaniesQueryVariables>;
export const SdkGetCompanyDocument = {"__meta__":{"hash":"sha256:b4bdf41e47ff72fe0839619a62b1a242b0c498fe1853425ef865419f539c2008"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SdkGetCompany"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"company"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SdkCompany"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkCompany"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Company"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"domain"}},{"kind":"Field","name":{"kind":"Name","value":"industry"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<SdkGetCompanyQuery, SdkGetCompanyQueryVariables>;
export const SdkCreateCompanyDocument = {"__meta__":{"hash":"sha256:63e75afedfc3411402284331c7d762aed0e3c5092a87907194334bf60409bdc8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SdkCreateCompany"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCompanyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCompany"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SdkCompany"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkCompany"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Company"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"domain"}},{"kind":"Field","name":{"kind":"Name","value":"industry"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<SdkCreateCompanyMutation, SdkCreateCompanyMutationVariables>;
export const SdkUpdateCompanyDocument = {"__meta__":{"hash":"sha256:9aa9da91c72d80d3ae8109f61ff998d0ca922fef083b183591540875b0759aa1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SdkUpdateCompany"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateCompanyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateCompany"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SdkCompany"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkCompany"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Company"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"domain"}},{"kind":"Field","name":{"kind":"Name","value":"industry"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<SdkUpdateCompanyMutation, SdkUpdateCompanyMutationVariables>;
export const SdkListDealsDocument = {"__meta__":{"hash":"sha256:0ddc35c258941d9ecacb9a2cf7585f9698f74d71cbd409a3e0ae06782749e277"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SdkListDeals"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DealFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DealOrder"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deals"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SdkDeal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkDeal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Deal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"probability"}},{"kind":"Field","name":{"kind":"Name","value":"expectedCloseDate"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"pipeline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"primaryContact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<SdkListDealsQuery, SdkListDealsQueryVariables>;
export const SdkGetDealDocument = {"__meta__":{"hash":"sha256:f2a5c2c511548ceaf1f79057d4c42bd5ee93937bb9576d3371aac63d8871b817"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SdkGetDeal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SdkDeal"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkDeal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Deal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"probability"}},{"kind":"Field","name":{"kind":"Name","value":"expectedCloseDate"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"pipeline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"primaryContact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<SdkGetDealQuery, SdkGetDealQueryVariables>;
export const SdkCreateDealDocument = {"__meta__":{"hash":"sha256:243636f128edcd7976d7a8b3ef177fa0ee577b1642805547274a40d902147bac"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SdkCreateDeal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateDealInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createDeal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SdkDeal"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkDeal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Deal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"probability"}},{"kind":"Field","name":{"kind":"Name","value":"expectedCloseDate"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"pipeline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"primaryContact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<SdkCreateDealMutation, SdkCreateDealMutationVariables>;
export const SdkUpdateDealDocument = {"__meta__":{"hash":"sha256:139ddb541b6ce118a929202bb0c8d63c6cd4b9b4721673eaceee86b87ed32f99"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SdkUpdateDeal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateDealInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateDeal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SdkDeal"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkDeal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Deal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"probability"}},{"kind":"Field","name":{"kind":"Name","value":"expectedCloseDate"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"pipeline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"primaryContact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<SdkUpdateDealMutation, SdkUpdateDealMutationVariables>;
export const SdkListTasksDocument = {"__meta__":{"hash":"sha256:ca0af3c75c9094e3d987b39a23d964174b1986a137d78ecea3c38c6988cb3a39"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SdkListTasks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TaskFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TaskOrder"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SdkTask"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkTask"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Task"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"taskType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"isOverdue"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<SdkListTasksQuery, SdkListTasksQueryVariables>;
export const SdkGetTaskDocument = {"__meta__":{"hash":"sha256:f31c08830a01a009c0c04b2587a5cd487f852c3ac1534899e2b7e1d16bb5b89d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SdkGetTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"task"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SdkTask"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkTask"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Task"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"taskType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"isOverdue"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<SdkGetTaskQuery, SdkGetTaskQueryVariables>;
export const SdkCreateTaskDocument = {"__meta__":{"hash":"sha256:a80f2e21fcdaad858531459d2e47d6a199ebb4e43cbfc8aef4239e7634a0e889"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SdkCreateTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateTaskInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SdkTask"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkTask"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Task"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"taskType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"isOverdue"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<SdkCreateTaskMutation, SdkCreateTaskMutationVariables>;
export const SdkUpdateTaskDocument = {"__meta__":{"hash":"sha256:1f863c5c1bb08024e4bbd63e31dee366ed30c93d810751e7d5ae743b763e8d6b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SdkUpdateTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateTaskInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SdkTask"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SdkTask"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Task"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"taskType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"isOverdue"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<SdkUpdateTaskMutation, SdkUpdateTaskMutationVariables>;
export const SdkMeDocument = {"__meta__":{"hash":"sha256:17ebbe40c86eda226dbc0ac30e8d9c5733a8968f78d579c1f960c2476fb5cfb0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SdkMe"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]} as unknown as DocumentNode<SdkMeQuery, SdkMeQueryVariables>;
export const SdkRateLimitDocument = {"__meta__":{"hash":"sha256:56e7925041ad99cbe32e65d8903cd9ba0576202c1763779a4111b8cd68f7c765"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SdkRateLimit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rateLimit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"limit"}},{"kind":"Field","name":{"kind":"Name","value":"cost"}},{"kind":"Field","name":{"kind":"Name","value":"remaining"}},{"kind":"Field","name":{"kind":"Name","value":"resetAt"}},{"kind":"Field","name":{"kind":"Name","value":"used"}}]}}]}}]} as unknown as DocumentNode<SdkRateLimitQuery, SdkRateLimitQueryVariables>;