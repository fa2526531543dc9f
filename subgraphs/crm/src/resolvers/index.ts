import { scalarResolvers } from '@nexus/platform';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Company } from './company.ts';
import { CompanyPage } from './company-page.ts';
import { Contact } from './contact.ts';
import { ContactPage } from './contact-page.ts';
import { Mutation } from './mutation.ts';
import { Query } from './query.ts';
import { User } from './user.ts';
import { Client, Traveler } from './tt-links.ts';
import { Activity } from './activity.ts';
import { ActivityPage } from './activity-page.ts';
import { CompanyDuplicate } from './company-duplicate.ts';
import { CompanyDuplicatePage } from './company-duplicate-page.ts';
import { ContactDuplicate } from './contact-duplicate.ts';
import { ContactDuplicatePage } from './contact-duplicate-page.ts';
import { Deal } from './deal.ts';
import { DealPage } from './deal-page.ts';
import { DealStageChange } from './deal-stage-change.ts';
import { DealStageChangePage } from './deal-stage-change-page.ts';
import { LeadScoreChange } from './lead-score-change.ts';
import { LeadScoreChangePage } from './lead-score-change-page.ts';
import { LeadScoringRulePage } from './lead-scoring-rule-page.ts';
import { MergeRecord } from './merge-record.ts';
import { MergeRecordPage } from './merge-record-page.ts';
import { Pipeline } from './pipeline.ts';
import { PipelinePage } from './pipeline-page.ts';
import { PipelineStage } from './pipeline-stage.ts';
import { PipelineSummary } from './pipeline-summary.ts';
import { SafeInt } from './safe-int.ts';
import { SearchHit } from './search-hit.ts';
import { SearchHitPage } from './search-hit-page.ts';
import { StageTotal } from './stage-total.ts';
import { Task } from './task.ts';
import { TaskPage } from './task-page.ts';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  SafeInt,
  Query,
  Mutation,
  Contact,
  ContactPage,
  Company,
  CompanyPage,
  User,
  Pipeline,
  PipelinePage,
  PipelineStage,
  PipelineSummary,
  StageTotal,
  Deal,
  DealPage,
  DealStageChange,
  DealStageChangePage,
  Activity,
  ActivityPage,
  Task,
  TaskPage,
  LeadScoringRulePage,
  LeadScoreChange,
  LeadScoreChangePage,
  SearchHit,
  SearchHitPage,
  ContactDuplicate,
  ContactDuplicatePage,
  CompanyDuplicate,
  CompanyDuplicatePage,
  MergeRecord,
  MergeRecordPage,
  Client,
  Traveler,
};
