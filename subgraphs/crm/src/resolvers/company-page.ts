import type { CompanyPageResolvers } from '../__generated__/resolvers-types.ts';

export const CompanyPage: CompanyPageResolvers = {
  nodes: (page) => page.nodes(),
  totalCount: (page) => page.totalCount(),
};
