import type { StageTotalResolvers } from '../__generated__/resolvers-types.ts';
import { loadRequired } from '../loaders.ts';

export const StageTotal: StageTotalResolvers = {
  stage: (total, _args, ctx) => loadRequired(ctx.loaders.stage, total.stageId, 'Pipeline stage'),
};
