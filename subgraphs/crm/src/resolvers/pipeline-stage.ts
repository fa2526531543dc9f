import type { PipelineStageResolvers } from '../__generated__/resolvers-types.ts';
import { loadRequired } from '../loaders.ts';

export const PipelineStage: PipelineStageResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.stage.load(ref.id),
  pipeline: (stage, _args, ctx) => loadRequired(ctx.loaders.pipeline, stage.pipeline.id, 'Pipeline'),
};
