import { dealFilterSql, parseDealFilter } from '../services/deals.service.ts';
import { summariesOf } from '../services/pipeline-totals.ts';
import { arrayConnection } from '@nexus/platform';
import type { PipelineResolvers } from '../__generated__/resolvers-types.ts';

export const Pipeline: PipelineResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.pipeline.load(ref.id),
  stages: async (pipeline, args, ctx) => arrayConnection(await ctx.loaders.stagesOfPipeline.load(pipeline.id), args),
  summary: async (pipeline, { filter }, ctx) => {
    if (filter == null) return ctx.loaders.pipelineSummary.load(pipeline.id);
    const [summary] = await summariesOf(ctx.em, [pipeline.id], dealFilterSql(parseDealFilter(filter)));
    if (!summary) throw new Error(`no summary for pipeline ${pipeline.id}`);
    return summary;
  },
};
