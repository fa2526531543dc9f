import type { DealResolvers } from '../__generated__/resolvers-types.ts';
import { userRef } from '../entities/index.ts';
import { childPage, loadRequired } from '../loaders.ts';
import { weighted } from '../services/pipeline-totals.ts';

export const Deal: DealResolvers = {
  // travel refers to deals by their TT-API id too (bookings carry TT-API deal ids).
  __resolveReference: (ref, ctx) => {
    if ('id' in ref && ref.id) return ctx.loaders.deal.load(ref.id);
    if ('ttDealId' in ref && ref.ttDealId) return ctx.loaders.dealByTt.load(ref.ttDealId);
    return null;
  },
  pipeline: (deal, _args, ctx) => loadRequired(ctx.loaders.pipeline, deal.pipeline.id, 'Pipeline'),
  stage: (deal, _args, ctx) => loadRequired(ctx.loaders.stage, deal.stage.id, 'Pipeline stage'),
  probability: async (deal, _args, ctx) => (await loadRequired(ctx.loaders.stage, deal.stage.id, 'Pipeline stage')).probability,
  weightedAmountCents: async (deal, _args, ctx) =>
    weighted(deal.amountCents, (await loadRequired(ctx.loaders.stage, deal.stage.id, 'Pipeline stage')).probability),
  company: (deal, _args, ctx) => (deal.company ? ctx.loaders.company.load(deal.company.id) : null),
  primaryContact: (deal, _args, ctx) => (deal.primaryContact ? ctx.loaders.contact.load(deal.primaryContact.id) : null),
  owner: (deal) => (deal.ownerId ? userRef(deal.ownerId) : null),
  lastActivity: (deal, _args, ctx) => ctx.loaders.lastActivityOfDeal.load(deal.id),
  activities: (deal, args, ctx) => childPage(ctx.loaders.activitiesOfDeal, deal.id, args),
  tasks: (deal, args, ctx) => childPage(ctx.loaders.tasksOfDeal, deal.id, args),
  stageHistory: (deal, args, ctx) => childPage(ctx.loaders.stageHistoryOfDeal, deal.id, args),
};
