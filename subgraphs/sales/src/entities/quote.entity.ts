import { defineEntity, p } from '@mikro-orm/core';
import { idProperty, timestampProperties } from '@nexus/platform';
import {
  APPROVAL_STATES,
  DEPOSIT_SCHEDULE_STATES,
  DISCOUNT_TYPES,
  QUOTE_STATUSES,
  type DiscountType,
} from './enums.ts';

/**
 * One line as stored. Lines live in the quote's row (JSONB): a version is written and read whole,
 * a revision copies them, and a sent version never changes.
 */
export interface StoredLine {
  id: string;
  productId: string | null;
  description: string;
  quantity: number;
  unitPrice: number;
  unitCost: number;
  currency: string;
  discountType: DiscountType | null;
  discountPercent: number | null;
  discountAmount: number | null;
  taxRate: number;
  taxInclusive: boolean;
  optionGroup: string | null;
  optional: boolean;
  selected: boolean;
}

export interface Acceptance {
  name: string;
  acceptedAt: string;
  ip: string;
  userAgent: string;
  versionHash: string;
  signedPdfSha256: string;
}

/** A version of a priced proposal for a crm deal. */
export const QuoteSchema = defineEntity({
  name: 'Quote',
  tableName: 'quote',
  uniques: [{ properties: ['number', 'version'] }],
  indexes: [{ properties: ['dealId'] }, { properties: ['status'] }, { properties: ['createdAt'] }],
  properties: {
    id: idProperty(),
    number: p.integer(),
    version: p.integer().default(1),
    dealId: p.uuid(),
    contactId: p.uuid().nullable(),
    title: p.string().length(200),
    currency: p.string().length(3).default('USD'),
    /** Currency -> decimal rate string into the quote's currency. */
    exchangeRates: p.json<Record<string, string>>().default('{}'),
    status: p.enum(QUOTE_STATUSES).nativeEnumName('nx_quote_status').default('DRAFT'),
    approval: p.enum(APPROVAL_STATES).nativeEnumName('nx_approval_state').default('NOT_REQUIRED'),
    approvedAt: p.datetime().nullable(),
    approvedById: p.uuid().nullable(),
    ownerId: p.uuid().nullable(),
    recipientName: p.string().length(200).nullable(),
    recipientEmail: p.string().length(254).nullable(),
    expiresOn: p.string().columnType('date'),
    terms: p.text().nullable(),
    cancellationPolicy: p.text().nullable(),
    depositPercent: p.integer().default(0),
    /** A fixed deposit in cents; when set it is due instead of `depositPercent` (capped at the total). */
    depositAmount: p.bigint('number').nullable(),
    /** The template the terms and cancellation schedule were copied from. */
    templateId: p.uuid().nullable(),
    /** The deposit due, recorded when the client accepted. */
    depositDue: p.bigint('number').nullable(),
    /** The deposit's payment schedule in TT-API: PENDING until created (or found not to apply). */
    depositSchedule: p.enum(DEPOSIT_SCHEDULE_STATES).nativeEnumName('nx_deposit_schedule').nullable(),
    /** The TT-API payment schedule created for the deposit. */
    depositScheduleId: p.string().length(100).nullable(),
    depositScheduleAttempts: p.integer().default(0),
    depositScheduleError: p.string().length(500).nullable(),
    discountType: p.enum(DISCOUNT_TYPES).nativeEnumName('nx_discount_type').nullable(),
    discountPercent: p.integer().nullable(),
    discountAmount: p.bigint('number').nullable(),
    lines: p.json<StoredLine[]>().default('[]'),
    /** SHA-256 (hex) of the public link's token; the token itself is shown once. */
    tokenHash: p.string().length(64).nullable().unique(),
    linkRevokedAt: p.datetime().nullable(),
    sentAt: p.datetime().nullable(),
    firstViewedAt: p.datetime().nullable(),
    viewCount: p.integer().default(0),
    /** The one-time acceptance code: its hash, expiry, wrong tries and when it was used. */
    codeHash: p.string().length(64).nullable(),
    codeExpiresAt: p.datetime().nullable(),
    codeAttempts: p.integer().default(0),
    codeUsedAt: p.datetime().nullable(),
    acceptedAt: p.datetime().nullable(),
    acceptance: p.json<Acceptance>().nullable(),
    signedPdf: p.blob().nullable().lazy(),
    declinedAt: p.datetime().nullable(),
    declineReason: p.string().length(1000).nullable(),
    previousVersionId: p.uuid().nullable(),
    supersededById: p.uuid().nullable(),
    ...timestampProperties(),
  },
});
export class Quote extends QuoteSchema.class {}
QuoteSchema.setClass(Quote);
