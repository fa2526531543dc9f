import { OutboxMessageSchema } from '@nexus/platform';
import { CompanySchema } from './company.entity.ts';
import { ContactSchema } from './contact.entity.ts';
import { ActivitySchema } from './activity.entity.ts';
import { DealSchema, DealStageChangeSchema } from './deal.entity.ts';
import { LeadScoreChangeSchema, LeadScoringRuleSchema } from './lead-scoring.entity.ts';
import { MergeRecordSchema } from './merge-record.entity.ts';
import { PipelineSchema, PipelineStageSchema } from './pipeline.entity.ts';
import { StaffMemberSchema } from './staff-member.entity.ts';
import { TaskSchema } from './task.entity.ts';

export * from './company.entity.ts';
export * from './contact.entity.ts';
export * from './enums.ts';
export * from './user-ref.ts';
export * from './activity.entity.ts';
export * from './deal.entity.ts';
export * from './lead-scoring.entity.ts';
export * from './merge-record.entity.ts';
export * from './pipeline.entity.ts';
export * from './task.entity.ts';
export * from './staff-member.entity.ts';

export const entities = [
  CompanySchema,
  ContactSchema,
  OutboxMessageSchema,
  PipelineSchema,
  PipelineStageSchema,
  DealSchema,
  DealStageChangeSchema,
  ActivitySchema,
  TaskSchema,
  LeadScoringRuleSchema,
  LeadScoreChangeSchema,
  MergeRecordSchema,
  StaffMemberSchema,
];
