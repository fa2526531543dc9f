import type { DealResolvers } from '../__generated__/resolvers-types.ts';
import type { CrmContext } from '../context.ts';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLResolveInfo } from 'graphql';
import { propertiesFor } from '@nexus/platform';
import { Deal as DealEntity, userRef, type Deal as DealRow } from '../entities/index.ts';
import { childPage, distinctIds, loadRequired, requiredNow, thenNow } from '../loaders.ts';
import { weighted } from '../services/pipeline-totals.ts';
import { linkFields, nodeLinkFields } from './links.ts';

export const Deal: DealResolvers = {
  // travel refers to deals by their TT-API id too (bookings carry TT-API deal ids).
  __resolveReference: (ref, ctx) => {
    if ('id' in ref && ref.id) return ctx.loaders.deal.load(ref.id);
    if ('ttDealId' in ref && ref.ttDealId) return ctx.loaders.dealByTt.load(ref.ttDealId);
    return null;
  },
  pipeline: (deal, _args, ctx) => loadRequired(ctx.loaders.pipeline, deal.pipeline.id, 'Pipeline'),
  stage: (deal, _args, ctx) => requiredNow(ctx.loaders.stage, deal.stage.id, 'Pipeline stage'),
  probability: (deal, _args, ctx) =>
    thenNow(requiredNow(ctx.loaders.stage, deal.stage.id, 'Pipeline stage'), (stage) => stage.probability),
  weightedAmountCents: (deal, _args, ctx) =>
    thenNow(requiredNow(ctx.loaders.stage, deal.stage.id, 'Pipeline stage'), (stage) =>
      weighted(deal.amountCents, stage.probability),
    ),
  company: (deal, _args, ctx, info) =>
    deal.company ? ctx.loaders.companyLinks.now(deal.company.id, linkFields(ctx, 'company', info)) : null,
  primaryContact: (deal, _args, ctx, info) =>
    deal.primaryContact ? ctx.loaders.contactLinks.now(deal.primaryContact.id, linkFields(ctx, 'contact', info)) : null,
  owner: (deal) => (deal.ownerId ? userRef(deal.ownerId) : null),
  lastActivity: (deal, _args, ctx, info) =>
    ctx.loaders.lastActivityLinks.now(deal.id, linkFields(ctx, 'activity', info)),
  activities: (deal, args, ctx) => childPage(ctx.loaders.activitiesOfDeal, deal.id, args),
  tasks: (deal, args, ctx) => childPage(ctx.loaders.tasksOfDeal, deal.id, args),
  stageHistory: (deal, args, ctx) => childPage(ctx.loaders.stageHistoryOfDeal, deal.id, args),
};

/**
 * Reads ahead, in one batch per loader, the linked rows a list's selected fields will ask for
 * (`fields`: selectedNodeFields of the list's `info`), each with the properties its field selects,
 * so each deal's fields then resolve without waiting.
 */
export async function prefetchDeals(
  ctx: CrmContext,
  deals: readonly DealRow[],
  fields: ReadonlySet<string>,
  info: GraphQLResolveInfo,
): Promise<void> {
  if (deals.length === 0) return;
  const reads: Promise<unknown>[] = [];
  if (fields.has('stage') || fields.has('probability') || fields.has('weightedAmountCents'))
    reads.push(ctx.loaders.stage.loadMany(distinctIds(deals.map((d) => d.stage.id))));
  if (fields.has('company'))
    reads.push(
      ctx.loaders.companyLinks.many(
        distinctIds(deals.map((d) => d.company?.id)),
        nodeLinkFields(ctx, 'company', info, 'company'),
      ),
    );
  if (fields.has('primaryContact'))
    reads.push(
      ctx.loaders.contactLinks.many(
        distinctIds(deals.map((d) => d.primaryContact?.id)),
        nodeLinkFields(ctx, 'contact', info, 'primaryContact'),
      ),
    );
  if (fields.has('lastActivity'))
    reads.push(
      ctx.loaders.lastActivityLinks.many(
        deals.map((d) => d.id),
        nodeLinkFields(ctx, 'activity', info, 'lastActivity'),
      ),
    );
  // loadMany never rejects: a failed read is left to the field that asks for it, as before.
  await Promise.all(reads);
}

/** What each Deal field with a resolver above reads of its row (every other field: its own property). */
const DEAL_READS: Record<string, readonly string[]> = {
  pipeline: ['pipeline'],
  stage: ['stage'],
  probability: ['stage'],
  weightedAmountCents: ['amountCents', 'stage'],
  company: ['company'],
  primaryContact: ['primaryContact'],
  owner: ['ownerId'],
  lastActivity: [],
  activities: [],
  tasks: [],
  stageHistory: [],
};

/** The properties a page of deals must read for the fields its nodes select (undefined: all). */
export const dealProperties = (em: EntityManager, selected: ReadonlySet<string>) =>
  propertiesFor(em, DealEntity, selected, DEAL_READS, Deal);
