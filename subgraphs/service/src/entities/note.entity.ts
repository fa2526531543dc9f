import { defineEntity, p } from '@mikro-orm/core';
import { idProperty } from '@nexus/platform';

export const ServiceNoteSchema = defineEntity({
  name: 'ServiceNote',
  tableName: 'note',
  properties: {
    id: idProperty(),
    title: p.string().length(200),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class ServiceNote extends ServiceNoteSchema.class {}
ServiceNoteSchema.setClass(ServiceNote);
