import { defineEntity, p } from '@mikro-orm/core';
import { SUBSCRIPTION_TYPES } from './audience.entity.ts';
import { idProperty, softDeleteFilter, softDeleteProperty, timestampProperties } from '@nexus/platform';

export const CAMPAIGN_STATUSES = ['DRAFT', 'SCHEDULED', 'SENDING', 'SENT', 'PAUSED', 'CANCELLED'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export interface CampaignVariant {
  key: string;
  subject: string;
  percent: number;
}

export const CampaignSchema = defineEntity({
  name: 'Campaign',
  tableName: 'campaign',
  filters: softDeleteFilter,
  indexes: [{ properties: ['status', 'sendAt'] }],
  properties: {
    id: idProperty(),
    name: p.string().length(120),
    status: p.enum(CAMPAIGN_STATUSES).nativeEnumName('mk_campaign_status').default('DRAFT'),
    templateId: p.uuid(),
    /** Segments and lists (both are segments) whose members receive it, minus suppression. */
    segmentIds: p.array().default([]),
    /** Promotions respect the trip-aware quiet period; operational campaigns do not. */
    promotional: p.boolean().default(true),
    /** The subscription type it belongs to: people who left that type do not receive it. */
    subscriptionType: p.enum(SUBSCRIPTION_TYPES).nativeEnumName('mk_subscription_type').default('NEWSLETTER'),
    ownerId: p.uuid().nullable(),
    sendAt: p.datetime().nullable(),
    /** A/B: variants with split percentages; empty = one version. */
    variants: p.json<CampaignVariant[]>().default('[]'),
    /** Share of the audience (percent) that receives the test; the rest gets the winner. 100 = no winner phase. */
    testPercent: p.integer().default(100),
    testWindowMinutes: p.integer().default(240),
    /** "HH:MM": each recipient gets it at the first such time in their own time zone at or after the start. */
    sendLocalTime: p.string().length(5).nullable(),
    /** Links get utm_source / utm_medium / utm_campaign (utmCampaign defaults to a slug of the name). */
    utmEnabled: p.boolean().default(true),
    utmSource: p.string().length(100).default('nexus'),
    utmMedium: p.string().length(100).default('email'),
    utmCampaign: p.string().length(100).nullable(),
    winnerVariant: p.string().length(8).nullable(),
    startedAt: p.datetime().nullable(),
    completedAt: p.datetime().nullable(),
    totalRecipients: p.integer().default(0),
    totalSent: p.integer().default(0),
    totalFailed: p.integer().default(0),
    totalSuppressed: p.integer().default(0),
    /** Consecutive-ish failure count that pauses the campaign when errors pile up. */
    errorCount: p.integer().default(0),
    ...timestampProperties(),
    ...softDeleteProperty(),
  },
});
export class Campaign extends CampaignSchema.class {}
CampaignSchema.setClass(Campaign);

export const SEND_STATUSES = ['QUEUED', 'HELD', 'SENT', 'FAILED', 'SUPPRESSED', 'SKIPPED'] as const;
export type SendStatus = (typeof SEND_STATUSES)[number];
export const SEND_KINDS = ['CAMPAIGN', 'ONE_TO_ONE', 'TEST', 'TRANSACTIONAL'] as const;

/**
 * One email to one address. Campaign sends are unique per (campaign, contact), so retries, restarts
 * and a second checker never double-send; transactional sends are unique by their dedupe key.
 */
export const EmailSendSchema = defineEntity({
  name: 'EmailSend',
  tableName: 'email_send',
  uniques: [
    { name: 'email_send_campaign_contact_unique', properties: ['campaignId', 'contactId'] },
    { name: 'email_send_dedupe_unique', properties: ['dedupeKey'] },
  ],
  indexes: [
    { properties: ['contactId', 'createdAt'] },
    { properties: ['messageId'] },
    // "Is anything of this campaign still to send?" is asked after every send: only open rows are indexed.
    {
      name: 'email_send_open_rows',
      expression: `create index "email_send_open_rows" on "email_send" ("campaign_id") where "status" in ('QUEUED', 'HELD')`,
    },
  ],
  properties: {
    id: idProperty(),
    kind: p.enum(SEND_KINDS).nativeEnumName('mk_send_kind').default('CAMPAIGN'),
    campaignId: p.uuid().nullable(),
    contactId: p.uuid().nullable(),
    toAddress: p.string().length(254),
    variant: p.string().length(8).nullable(),
    dedupeKey: p.string().length(200).nullable(),
    status: p.enum(SEND_STATUSES).nativeEnumName('mk_send_status').default('QUEUED'),
    attempts: p.integer().default(0),
    /** Our Message-ID, set before the first attempt, so ESP events and replies find this send. */
    messageId: p.string().length(300).nullable(),
    subject: p.string().length(300).nullable(),
    /** Links that were in this email (the click redirect goes only to these). */
    links: p.json<string[]>().default('[]'),
    lastError: p.string().length(500).nullable(),
    /** When its job was last queued; the checker re-queues rows whose job died (a killed worker). */
    queuedAt: p.datetime().nullable(),
    /** Not sent before this time (the recipient's local send time, quiet hours). */
    notBefore: p.datetime().nullable(),
    /**
     * A campaign send's lease: the worker sending the row holds it until this time (it expires, so a
     * worker that dies holding it delays the row, never loses it).
     */
    leaseUntil: p.datetime().nullable(),
    leaseToken: p.uuid().nullable(),
    sentAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class EmailSend extends EmailSendSchema.class {}
EmailSendSchema.setClass(EmailSend);

export const EMAIL_EVENT_TYPES = [
  'DELIVERED',
  'OPEN',
  'CLICK',
  'BOUNCE',
  'COMPLAINT',
  'UNSUBSCRIBE',
  'DEFERRED',
  'DROPPED',
] as const;
export type EmailEventType = (typeof EMAIL_EVENT_TYPES)[number];

/** Engagement and delivery events; `machine` marks privacy-proxy opens and scanner clicks. */
export const EmailEventSchema = defineEntity({
  name: 'EmailEvent',
  tableName: 'email_event',
  uniques: [{ name: 'email_event_provider_unique', properties: ['providerEventId'] }],
  indexes: [{ properties: ['sendId', 'type'] }, { properties: ['campaignId', 'type'] }],
  properties: {
    id: idProperty(),
    sendId: p.uuid(),
    campaignId: p.uuid().nullable(),
    contactId: p.uuid().nullable(),
    type: p.enum(EMAIL_EVENT_TYPES).nativeEnumName('mk_email_event_type'),
    url: p.string().length(2000).nullable(),
    machine: p.boolean().default(false),
    providerEventId: p.string().length(200).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class EmailEvent extends EmailEventSchema.class {}
EmailEventSchema.setClass(EmailEvent);
