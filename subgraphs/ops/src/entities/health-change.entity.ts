import { defineEntity, p } from '@mikro-orm/core';
import { idProperty } from '@nexus/platform';
import { HEALTH_STATUSES } from './enums.ts';

/** A part of the system changed health: the history the operations hub shows. */
export const HealthChangeSchema = defineEntity({
  name: 'HealthChange',
  tableName: 'health_change',
  indexes: [{ properties: ['at', 'id'] }, { properties: ['component', 'at'] }],
  properties: {
    id: idProperty(),
    /** `gateway`, `subgraph:crm`, `postgresql`, `redis`, `worker`, `tt-api`, `smtp`, `queue:mail`. */
    component: p.string().length(80),
    status: p.enum(HEALTH_STATUSES).nativeEnumName('ops_health_status'),
    /** Null the first time a component is seen. */
    previousStatus: p.enum(HEALTH_STATUSES).nativeEnumName('ops_health_status').nullable(),
    detail: p.string().length(500).nullable(),
    at: p.datetime(),
  },
});
export class HealthChange extends HealthChangeSchema.class {}
HealthChangeSchema.setClass(HealthChange);
