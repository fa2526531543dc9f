import { defineEntity, p } from '@mikro-orm/core';
import { idProperty } from '@nexus/platform';
import { DELIVERY_CHANNELS, DELIVERY_DIRECTIONS, DELIVERY_OUTCOMES } from './enums.ts';

/** A business effect a delivery had: the record it created or changed, by type and id. */
export interface EffectRef {
  type: string;
  id: string;
}

/**
 * One delivery across Nexus' boundary, in or out: one row per (channel, idempotency key) however
 * often it arrives or is tried. Written only through `ledger/ledger.ts`.
 */
export const DeliverySchema = defineEntity({
  name: 'Delivery',
  tableName: 'delivery',
  uniques: [{ properties: ['channel', 'idempotencyKey'] }],
  indexes: [
    { properties: ['firstAttemptAt', 'id'] },
    { properties: ['channel', 'firstAttemptAt'] },
    { properties: ['outcome', 'firstAttemptAt'] },
  ],
  properties: {
    id: idProperty(),
    direction: p.enum(DELIVERY_DIRECTIONS).nativeEnumName('ops_delivery_direction'),
    channel: p.enum(DELIVERY_CHANNELS).nativeEnumName('ops_delivery_channel'),
    idempotencyKey: p.string().length(300),
    /** The action or event type (`commission-reconcile`, `booking.updated`, `chat.postMessage`). */
    action: p.string().length(100).nullable(),
    /** One line a person reads in the ledger. */
    requestSummary: p.string().length(500),
    /** SHA-256 of the request body: the same key with another body is refused. */
    requestHash: p.string().length(64).nullable(),
    /** The request as received (capped), for replay. */
    requestBody: p.text().nullable(),
    attempts: p.integer().default(1),
    firstAttemptAt: p.datetime(),
    lastAttemptAt: p.datetime(),
    outcome: p.enum(DELIVERY_OUTCOMES).nativeEnumName('ops_delivery_outcome').default('PENDING'),
    completedAt: p.datetime().nullable(),
    /** The first answer, returned as-is to every repeat. */
    responseStatus: p.integer().nullable(),
    responseBody: p.text().nullable(),
    effect: p.string().length(500).nullable(),
    effectRefs: p.json<EffectRef[]>().default([]),
    error: p.text().nullable(),
    replayCount: p.integer().default(0),
    lastReplayedAt: p.datetime().nullable(),
  },
});
export class Delivery extends DeliverySchema.class {}
DeliverySchema.setClass(Delivery);
