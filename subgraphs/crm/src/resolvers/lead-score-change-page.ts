import type { LeadScoreChangePageResolvers } from '../__generated__/resolvers-types.ts';

export const LeadScoreChangePage: LeadScoreChangePageResolvers = {
  nodes: (page) => page.nodes(),
  totalCount: (page) => page.totalCount(),
};
