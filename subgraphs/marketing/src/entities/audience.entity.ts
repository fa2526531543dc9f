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
    passportExpiresOn: p.string().columnType('date').nullable(),
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
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class AudienceMember extends AudienceMemberSchema.class {}
AudienceMemberSchema.setClass(AudienceMember);

export const SUPPRESSION_REASONS = ['UNSUBSCRIBED', 'HARD_BOUNCE', 'COMPLAINED', 'IMPORTED', 'MANUAL'] as const;
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
