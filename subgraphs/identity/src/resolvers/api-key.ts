import { apiKeyUsage } from '../services/api-key-usage.service.ts';
import type { ApiKeyResolvers } from '../__generated__/resolvers-types.ts';

export const ApiKey: ApiKeyResolvers = {
  createdBy: (key, _args, ctx) => (key.createdById ? ctx.loaders.user.load(key.createdById) : null),
  usage: (key, { days }, ctx) => apiKeyUsage(ctx.em, ctx.deps, key.id, days),
};
