import { defineEntity, p } from '@mikro-orm/core';
import { idProperty, softDeleteFilter, softDeleteProperty, timestampProperties } from '@nexus/platform';
import { CompanySchema } from './company.entity.ts';
import { ContactSchema } from './contact.entity.ts';
import { DealSchema } from './deal.entity.ts';
import { PRIORITIES, TASK_STATUSES, TASK_TYPES, TEAM_ROLES } from './enums.ts';

/** Work for one staff member, optionally about a contact, company or deal. */
export const TaskSchema = defineEntity({
  name: 'Task',
  tableName: 'task',
  filters: softDeleteFilter,
  indexes: [
    { properties: ['assigneeId', 'status', 'dueAt'] },
    { properties: ['status', 'dueAt'] },
    { properties: ['contact'] },
    { properties: ['company'] },
    { properties: ['deal'] },
  ],
  properties: {
    id: idProperty(),
    title: p.string().length(300),
    description: p.text().nullable(),
    taskType: p.enum(TASK_TYPES).nativeEnumName('nx_task_type').default('TODO'),
    status: p.enum(TASK_STATUSES).nativeEnumName('nx_task_status').default('OPEN'),
    priority: p.enum(PRIORITIES).nativeEnumName('nx_priority').default('MEDIUM'),
    team: p.enum(TEAM_ROLES).nativeEnumName('nx_team_role').nullable(),
    dueAt: p.datetime().nullable(),
    completedAt: p.datetime().nullable(),
    /** The identity User doing the task. */
    assigneeId: p.uuid().nullable(),
    createdById: p.uuid().nullable(),
    contact: () => p.manyToOne(ContactSchema).ref().nullable().filters(false),
    company: () => p.manyToOne(CompanySchema).ref().nullable().filters(false),
    deal: () => p.manyToOne(DealSchema).ref().nullable().filters(false),
    ...timestampProperties(),
    ...softDeleteProperty(),
  },
});
export class Task extends TaskSchema.class {}
TaskSchema.setClass(Task);
