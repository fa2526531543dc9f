import { defineEntity, p } from '@mikro-orm/core';
import { idProperty, softDeleteFilter, softDeleteProperty, timestampProperties } from '@nexus/platform';
import { DEAL_STAGES, DEAL_STATUSES, PIPELINE_TYPES } from './enums.ts';

/** A sales pipeline: an ordered list of stages that deals move through. */
export const PipelineSchema = defineEntity({
  name: 'Pipeline',
  tableName: 'pipeline',
  filters: softDeleteFilter,
  properties: {
    id: idProperty(),
    name: p.string().length(120),
    pipelineType: p.enum(PIPELINE_TYPES).nativeEnumName('nx_pipeline_type'),
    description: p.string().length(1000).nullable(),
    /** New deals land here when no pipeline is named; exactly one live pipeline has it. */
    isDefault: p.boolean().default(false),
    /** Order of pipelines in lists and menus, lowest first. */
    position: p.integer().default(0),
    ...timestampProperties(),
    ...softDeleteProperty(),
  },
});
export class Pipeline extends PipelineSchema.class {}
PipelineSchema.setClass(Pipeline);

/**
 * One column of a pipeline's board. Deals take their probability from their stage, so changing a
 * stage's probability re-weights every deal in it at once.
 */
export const PipelineStageSchema = defineEntity({
  name: 'PipelineStage',
  tableName: 'pipeline_stage',
  filters: softDeleteFilter,
  indexes: [{ properties: ['pipeline', 'position'] }],
  properties: {
    id: idProperty(),
    // Stage history must still name a deleted stage: reads of this relation ignore the filter.
    pipeline: () => p.manyToOne(PipelineSchema).ref().filters(false),
    name: p.string().length(80),
    /** 1-based order within the pipeline. */
    position: p.integer(),
    /** Percent, 0 to 100: how likely a deal in this stage is to close won. */
    probability: p.integer(),
    /** OPEN for stages still being worked; WON or LOST for the stages that close a deal. */
    outcome: p.enum(DEAL_STATUSES).nativeEnumName('nx_deal_status').default('OPEN'),
    /** The TT-API `deal_stage` this stage stands for in the contact and deal sync. */
    ttDealStage: p.enum(DEAL_STAGES).nativeEnumName('nx_deal_stage').nullable(),
    ...timestampProperties(),
    ...softDeleteProperty(),
  },
});
export class PipelineStage extends PipelineStageSchema.class {}
PipelineStageSchema.setClass(PipelineStage);
