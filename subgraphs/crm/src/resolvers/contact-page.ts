import type { ContactPageResolvers } from '../__generated__/resolvers-types.ts';

export const ContactPage: ContactPageResolvers = {
  nodes: (page) => page.nodes(),
  totalCount: (page) => page.totalCount(),
};
