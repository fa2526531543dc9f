import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { enrichCompany } from './enrich.ts';
import { configuredProvider } from './provider.ts';

export const enrichmentMutation: MutationResolvers = {
  enrichCompany: (_p, { id }, ctx) => enrichCompany(ctx.em, configuredProvider(ctx.deps.env), id, new Date()),
};
