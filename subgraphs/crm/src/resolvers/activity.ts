import type { ActivityResolvers } from '../__generated__/resolvers-types.ts';
import { userRef } from '../entities/index.ts';

export const Activity: ActivityResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.activity.load(ref.id),
  contact: (activity, _args, ctx) => (activity.contact ? ctx.loaders.contact.load(activity.contact.id) : null),
  company: (activity, _args, ctx) => (activity.company ? ctx.loaders.company.load(activity.company.id) : null),
  deal: (activity, _args, ctx) => (activity.deal ? ctx.loaders.deal.load(activity.deal.id) : null),
  loggedBy: (activity) => (activity.loggedById ? userRef(activity.loggedById) : null),
};
