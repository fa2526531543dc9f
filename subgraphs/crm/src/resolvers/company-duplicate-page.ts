import type { CompanyDuplicatePageResolvers } from '../__generated__/resolvers-types.ts';

export const CompanyDuplicatePage: CompanyDuplicatePageResolvers = {
  nodes: (page) => page.nodes(),
  totalCount: (page) => page.totalCount(),
};
