import type { LeadScoringRulePageResolvers } from '../__generated__/resolvers-types.ts';

export const LeadScoringRulePage: LeadScoringRulePageResolvers = {
  nodes: (page) => page.nodes(),
  totalCount: (page) => page.totalCount(),
};
