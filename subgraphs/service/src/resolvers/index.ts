import { arrayConnection, findConnection, notFound, scalarResolvers, type ConnectionArgs } from '@nexus/platform';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import {
  AgentProfile,
  KbCategory,
  Macro,
  Survey,
  Ticket,
  TicketEvent,
  TicketMessage,
  TriageSuggestion,
} from '../entities/index.ts';
import type { ServiceContext } from '../context.ts';
import * as attachments from '../attachments/attachments.service.ts';
import * as incidents from '../services/incidents.service.ts';
import * as kb from '../services/kb.service.ts';
import * as views from '../services/views.service.ts';
import * as presence from '../services/presence.service.ts';
import { searchTickets } from '../services/search.service.ts';
import * as sla from '../services/sla.service.ts';
import * as surveys from '../services/surveys.service.ts';
import * as tickets from '../services/tickets.service.ts';
import * as triage from '../services/triage.service.ts';
import { portalResolvers } from '../portal/resolvers.ts';

/** What `updateChildTickets` returns before its `tickets` page is resolved. */
export interface ChildUpdate {
  updatedCount: number;
  parentId: string;
}

const actor = (ctx: ServiceContext) => ({ viewer: ctx.viewer, deps: ctx.deps });
const user = (id: string | null | undefined) => (id ? { __typename: 'User' as const, id } : null);
const oldestFirst = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const survey = (ctx: ServiceContext, id: string) => (UUID.test(id) ? ctx.em.findOne(Survey, { id }) : null);

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: {
    tickets: (_p, args, ctx) => tickets.listTickets(ctx.em, ctx.viewer, args),
    ticket: async (_p, { id }, ctx) => tickets.readableTicket(ctx.em, ctx.viewer, id).catch(() => null),
    ticketByReference: async (_p, { reference }, ctx) => {
      const m = /^(?:SR-)?(\d{1,9})$/i.exec(reference.trim());
      if (!m) return null;
      const t = await ctx.em.findOne(Ticket, { $and: [{ number: Number(m[1]) }, tickets.visibleTo(ctx.viewer)] });
      return t ?? null;
    },
    agentProfiles: (_p, args, ctx) => findConnection(ctx.em, AgentProfile, {}, args, [{ userId: 'asc' }]),
    macros: (_p, args, ctx) => findConnection(ctx.em, Macro, {}, args, [{ name: 'asc' }, { id: 'asc' }]),
    serviceDashboard: (_p, _a, ctx) => tickets.dashboard(ctx.em, ctx.viewer),
    slaCalendars: (_p, args, ctx) => sla.listCalendars(ctx.em, args),
    slaPolicies: (_p, args, ctx) => sla.listPolicies(ctx.em, args),
    kbCategories: (_p, args, ctx) => findConnection(ctx.em, KbCategory, {}, args, [{ position: 'asc' }, { id: 'asc' }]),
    kbArticles: (_p, args, ctx) => kb.listArticles(ctx.em, args),
    kbArticle: (_p, { id }, ctx) => ctx.loaders.article.load(id),
    previewKbMarkdown: (_p, { markdown }) => ({ html: kb.renderMarkdown(markdown.slice(0, 100_000)) }),
    triageStats: (_p, _a, ctx) => triage.triageStats(ctx.em),
    surveys: (_p, args, ctx) => surveys.listSurveys(ctx.em, args),
    survey: (_p, { id }, ctx) => survey(ctx, id),
    searchTickets: (_p, { filter, ...args }, ctx) => searchTickets(ctx.em, ctx.viewer, filter, args),
    ticketPresence: (_p, { id }, ctx) => presence.ticketPresence(ctx.em, ctx.deps, ctx.viewer, id).catch(() => null),
    ticketSavedViews: (_p, args, ctx) => views.listViews(ctx.em, ctx.viewer, args),
    ...portalResolvers.Query,
  },
  Mutation: {
    createTicket: (_p, { input }, ctx) => tickets.createTicket(ctx.em, actor(ctx), input),
    updateTicket: (_p, { input }, ctx) => tickets.updateTicket(ctx.em, actor(ctx), input),
    assignTicket: (_p, { input }, ctx) => tickets.assignTicket(ctx.em, actor(ctx), input),
    addTicketReply: (_p, { input }, ctx) => tickets.addReply(ctx.em, actor(ctx), input),
    addTicketNote: (_p, { input }, ctx) => tickets.addNote(ctx.em, actor(ctx), input),
    mergeTickets: (_p, { input }, ctx) => tickets.mergeTickets(ctx.em, actor(ctx), input),
    linkTickets: (_p, { input }, ctx) => tickets.linkTickets(ctx.em, actor(ctx), input),
    updateChildTickets: (_p, { input }, ctx) => tickets.updateChildren(ctx.em, actor(ctx), input),
    autoAssignTickets: (_p, { input }, ctx) => tickets.autoAssign(ctx.em, actor(ctx), input.mode ?? 'ROUND_ROBIN'),
    upsertAgentProfile: (_p, { input }, ctx) => tickets.upsertAgentProfile(ctx.em, input),
    createMacro: (_p, { input }, ctx) => tickets.createMacro(ctx.em, input),
    applyMacro: (_p, { input }, ctx) => tickets.applyMacro(ctx.em, actor(ctx), input),
    createSlaCalendar: (_p, { input }, ctx) => sla.createCalendar(ctx.em, input),
    createSlaPolicy: (_p, { input }, ctx) => sla.createPolicy(ctx.em, input),
    updateSlaCalendar: (_p, { input }, ctx) => sla.updateCalendar(ctx.em, input),
    updateSlaPolicy: (_p, { input }, ctx) => sla.updatePolicy(ctx.em, input),
    startTicketAttachmentUpload: async (_p, { input }, ctx) => {
      const t = await tickets.writableTicket(ctx.em, ctx.viewer, input.ticketId, 'input.ticketId');
      return attachments.startUpload(ctx.deps, ctx.viewer, t, input);
    },
    removeTicketAttachment: (_p, { id }, ctx) => attachments.removeAttachment(ctx.em, ctx.deps, ctx.viewer, id),
    saveTicketView: (_p, { input }, ctx) => views.saveView(ctx.em, ctx.viewer, input),
    deleteTicketView: (_p, { id }, ctx) => views.deleteView(ctx.em, ctx.viewer, id),
    openTravelAlertIncident: (_p, { input }, ctx) => incidents.openIncidentFor(ctx.em, actor(ctx), input),
    createKbCategory: (_p, { input }, ctx) => kb.createCategory(ctx.em, input),
    createKbArticle: (_p, { input }, ctx) => kb.createArticle(ctx.em, ctx.viewer.id, input),
    updateKbArticle: (_p, { input }, ctx) => kb.updateArticle(ctx.em, ctx.viewer.id, input),
    setKbArticleStatus: (_p, { input }, ctx) => kb.setArticleStatus(ctx.em, input, ctx.deps.clock()),
    acceptTriageSuggestion: async (_p, { input }, ctx) => {
      await tickets.readableTicket(ctx.em, ctx.viewer, input.ticketId);
      return triage.acceptSuggestion(ctx.em, input.ticketId, input.articleId, ctx.deps.clock());
    },
    createSurvey: (_p, { input }, ctx) => surveys.createSurvey(ctx.em, input),
    touchTicketPresence: (_p, { input }, ctx) => presence.touchPresence(ctx.em, ctx.deps, ctx.viewer, input),
    leaveTicketPresence: (_p, { input }, ctx) => presence.leavePresence(ctx.em, ctx.deps, ctx.viewer, input.ticketId),
    ...portalResolvers.Mutation,
  },
  Subscription: {
    // The gateway serves subscriptions (re-running the selection per event); never executed here.
    ticketChanged: {
      subscribe: () => {
        throw notFound('subscription');
      },
    },
    ticketPresenceChanged: {
      subscribe: () => {
        throw notFound('subscription');
      },
    },
  },
  TicketPresence: {
    ticket: (p, _a, ctx) => ctx.loaders.ticket.load(p.id),
    others: (p, args) => arrayConnection(p.entries, args),
  },
  TicketPresenceEntry: {
    user: (e) => ({ __typename: 'User', id: e.userId }),
  },
  Ticket: {
    __resolveReference: (ref, ctx) => tickets.readableTicket(ctx.em, ctx.viewer, ref.id).catch(() => null),
    reference: (t) => tickets.reference(t),
    requester: (t) => (t.requesterContactId ? { __typename: 'Contact', id: t.requesterContactId } : null),
    company: (t) => (t.companyId ? { __typename: 'Company', id: t.companyId } : null),
    assignee: (t) => user(t.assigneeId),
    parent: (t, _a, ctx) => (t.parent ? ctx.loaders.ticket.load(t.parent.id) : null),
    mergedInto: (t, _a, ctx) => (t.mergedInto ? ctx.loaders.ticket.load(t.mergedInto.id) : null),
    children: (t, args: ConnectionArgs, ctx) => findConnection(ctx.em, Ticket, { parent: t.id }, args, oldestFirst),
    linked: (t, args: ConnectionArgs, ctx) =>
      findConnection(ctx.em, Ticket, { id: { $in: t.linkedIds } }, args, oldestFirst),
    messages: (t, args: ConnectionArgs, ctx) =>
      findConnection(
        ctx.em,
        TicketMessage,
        ctx.viewer.rank >= 1 ? { ticket: t.id } : { ticket: t.id, kind: { $ne: 'INTERNAL_NOTE' } },
        args,
        oldestFirst,
      ),
    history: (t, args: ConnectionArgs, ctx) => findConnection(ctx.em, TicketEvent, { ticket: t.id }, args, oldestFirst),
    sla: (t) => t,
    destination: (t) => t.tripDestination ?? null,
    supplier: (t) => t.tripSupplier ?? null,
    travelAlertId: (t) => t.travelAlertId ?? null,
    incidentMessage: (t) => t.incidentMessage ?? null,
    attachments: (t, args: ConnectionArgs, ctx) => attachments.listAttachments(ctx.em, t.id, args),
    triage: (t, _a, ctx) => ctx.em.findOne(TriageSuggestion, { ticketId: t.id }),
  },
  TicketSla: {
    policy: (t, _a, ctx) => (t.slaPolicyId ? ctx.loaders.policy.load(t.slaPolicyId) : null),
    state: (t) => tickets.slaStateOf(t),
    firstReplyDueAt: (t) => t.firstReplyDueAt ?? null,
    nextReplyDueAt: (t) => t.nextReplyDueAt ?? null,
    resolutionDueAt: (t) => t.resolutionDueAt ?? null,
    firstRepliedAt: (t) => t.firstRepliedAt ?? null,
    pausedAt: (t) => t.slaPausedAt ?? null,
    escalationLevel: (t) => t.escalationLevel,
    escalatedAt: (t) => t.escalatedAt ?? null,
  },
  TicketAttachment: {
    downloadUrl: (a, _args, ctx) => attachments.downloadUrl(ctx.deps, a),
  },
  TicketSavedView: {
    filter: (v) => {
      const f = v.filter as Record<string, unknown>;
      return {
        ...f,
        statuses: f.statuses ?? [],
        priorities: f.priorities ?? [],
        categories: f.categories ?? [],
      } as never;
    },
    orderBy: (v) => (v.orderBy ?? null) as never,
    owner: (v) => ({ __typename: 'User', id: v.ownerId }),
    mine: (v, _a, ctx) => v.ownerId === ctx.viewer.id,
    sharedWithTeam: (v) => v.team ?? null,
  },
  TicketMessage: { author: (m) => user(m.authorId) },
  AgentProfile: {
    user: (p) => ({ __typename: 'User', id: p.userId }),
    manager: (p) => user(p.managerId),
    openTickets: (p, _a, ctx) => ctx.em.count(Ticket, { assigneeId: p.userId, status: { $nin: ['SOLVED', 'CLOSED'] } }),
  },
  UpdateChildTicketsPayload: {
    tickets: (r, args: ConnectionArgs, ctx) =>
      findConnection(ctx.em, Ticket, { parent: r.parentId }, args, oldestFirst),
  },
  SlaPolicy: {
    calendar: (p, _a, ctx) =>
      ctx.loaders.calendar.load(p.calendar.id).then((c) => c ?? Promise.reject(notFound('calendar'))),
    priorities: (p) => (p.conditions.priorities ?? []) as never,
    sources: (p) => (p.conditions.sources ?? []) as never,
    vipCompanyIds: (p) => p.conditions.companyIds ?? [],
    travelling: (p) => p.conditions.travelling ?? null,
  },
  KbArticle: {
    category: (a, _args, ctx) => (a.category ? ctx.em.findOne(KbCategory, { id: a.category.id }) : null),
    publicUrl: (a, _args, ctx) =>
      a.status === 'PUBLISHED' && a.visibility === 'PUBLIC' ? `${ctx.deps.env.PUBLIC_URL}/kb/${a.slug}` : null,
  },
  TriageSuggestion: {
    category: (s) => (s.category ?? null) as never,
    priority: (s) => (s.priority ?? null) as never,
    articles: async (s, args, ctx) => arrayConnection(await triage.articlesByIds(ctx.em, s.articleIds), args),
  },
  Survey: {
    questions: (s, args) => arrayConnection(s.questions, args),
    results: (s, _a, ctx) => surveys.surveyResults(ctx.em, s),
    responses: (s, args: ConnectionArgs, ctx) => surveys.listResponses(ctx.em, s.id, args),
  },
  SurveyResponse: {
    ticket: (r, _a, ctx) => (r.ticketId ? ctx.loaders.ticket.load(r.ticketId) : null),
    answers: (r) => r.answers ?? {},
    respondedAt: (r) => r.respondedAt ?? new Date(0),
  },
  PreTripForm: portalResolvers.PreTripForm,
  PreTripResponse: portalResolvers.PreTripResponse,
  WaiverAcceptance: portalResolvers.WaiverAcceptance,
  PortalSurvey: portalResolvers.PortalSurvey,
  PortalPreTripForm: portalResolvers.PortalPreTripForm,
  PortalThread: portalResolvers.PortalThread,
  PortalMessage: portalResolvers.PortalMessage,
};
