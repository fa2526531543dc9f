import type { ContactDuplicatePageResolvers } from '../__generated__/resolvers-types.ts';

export const ContactDuplicatePage: ContactDuplicatePageResolvers = {
  nodes: (page) => page.nodes(),
  totalCount: (page) => page.totalCount(),
};
