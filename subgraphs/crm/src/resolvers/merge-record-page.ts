import type { MergeRecordPageResolvers } from '../__generated__/resolvers-types.ts';

export const MergeRecordPage: MergeRecordPageResolvers = {
  nodes: (page) => page.nodes(),
  totalCount: (page) => page.totalCount(),
};
