import { defineEntity, p } from '@mikro-orm/core';
import { idProperty } from '@nexus/platform';
import { MERGE_KINDS } from './enums.ts';

/** What a merge changed, so it can be undone exactly. */
export interface MergeSnapshot {
  /** The survivor's fields the merge filled or combined: their values before and after. */
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  /** Ids of the records moved from the merged record to the survivor, by table. */
  moved: { activities: string[]; deals: string[]; tasks: string[]; contacts: string[] };
}

/** The audit of one merge of two contacts or two companies; undoable while the loser is restorable. */
export const MergeRecordSchema = defineEntity({
  name: 'MergeRecord',
  tableName: 'merge_record',
  indexes: [{ properties: ['kind', 'createdAt'] }, { properties: ['mergedId'] }],
  properties: {
    id: idProperty(),
    kind: p.enum(MERGE_KINDS).nativeEnumName('nx_merge_kind'),
    survivorId: p.uuid(),
    /** The record merged away (soft-deleted by the merge). */
    mergedId: p.uuid(),
    mergedById: p.uuid().nullable(),
    snapshot: p.json<MergeSnapshot>(),
    createdAt: p.datetime().onCreate(() => new Date()),
    undoneAt: p.datetime().nullable(),
    undoneById: p.uuid().nullable(),
  },
});
export class MergeRecord extends MergeRecordSchema.class {}
MergeRecordSchema.setClass(MergeRecord);
