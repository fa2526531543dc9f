import type { PipelineSummaryResolvers } from '../__generated__/resolvers-types.ts';
import { loadRequired } from '../loaders.ts';

export const PipelineSummary: PipelineSummaryResolvers = {
  pipeline: (summary, _args, ctx) => loadRequired(ctx.loaders.pipeline, summary.pipelineId, 'Pipeline'),
};
