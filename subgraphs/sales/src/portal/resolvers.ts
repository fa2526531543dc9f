import { arrayConnection, requireClient } from '@nexus/platform';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import type { SalesContext } from '../context.ts';
import { priceQuote } from '../services/money.ts';
import { Quote } from '../entities/index.ts';
import { quotePdf, quoteReference } from '../services/quotes.service.ts';
import * as proposals from './proposals.service.ts';

const scopeOf = (ctx: SalesContext) => requireClient(ctx.viewer);

/** The client portal's proposals, and the change requests staff read on a quote. */
export const portalResolvers = {
  Query: {
    portalProposals: (_p, args, ctx) => proposals.portalProposals(ctx.em, scopeOf(ctx), args),
    portalProposal: (_p, { id }, ctx) => proposals.portalProposal(ctx.em, scopeOf(ctx), id),
    portalProposalPdf: async (_p, { id }, ctx) => {
      const quote = await proposals.portalProposal(ctx.em, scopeOf(ctx), id);
      const signed = quote.acceptance
        ? await ctx.em.findOne(Quote, { id: quote.id }, { populate: ['signedPdf'] })
        : null;
      const bytes = signed?.signedPdf ?? Buffer.from(await quotePdf(quote, ctx.deps.env));
      return {
        filename: `${quoteReference(quote)}${quote.acceptance ? '-accepted' : ''}.pdf`,
        contentType: 'application/pdf',
        base64: Buffer.from(bytes).toString('base64'),
      };
    },
  },
  Mutation: {
    portalApproveProposal: (_p, { input }, ctx) =>
      proposals.approveProposal(ctx.em, ctx.deps.env, scopeOf(ctx), input, proposals.portalOrigin(ctx.http)),
    portalRequestProposalChanges: (_p, { input }, ctx) => proposals.requestProposalChanges(ctx.em, scopeOf(ctx), input),
  },
  QuoteChangeRequest: {
    travelerId: (r) => r.ttTravelerId,
  },
  PortalProposal: {
    reference: (q) => quoteReference(q),
    status: (q) => proposals.portalStatus(q),
    sentAt: (q) => q.sentAt ?? null,
    terms: (q) => q.terms ?? null,
    cancellationPolicy: (q) => q.cancellationPolicy ?? null,
    lines: (q, args) => {
      const priced = priceQuote(q);
      return arrayConnection(
        q.lines.map((l, i) => {
          const a = priced.lines[i];
          return {
            id: l.id,
            description: l.description,
            quantity: l.quantity,
            amount: a ? a.gross - a.discount - a.quoteDiscountShare : 0,
            optionGroup: l.optionGroup,
            optional: l.optional,
            selected: l.selected,
            included: a?.included ?? false,
          };
        }),
        args,
      );
    },
    totals: (q) => {
      const t = priceQuote(q).totals;
      return {
        subtotal: t.subtotal,
        discount: t.lineDiscounts + t.quoteDiscount,
        tax: t.tax,
        total: t.total,
        depositDue: t.depositDue,
      };
    },
    approvedAt: (q) => q.acceptedAt ?? null,
    approvedBy: (q) => q.acceptance?.name ?? null,
    changeRequests: (q, args, ctx) => proposals.changeRequestsOf(ctx.em, q.id, args),
  },
} satisfies Resolvers;
