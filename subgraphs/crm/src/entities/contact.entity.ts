import { defineEntity, p } from '@mikro-orm/core';
import { idProperty, softDeleteFilter, softDeleteProperty, timestampProperties } from '@nexus/platform';
import { CompanySchema, type CustomFields } from './company.entity.ts';
import { CONTACT_ROLES, LEAD_SOURCES, LEAD_STATUSES, LIFECYCLE_STAGES } from './enums.ts';

/** The full name as search sees it; the trigram index is built on exactly this expression. */
export const contactNameSql = (alias?: string) => {
  const col = (name: string) => (alias ? `${alias}."${name}"` : `"${name}"`);
  return `(${col('first_name')} || ' ' || coalesce(${col('last_name')}, ''))`;
};

/**
 * What full-text search (`search`) sees of a contact: the name first, then the words of the email
 * address (so `nguyen` and `acme` both find maya.nguyen@acme.com), then job title and city.
 */
export const CONTACT_SEARCH_VECTOR =
  `setweight(to_tsvector('simple', coalesce("first_name", '') || ' ' || coalesce("last_name", '')), 'A') || ` +
  `setweight(to_tsvector('simple', regexp_replace(coalesce("email", ''), '[^[:alnum:]]+', ' ', 'g')), 'B') || ` +
  `setweight(to_tsvector('simple', coalesce("job_title", '') || ' ' || coalesce("city", '')), 'C')`;

export const ContactSchema = defineEntity({
  name: 'Contact',
  tableName: 'contact',
  filters: softDeleteFilter,
  uniques: [
    // One live contact per address, whatever its case; deleted contacts free the address.
    {
      name: 'contact_email_live_unique',
      expression: 'create unique index "contact_email_live_unique" on "contact" (lower("email")) where "deleted_at" is null',
    },
    // One live contact mirrors each TT-API contact.
    {
      name: 'contact_tt_contact_id_live_unique',
      expression:
        'create unique index "contact_tt_contact_id_live_unique" on "contact" ("tt_contact_id") where "deleted_at" is null and "tt_contact_id" is not null',
    },
  ],
  indexes: [
    {
      name: 'contact_name_trgm',
      expression: `create index "contact_name_trgm" on "contact" using gin (${contactNameSql()} gin_trgm_ops)`,
    },
    { name: 'contact_email_trgm', expression: 'create index "contact_email_trgm" on "contact" using gin ("email" gin_trgm_ops)' },
    { name: 'contact_tags_gin', expression: 'create index "contact_tags_gin" on "contact" using gin ("tags")' },
    { name: 'contact_search_gin', expression: 'create index "contact_search_gin" on "contact" using gin ("search_vector")' },
    { properties: ['lastName', 'firstName'] },
    { properties: ['ownerId'] },
    { properties: ['createdAt'] },
    { properties: ['leadScore'] },
  ],
  properties: {
    id: idProperty(),
    firstName: p.string().length(120),
    lastName: p.string().length(120).nullable(),
    /** Stored lower-case. */
    email: p.string().length(254).nullable(),
    phone: p.string().length(40).nullable(),
    jobTitle: p.string().length(120).nullable(),
    lifecycleStage: p.enum(LIFECYCLE_STAGES).nativeEnumName('nx_lifecycle_stage').default('LEAD'),
    leadStatus: p.enum(LEAD_STATUSES).nativeEnumName('nx_lead_status').nullable(),
    leadSource: p.enum(LEAD_SOURCES).nativeEnumName('nx_lead_source').nullable(),
    contactRole: p.enum(CONTACT_ROLES).nativeEnumName('nx_contact_role').nullable(),
    leadScore: p.integer().default(0),
    // Reads never join the company to apply its soft-delete filter: Contact.company goes through the
    // filtered company loader, so a deleted company shows as none without a join on every list.
    company: () => p.manyToOne(CompanySchema).ref().nullable().index().filters(false),
    /** An identity User; a plain id because users live in another subgraph. */
    ownerId: p.uuid().nullable(),
    /** The TT-API client (billing profile) this contact is, stamped by the TT-API sync. */
    ttClientId: p.uuid().nullable().index(),
    /** The contact's TT-API traveler profile, stamped by the TT-API sync. */
    ttTravelerId: p.uuid().nullable().index(),
    /** The TT-API CRM contact this one mirrors, set by the contact sync (`POST /api/internal/contacts`). */
    ttContactId: p.uuid().nullable(),
    /** The TT-API `updatedAt` of the last version the sync applied; older versions are ignored. */
    ttSyncedAt: p.datetime().nullable(),
    address: p.string().length(500).nullable(),
    city: p.string().length(120).nullable(),
    /** ISO 3166-1 alpha-2. */
    country: p.string().length(2).nullable(),
    customFields: p.json<CustomFields>().default('{}'),
    tags: p.array().default([]),
    // Written by PostgreSQL; never loaded into entities.
    searchVector: p.string().columnType('tsvector').generated(`(${CONTACT_SEARCH_VECTOR}) stored`).nullable().lazy(),
    ...timestampProperties(),
    ...softDeleteProperty(),
  },
});
export class Contact extends ContactSchema.class {}
ContactSchema.setClass(Contact);
