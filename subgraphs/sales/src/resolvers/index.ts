import { arrayConnection, scalarResolvers } from '@nexus/platform';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { priceQuote } from '../services/money.ts';
import {
  createPlaybook,
  listPlaybooks,
  playbooksForDeal,
  progressOf,
  recordProgress,
  updatePlaybook,
} from '../services/playbooks.service.ts';
import { createProduct, listProducts, productCategories, updateProduct } from '../services/products.service.ts';
import {
  approveQuote,
  createQuote,
  expireIfDue,
  linkActive,
  listQuotes,
  quotePdf,
  quoteReference,
  quotesOfDeal,
  reviseQuote,
  revokeQuoteLink,
  sendQuote,
  updateQuote,
} from '../services/quotes.service.ts';
import { Quote } from '../entities/index.ts';
import {
  createQuoteTemplate,
  deleteQuoteTemplate,
  listQuoteTemplates,
  updateQuoteTemplate,
} from '../services/templates.service.ts';
import {
  availabilityOf,
  bookMeeting,
  cancelMeeting,
  createMeetingType,
  externalCalendarOf,
  hasStarted,
  listMeetingTypes,
  listMeetings,
  markNoShow,
  rescheduleMeeting,
  setAvailability,
  slotWindow,
  slotsOf,
  updateMeetingType,
} from '../services/meetings.service.ts';
import {
  createRoutingForm,
  listRoutingForms,
  ownerLookupOf,
  routeVisitor,
  routedPath,
  routingFormPath,
  updateRoutingForm,
  visitorAnswers,
} from '../services/routing.service.ts';
import { Availability } from '../entities/index.ts';
import { badInput, notFound, parseInput, zId } from '@nexus/platform';
import { DateTime, IANAZone } from 'luxon';
import { portalResolvers } from '../portal/resolvers.ts';
import { changeRequestsOf } from '../portal/proposals.service.ts';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: {
    products: (_p, args, ctx) => listProducts(ctx.em, args),
    product: (_p, { id }, ctx) => ctx.loaders.product.load(id),
    productCategories: (_p, _a, ctx) => productCategories(ctx.em),
    quotes: (_p, args, ctx) => listQuotes(ctx.em, args),
    quote: (_p, { id }, ctx) => ctx.loaders.quote.load(id),
    quotePdf: async (_p, { id }, ctx) => {
      const quote = await ctx.em.findOne(Quote, { id }, { populate: ['signedPdf'] });
      if (!quote) return null;
      const bytes = quote.signedPdf ?? Buffer.from(await quotePdf(quote, ctx.deps.env));
      return {
        filename: `${quoteReference(quote)}${quote.acceptance ? '-accepted' : ''}.pdf`,
        contentType: 'application/pdf',
        base64: Buffer.from(bytes).toString('base64'),
        size: bytes.length,
      };
    },
    quoteTemplates: (_p, args, ctx) => listQuoteTemplates(ctx.em, args),
    quoteTemplate: (_p, { id }, ctx) => ctx.loaders.quoteTemplate.load(id),
    playbooks: (_p, args, ctx) => listPlaybooks(ctx.em, args),
    playbook: (_p, { id }, ctx) => ctx.loaders.playbook.load(id),
    availability: (_p, { userId }, ctx) => {
      const id = userId ? parseInput(zId, userId, 'userId') : ctx.viewer.id;
      return id ? availabilityOf(ctx.em, id) : null;
    },
    meetingTypes: (_p, args, ctx) => listMeetingTypes(ctx.em, args),
    meetingType: (_p, { id }, ctx) => ctx.loaders.meetingType.load(id),
    availabilities: (_p, _a, ctx) => ctx.em.find(Availability, {}, { orderBy: { displayName: 'asc', userId: 'asc' } }),
    meetings: (_p, args, ctx) => listMeetings(ctx.em, args),
    meeting: (_p, { id }, ctx) => ctx.loaders.meeting.load(id),
    routingForms: (_p, args, ctx) => listRoutingForms(ctx.em, args),
    routingForm: (_p, { id }, ctx) => ctx.loaders.routingForm.load(id),
    ...portalResolvers.Query,
  },
  Mutation: {
    createProduct: (_p, { input }, ctx) => createProduct(ctx.em, input),
    updateProduct: (_p, { input }, ctx) => updateProduct(ctx.em, input),
    createQuote: (_p, { input }, ctx) => createQuote(ctx.em, ctx.deps.env, ctx.viewer, input),
    updateQuote: (_p, { input }, ctx) => updateQuote(ctx.em, ctx.deps.env, input),
    sendQuote: (_p, { input }, ctx) => sendQuote(ctx.em, ctx.deps.env, input),
    approveQuote: (_p, { id }, ctx) => approveQuote(ctx.em, ctx.viewer, id),
    reviseQuote: (_p, { id }, ctx) => reviseQuote(ctx.em, ctx.deps.env, ctx.viewer, id),
    revokeQuoteLink: (_p, { id }, ctx) => revokeQuoteLink(ctx.em, id),
    createQuoteTemplate: (_p, { input }, ctx) => createQuoteTemplate(ctx.em, input),
    updateQuoteTemplate: (_p, { input }, ctx) => updateQuoteTemplate(ctx.em, input),
    deleteQuoteTemplate: (_p, { id }, ctx) => deleteQuoteTemplate(ctx.em, id),
    createPlaybook: (_p, { input }, ctx) => createPlaybook(ctx.em, input),
    updatePlaybook: (_p, { input }, ctx) => updatePlaybook(ctx.em, input),
    recordPlaybookProgress: (_p, { input }, ctx) => recordProgress(ctx.em, ctx.viewer, input),
    setAvailability: (_p, { input }, ctx) => setAvailability(ctx.em, ctx.viewer, input),
    createMeetingType: (_p, { input }, ctx) => createMeetingType(ctx.em, ctx.viewer, input),
    updateMeetingType: (_p, { input }, ctx) => updateMeetingType(ctx.em, ctx.viewer, input),
    bookMeeting: async (_p, { input }, ctx) => {
      const type = await ctx.loaders.meetingType.load(parseInput(zId, input.meetingTypeId, 'input.meetingTypeId'));
      if (!type?.active) throw notFound('MeetingType', input.meetingTypeId);
      return (await bookMeeting(ctx.em, ctx.deps, type, input)).meeting;
    },
    rescheduleMeeting: (_p, { input }, ctx) =>
      rescheduleMeeting(ctx.em, ctx.deps, parseInput(zId, input.id, 'input.id'), input.startsAt, ctx.viewer),
    cancelMeeting: (_p, { input }, ctx) =>
      cancelMeeting(ctx.em, ctx.deps, parseInput(zId, input.id, 'input.id'), input.reason, ctx.viewer),
    markMeetingNoShow: (_p, { id }, ctx) => markNoShow(ctx.em, ctx.deps, ctx.viewer, id),
    createRoutingForm: (_p, { input }, ctx) => createRoutingForm(ctx.em, input),
    updateRoutingForm: (_p, { input }, ctx) => updateRoutingForm(ctx.em, input),
    ...portalResolvers.Mutation,
  },
  RoutingForm: {
    __resolveReference: (ref, ctx) => ctx.loaders.routingForm.load(ref.id),
    meetingType: async (f, _a, ctx) => {
      const t = await ctx.loaders.meetingType.load(f.meetingTypeId);
      if (!t) throw notFound('MeetingType', f.meetingTypeId);
      return t;
    },
    url: (f, _a, ctx) => `${ctx.deps.env.PUBLIC_URL}${routingFormPath(f)}`,
    route: async (f, args, ctx) => {
      const answers = {
        destination: parseInput(visitorAnswers.shape.destination, args.destination, 'destination'),
        tripType: parseInput(visitorAnswers.shape.tripType, args.tripType, 'tripType'),
        email: args.email ? parseInput(visitorAnswers.shape.email, args.email, 'email') : null,
      };
      const routed = await routeVisitor(ctx.em, f, answers, ownerLookupOf(ctx.deps.env, ctx.deps.log));
      return {
        reason: routed.reason,
        hostId: routed.hostId,
        bookingUrl: `${ctx.deps.env.PUBLIC_URL}${routedPath(routed)}`,
      };
    },
  },
  MeetingType: {
    __resolveReference: (ref, ctx) => ctx.loaders.meetingType.load(ref.id),
    bookingUrl: (t, _a, ctx) => `${ctx.deps.env.PUBLIC_URL}/meet/${t.slug}`,
    openSlots: async (t, { from, to, timeZone }, ctx) => {
      const zone = timeZone ?? 'UTC';
      if (!IANAZone.isValidZone(zone))
        throw badInput('timeZone: must be an IANA time zone', [{ path: 'timeZone', message: 'is not a time zone' }]);
      const slots = await slotsOf(ctx.em, ctx.deps, t, slotWindow(from, to, ctx.deps.clock()));
      return slots.map((s) => ({
        ...s,
        localStart: DateTime.fromJSDate(s.startsAt).setZone(zone).toISO({ suppressMilliseconds: true }) ?? '',
      }));
    },
  },
  Availability: {
    externalCalendar: (a, _args, ctx) => {
      const cal = externalCalendarOf(a);
      return cal ? { ...cal, connected: ctx.deps.calendars.connected(cal.provider) } : null;
    },
  },
  Meeting: {
    __resolveReference: (ref, ctx) => ctx.loaders.meeting.load(ref.id),
    started: (m, _a, ctx) => hasStarted(m, ctx.deps.clock()),
    meetingType: async (m, _a, ctx) => {
      const t = await ctx.loaders.meetingType.load(m.meetingTypeId);
      if (!t) throw notFound('MeetingType', m.meetingTypeId);
      return t;
    },
  },
  Product: {
    __resolveReference: (ref, ctx) => ctx.loaders.product.load(ref.id),
  },
  Quote: {
    __resolveReference: (ref, ctx) => ctx.loaders.quote.load(ref.id),
    status: (q) => {
      expireIfDue(q);
      return q.status;
    },
    reference: (q) => quoteReference(q),
    deal: (q) => ({ id: q.dealId }),
    contact: (q) => (q.contactId ? { id: q.contactId } : null),
    exchangeRates: (q) => Object.entries(q.exchangeRates).map(([currency, rate]) => ({ currency, rate })),
    lines: (q, args) => {
      const priced = priceQuote(q);
      const rows = q.lines.map((l, i) => ({
        ...l,
        ...priced.lines[i]!,
        position: i + 1,
      }));
      return arrayConnection(rows, args);
    },
    totals: (q) => priceQuote(q).totals,
    deposit: (q) =>
      q.depositDue != null && q.depositSchedule
        ? {
            amount: q.depositDue,
            dueOn: (q.acceptedAt ?? q.updatedAt).toISOString().slice(0, 10),
            scheduleStatus: q.depositSchedule,
            paymentScheduleId: q.depositScheduleId ?? null,
            attempts: q.depositScheduleAttempts,
            lastError: q.depositScheduleError ?? null,
          }
        : null,
    template: (q, _a, ctx) => (q.templateId ? ctx.loaders.quoteTemplate.load(q.templateId) : null),
    linkActive: (q) => linkActive(q),
    supersededBy: (q, _a, ctx) => (q.supersededById ? ctx.loaders.quote.load(q.supersededById) : null),
    previousVersion: (q, _a, ctx) => (q.previousVersionId ? ctx.loaders.quote.load(q.previousVersionId) : null),
    changeRequests: (q, args, ctx) => changeRequestsOf(ctx.em, q.id, args),
  },
  QuoteChangeRequest: portalResolvers.QuoteChangeRequest,
  PortalProposal: portalResolvers.PortalProposal,
  QuoteTemplate: {
    __resolveReference: (ref, ctx) => ctx.loaders.quoteTemplate.load(ref.id),
  },
  QuoteLine: {
    product: (l, _a, ctx) => (l.productId ? ctx.loaders.product.load(l.productId) : null),
  },
  Deal: {
    quotes: (deal, args, ctx) => quotesOfDeal(ctx.em, deal.id, args),
    playbooks: (deal, args, ctx) => playbooksForDeal(ctx.em, args),
  },
  Playbook: {
    __resolveReference: (ref, ctx) => ctx.loaders.playbook.load(ref.id),
    progress: (p, { dealId }, ctx) => progressOf(ctx.em, p.id, dealId),
  },
};
