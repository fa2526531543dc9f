import { scalarResolvers } from '@nexus/platform';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Company } from './company.ts';
import { Contact } from './contact.ts';
import { Mutation } from './mutation.ts';
import { Query } from './query.ts';
import { User } from './user.ts';
import { Client, Traveler } from './tt-links.ts';
import { Activity } from './activity.ts';
import { CompanyDuplicate } from './company-duplicate.ts';
import { ContactDuplicate } from './contact-duplicate.ts';
import { Deal } from './deal.ts';
import { DealStageChange } from './deal-stage-change.ts';
import { LeadScoreChange } from './lead-score-change.ts';
import { MergeRecord } from './merge-record.ts';
import { Pipeline } from './pipeline.ts';
import { PipelineStage } from './pipeline-stage.ts';
import { PipelineSummary } from './pipeline-summary.ts';
import { SearchHit } from './search-hit.ts';
import { StageTotal } from './stage-total.ts';
import { Task } from './task.ts';
import { ActivityByPersonRow, CrmReports, PipelineReportRow } from './reports.ts';
import { enrichmentMutation } from '../enrichment/resolvers.ts';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query,
  Mutation: { ...Mutation, ...enrichmentMutation },
  Contact,
  Company,
  User,
  Pipeline,
  PipelineStage,
  PipelineSummary,
  StageTotal,
  Deal,
  DealStageChange,
  Activity,
  Task,
  LeadScoreChange,
  SearchHit,
  ContactDuplicate,
  CompanyDuplicate,
  MergeRecord,
  CrmReports,
  PipelineReportRow,
  ActivityByPersonRow,
  Client,
  Traveler,
};
