import { defineEntity, p } from '@mikro-orm/core';
import { idProperty } from '@nexus/platform';

/** The ready-to-travel items staff tick off by hand: TT-API keeps no record of either. */
export const READINESS_CHECK_ITEMS = ['FORMS_SIGNED', 'DOCUMENTS_DELIVERED'] as const;
export type ReadinessCheckItem = (typeof READINESS_CHECK_ITEMS)[number];

/**
 * One traveler's signed forms or delivered documents on one client trip, as a staff member
 * recorded it. Unticking removes the row; one row per trip, traveler and item.
 */
export const ReadinessCheckSchema = defineEntity({
  name: 'ReadinessCheck',
  tableName: 'readiness_check',
  uniques: [{ properties: ['clientTripId', 'travelerId', 'item'] }],
  properties: {
    id: idProperty(),
    /** TT-API client trip id. */
    clientTripId: p.uuid().index(),
    /** TT-API traveler id. */
    travelerId: p.uuid(),
    item: p.enum(READINESS_CHECK_ITEMS).nativeEnumName('nx_travel_readiness_item'),
    /** The identity user who ticked it. */
    completedById: p.uuid().nullable(),
    completedAt: p.datetime(),
  },
});
export class ReadinessCheck extends ReadinessCheckSchema.class {}
ReadinessCheckSchema.setClass(ReadinessCheck);
