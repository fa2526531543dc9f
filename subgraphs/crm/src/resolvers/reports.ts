import type {
  ActivityByPersonRowResolvers,
  CrmReportsResolvers,
  PipelineReportRowResolvers,
} from '../__generated__/resolvers-types.ts';
import { loadRequired } from '../loaders.ts';
import {
  activityByPersonReport,
  pipelineReport,
  tasksByStatusReport,
  wonLostReport,
} from '../services/reports.service.ts';

/** Each report runs only when its field is selected. */
export const CrmReports: CrmReportsResolvers = {
  pipeline: (r, { pipelineId }, ctx) => pipelineReport(ctx.em, r, pipelineId),
  wonLost: (r, _a, ctx) => wonLostReport(ctx.em, r),
  activityByPerson: (r, _a, ctx) => activityByPersonReport(ctx.em, r),
  tasksByStatus: (r, _a, ctx) => tasksByStatusReport(ctx.em, r),
};

export const PipelineReportRow: PipelineReportRowResolvers = {
  stage: (row, _args, ctx) => loadRequired(ctx.loaders.stage, row.stageId, 'Pipeline stage'),
};

export const ActivityByPersonRow: ActivityByPersonRowResolvers = {
  person: (row) => row.person ?? null,
};
