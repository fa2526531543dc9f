import type { DealStageChangePageResolvers } from '../__generated__/resolvers-types.ts';

export const DealStageChangePage: DealStageChangePageResolvers = {
  nodes: (page) => page.nodes(),
  totalCount: (page) => page.totalCount(),
};
