import type { CompanyDuplicateResolvers } from '../__generated__/resolvers-types.ts';
import { loadRequired } from '../loaders.ts';

export const CompanyDuplicate: CompanyDuplicateResolvers = {
  first: (pair, _args, ctx) => loadRequired(ctx.loaders.company, pair.firstId, 'Company'),
  second: (pair, _args, ctx) => loadRequired(ctx.loaders.company, pair.secondId, 'Company'),
};
