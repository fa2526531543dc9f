import type { DealStageChangeResolvers } from '../__generated__/resolvers-types.ts';
import { userRef } from '../entities/index.ts';
import { loadRequired } from '../loaders.ts';

export const DealStageChange: DealStageChangeResolvers = {
  deal: (change, _args, ctx) => loadRequired(ctx.loaders.dealAny, change.deal.id, 'Deal'),
  fromStage: (change, _args, ctx) => (change.fromStage ? ctx.loaders.stage.load(change.fromStage.id) : null),
  toStage: (change, _args, ctx) => loadRequired(ctx.loaders.stage, change.toStage.id, 'Pipeline stage'),
  changedBy: (change) => (change.changedById ? userRef(change.changedById) : null),
};
