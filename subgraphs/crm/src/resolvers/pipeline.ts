import type { PipelineResolvers } from '../__generated__/resolvers-types.ts';

export const Pipeline: PipelineResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.pipeline.load(ref.id),
  stages: (pipeline, _args, ctx) => ctx.loaders.stagesOfPipeline.load(pipeline.id),
  summary: (pipeline, _args, ctx) => ctx.loaders.pipelineSummary.load(pipeline.id),
};
