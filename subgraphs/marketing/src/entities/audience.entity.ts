import { defineEntity, p } from '@mikro-orm/core';

export const EMAIL_STATUSES = ['PENDING', 'SUBSCRIBED', 'UNSUBSCRIBED', 'BOUNCED', 'COMPLAINED'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/**
 * Marketing's read projection of a crm contact (fed by crm's `audience-contact` outbox contract) plus
 * what marketing alone owns about it: email status, consent and engagement. Segments are one SQL
 * query over this table. The id is the crm contact's id.
 */
export const AudienceMemberSchema = defineEntity({
  name: 'AudienceMember',
  tableName: 'audience_member',
  indexes: [
    {
      name: 'audience_member_tags_gin',
      expression: 'create index "audience_member_tags_gin" on "audience_member" using gin ("tags")',
    },
    { properties: ['email'] },
    { properties: ['score'] },
  ],
  properties: {
    id: p.uuid().primary(),
    email: p.string().length(254).nullable(),
    firstName: p.string().length(120),
    lastName: p.string().length(120).default(''),
    lifecycleStage: p.string().length(40).nullable(),
    leadStatus: p.string().length(40).nullable(),
    source: p.string().length(40).nullable(),
    tags: p.array().default([]),
    score: p.integer().default(0),
    ownerId: p.uuid().nullable(),
    companyId: p.uuid().nullable(),
    companyType: p.string().length(40).nullable(),
    companyTier: p.string().length(40).nullable(),
    customFields: p.json<Record<string, unknown>>().default('{}'),
    timezone: p.string().length(64).nullable(),
    emailStatus: p.enum(EMAIL_STATUSES).nativeEnumName('mk_email_status').default('SUBSCRIBED'),
    consentBasis: p.string().length(40).nullable(),
    consentSource: p.string().length(120).nullable(),
    consentAt: p.datetime().nullable(),
    /** From travel (TT-API is the source of truth): what makes travel segments possible. */
    destinations: p.array().default([]),
    nextDepartureAt: p.datetime().nullable(),
    nextReturnAt: p.datetime().nullable(),
    bookingValueCents: p.bigint('number').default(0),
    /** Expected commission (gross, TT-API commission entries) on those bookings. */
    commissionCents: p.bigint('number').default(0),
    passportExpiresOn: p.string().columnType('date').nullable(),
    /** While a trip is under way, the zone the traveller is in (from its published itinerary). */
    travelTimeZone: p.string().length(64).nullable(),
    /** travel's computation time of the travel fields applied; an older summary is skipped. */
    travelUpdatedAt: p.datetime().nullable(),
    lastOpenAt: p.datetime().nullable(),
    lastClickAt: p.datetime().nullable(),
    sendsCount: p.integer().default(0),
    opensCount: p.integer().default(0),
    clicksCount: p.integer().default(0),
    /** crm's change time of the version applied; an older feed message is skipped. */
    sourceUpdatedAt: p.datetime(),
    deletedAt: p.datetime().nullable(),
    /** Erased at the person's request: anonymised, and crm's feed no longer fills it. */
    erasedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class AudienceMember extends AudienceMemberSchema.class {}
AudienceMemberSchema.setClass(AudienceMember);

export const SUPPRESSION_REASONS = [
  'UNSUBSCRIBED',
  'HARD_BOUNCE',
  'COMPLAINED',
  'IMPORTED',
  'MANUAL',
  'ERASED',
] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/** Addresses no marketing mail goes to (lower-case); hard bounces and complaints stop transactional mail too. */
export const SuppressionSchema = defineEntity({
  name: 'Suppression',
  tableName: 'suppression',
  properties: {
    email: p.string().length(254).primary(),
    reason: p.enum(SUPPRESSION_REASONS).nativeEnumName('mk_suppression_reason'),
    detail: p.string().length(500).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class Suppression extends SuppressionSchema.class {}
SuppressionSchema.setClass(Suppression);

/** Subscription types: every campaign is one; people leave them one by one in the preference centre. */
export const SUBSCRIPTION_TYPES = ['NEWSLETTER', 'OFFERS', 'TRIP_IDEAS', 'EVENTS'] as const;
export type SubscriptionType = (typeof SUBSCRIPTION_TYPES)[number];
export const SUBSCRIPTION_LABELS: Record<SubscriptionType, string> = {
  NEWSLETTER: 'The Travel Tamers newsletter',
  OFFERS: 'Offers and promotions',
  TRIP_IDEAS: 'Trip ideas and destination guides',
  EVENTS: 'Events and webinars',
};
/** NORMAL: every campaign; WEEKLY / MONTHLY: at most one marketing email a week / a month. */
export const EMAIL_FREQUENCIES = ['NORMAL', 'WEEKLY', 'MONTHLY'] as const;
export type EmailFrequency = (typeof EMAIL_FREQUENCIES)[number];

/** What a person chose in the public preference centre, per address (lower-case). */
export const EmailPreferenceSchema = defineEntity({
  name: 'EmailPreference',
  tableName: 'email_preference',
  properties: {
    email: p.string().length(254).primary(),
    leftTypes: p.array().default([]),
    frequency: p.enum(EMAIL_FREQUENCIES).nativeEnumName('mk_email_frequency').default('NORMAL'),
    pausedUntil: p.datetime().nullable(),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export class EmailPreference extends EmailPreferenceSchema.class {}
EmailPreferenceSchema.setClass(EmailPreference);

/**
 * Booked travel value and expected commission credited to a campaign (last human click within 30
 * days before the value or commission rose); campaignId null when the contact had clicked nothing.
 */
export const AttributionSchema = defineEntity({
  name: 'Attribution',
  tableName: 'attribution',
  indexes: [{ properties: ['campaignId'] }],
  properties: {
    id: p.uuid().primary(),
    contactId: p.uuid(),
    campaignId: p.uuid().nullable(),
    sendId: p.uuid().nullable(),
    valueCents: p.bigint('number'),
    commissionCents: p.bigint('number').default(0),
    occurredAt: p.datetime(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class Attribution extends AttributionSchema.class {}
AttributionSchema.setClass(Attribution);

/**
 * An accepted sales quote credited to a campaign (last human click within 30 days before the
 * acceptance); campaignId null when the contact had clicked nothing. One row per quote.
 */
export const QuoteAttributionSchema = defineEntity({
  name: 'QuoteAttribution',
  tableName: 'quote_attribution',
  indexes: [{ properties: ['campaignId'] }],
  properties: {
    quoteId: p.uuid().primary(),
    contactId: p.uuid(),
    campaignId: p.uuid().nullable(),
    sendId: p.uuid().nullable(),
    totalCents: p.bigint('number'),
    acceptedAt: p.datetime(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class QuoteAttribution extends QuoteAttributionSchema.class {}
QuoteAttributionSchema.setClass(QuoteAttribution);
