import { arrayConnection } from '@nexus/platform';
import type { PipelineResolvers } from '../__generated__/resolvers-types.ts';

export const Pipeline: PipelineResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.pipeline.load(ref.id),
  stages: async (pipeline, args, ctx) => arrayConnection(await ctx.loaders.stagesOfPipeline.load(pipeline.id), args),
  summary: (pipeline, _args, ctx) => ctx.loaders.pipelineSummary.load(pipeline.id),
};
