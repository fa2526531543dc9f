import { defineEntity, p } from '@mikro-orm/core';
import { idProperty } from '@nexus/platform';

/** The timing of an itinerary entry before or after a schedule change. */
export interface EntryTiming {
  day: number;
  startTime: string | null;
  endTime: string | null;
  timeZone: string | null;
}

export const SCHEDULE_CHANGE_SOURCES = ['STAFF', 'FLIGHT_STATUS'] as const;
export type ScheduleChangeSource = (typeof SCHEDULE_CHANGE_SOURCES)[number];

/**
 * A supplier's change to a booked item's times (a flight retimed, a transfer moved): entered by
 * staff or read from the flight-status provider. Applying one updates the itinerary (and its live
 * version when published) and tells the advisor and the travellers.
 */
export const ScheduleChangeSchema = defineEntity({
  name: 'ScheduleChange',
  tableName: 'schedule_change',
  properties: {
    id: idProperty(),
    itineraryId: p.uuid().index(),
    entryId: p.uuid(),
    /** TT-API booking id of the entry, when it has one. */
    bookingId: p.uuid().nullable(),
    entryTitle: p.string().length(200),
    source: p.enum(SCHEDULE_CHANGE_SOURCES).nativeEnumName('nx_schedule_change_source'),
    before: p.json<EntryTiming>(),
    after: p.json<EntryTiming>(),
    reason: p.string().length(500).nullable(),
    recordedById: p.uuid().nullable(),
    /** The published version that carries the change (null when the itinerary was a draft). */
    publishedVersion: p.integer().nullable(),
    /** Travellers emailed (those with an address on file). */
    travelersNotified: p.integer().default(0),
    advisorId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class ScheduleChange extends ScheduleChangeSchema.class {}
ScheduleChangeSchema.setClass(ScheduleChange);
