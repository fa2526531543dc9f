import { defineEntity, p } from '@mikro-orm/core';
import { idProperty, timestampProperties } from '@nexus/platform';

/** One opening window of a weekday: ISO weekday 1 (Monday) to 7, `HH:mm` local times. */
export interface WeeklyHours {
  weekday: number;
  start: string;
  end: string;
}

/** Business hours: weekly windows in a time zone, minus holidays; or round the clock. */
export const SlaCalendarSchema = defineEntity({
  name: 'SlaCalendar',
  tableName: 'sla_calendar',
  properties: {
    id: idProperty(),
    name: p.string().length(120).unique(),
    timeZone: p.string().length(64),
    alwaysOpen: p.boolean().default(false),
    hours: p.json<WeeklyHours[]>().default([]),
    /** `YYYY-MM-DD` dates in the calendar's zone. */
    holidays: p.array().default([]),
    /** Inactive calendars take no new policies; one in use by an active policy cannot be deactivated. */
    active: p.boolean().default(true),
    ...timestampProperties(),
  },
});
export class SlaCalendar extends SlaCalendarSchema.class {}
SlaCalendarSchema.setClass(SlaCalendar);

/** Which tickets a policy takes; every condition given must hold. */
export interface SlaConditions {
  priorities?: string[];
  sources?: string[];
  /** VIP companies (crm Company ids). */
  companyIds?: string[];
  travelling?: boolean;
}

/** Targets in business minutes of its calendar, for the tickets its conditions match (first match by position wins). */
export const SlaPolicySchema = defineEntity({
  name: 'SlaPolicy',
  tableName: 'sla_policy',
  properties: {
    id: idProperty(),
    name: p.string().length(120).unique(),
    position: p.integer(),
    conditions: p.json<SlaConditions>().defaultRaw(`'{}'`),
    calendar: () => p.manyToOne(SlaCalendarSchema).ref(),
    firstReplyMinutes: p.integer(),
    nextReplyMinutes: p.integer(),
    resolutionMinutes: p.integer(),
    /** Business minutes a breached ticket may stay unresolved before it escalates to level 3 (the manager). */
    escalateAfterMinutes: p.integer().default(60),
    active: p.boolean().default(true),
    ...timestampProperties(),
  },
});
export class SlaPolicy extends SlaPolicySchema.class {}
SlaPolicySchema.setClass(SlaPolicy);
