import type { SearchHitPageResolvers } from '../__generated__/resolvers-types.ts';

export const SearchHitPage: SearchHitPageResolvers = {
  nodes: (page) => page.nodes(),
  totalCount: (page) => page.totalCount(),
};
