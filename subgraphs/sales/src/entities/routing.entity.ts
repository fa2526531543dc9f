import { defineEntity, p } from '@mikro-orm/core';
import { idProperty, timestampProperties } from '@nexus/platform';
import type { RoutingField } from './enums.ts';

/** One rule of a routing form: a visitor whose answer to `field` is one of `values` goes to `hostId`. */
export interface RoutingRule {
  field: RoutingField;
  values: string[];
  hostId: string;
}

/**
 * A routing form at `/meet/route/<slug>`: it asks a visitor where and how they want to travel and
 * sends them to one member's booking page for `meetingTypeId` (`/meet/<member>/<type>`): their own
 * advisor when their email is a crm contact with an owner who hosts the type, else the first rule
 * that matches (in order), else the fallback member, else the type's own page (any host).
 */
export const RoutingFormSchema = defineEntity({
  name: 'RoutingForm',
  tableName: 'routing_form',
  indexes: [{ properties: ['name'] }],
  properties: {
    id: idProperty(),
    slug: p.string().length(80).unique(),
    name: p.string().length(200),
    intro: p.text().nullable(),
    meetingTypeId: p.uuid(),
    /** The destinations a visitor picks from. */
    destinations: p.json<string[]>().default('[]'),
    /** The trip types a visitor picks from. */
    tripTypes: p.json<string[]>().default('[]'),
    rules: p.json<RoutingRule[]>().default('[]'),
    /** Known clients (a crm contact by email) go to their contact owner first. */
    routeKnownClients: p.boolean().default(true),
    fallbackHostId: p.uuid().nullable(),
    active: p.boolean().default(true),
    ...timestampProperties(),
  },
});
export class RoutingForm extends RoutingFormSchema.class {}
RoutingFormSchema.setClass(RoutingForm);
