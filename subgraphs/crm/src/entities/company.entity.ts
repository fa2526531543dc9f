import { defineEntity, p } from '@mikro-orm/core';
import { idProperty, softDeleteFilter, softDeleteProperty, timestampProperties } from '@nexus/platform';
import { ACCOUNT_TIERS, COMPANY_STATUSES, COMPANY_TYPES, ENGAGEMENT_LEVELS } from './enums.ts';

export type CustomFields = Record<string, string | number | boolean | null>;

/** What full-text search (`search`) sees of a company: name, then domain words, then industry and city. */
export const COMPANY_SEARCH_VECTOR =
  `setweight(to_tsvector('simple', coalesce("name", '')), 'A') || ` +
  `setweight(to_tsvector('simple', regexp_replace(coalesce("domain", ''), '[^[:alnum:]]+', ' ', 'g')), 'B') || ` +
  `setweight(to_tsvector('simple', coalesce("industry", '') || ' ' || coalesce("city", '')), 'C')`;

export const CompanySchema = defineEntity({
  name: 'Company',
  tableName: 'company',
  filters: softDeleteFilter,
  indexes: [
    // Search matches any part of the name (ILIKE '%…%') and ranks by similarity: trigram GIN.
    {
      name: 'company_name_trgm',
      expression: 'create index "company_name_trgm" on "company" using gin ("name" gin_trgm_ops)',
    },
    { name: 'company_tags_gin', expression: 'create index "company_tags_gin" on "company" using gin ("tags")' },
    {
      name: 'company_search_gin',
      expression: 'create index "company_search_gin" on "company" using gin ("search_vector")',
    },
    { properties: ['name'] },
    { properties: ['domain'] },
    { properties: ['ownerId'] },
    { properties: ['createdAt'] },
    { properties: ['leadScore'] },
  ],
  properties: {
    id: idProperty(),
    name: p.string().length(120),
    /** Lower-case host name without scheme or `www.`, e.g. `acme.com`. */
    domain: p.string().length(253).nullable(),
    industry: p.string().length(120).nullable(),
    companyType: p.enum(COMPANY_TYPES).nativeEnumName('nx_company_type').nullable(),
    status: p.enum(COMPANY_STATUSES).nativeEnumName('nx_company_status').default('TARGET'),
    accountTier: p.enum(ACCOUNT_TIERS).nativeEnumName('nx_account_tier').nullable(),
    engagementLevel: p.enum(ENGAGEMENT_LEVELS).nativeEnumName('nx_engagement_level').nullable(),
    leadScore: p.integer().default(0),
    annualTravelBudgetCents: p.bigint('number').nullable(),
    phone: p.string().length(40).nullable(),
    website: p.string().length(500).nullable(),
    city: p.string().length(120).nullable(),
    /** ISO 3166-1 alpha-2. */
    country: p.string().length(2).nullable(),
    /** An identity User; a plain id because users live in another subgraph. */
    ownerId: p.uuid().nullable(),
    /** The company's TT-API id, stamped by the TT-API sync. */
    ttCompanyId: p.uuid().nullable().index(),
    /** Who filled empty fields last (`enrichCompany`): the provider's name for its data. */
    enrichmentDataSource: p.string().length(100).nullable(),
    /** When enrichment last filled fields. */
    enrichedAt: p.datetime().nullable(),
    customFields: p.json<CustomFields>().default('{}'),
    tags: p.array().default([]),
    // Written by PostgreSQL; never loaded into entities.
    searchVector: p.string().columnType('tsvector').generated(`(${COMPANY_SEARCH_VECTOR}) stored`).nullable().lazy(),
    ...timestampProperties(),
    ...softDeleteProperty(),
  },
});
export class Company extends CompanySchema.class {}
CompanySchema.setClass(Company);
