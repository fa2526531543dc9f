import type { ContactResolvers } from '../__generated__/resolvers-types.ts';
import type { CrmContext } from '../context.ts';
import { userRef, type Contact as ContactRow } from '../entities/index.ts';
import { childPage, distinctIds, loadNow } from '../loaders.ts';

export const Contact: ContactResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.contact.load(ref.id),
  company: (contact, _args, ctx) => (contact.company ? loadNow(ctx.loaders.company, contact.company.id) : null),
  owner: (contact) => (contact.ownerId ? userRef(contact.ownerId) : null),
  activities: (contact, args, ctx) => childPage(ctx.loaders.activitiesOfContact, contact.id, args),
  deals: (contact, args, ctx) => childPage(ctx.loaders.dealsOfContact, contact.id, args),
  tasks: (contact, args, ctx) => childPage(ctx.loaders.tasksOfContact, contact.id, args),
  leadScoreHistory: (contact, args, ctx) => childPage(ctx.loaders.scoreHistoryOfContact, contact.id, args),
};

/** prefetchDeals for a page of contacts: their companies, read ahead in one batch when selected. */
export async function prefetchContacts(
  ctx: CrmContext,
  contacts: readonly ContactRow[],
  fields: ReadonlySet<string>,
): Promise<void> {
  if (contacts.length === 0 || !fields.has('company')) return;
  await ctx.loaders.company.loadMany(distinctIds(contacts.map((c) => c.company?.id)));
}
