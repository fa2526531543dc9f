import type { TaskPageResolvers } from '../__generated__/resolvers-types.ts';

export const TaskPage: TaskPageResolvers = {
  nodes: (page) => page.nodes(),
  totalCount: (page) => page.totalCount(),
};
