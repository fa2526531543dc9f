import type { ContactDuplicateResolvers } from '../__generated__/resolvers-types.ts';
import { loadRequired } from '../loaders.ts';

export const ContactDuplicate: ContactDuplicateResolvers = {
  first: (pair, _args, ctx) => loadRequired(ctx.loaders.contact, pair.firstId, 'Contact'),
  second: (pair, _args, ctx) => loadRequired(ctx.loaders.contact, pair.secondId, 'Contact'),
};
