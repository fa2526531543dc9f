import { scalarResolvers } from '@nexus/platform';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { createNote, listNotes } from '../services/notes.service.ts';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: {
    marketingNotes: (_p, args, ctx) => listNotes(ctx.em, args),
    marketingNote: (_p, { id }, ctx) => ctx.loaders.note.load(id),
  },
  Mutation: {
    createMarketingNote: (_p, { input }, ctx) => createNote(ctx.em, input),
  },
  MarketingNote: {
    __resolveReference: (ref, ctx) => ctx.loaders.note.load(ref.id),
  },
};
