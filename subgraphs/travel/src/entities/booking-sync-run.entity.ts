import { defineEntity, p } from '@mikro-orm/core';
import { idProperty, timestampProperties } from '@nexus/platform';
import { RUN_STATUSES, RUN_TRIGGERS } from './enums.ts';

/** One pass reading TT-API bookings to bring Nexus up to date with them. */
export const BookingSyncRunSchema = defineEntity({
  name: 'BookingSyncRun',
  tableName: 'booking_sync_run',
  indexes: [{ properties: ['startedAt'] }],
  properties: {
    id: idProperty(),
    status: p.enum(RUN_STATUSES).nativeEnumName('nx_travel_run_status').default('RUNNING'),
    trigger: p.enum(RUN_TRIGGERS).nativeEnumName('nx_travel_run_trigger'),
    requestedByUserId: p.uuid().nullable(),
    startedAt: p.datetime(),
    finishedAt: p.datetime().nullable(),
    bookingsSeen: p.integer().default(0),
    bookingsCreated: p.integer().default(0),
    bookingsUpdated: p.integer().default(0),
    bookingsFailed: p.integer().default(0),
    errorSummary: p.text().nullable(),
    ...timestampProperties(),
  },
});
export class BookingSyncRun extends BookingSyncRunSchema.class {}
BookingSyncRunSchema.setClass(BookingSyncRun);
