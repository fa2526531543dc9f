import { defineEntity, p } from '@mikro-orm/core';
import { idProperty } from '@nexus/platform';

export const MarketingNoteSchema = defineEntity({
  name: 'MarketingNote',
  tableName: 'note',
  properties: {
    id: idProperty(),
    title: p.string().length(200),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class MarketingNote extends MarketingNoteSchema.class {}
MarketingNoteSchema.setClass(MarketingNote);
