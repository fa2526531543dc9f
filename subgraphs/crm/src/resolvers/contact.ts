import type { ContactResolvers } from '../__generated__/resolvers-types.ts';
import { userRef } from '../entities/index.ts';
import { childPage } from '../loaders.ts';

export const Contact: ContactResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.contact.load(ref.id),
  company: (contact, _args, ctx) => (contact.company ? ctx.loaders.company.load(contact.company.id) : null),
  owner: (contact) => (contact.ownerId ? userRef(contact.ownerId) : null),
  activities: (contact, args, ctx) => childPage(ctx.loaders.activitiesOfContact, contact.id, args),
  deals: (contact, args, ctx) => childPage(ctx.loaders.dealsOfContact, contact.id, args),
  tasks: (contact, args, ctx) => childPage(ctx.loaders.tasksOfContact, contact.id, args),
  leadScoreHistory: (contact, args, ctx) => childPage(ctx.loaders.scoreHistoryOfContact, contact.id, args),
};
