import type { ContactResolvers } from '../__generated__/resolvers-types.ts';
import type { CrmContext } from '../context.ts';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLResolveInfo } from 'graphql';
import { propertiesFor } from '@nexus/platform';
import { Contact as ContactEntity, userRef, type Contact as ContactRow } from '../entities/index.ts';
import { childPage, distinctIds } from '../loaders.ts';
import { linkFields, nodeLinkFields } from './links.ts';

export const Contact: ContactResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.contact.load(ref.id),
  company: (contact, _args, ctx, info) =>
    contact.company ? ctx.loaders.companyLinks.now(contact.company.id, linkFields(ctx, 'company', info)) : null,
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
  info: GraphQLResolveInfo,
): Promise<void> {
  if (contacts.length === 0 || !fields.has('company')) return;
  await ctx.loaders.companyLinks.many(
    distinctIds(contacts.map((c) => c.company?.id)),
    nodeLinkFields(ctx, 'company', info, 'company'),
  );
}

/** What each Contact field with a resolver above reads of its row (every other field: its own property). */
export const CONTACT_READS: Record<string, readonly string[]> = {
  company: ['company'],
  owner: ['ownerId'],
  activities: [],
  deals: [],
  tasks: [],
  leadScoreHistory: [],
};

/** The properties a page of contacts must read for the fields its nodes select (undefined: all). */
export const contactProperties = (em: EntityManager, selected: ReadonlySet<string>) =>
  propertiesFor(em, ContactEntity, selected, CONTACT_READS, Contact);
