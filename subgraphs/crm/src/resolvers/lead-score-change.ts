import type { LeadScoreChangeResolvers } from '../__generated__/resolvers-types.ts';
import { loadRequired } from '../loaders.ts';

export const LeadScoreChange: LeadScoreChangeResolvers = {
  contact: (change, _args, ctx) => loadRequired(ctx.loaders.contactAny, change.contact.id, 'Contact'),
};
