/**
 * TT-API finance resources: payments (and the booking payment sub-route), payment schedules,
 * invoices, commission entries (list + summary + calculate) and vendors with commission rules
 * and contracts.
 */
import { z } from 'zod';
import {
  NON_EMPTY_MESSAGE,
  cents,
  commissionStatus,
  type commissionStatuses,
  emailSendStatus,
  invoiceStatus,
  isoDate,
  isoDateTime,
  listQuerySchema,
  longText,
  nonEmpty,
  paginationMetaSchema,
  paymentStatus,
  paymentType,
  percent,
  positiveCents,
  scheduleStatus,
  shortText,
  slug,
  timestamps,
  tripType,
  uuid,
  vendorTier,
  queryBoolean,
  queryIds,
} from './contract-common.ts';

// ---------------------------------------------------------------------------------------------
// Payments (/api/payments): GET list, detail, POST, PATCH
// ---------------------------------------------------------------------------------------------
export const paymentSchema = z.object({
  id: uuid,
  clientId: uuid.nullable(),
  bookingId: uuid.nullable(),
  amountCents: positiveCents,
  paymentType,
  status: paymentStatus,
  /** Free text in TT-API (credit_card, ach, wire, check, ...). */
  paymentMethod: z.string().nullable(),
  transactionId: z.string().nullable(),
  paidAt: isoDateTime.nullable(),
  notes: longText.nullable(),
  ...timestamps,
});
export type Payment = z.infer<typeof paymentSchema>;

export const createPaymentSchema = z.object({
  clientId: uuid.nullable().optional(),
  bookingId: uuid.nullable().optional(),
  amountCents: positiveCents,
  paymentType,
  status: paymentStatus.optional(),
  paymentMethod: z.string().trim().min(1).max(40).nullable().optional(),
  transactionId: z.string().max(100).nullable().optional(),
  paidAt: isoDateTime.nullable().optional(),
  notes: longText.nullable().optional(),
});
export const updatePaymentSchema = createPaymentSchema
  .pick({ status: true, paymentMethod: true, transactionId: true, paidAt: true, notes: true })
  .partial()
  .refine(nonEmpty, NON_EMPTY_MESSAGE);
export type CreatePaymentInput = z.infer<typeof createPaymentSchema>;
export type UpdatePaymentInput = z.infer<typeof updatePaymentSchema>;
export const paymentListQuerySchema = listQuerySchema(['createdAt', 'paidAt', 'amountCents'], {
  clientId: uuid.optional(),
  clientIds: queryIds.optional(),
  bookingId: uuid.optional(),
  bookingIds: queryIds.optional(),
  status: paymentStatus.optional(),
  paymentType: paymentType.optional(),
});

/**
 * POST /api/bookings/:id/payments (the seed's createBookingPaymentSchema): amountCents and
 * paymentMethod are required. Answers 201 with the created payment; 409 CONFLICT when the
 * booking is cancelled or refunded.
 */
export const createBookingPaymentSchema = z.object({
  amountCents: positiveCents,
  paymentMethod: z.string().trim().min(1).max(40),
  paymentType: paymentType.exclude(['refund']).optional(),
  transactionId: z.string().max(100).nullable().optional(),
  notes: longText.nullable().optional(),
});
export type CreateBookingPaymentInput = z.infer<typeof createBookingPaymentSchema>;

// ---------------------------------------------------------------------------------------------
// Payment schedules (/api/payment-schedules): GET list, detail, POST, PATCH
// ---------------------------------------------------------------------------------------------
export const paymentScheduleSchema = z.object({
  id: uuid,
  /** Seed column `trip_id` (a client trip). */
  clientTripId: uuid.nullable(),
  bookingId: uuid.nullable(),
  clientId: uuid.nullable(),
  installmentNumber: z.int().min(1),
  amountCents: positiveCents,
  dueDate: isoDate,
  status: scheduleStatus,
  paidAt: isoDateTime.nullable(),
  paymentId: uuid.nullable(),
  reminderCount: z.int().nonnegative(),
  lastReminderSentAt: isoDateTime.nullable(),
  nextReminderAt: isoDateTime.nullable(),
  ...timestamps,
});
export type PaymentSchedule = z.infer<typeof paymentScheduleSchema>;

export const createPaymentScheduleSchema = z.object({
  clientTripId: uuid.nullable().optional(),
  bookingId: uuid.nullable().optional(),
  clientId: uuid.nullable().optional(),
  installmentNumber: z.int().min(1).max(120),
  amountCents: positiveCents,
  dueDate: isoDate,
  status: scheduleStatus.optional(),
  nextReminderAt: isoDateTime.nullable().optional(),
});
/** PATCH also records reminders (reminderCount, lastReminderSentAt) and settlement. */
export const updatePaymentScheduleSchema = createPaymentScheduleSchema
  .omit({ installmentNumber: true })
  .extend({
    paidAt: isoDateTime.nullable().optional(),
    paymentId: uuid.nullable().optional(),
    reminderCount: z.int().nonnegative().optional(),
    lastReminderSentAt: isoDateTime.nullable().optional(),
  })
  .partial()
  .refine(nonEmpty, NON_EMPTY_MESSAGE);
export type CreatePaymentScheduleInput = z.infer<typeof createPaymentScheduleSchema>;
export type UpdatePaymentScheduleInput = z.infer<typeof updatePaymentScheduleSchema>;
export const paymentScheduleListQuerySchema = listQuerySchema(
  ['dueDate', 'createdAt', 'amountCents', 'installmentNumber'],
  {
    clientTripId: uuid.optional(),
    clientTripIds: queryIds.optional(),
    bookingId: uuid.optional(),
    bookingIds: queryIds.optional(),
    clientId: uuid.optional(),
    status: scheduleStatus.optional(),
    dueBefore: isoDate.optional(),
    dueAfter: isoDate.optional(),
  },
);

// ---------------------------------------------------------------------------------------------
// Invoices (/api/invoices): GET list, detail, POST, PATCH
// ---------------------------------------------------------------------------------------------
export const invoiceLineItemSchema = z.object({
  description: shortText,
  quantity: z.int().min(1),
  unitPriceCents: cents,
  totalCents: cents,
});
export type InvoiceLineItem = z.infer<typeof invoiceLineItemSchema>;

export const invoiceSchema = z.object({
  id: uuid,
  invoiceNumber: z.string().min(1).max(40),
  clientId: uuid,
  bookingId: uuid.nullable(),
  status: invoiceStatus,
  currency: z.string().regex(/^[A-Z]{3}$/),
  issueDate: isoDate,
  dueDate: isoDate,
  /** JSONB in TT-API. */
  lineItems: z.array(invoiceLineItemSchema),
  subtotalCents: cents,
  taxCents: cents,
  totalCents: cents,
  amountPaidCents: cents,
  // Delivery tracking
  sentToEmail: z.email().nullable(),
  sentAt: isoDateTime.nullable(),
  viewedAt: isoDateTime.nullable(),
  deliveryStatus: emailSendStatus.nullable(),
  deliveryAttempts: z.int().nonnegative(),
  notes: longText.nullable(),
  ...timestamps,
});
export type Invoice = z.infer<typeof invoiceSchema>;

export const invoiceLineItemInputSchema = z.object({
  description: shortText,
  quantity: z.int().min(1).max(10_000),
  unitPriceCents: cents,
});
/** Totals are computed by TT-API from the line items: clients never send them. */
export const createInvoiceSchema = z.object({
  invoiceNumber: z.string().trim().min(1).max(40).optional(),
  clientId: uuid,
  bookingId: uuid.nullable().optional(),
  status: invoiceStatus.optional(),
  issueDate: isoDate.optional(),
  dueDate: isoDate,
  lineItems: z.array(invoiceLineItemInputSchema).min(1).max(200),
  taxCents: cents.optional(),
  sentToEmail: z.email().nullable().optional(),
  notes: longText.nullable().optional(),
});
export const updateInvoiceSchema = createInvoiceSchema
  .omit({ clientId: true, invoiceNumber: true })
  .extend({
    amountPaidCents: cents.optional(),
    sentAt: isoDateTime.nullable().optional(),
    viewedAt: isoDateTime.nullable().optional(),
    deliveryStatus: emailSendStatus.nullable().optional(),
  })
  .partial()
  .refine(nonEmpty, NON_EMPTY_MESSAGE);
export type CreateInvoiceInput = z.infer<typeof createInvoiceSchema>;
export type UpdateInvoiceInput = z.infer<typeof updateInvoiceSchema>;
export const invoiceListQuerySchema = listQuerySchema(
  ['issueDate', 'createdAt', 'dueDate', 'invoiceNumber', 'totalCents'],
  {
    clientId: uuid.optional(),
    clientIds: queryIds.optional(),
    bookingId: uuid.optional(),
    bookingIds: queryIds.optional(),
    status: invoiceStatus.optional(),
  },
);

// ---------------------------------------------------------------------------------------------
// Commission entries (/api/commissions)
// ---------------------------------------------------------------------------------------------
export const commissionEntrySchema = z.object({
  id: uuid,
  bookingId: uuid,
  vendorId: uuid,
  bookingValueCents: cents,
  commissionPct: percent,
  grossCommissionCents: cents,
  /** Host agency (Nexion) share of the gross commission, in percent. */
  nexionSplitPct: percent,
  nexionShareCents: cents,
  agentNetCents: cents,
  status: commissionStatus,
  expectedPayDate: isoDate.nullable(),
  receivedAt: isoDateTime.nullable(),
  notes: longText.nullable(),
  ...timestamps,
});
export type CommissionEntry = z.infer<typeof commissionEntrySchema>;

const statusBucket = z.object({ count: z.int().nonnegative(), grossCommissionCents: cents });
export const commissionSummarySchema = z.object({
  count: z.int().nonnegative(),
  totalBookingValueCents: cents,
  totalGrossCommissionCents: cents,
  totalNexionShareCents: cents,
  totalAgentNetCents: cents,
  /** Every commission_status is present, zero when empty. */
  byStatus: z.object({
    projected: statusBucket,
    earned: statusBucket,
    invoiced: statusBucket,
    received: statusBucket,
    split_paid: statusBucket,
    final: statusBucket,
  } satisfies Record<(typeof commissionStatuses)[number], typeof statusBucket>),
});
export type CommissionSummary = z.infer<typeof commissionSummarySchema>;

/** GET /api/commissions: paginated entries plus a summary over every entry matching the filters. */
export const commissionListResponseSchema = z.object({
  data: z.array(commissionEntrySchema),
  pagination: paginationMetaSchema,
  summary: commissionSummarySchema,
});
export type CommissionList = z.infer<typeof commissionListResponseSchema>;

const commissionFilters = {
  status: commissionStatus.optional(),
  vendorId: uuid.optional(),
  bookingId: uuid.optional(),
  bookingIds: queryIds.optional(),
};
export const commissionListQuerySchema = listQuerySchema(
  ['createdAt', 'updatedAt', 'grossCommissionCents', 'expectedPayDate', 'status'],
  commissionFilters,
);
/** GET /api/commissions/summary takes the list's filters. */
export const commissionSummaryQuerySchema = z.object(commissionFilters);

/** PATCH /api/commissions/:id. Status may only move forward (409 CONFLICT otherwise). */
export const updateCommissionSchema = z
  .object({
    status: commissionStatus.optional(),
    nexionSplitPct: percent.optional(),
    expectedPayDate: isoDate.nullable().optional(),
    receivedAt: isoDateTime.nullable().optional(),
    notes: longText.nullable().optional(),
  })
  .refine(nonEmpty, NON_EMPTY_MESSAGE);
export type UpdateCommissionInput = z.infer<typeof updateCommissionSchema>;

/** POST /api/commissions/calculate (the seed's calculateCommissionSchema). Computes, stores nothing. */
export const calculateCommissionSchema = z.object({
  bookingId: uuid,
  vendorId: uuid,
  bookingValueCents: positiveCents,
});
export type CalculateCommissionInput = z.infer<typeof calculateCommissionSchema>;

export const commissionCalculationSchema = z.object({
  bookingId: uuid,
  vendorId: uuid,
  bookingValueCents: positiveCents,
  tripType: tripType.nullable(),
  /** Where the rate came from: a vendor commission rule, a vendor contract, or the vendor default. */
  rateSource: z.enum(['rule', 'contract', 'vendor_default']),
  ruleId: uuid.nullable(),
  commissionPct: percent,
  bonusPct: percent,
  grossCommissionCents: cents,
  nexionSplitPct: percent,
  nexionShareCents: cents,
  agentNetCents: cents,
});
export type CommissionCalculation = z.infer<typeof commissionCalculationSchema>;

// ---------------------------------------------------------------------------------------------
// Vendors (/api/vendors) with commission rules and contracts
// ---------------------------------------------------------------------------------------------
export const vendorCommissionRuleSchema = z.object({
  id: uuid,
  vendorId: uuid,
  /** null: applies to every trip type. */
  tripType: tripType.nullable(),
  commissionPct: percent,
  bonusPct: percent,
  minBookingValueCents: cents.nullable(),
  effectiveFrom: isoDate,
  effectiveTo: isoDate.nullable(),
});
export type VendorCommissionRule = z.infer<typeof vendorCommissionRuleSchema>;

export const vendorContractSchema = z.object({
  id: uuid,
  vendorId: uuid,
  name: shortText,
  /** Free text in TT-API (group_block, rate_agreement, preferred_partner, ...). */
  contractType: z.string().min(1).max(40),
  commissionPct: percent,
  cabinsHeld: z.int().nonnegative().nullable(),
  releaseDate: isoDate.nullable(),
  startDate: isoDate,
  endDate: isoDate.nullable(),
  tripOfferingId: uuid.nullable(),
});
export type VendorContract = z.infer<typeof vendorContractSchema>;

/**
 * POST /api/vendors/:id/commission-rules, PATCH/DELETE /api/vendors/:id/commission-rules/:ruleId:
 * Nexus assumption (the seed keeps `vendor_commission_rules` as a table and routes vendors with
 * their "commission structures"). 400 VALIDATION_ERROR when `effectiveTo` is before `effectiveFrom`; 409 when the
 * rule's dates overlap another rule of the vendor for the same trip type.
 */
export const createVendorCommissionRuleSchema = z.object({
  tripType: tripType.nullable().optional(),
  commissionPct: percent,
  bonusPct: percent.optional(),
  minBookingValueCents: cents.nullable().optional(),
  effectiveFrom: isoDate,
  effectiveTo: isoDate.nullable().optional(),
});
export const updateVendorCommissionRuleSchema = createVendorCommissionRuleSchema
  .partial()
  .refine(nonEmpty, NON_EMPTY_MESSAGE);
export type CreateVendorCommissionRuleInput = z.infer<typeof createVendorCommissionRuleSchema>;
export type UpdateVendorCommissionRuleInput = z.infer<typeof updateVendorCommissionRuleSchema>;

/**
 * POST /api/vendors/:id/contracts, PATCH/DELETE /api/vendors/:id/contracts/:contractId: Nexus
 * assumption, like the rules. 400 VALIDATION_ERROR when `endDate` is before `startDate` or `releaseDate` after
 * `endDate`, or the trip offering does not exist.
 */
export const createVendorContractSchema = z.object({
  name: shortText,
  contractType: z.string().trim().min(1).max(40),
  commissionPct: percent,
  cabinsHeld: z.int().nonnegative().max(100_000).nullable().optional(),
  releaseDate: isoDate.nullable().optional(),
  startDate: isoDate,
  endDate: isoDate.nullable().optional(),
  tripOfferingId: uuid.nullable().optional(),
});
export const updateVendorContractSchema = createVendorContractSchema.partial().refine(nonEmpty, NON_EMPTY_MESSAGE);
export type CreateVendorContractInput = z.infer<typeof createVendorContractSchema>;
export type UpdateVendorContractInput = z.infer<typeof updateVendorContractSchema>;

/**
 * T-10 `supplier_type`: the vendor types Nexus knows. TT-API keeps the column as free text, so a
 * value outside this list reads as `other` in the graph; writes take only these.
 */
export const supplierTypes = [
  'cruise_line',
  'hotel',
  'tour_operator',
  'airline',
  'dmc',
  'rail',
  'car_rental',
  'insurance',
  'other',
] as const;
export type SupplierType = (typeof supplierTypes)[number];

export const vendorSchema = z.object({
  id: uuid,
  name: shortText,
  slug,
  /** Free text in TT-API (cruise_line, hotel, tour_operator, airline, dmc, ...). */
  vendorType: z.string().min(1).max(40),
  tier: vendorTier,
  defaultCommissionPct: percent,
  contactEmail: z.email().nullable(),
  contactPhone: z.string().nullable(),
  website: z.url().nullable(),
  isActive: z.boolean(),
  notes: longText.nullable(),
  ...timestamps,
});
export type Vendor = z.infer<typeof vendorSchema>;

export const vendorDetailSchema = vendorSchema.extend({
  commissionRules: z.array(vendorCommissionRuleSchema),
  contracts: z.array(vendorContractSchema),
});
export type VendorDetail = z.infer<typeof vendorDetailSchema>;

export const createVendorSchema = z.object({
  name: shortText,
  slug: slug.optional(),
  vendorType: z.enum(supplierTypes),
  tier: vendorTier.optional(),
  defaultCommissionPct: percent,
  contactEmail: z.email().nullable().optional(),
  contactPhone: z.string().max(40).nullable().optional(),
  website: z.url().nullable().optional(),
  isActive: z.boolean().optional(),
  notes: longText.nullable().optional(),
});
export const updateVendorSchema = createVendorSchema.partial().refine(nonEmpty, NON_EMPTY_MESSAGE);
export type CreateVendorInput = z.infer<typeof createVendorSchema>;
export type UpdateVendorInput = z.infer<typeof updateVendorSchema>;
export const vendorListQuerySchema = listQuerySchema(['name', 'createdAt', 'tier', 'defaultCommissionPct'], {
  tier: vendorTier.optional(),
  vendorType: z.enum(supplierTypes).optional(),
  isActive: queryBoolean.optional(),
});
