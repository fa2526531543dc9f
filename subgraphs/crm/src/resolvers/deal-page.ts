import type { DealPageResolvers } from '../__generated__/resolvers-types.ts';

export const DealPage: DealPageResolvers = {
  nodes: (page) => page.nodes(),
  totalCount: (page) => page.totalCount(),
};
