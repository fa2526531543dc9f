import { scalarResolvers } from '@nexus/platform';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { createNote, listNotes } from '../services/notes.service.ts';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: {
    serviceNotes: (_p, args, ctx) => listNotes(ctx.em, args),
    serviceNote: (_p, { id }, ctx) => ctx.loaders.note.load(id),
  },
  Mutation: {
    createServiceNote: (_p, { input }, ctx) => createNote(ctx.em, input),
  },
  ServiceNote: {
    __resolveReference: (ref, ctx) => ctx.loaders.note.load(ref.id),
  },
};
