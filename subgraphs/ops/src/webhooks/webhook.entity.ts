import { defineEntity, p } from '@mikro-orm/core';
import { idProperty, softDeleteFilter, softDeleteProperty, timestampProperties } from '@nexus/platform';

export const WEBHOOK_DELIVERY_STATUSES = ['PENDING', 'SUCCEEDED', 'FAILED'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** Why an endpoint stopped receiving: an admin, its receiver answering 410, or sustained failure. */
export const WEBHOOK_DISABLED_REASONS = ['MANUAL', 'GONE', 'FAILING'] as const;
export type WebhookDisabledReason = (typeof WEBHOOK_DISABLED_REASONS)[number];

/**
 * An integrator's HTTPS endpoint subscribed to event types. It sees what its rank may see (the rank
 * of the admin or API key that created it, or a lower one they chose). Its `whsec_` secret signs
 * every delivery; during a rotation the previous one signs too, until `previousSecretExpiresAt`.
 */
export const WebhookEndpointSchema = defineEntity({
  name: 'WebhookEndpoint',
  tableName: 'webhook_endpoint',
  filters: softDeleteFilter,
  indexes: [{ properties: ['createdAt', 'id'] }],
  properties: {
    id: idProperty(),
    url: p.string().length(2000),
    description: p.string().length(500).nullable(),
    eventTypes: p.array().default([]),
    /** The role whose rank bounds what its payloads carry. */
    role: p.string().length(20),
    rank: p.integer(),
    secret: p.string().length(100).hidden(),
    previousSecret: p.string().length(100).nullable().hidden(),
    previousSecretExpiresAt: p.datetime().nullable(),
    enabled: p.boolean().default(true),
    disabledReason: p.enum(WEBHOOK_DISABLED_REASONS).nativeEnumName('ops_webhook_disabled_reason').nullable(),
    disabledAt: p.datetime().nullable(),
    /** Events in a row whose every attempt failed (reset by a success). */
    consecutiveFailedEvents: p.integer().default(0),
    /** The first failure since the last success. */
    failingSince: p.datetime().nullable(),
    /** `actorOf(viewer)` of its creator. */
    createdBy: p.string().length(200),
    ...timestampProperties(),
    ...softDeleteProperty(),
  },
});
export class WebhookEndpoint extends WebhookEndpointSchema.class {}
WebhookEndpointSchema.setClass(WebhookEndpoint);

/**
 * One event for one endpoint: the exact body sent (re-signed on every attempt), its status and the
 * ledger entry (channel WEBHOOK) that counts its attempts.
 */
export const WebhookDeliverySchema = defineEntity({
  name: 'WebhookDelivery',
  tableName: 'webhook_delivery',
  uniques: [{ properties: ['endpoint', 'eventId'] }],
  indexes: [{ properties: ['endpoint', 'createdAt', 'id'] }],
  properties: {
    id: idProperty(),
    endpoint: () => p.manyToOne(WebhookEndpointSchema).filters(false),
    eventId: p.string().length(60),
    eventType: p.string().length(60),
    body: p.text(),
    status: p.enum(WEBHOOK_DELIVERY_STATUSES).nativeEnumName('ops_webhook_delivery_status').default('PENDING'),
    attempts: p.integer().default(0),
    nextAttemptAt: p.datetime().nullable(),
    lastResponseStatus: p.integer().nullable(),
    /** The event's own time, and when the receiver first accepted it (commit to delivery). */
    occurredAt: p.datetime(),
    deliveredAt: p.datetime().nullable(),
    ledgerId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class WebhookDelivery extends WebhookDeliverySchema.class {}
WebhookDeliverySchema.setClass(WebhookDelivery);

/** One attempt of a delivery: what came back and how long it took. */
export const WebhookAttemptSchema = defineEntity({
  name: 'WebhookAttempt',
  tableName: 'webhook_attempt',
  indexes: [{ properties: ['delivery', 'number'] }],
  properties: {
    id: idProperty(),
    delivery: () => p.manyToOne(WebhookDeliverySchema),
    number: p.integer(),
    attemptedAt: p.datetime(),
    latencyMs: p.integer(),
    succeeded: p.boolean(),
    responseStatus: p.integer().nullable(),
    /** The start of the answer (at most 1 KB). */
    responseExcerpt: p.string().length(1024).nullable(),
    error: p.string().length(500).nullable(),
    /** When the next attempt was scheduled, if one was. */
    nextAttemptAt: p.datetime().nullable(),
    /** A replay by an admin rather than the schedule. */
    manual: p.boolean().default(false),
  },
});
export class WebhookAttempt extends WebhookAttemptSchema.class {}
WebhookAttemptSchema.setClass(WebhookAttempt);
