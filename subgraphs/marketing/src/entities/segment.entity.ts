import { defineEntity, p } from '@mikro-orm/core';
import { idProperty, softDeleteFilter, softDeleteProperty, timestampProperties } from '@nexus/platform';

export const SEGMENT_KINDS = ['STATIC', 'DYNAMIC'] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

/** A static list (members added by hand or CSV) or a dynamic segment (criteria over the audience). */
export const SegmentSchema = defineEntity({
  name: 'Segment',
  tableName: 'segment',
  filters: softDeleteFilter,
  properties: {
    id: idProperty(),
    name: p.string().length(120),
    kind: p.enum(SEGMENT_KINDS).nativeEnumName('mk_segment_kind'),
    criteria: p.json<unknown>().nullable(),
    memberCount: p.integer().default(0),
    refreshedAt: p.datetime().nullable(),
    ...timestampProperties(),
    ...softDeleteProperty(),
  },
});
export class Segment extends SegmentSchema.class {}
SegmentSchema.setClass(Segment);

export const SegmentMemberSchema = defineEntity({
  name: 'SegmentMember',
  tableName: 'segment_member',
  indexes: [{ properties: ['contactId'] }],
  properties: {
    segmentId: p.uuid().primary(),
    contactId: p.uuid().primary(),
    addedAt: p.datetime().onCreate(() => new Date()),
  },
});
export class SegmentMember extends SegmentMemberSchema.class {}
SegmentMemberSchema.setClass(SegmentMember);
