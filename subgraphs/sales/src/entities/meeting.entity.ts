import { defineEntity, p } from '@mikro-orm/core';
import { idProperty, timestampProperties } from '@nexus/platform';
import { CALENDAR_PROVIDERS, MEETING_KINDS, MEETING_STATUSES } from './enums.ts';

/** A local time range within one day, `HH:mm` to `HH:mm` in the member's time zone. */
export interface TimeRange {
  start: string;
  end: string;
}
/** Weekly hours: ISO weekday (1 = Monday ... 7 = Sunday) and a range. */
export interface WeeklyRange extends TimeRange {
  weekday: number;
}
/** A date whose hours replace the weekly ones (no ranges: unavailable that day). */
export interface DateOverride {
  date: string;
  ranges: TimeRange[];
}

/** A staff member's bookable hours, in their own time zone, and where invitations reach them. */
export const AvailabilitySchema = defineEntity({
  name: 'Availability',
  tableName: 'availability',
  properties: {
    id: idProperty(),
    userId: p.uuid().unique(),
    displayName: p.string().length(200),
    email: p.string().length(254),
    timeZone: p.string().length(64),
    weekly: p.json<WeeklyRange[]>().default('[]'),
    overrides: p.json<DateOverride[]>().default('[]'),
    /** An external calendar whose busy time closes slots: its provider and address (feed or collection URL, Google calendar id). */
    calendarProvider: p.enum(CALENDAR_PROVIDERS).nativeEnumName('nx_calendar_provider').nullable(),
    calendarAddress: p.string().length(2000).nullable(),
    ...timestampProperties(),
  },
});
export class Availability extends AvailabilitySchema.class {}
AvailabilitySchema.setClass(Availability);

/** A bookable kind of meeting at `/meet/<slug>`: one member, or round robin across a team. */
export const MeetingTypeSchema = defineEntity({
  name: 'MeetingType',
  tableName: 'meeting_type',
  indexes: [{ properties: ['name'] }],
  properties: {
    id: idProperty(),
    slug: p.string().length(80).unique(),
    name: p.string().length(200),
    description: p.text().nullable(),
    kind: p.enum(MEETING_KINDS).nativeEnumName('nx_meeting_kind').default('ONE_PERSON'),
    hostIds: p.json<string[]>().default('[]'),
    durationMinutes: p.integer(),
    bufferBeforeMinutes: p.integer().default(0),
    bufferAfterMinutes: p.integer().default(0),
    minimumNoticeMinutes: p.integer().default(240),
    maxDaysAhead: p.integer().default(60),
    /** Minutes between slot starts; the duration when null. */
    slotStepMinutes: p.integer().nullable(),
    location: p.string().length(500).nullable(),
    active: p.boolean().default(true),
    ownerId: p.uuid().nullable(),
    ...timestampProperties(),
  },
});
export class MeetingType extends MeetingTypeSchema.class {}
MeetingTypeSchema.setClass(MeetingType);

/** A booked meeting. `uid` stays for the life of the invitation; `sequence` rises with each change. */
export const MeetingSchema = defineEntity({
  name: 'Meeting',
  tableName: 'meeting',
  indexes: [{ properties: ['hostId', 'startsAt'] }, { properties: ['meetingTypeId'] }, { properties: ['startsAt'] }],
  properties: {
    id: idProperty(),
    meetingTypeId: p.uuid(),
    hostId: p.uuid(),
    /** A collective meeting's other hosts: their time is taken too. */
    coHostIds: p.json<string[]>().default('[]'),
    startsAt: p.datetime(),
    endsAt: p.datetime(),
    /** The meeting with its type's buffers: the host's time it takes. */
    blockedFrom: p.datetime(),
    blockedUntil: p.datetime(),
    /**
     * `<host>|<start>` while booked, null once cancelled: unique, so two visitors racing for one slot
     * cannot both be written, whatever happens before the insert.
     */
    slotKey: p.string().length(80).nullable().unique(),
    visitorName: p.string().length(200),
    visitorEmail: p.string().length(254),
    visitorTimeZone: p.string().length(64),
    notes: p.text().nullable(),
    status: p.enum(MEETING_STATUSES).nativeEnumName('nx_meeting_status').default('BOOKED'),
    uid: p.string().length(120).unique(),
    sequence: p.integer().default(0),
    /** SHA-256 (hex) of the visitor's manage link token (reschedule, cancel). */
    manageTokenHash: p.string().length(64).unique(),
    cancelledAt: p.datetime().nullable(),
    cancelReason: p.string().length(1000).nullable(),
    noShow: p.boolean().default(false),
    ...timestampProperties(),
  },
});
export class Meeting extends MeetingSchema.class {}
MeetingSchema.setClass(Meeting);
