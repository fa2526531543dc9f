/**
 * The TT-API contract: the one source of truth for the JSON that TT-API (the Travel Tamers REST
 * service, seed S1) accepts and answers. The simulator validates requests and builds responses
 * with these schemas, and the Nexus client validates every answer with them.
 *
 * Conventions (where the seed is silent, these are our choices, applied everywhere):
 * - JSON field names are camelCase (`totalPriceCents` for the column `total_price_cents`).
 * - Money is integer cents and every money field ends in `Cents`, including columns the seed
 *   names without the suffix (`amount` -> `amountCents`, `annual_travel_budget` ->
 *   `annualTravelBudgetCents`). Percentages (`commissionPct`, `nexionSplitPct`) are numbers.
 * - IDs are UUIDs. Calendar dates are `YYYY-MM-DD`; instants are ISO 8601 UTC strings.
 * - Rows are soft-deleted (`deletedAt`); reads never return deleted rows, and DELETE answers
 *   `{ data: { id, deletedAt } }`. A deleted row is NOT_FOUND afterwards.
 * - Envelopes: a single resource is `{ data }`; a list is `{ data: [], pagination: { page, limit,
 *   total, totalPages } }`; `GET /api/commissions` adds `summary`. Creates answer 201.
 * - Lists take `page` (from 1), `limit` (1..100, default 20), `search` (case-insensitive
 *   substring over the resource's `searchFields`), `sortBy` (per-resource allowlist, first entry
 *   is the default), `sortOrder` (`asc` | `desc`, default `desc`) and per-resource filters.
 * - Nexus assumptions beyond the seed, so the travel subgraph can batch: every list takes `ids`,
 *   several take a parent's plural filter (`clientIds`, `bookingIds`, ...; see `queryIds`), and a
 *   read-only `GET /api/travel-documents` lists documents across travelers.
 * - Columns that are not one of the seed's 27 pgEnums (document type, vendor type, payment
 *   method, alert type, ...) are validated strings, not invented enums.
 * - Errors: `{ error: { code, message, details, requestId } }` with the seed's codes and
 *   statuses (see `ttErrorStatus`); RATE_LIMITED also carries `retryAfterMs`.
 * - Auth: every `/api/*` route needs an API key in `X-API-Key` or `Authorization: Bearer`.
 *   `/health` is public.
 */
import { z } from 'zod';
import {
  type ListResult,
  deletedResponse,
  errorEnvelopeSchema,
  healthSchema,
  idParamSchema,
  itemResponse,
  listResponse,
} from './contract-common.ts';
import * as crm from './contract-crm.ts';
import * as people from './contract-clients.ts';
import * as travel from './contract-travel.ts';
import * as finance from './contract-finance.ts';
import * as insights from './contract-insights.ts';

export * from './contract-common.ts';
export * from './contract-crm.ts';
export * from './contract-clients.ts';
export * from './contract-travel.ts';
export * from './contract-finance.ts';
export * from './contract-insights.ts';

export const TT_API_KEY_HEADER = 'x-api-key';
export const TT_REQUEST_ID_HEADER = 'x-request-id';

export type Operation = 'list' | 'get' | 'create' | 'update' | 'delete';

/**
 * A collection resource: where it lives, what its rows and detail look like, what its list,
 * create and update accept, and which operations TT-API offers on it (from the seed's route
 * table).
 */
export interface ResourceDef<
  E extends z.ZodType = z.ZodType,
  D extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  C extends z.ZodType = z.ZodType,
  U extends z.ZodType = z.ZodType,
> {
  readonly name: string;
  readonly path: `/api/${string}`;
  readonly entity: E;
  /** What `GET :id` answers (the entity plus nested children for some resources). */
  readonly detail: D;
  readonly listQuery: Q;
  readonly create: C;
  readonly update: U;
  readonly ops: readonly Operation[];
  /** Entity fields that `search` matches, case-insensitively, as substrings. */
  readonly searchFields: readonly string[];
}

const def = <E extends z.ZodType, D extends z.ZodType, Q extends z.ZodType, C extends z.ZodType, U extends z.ZodType>(
  r: ResourceDef<E, D, Q, C, U>,
) => r;

/** Placeholder for an operation TT-API does not offer on a resource (see `ops`). */
const unsupported = z.never();

const ALL = ['list', 'get', 'create', 'update', 'delete'] as const;
const NO_DELETE = ['list', 'get', 'create', 'update'] as const;

export const ttResources = {
  companies: def({
    name: 'Company',
    path: '/api/companies',
    ops: ALL,
    entity: crm.companySchema,
    detail: crm.companySchema,
    listQuery: crm.companyListQuerySchema,
    create: crm.createCompanySchema,
    update: crm.updateCompanySchema,
    searchFields: ['name', 'slug', 'industry'],
  }),
  contacts: def({
    name: 'Contact',
    path: '/api/contacts',
    ops: ALL,
    entity: crm.contactSchema,
    detail: crm.contactSchema,
    listQuery: crm.contactListQuerySchema,
    create: crm.createContactSchema,
    update: crm.updateContactSchema,
    searchFields: ['firstName', 'lastName', 'email', 'jobTitle'],
  }),
  deals: def({
    name: 'Deal',
    path: '/api/deals',
    ops: ALL,
    entity: crm.dealSchema,
    detail: crm.dealDetailSchema,
    listQuery: crm.dealListQuerySchema,
    create: crm.createDealSchema,
    update: crm.updateDealSchema,
    searchFields: ['title', 'notes'],
  }),
  clients: def({
    name: 'Client',
    path: '/api/clients',
    ops: ALL,
    entity: people.clientSchema,
    detail: people.clientDetailSchema,
    listQuery: people.clientListQuerySchema,
    create: people.createClientSchema,
    update: people.updateClientSchema,
    searchFields: ['displayName', 'email', 'travelStyle'],
  }),
  clientAddresses: def({
    name: 'ClientAddress',
    path: '/api/client-addresses',
    ops: ['list', 'create', 'update', 'delete'],
    entity: people.clientAddressSchema,
    detail: people.clientAddressSchema,
    listQuery: people.clientAddressListQuerySchema,
    create: people.createClientAddressSchema,
    update: people.updateClientAddressSchema,
    searchFields: ['street', 'city', 'postalCode'],
  }),
  familyGroups: def({
    name: 'FamilyGroup',
    path: '/api/family-groups',
    ops: NO_DELETE,
    entity: people.familyGroupSchema,
    detail: people.familyGroupSchema,
    listQuery: people.familyGroupListQuerySchema,
    create: people.createFamilyGroupSchema,
    update: people.updateFamilyGroupSchema,
    searchFields: ['name'],
  }),
  loyaltyPrograms: def({
    name: 'LoyaltyProgram',
    path: '/api/loyalty-programs',
    ops: ['list', 'create', 'update'],
    entity: people.loyaltyProgramSchema,
    detail: people.loyaltyProgramSchema,
    listQuery: people.loyaltyProgramListQuerySchema,
    create: people.createLoyaltyProgramSchema,
    update: people.updateLoyaltyProgramSchema,
    searchFields: ['programName', 'membershipNumber'],
  }),
  travelers: def({
    name: 'Traveler',
    path: '/api/travelers',
    ops: ALL,
    entity: people.travelerSchema,
    detail: people.travelerDetailSchema,
    listQuery: people.travelerListQuerySchema,
    create: people.createTravelerSchema,
    update: people.updateTravelerSchema,
    searchFields: ['firstName', 'lastName', 'email'],
  }),
  emergencyContacts: def({
    name: 'EmergencyContact',
    path: '/api/emergency-contacts',
    ops: ['list', 'create', 'update', 'delete'],
    entity: people.emergencyContactSchema,
    detail: people.emergencyContactSchema,
    listQuery: people.emergencyContactListQuerySchema,
    create: people.createEmergencyContactSchema,
    update: people.updateEmergencyContactSchema,
    searchFields: ['fullName', 'phone', 'relationship'],
  }),
  travelDocuments: def({
    name: 'TravelDocument',
    path: '/api/travel-documents',
    ops: ['list', 'create', 'update', 'delete'],
    entity: people.travelDocumentSchema,
    detail: people.travelDocumentSchema,
    listQuery: people.travelDocumentListQuerySchema,
    create: people.createTravelDocumentSchema,
    update: people.updateTravelDocumentSchema,
    searchFields: ['documentNumber'],
  }),
  destinations: def({
    name: 'Destination',
    path: '/api/destinations',
    ops: ['list', 'get'],
    entity: travel.destinationSchema,
    detail: travel.destinationSchema,
    listQuery: travel.destinationListQuerySchema,
    create: unsupported,
    update: unsupported,
    searchFields: ['name', 'region', 'country'],
  }),
  trips: def({
    name: 'TripOffering',
    path: '/api/trips',
    ops: ALL,
    entity: travel.tripOfferingSchema,
    detail: travel.tripOfferingDetailSchema,
    listQuery: travel.tripOfferingListQuerySchema,
    create: travel.createTripOfferingSchema,
    update: travel.updateTripOfferingSchema,
    searchFields: ['name', 'shipName', 'description'],
  }),
  clientTrips: def({
    name: 'ClientTrip',
    path: '/api/client-trips',
    ops: ALL,
    entity: travel.clientTripSchema,
    detail: travel.clientTripSchema,
    listQuery: travel.clientTripListQuerySchema,
    create: travel.createClientTripSchema,
    update: travel.updateClientTripSchema,
    searchFields: ['name', 'notes'],
  }),
  bookings: def({
    name: 'Booking',
    path: '/api/bookings',
    ops: ALL,
    entity: travel.bookingSchema,
    detail: travel.bookingSchema,
    listQuery: travel.bookingListQuerySchema,
    create: travel.createBookingSchema,
    update: travel.updateBookingSchema,
    searchFields: ['bookingReference', 'destination', 'vendorConfirmationNumber'],
  }),
  groups: def({
    name: 'Group',
    path: '/api/groups',
    ops: ALL,
    entity: travel.groupSchema,
    detail: travel.groupDetailSchema,
    listQuery: travel.groupListQuerySchema,
    create: travel.createGroupSchema,
    update: travel.updateGroupSchema,
    searchFields: ['name', 'destination'],
  }),
  travelAlerts: def({
    name: 'TravelAlert',
    path: '/api/travel-alerts',
    ops: ['list', 'create', 'update'],
    entity: travel.travelAlertSchema,
    detail: travel.travelAlertSchema,
    listQuery: travel.travelAlertListQuerySchema,
    create: travel.createTravelAlertSchema,
    update: travel.updateTravelAlertSchema,
    searchFields: ['title', 'description', 'alertType'],
  }),
  satisfaction: def({
    name: 'SatisfactionScore',
    path: '/api/satisfaction',
    ops: ['list', 'create'],
    entity: travel.satisfactionScoreSchema,
    detail: travel.satisfactionScoreSchema,
    listQuery: travel.satisfactionListQuerySchema,
    create: travel.createSatisfactionScoreSchema,
    update: unsupported,
    searchFields: ['feedback'],
  }),
  payments: def({
    name: 'Payment',
    path: '/api/payments',
    ops: NO_DELETE,
    entity: finance.paymentSchema,
    detail: finance.paymentSchema,
    listQuery: finance.paymentListQuerySchema,
    create: finance.createPaymentSchema,
    update: finance.updatePaymentSchema,
    searchFields: ['transactionId', 'paymentMethod', 'notes'],
  }),
  paymentSchedules: def({
    name: 'PaymentSchedule',
    path: '/api/payment-schedules',
    ops: NO_DELETE,
    entity: finance.paymentScheduleSchema,
    detail: finance.paymentScheduleSchema,
    listQuery: finance.paymentScheduleListQuerySchema,
    create: finance.createPaymentScheduleSchema,
    update: finance.updatePaymentScheduleSchema,
    searchFields: [],
  }),
  invoices: def({
    name: 'Invoice',
    path: '/api/invoices',
    ops: NO_DELETE,
    entity: finance.invoiceSchema,
    detail: finance.invoiceSchema,
    listQuery: finance.invoiceListQuerySchema,
    create: finance.createInvoiceSchema,
    update: finance.updateInvoiceSchema,
    searchFields: ['invoiceNumber', 'sentToEmail', 'notes'],
  }),
  commissions: def({
    name: 'CommissionEntry',
    path: '/api/commissions',
    ops: ['list', 'get', 'update'],
    entity: finance.commissionEntrySchema,
    detail: finance.commissionEntrySchema,
    listQuery: finance.commissionListQuerySchema,
    create: unsupported,
    update: finance.updateCommissionSchema,
    searchFields: ['notes'],
  }),
  vendors: def({
    name: 'Vendor',
    path: '/api/vendors',
    ops: NO_DELETE,
    entity: finance.vendorSchema,
    detail: finance.vendorDetailSchema,
    listQuery: finance.vendorListQuerySchema,
    create: finance.createVendorSchema,
    update: finance.updateVendorSchema,
    searchFields: ['name', 'slug', 'vendorType'],
  }),
  analyticsEvents: def({
    name: 'AnalyticsEvent',
    path: '/api/analytics/events',
    ops: ['list'],
    entity: insights.analyticsEventSchema,
    detail: insights.analyticsEventSchema,
    listQuery: insights.analyticsEventListQuerySchema,
    create: unsupported,
    update: unsupported,
    searchFields: ['eventName', 'pageUrl', 'utmCampaign'],
  }),
  kpiSnapshots: def({
    name: 'KpiSnapshot',
    path: '/api/analytics/kpis',
    ops: ['list'],
    entity: insights.kpiSnapshotSchema,
    detail: insights.kpiSnapshotSchema,
    listQuery: insights.kpiSnapshotListQuerySchema,
    create: unsupported,
    update: unsupported,
    searchFields: ['metric'],
  }),
  socialPosts: def({
    name: 'SocialPost',
    path: '/api/social',
    ops: ['list'],
    entity: insights.socialPostSchema,
    detail: insights.socialPostSchema,
    listQuery: insights.socialPostListQuerySchema,
    create: unsupported,
    update: unsupported,
    searchFields: ['body'],
  }),
  touchpoints: def({
    name: 'Touchpoint',
    path: '/api/touchpoints',
    ops: ['list'],
    entity: insights.touchpointSchema,
    detail: insights.touchpointSchema,
    listQuery: insights.touchpointListQuerySchema,
    create: unsupported,
    update: unsupported,
    searchFields: ['subject', 'notes'],
  }),
  activities: def({
    name: 'Activity',
    path: '/api/activities',
    ops: ['list'],
    entity: insights.ttActivitySchema,
    detail: insights.ttActivitySchema,
    listQuery: insights.ttActivityListQuerySchema,
    create: unsupported,
    update: unsupported,
    searchFields: ['subject', 'description', 'activityType'],
  }),
  content: def({
    name: 'ManagedContent',
    path: '/api/content',
    ops: ['list', 'get'],
    entity: insights.managedContentSchema,
    detail: insights.managedContentSchema,
    listQuery: insights.managedContentListQuerySchema,
    create: unsupported,
    update: unsupported,
    searchFields: ['title', 'slug', 'body'],
  }),
} as const;
export type TtResources = typeof ttResources;
export type TtResourceName = keyof TtResources;

/** Routes that are not plain collection CRUD. `:id` is a UUID. */
export const ttRoutes = {
  health: '/health',
  bookingPayments: '/api/bookings/:id/payments',
  groupMembers: '/api/groups/:id/members',
  groupMember: '/api/groups/:id/members/:childId',
  groupMilestones: '/api/groups/:id/milestones',
  groupMilestone: '/api/groups/:id/milestones/:childId',
  vendorCommissionRules: '/api/vendors/:id/commission-rules',
  vendorCommissionRule: '/api/vendors/:id/commission-rules/:childId',
  vendorContracts: '/api/vendors/:id/contracts',
  vendorContract: '/api/vendors/:id/contracts/:childId',
  commissionSummary: '/api/commissions/summary',
  commissionCalculate: '/api/commissions/calculate',
  topOpportunities: '/api/intelligence/top-opportunities',
} as const;

/** Response schemas of the special routes, next to the generic `{ data }` / list envelopes. */
export const ttResponses = {
  health: healthSchema,
  bookingPayment: itemResponse(finance.paymentSchema),
  groupMember: itemResponse(travel.groupMemberSchema),
  groupMilestone: itemResponse(travel.groupMilestoneSchema),
  vendorCommissionRule: itemResponse(finance.vendorCommissionRuleSchema),
  vendorContract: itemResponse(finance.vendorContractSchema),
  commissionList: finance.commissionListResponseSchema,
  commissionSummary: itemResponse(finance.commissionSummarySchema),
  commissionCalculation: itemResponse(finance.commissionCalculationSchema),
  topOpportunities: travel.topOpportunitiesResponseSchema,
  deleted: deletedResponse,
  error: errorEnvelopeSchema,
} as const;

export { idParamSchema, listResponse, itemResponse };
export type { ListResult };

/** Input (pre-parse) type of a resource's list query, as a caller fills it. */
export type ListQueryOf<R extends ResourceDef> = Partial<z.output<R['listQuery']>>;
export type EntityOf<R extends ResourceDef> = z.output<R['entity']>;
export type DetailOf<R extends ResourceDef> = z.output<R['detail']>;
export type CreateOf<R extends ResourceDef> = z.input<R['create']>;
export type UpdateOf<R extends ResourceDef> = z.input<R['update']>;
