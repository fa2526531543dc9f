import type { ActivityPageResolvers } from '../__generated__/resolvers-types.ts';

export const ActivityPage: ActivityPageResolvers = {
  nodes: (page) => page.nodes(),
  totalCount: (page) => page.totalCount(),
};
