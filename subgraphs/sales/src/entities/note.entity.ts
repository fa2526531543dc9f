import { defineEntity, p } from '@mikro-orm/core';
import { idProperty } from '@nexus/platform';

export const SalesNoteSchema = defineEntity({
  name: 'SalesNote',
  tableName: 'note',
  properties: {
    id: idProperty(),
    title: p.string().length(200),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class SalesNote extends SalesNoteSchema.class {}
SalesNoteSchema.setClass(SalesNote);
