import type { SearchHitResolvers } from '../__generated__/resolvers-types.ts';

export const SearchHit: SearchHitResolvers = {
  contact: (hit, _args, ctx) => (hit.kind === 'CONTACT' ? ctx.loaders.contact.load(hit.id) : null),
  company: (hit, _args, ctx) => (hit.kind === 'COMPANY' ? ctx.loaders.company.load(hit.id) : null),
  deal: (hit, _args, ctx) => (hit.kind === 'DEAL' ? ctx.loaders.deal.load(hit.id) : null),
};
