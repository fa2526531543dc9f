import { defineEntity, p } from '@mikro-orm/core';
import { idProperty, softDeleteFilter, softDeleteProperty, timestampProperties } from '@nexus/platform';
import { CompanySchema, type CustomFields } from './company.entity.ts';
import { ContactSchema } from './contact.entity.ts';
import { DEAL_SOURCES, DEAL_STATUSES, DEAL_TYPES } from './enums.ts';
import { PipelineSchema, PipelineStageSchema } from './pipeline.entity.ts';

/**
 * What full-text search sees of a deal: its title. ('simple' keeps names and places unstemmed;
 * tags stay out because array_to_string is not immutable, which a generated column requires.)
 */
export const DEAL_SEARCH_VECTOR = `setweight(to_tsvector('simple', coalesce("title", '')), 'A')`;

/** A sale being worked: a trip, a programme or a partnership, with its amount and stage. */
export const DealSchema = defineEntity({
  name: 'Deal',
  tableName: 'deal',
  filters: softDeleteFilter,
  uniques: [
    {
      name: 'deal_tt_deal_id_live_unique',
      expression:
        'create unique index "deal_tt_deal_id_live_unique" on "deal" ("tt_deal_id") where "deleted_at" is null and "tt_deal_id" is not null',
    },
  ],
  indexes: [
    { name: 'deal_search_gin', expression: 'create index "deal_search_gin" on "deal" using gin ("search_vector")' },
    {
      name: 'deal_title_trgm',
      expression: 'create index "deal_title_trgm" on "deal" using gin ("title" gin_trgm_ops)',
    },
    { name: 'deal_tags_gin', expression: 'create index "deal_tags_gin" on "deal" using gin ("tags")' },
    { properties: ['pipeline', 'stage'] },
    { properties: ['status', 'closedAt'] },
    { properties: ['ownerId'] },
    { properties: ['expectedCloseDate'] },
    { properties: ['createdAt'] },
  ],
  properties: {
    id: idProperty(),
    title: p.string().length(200),
    // Deals never point at a deleted pipeline or stage (deleting one moves its deals first), so
    // the relations skip the soft-delete filter rather than join it on every read.
    pipeline: () => p.manyToOne(PipelineSchema).ref().filters(false),
    stage: () => p.manyToOne(PipelineStageSchema).ref().index().filters(false),
    /** The stage's outcome, kept on the deal so lists filter and count without a join. */
    status: p.enum(DEAL_STATUSES).nativeEnumName('nx_deal_status').default('OPEN'),
    amountCents: p.bigint('number').default(0),
    dealType: p.enum(DEAL_TYPES).nativeEnumName('nx_deal_type').nullable(),
    source: p.enum(DEAL_SOURCES).nativeEnumName('nx_deal_source').nullable(),
    company: () => p.manyToOne(CompanySchema).ref().nullable().index().filters(false),
    primaryContact: () => p.manyToOne(ContactSchema).ref().nullable().index().filters(false),
    /** An identity User; a plain id because users live in another subgraph. */
    ownerId: p.uuid().nullable(),
    expectedCloseDate: p.datetime().nullable(),
    /** When the deal entered a WON or LOST stage; null while open. */
    closedAt: p.datetime().nullable(),
    /** Why it was won or lost; required for LOST. */
    closeReason: p.string().length(500).nullable(),
    stageEnteredAt: p.datetime().onCreate(() => new Date()),
    customFields: p.json<CustomFields>().default('{}'),
    tags: p.array().default([]),
    /** The TT-API deal this one mirrors (bookings point at TT-API deals). */
    ttDealId: p.uuid().nullable(),
    /** The TT-API `updatedAt` of the last version the deal sync applied; older versions are ignored. */
    ttSyncedAt: p.datetime().nullable(),
    // Written by PostgreSQL; never loaded into entities.
    searchVector: p.string().columnType('tsvector').generated(`(${DEAL_SEARCH_VECTOR}) stored`).nullable().lazy(),
    ...timestampProperties(),
    ...softDeleteProperty(),
  },
});
export class Deal extends DealSchema.class {}
DealSchema.setClass(Deal);

/** One stage transition of a deal: who moved it, when, from where, to where. Never changed. */
export const DealStageChangeSchema = defineEntity({
  name: 'DealStageChange',
  tableName: 'deal_stage_change',
  indexes: [{ properties: ['deal', 'changedAt'] }],
  properties: {
    id: idProperty(),
    deal: () => p.manyToOne(DealSchema).ref().filters(false),
    /** Null for the deal's first stage. */
    fromStage: () => p.manyToOne(PipelineStageSchema).ref().nullable().filters(false),
    toStage: () => p.manyToOne(PipelineStageSchema).ref().filters(false),
    changedById: p.uuid().nullable(),
    changedAt: p.datetime().onCreate(() => new Date()),
    /** The reason given when closing, or a note with the move. */
    note: p.string().length(500).nullable(),
  },
});
export class DealStageChange extends DealStageChangeSchema.class {}
DealStageChangeSchema.setClass(DealStageChange);
