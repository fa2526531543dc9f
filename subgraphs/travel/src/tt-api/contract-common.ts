/**
 * Shared building blocks of the TT-API contract: the 27 enums of the seed, primitives, list
 * queries, response envelopes and the error envelope. See contract.ts for the conventions.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Enums: exact values of the seed's 27 pgEnums. Kept as `as const` tuples so both zod and TS
// types derive from one list.
// ---------------------------------------------------------------------------------------------
export const companyStages = [
  'target', 'researching', 'aware', 'engaged', 'qualified', 'proposal_sent', 'negotiating', 'won',
  'active_client', 'churned', 'disqualified', 'archived',
] as const;
export const dealStages = [
  'lead', 'qualified', 'proposal_sent', 'proposal_viewed', 'negotiating', 'verbal_yes',
  'booking_pending', 'booking_confirmed', 'traveling', 'completed', 'won', 'lost',
] as const;
export const bookingStatuses = [
  'inquiry', 'quoted', 'hold', 'deposit_paid', 'confirmed', 'ticketed', 'in_progress', 'completed',
  'cancelled', 'refunded',
] as const;
export const paymentStatuses = ['pending', 'partial', 'paid', 'refunded', 'failed'] as const;
/** Ordered: an entry only ever moves forward through these. */
export const commissionStatuses = ['projected', 'earned', 'invoiced', 'received', 'split_paid', 'final'] as const;
export const tripTypes = [
  'expedition_cruise', 'river_cruise', 'ocean_cruise', 'group_trip', 'team_offsite', 'luxury_resort',
  'adventure', 'cultural', 'event_based', 'custom',
] as const;
export const tripStatuses = [
  'inquiry', 'planning', 'quoted', 'booked', 'deposited', 'paid', 'traveling', 'completed', 'cancelled',
] as const;
export const groupStatuses = [
  'planning', 'interest_gauging', 'open', 'minimum_reached', 'closed', 'confirmed', 'traveling',
  'completed', 'cancelled',
] as const;
export const clientTypes = ['individual', 'family', 'corporate', 'group'] as const;
export const clientStatuses = ['prospect', 'active', 'vip', 'inactive', 'churned'] as const;
export const vendorTiers = ['preferred', 'premium', 'standard'] as const;
export const paymentTypes = ['deposit', 'installment', 'final_payment', 'supplement', 'refund'] as const;
export const invoiceStatuses = ['draft', 'sent', 'viewed', 'paid', 'partial', 'overdue', 'void'] as const;
export const scheduleStatuses = ['upcoming', 'due', 'overdue', 'paid', 'waived'] as const;
export const interactionChannels = [
  'linkedin', 'email', 'slack', 'phone', 'video_call', 'in_person', 'website', 'buddy_chat',
  'form_submission', 'newsletter_signup',
] as const;
export const leadSources = [
  'builtin_list', 'linkedin_outreach', 'linkedin_inbound', 'website_form', 'buddy_chat', 'referral',
  'event', 'cold_email', 'social_media', 'organic_search', 'other',
] as const;
export const touchpointChannels = [
  'slack', 'email', 'phone', 'video', 'text', 'linkedin', 'in_person', 'website', 'buddy_chat', 'mail',
] as const;
export const touchpointDirections = ['inbound', 'outbound'] as const;
export const emailSendStatuses = [
  'queued', 'sent', 'delivered', 'opened', 'clicked', 'bounced', 'failed', 'unsubscribed',
] as const;
export const socialPlatforms = ['linkedin', 'instagram', 'facebook', 'x'] as const;
export const alertSeverities = ['info', 'warning', 'critical'] as const;
export const contentStatuses = ['draft', 'published', 'archived'] as const;
export const addressTypes = ['home', 'work', 'mailing', 'billing', 'vacation'] as const;
export const familyGroupTypes = ['family', 'couple', 'friends', 'corporate_team'] as const;
export const loyaltyProgramTypes = [
  'airline', 'hotel', 'cruise', 'car_rental', 'rail', 'trusted_traveler', 'other',
] as const;
export const contactRoles = [
  'c_suite', 'vp', 'director', 'hr_culture', 'office_manager', 'travel_coordinator',
  'executive_assistant', 'individual', 'other',
] as const;
export const notificationChannels = ['slack', 'email', 'sms', 'push'] as const;

export const companyStage = z.enum(companyStages);
export const dealStage = z.enum(dealStages);
export const bookingStatus = z.enum(bookingStatuses);
export const paymentStatus = z.enum(paymentStatuses);
export const commissionStatus = z.enum(commissionStatuses);
export const tripType = z.enum(tripTypes);
export const tripStatus = z.enum(tripStatuses);
export const groupStatus = z.enum(groupStatuses);
export const clientType = z.enum(clientTypes);
export const clientStatus = z.enum(clientStatuses);
export const vendorTier = z.enum(vendorTiers);
export const paymentType = z.enum(paymentTypes);
export const invoiceStatus = z.enum(invoiceStatuses);
export const scheduleStatus = z.enum(scheduleStatuses);
export const interactionChannel = z.enum(interactionChannels);
export const leadSource = z.enum(leadSources);
export const touchpointChannel = z.enum(touchpointChannels);
export const touchpointDirection = z.enum(touchpointDirections);
export const emailSendStatus = z.enum(emailSendStatuses);
export const socialPlatform = z.enum(socialPlatforms);
export const alertSeverity = z.enum(alertSeverities);
export const contentStatus = z.enum(contentStatuses);
export const addressType = z.enum(addressTypes);
export const familyGroupType = z.enum(familyGroupTypes);
export const loyaltyProgramType = z.enum(loyaltyProgramTypes);
export const contactRole = z.enum(contactRoles);
export const notificationChannel = z.enum(notificationChannels);

export type CompanyStage = z.infer<typeof companyStage>;
export type DealStage = z.infer<typeof dealStage>;
export type BookingStatus = z.infer<typeof bookingStatus>;
export type PaymentStatus = z.infer<typeof paymentStatus>;
export type CommissionStatus = z.infer<typeof commissionStatus>;
export type TripType = z.infer<typeof tripType>;
export type TripStatus = z.infer<typeof tripStatus>;
export type GroupStatus = z.infer<typeof groupStatus>;
export type ClientType = z.infer<typeof clientType>;
export type ClientStatus = z.infer<typeof clientStatus>;
export type VendorTier = z.infer<typeof vendorTier>;
export type PaymentType = z.infer<typeof paymentType>;
export type InvoiceStatus = z.infer<typeof invoiceStatus>;
export type ScheduleStatus = z.infer<typeof scheduleStatus>;
export type InteractionChannel = z.infer<typeof interactionChannel>;
export type LeadSource = z.infer<typeof leadSource>;
export type TouchpointChannel = z.infer<typeof touchpointChannel>;
export type TouchpointDirection = z.infer<typeof touchpointDirection>;
export type EmailSendStatus = z.infer<typeof emailSendStatus>;
export type SocialPlatform = z.infer<typeof socialPlatform>;
export type AlertSeverity = z.infer<typeof alertSeverity>;
export type ContentStatus = z.infer<typeof contentStatus>;
export type AddressType = z.infer<typeof addressType>;
export type FamilyGroupType = z.infer<typeof familyGroupType>;
export type LoyaltyProgramType = z.infer<typeof loyaltyProgramType>;
export type ContactRole = z.infer<typeof contactRole>;
export type NotificationChannel = z.infer<typeof notificationChannel>;

/** All 27 enums by their TT-API (pgEnum) names, for documentation, codegen and tests. */
export const ttEnums = {
  company_stage: companyStages,
  deal_stage: dealStages,
  booking_status: bookingStatuses,
  payment_status: paymentStatuses,
  commission_status: commissionStatuses,
  trip_type: tripTypes,
  trip_status: tripStatuses,
  group_status: groupStatuses,
  client_type: clientTypes,
  client_status: clientStatuses,
  vendor_tier: vendorTiers,
  payment_type: paymentTypes,
  invoice_status: invoiceStatuses,
  schedule_status: scheduleStatuses,
  interaction_channel: interactionChannels,
  lead_source: leadSources,
  touchpoint_channel: touchpointChannels,
  touchpoint_direction: touchpointDirections,
  email_send_status: emailSendStatuses,
  social_platform: socialPlatforms,
  alert_severity: alertSeverities,
  content_status: contentStatuses,
  address_type: addressTypes,
  family_group_type: familyGroupTypes,
  loyalty_program_type: loyaltyProgramTypes,
  contact_role: contactRoles,
  notification_channel: notificationChannels,
} as const;

// ---------------------------------------------------------------------------------------------
// Primitives
// ---------------------------------------------------------------------------------------------
export const uuid = z.uuid();
/** Calendar date `YYYY-MM-DD` (departure dates, due dates, expiry dates). */
export const isoDate = z.iso.date();
/** Instant, ISO 8601 in UTC (`...Z`). */
export const isoDateTime = z.iso.datetime({ offset: true });
/** Integer cents, never negative: refunds carry their sign in the payment type, not the amount. */
export const cents = z.int().nonnegative();
export const positiveCents = z.int().positive();
/** A percentage such as 12.5 (not money, so decimals are allowed). */
export const percent = z.number().min(0).max(100);
export const shortText = z.string().trim().min(1).max(200);
export const longText = z.string().max(10_000);
export const countryCode = z.string().regex(/^[A-Z]{2}$/, 'Use an ISO 3166-1 alpha-2 country code');
export const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lowercase words joined by hyphens');

/** Columns every TT-API table carries (soft delete via `deletedAt`). */
export const timestamps = {
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  deletedAt: isoDateTime.nullable(),
};

/** `:id` path parameter: every route validates it as a UUID. */
export const idParamSchema = z.object({ id: uuid });

// ---------------------------------------------------------------------------------------------
// List queries: page, limit, search, sortBy (allowlist), sortOrder, plus per-resource filters.
// ---------------------------------------------------------------------------------------------
export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;
export const sortOrders = ['asc', 'desc'] as const;

/** Query strings carry booleans as the words `true` and `false`; anything else is rejected. */
export const queryBoolean = z.enum(['true', 'false']).transform((v) => v === 'true');

/**
 * Nexus assumption (not in the seed): list routes also take `ids`, and some take a parent's plural
 * filter (`clientIds`, `bookingIds`, ...), as comma-separated UUIDs, at most 100. The travel
 * subgraph resolves a whole page of rows (a list of federation references, a parent list's
 * children) with ONE call this way instead of one call per row. The output is the id list.
 */
export const MAX_IDS_PER_QUERY = 100;
export const queryIds = z
  .string()
  .transform((s) => s.split(',').map((id) => id.trim()).filter((id) => id !== ''))
  .pipe(z.array(z.uuid()).min(1).max(MAX_IDS_PER_QUERY));

export const paginationQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT),
});

/**
 * Builds a resource's list query schema. `sortBy` is an allowlist (the seed's guard against SQL
 * injection through sort fields); the first entry is the default sort column.
 */
export function listQuerySchema<const S extends readonly [string, ...string[]], F extends z.ZodRawShape>(
  sortable: S,
  filters: F,
) {
  return paginationQuerySchema.extend({
    search: z.string().trim().min(1).max(200).optional(),
    sortBy: z.enum(sortable).default(sortable[0]),
    sortOrder: z.enum(sortOrders).default('desc'),
    /** Only these rows (see `queryIds`). */
    ids: queryIds.optional(),
    ...filters,
  });
}

export const paginationMetaSchema = z.object({
  page: z.int().min(1),
  limit: z.int().min(1),
  total: z.int().nonnegative(),
  totalPages: z.int().nonnegative(),
});
export type PaginationMeta = z.infer<typeof paginationMetaSchema>;

export const listResponse = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), pagination: paginationMetaSchema });
export const itemResponse = <T extends z.ZodType>(item: T) => z.object({ data: item });

export type ListResult<T> = { data: T[]; pagination: PaginationMeta };

/** DELETE answers with the soft-deleted row's id and deletion time. */
export const deletedSchema = z.object({ id: uuid, deletedAt: isoDateTime });
export type Deleted = z.infer<typeof deletedSchema>;
export const deletedResponse = itemResponse(deletedSchema);

/** PATCH bodies must change something. */
export const nonEmpty = (o: object) => Object.keys(o).length > 0;
export const NON_EMPTY_MESSAGE = 'Provide at least one field to update';

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------
export const ttErrorCodes = [
  'VALIDATION_ERROR', 'UNAUTHORIZED', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED', 'INTERNAL_ERROR',
  'EXTERNAL_SERVICE_ERROR',
] as const;
export type TtErrorCode = (typeof ttErrorCodes)[number];
export const ttErrorStatus: Readonly<Record<TtErrorCode, number>> = {
  VALIDATION_ERROR: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  EXTERNAL_SERVICE_ERROR: 502,
};

export const validationIssueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});
export type ValidationIssue = z.infer<typeof validationIssueSchema>;

export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.enum(ttErrorCodes),
    message: z.string(),
    /** VALIDATION_ERROR: list of issues; NOT_FOUND: `{ entity, id }`; otherwise null. */
    details: z.union([z.array(validationIssueSchema), z.record(z.string(), z.unknown()), z.null()]),
    requestId: z.string(),
    /** RATE_LIMITED only; the same value is sent in the `Retry-After` header (seconds). */
    retryAfterMs: z.int().nonnegative().optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

export const healthSchema = z.object({
  status: z.enum(['ok', 'error']),
  checks: z.object({
    database: z.enum(['ok', 'error']),
    redis: z.enum(['ok', 'error', 'not_configured']),
  }),
});
export type Health = z.infer<typeof healthSchema>;
