import { defineEntity, p } from '@mikro-orm/core';
import { idProperty, softDeleteFilter, softDeleteProperty, timestampProperties } from '@nexus/platform';
import { CompanySchema } from './company.entity.ts';
import { ContactSchema } from './contact.entity.ts';
import { DealSchema } from './deal.entity.ts';
import { ACTIVITY_DIRECTIONS, ACTIVITY_STATUSES, ACTIVITY_TYPES, INTERACTION_CHANNELS } from './enums.ts';

/**
 * An email, call, meeting or note, logged against a contact, a company and/or a deal. The links are
 * filled in downwards when logged (a deal's activity also carries its contact and company), so each
 * record's timeline is one indexed read of its own column.
 */
export const ActivitySchema = defineEntity({
  name: 'Activity',
  tableName: 'activity',
  filters: softDeleteFilter,
  indexes: [
    { properties: ['contact', 'occurredAt'] },
    { properties: ['company', 'occurredAt'] },
    { properties: ['deal', 'occurredAt'] },
    { properties: ['occurredAt'] },
  ],
  properties: {
    id: idProperty(),
    type: p.enum(ACTIVITY_TYPES).nativeEnumName('nx_activity_type'),
    status: p.enum(ACTIVITY_STATUSES).nativeEnumName('nx_activity_status').default('COMPLETED'),
    subject: p.string().length(300),
    body: p.text().nullable(),
    /** When it happened, or is planned to. */
    occurredAt: p.datetime(),
    durationMinutes: p.integer().nullable(),
    direction: p.enum(ACTIVITY_DIRECTIONS).nativeEnumName('nx_activity_direction').nullable(),
    channel: p.enum(INTERACTION_CHANNELS).nativeEnumName('nx_interaction_channel').nullable(),
    contact: () => p.manyToOne(ContactSchema).ref().nullable().filters(false),
    company: () => p.manyToOne(CompanySchema).ref().nullable().filters(false),
    deal: () => p.manyToOne(DealSchema).ref().nullable().filters(false),
    /** The identity User who logged it. */
    loggedById: p.uuid().nullable(),
    ...timestampProperties(),
    ...softDeleteProperty(),
  },
});
export class Activity extends ActivitySchema.class {}
ActivitySchema.setClass(Activity);
