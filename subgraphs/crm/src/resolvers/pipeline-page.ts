import type { PipelinePageResolvers } from '../__generated__/resolvers-types.ts';

export const PipelinePage: PipelinePageResolvers = {
  nodes: (page) => page.nodes(),
  totalCount: (page) => page.totalCount(),
};
