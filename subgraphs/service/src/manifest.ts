import { fileURLToPath } from 'node:url';
import { QUEUES, defineSubgraph, gatewayExecutor } from '@nexus/platform';
import { attachmentStore } from './attachments/store.ts';
import { createContext, type ServiceDeps } from './context.ts';
import { entities } from './entities/index.ts';
import { envShape } from './env.ts';
import { serviceProcessors } from './jobs/service.job.ts';
import { migrations } from './migrations/index.ts';
import { serviceRoutes } from './public/routes.ts';
import { resolvers } from './resolvers/index.ts';

/** service: tickets with SLAs, inbound email, knowledge base, triage and surveys. */
export const serviceManifest = defineSubgraph({
  name: 'service',
  port: 4005,
  folder: new URL('..', import.meta.url),
  envShape,
  entities,
  migrations,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  extend: (core): ServiceDeps => ({
    ...core,
    clock: () => new Date(),
    attachments: attachmentStore(core.env),
    graph: gatewayExecutor({ gatewayUrl: core.env.GATEWAY_URL, secret: core.env.INTERNAL_TOKEN_SECRET }),
  }),
  resolvers,
  context: (deps: ServiceDeps, base) => createContext(deps)(base),
  publicRoutes: (router, deps: ServiceDeps) => serviceRoutes(router, deps),
  worker: (deps: ServiceDeps, log) => ({
    processors: { [QUEUES.service]: serviceProcessors(deps, log) },
    schedules: [
      { queue: QUEUES.service, job: 'sla-check', every: 60_000 },
      { queue: QUEUES.service, job: 'trip-surveys', every: 60 * 60_000 },
      { queue: QUEUES.service, job: 'travel-alert-incidents', every: 5 * 60_000 },
      // Inbound email over IMAP is optional (P-08): no mailbox, no schedule.
      ...(deps.env.IMAP_URL ? [{ queue: QUEUES.service, job: 'imap-poll' as const, every: 60_000 }] : []),
    ],
  }),
  codegen: {
    contextType: 'ServiceContext',
    mappers: {
      Ticket: '../entities/index.ts#Ticket',
      TicketMessage: '../entities/index.ts#TicketMessage',
      TicketEvent: '../entities/index.ts#TicketEvent',
      AgentProfile: '../entities/index.ts#AgentProfile',
      Macro: '../entities/index.ts#Macro',
      SlaCalendar: '../entities/index.ts#SlaCalendar',
      SlaPolicy: '../entities/index.ts#SlaPolicy',
      KbCategory: '../entities/index.ts#KbCategory',
      KbArticle: '../entities/index.ts#KbArticle',
      TriageSuggestion: '../entities/index.ts#TriageSuggestion',
      Survey: '../entities/index.ts#Survey',
      SurveyResponse: '../entities/index.ts#SurveyInvitation',
      TicketSla: '../entities/index.ts#Ticket',
      UpdateChildTicketsPayload: '../resolvers/index.ts#ChildUpdate',
      TicketPresence: '../services/presence.service.ts#TicketPresence',
      TicketPresenceEntry: '../services/presence.service.ts#PresenceEntry',
      TicketSearchHit: '../services/search.service.ts#TicketSearchHit',
      TicketAttachment: '../entities/index.ts#TicketAttachment',
      TicketSavedView: '../entities/index.ts#TicketSavedView',
      PreTripForm: '../entities/index.ts#PreTripForm',
      PreTripResponse: '../entities/index.ts#PreTripResponse',
      WaiverAcceptance: '../entities/index.ts#WaiverAcceptance',
      PortalSurvey: '../entities/index.ts#SurveyInvitation',
      PortalPreTripForm: '../entities/index.ts#PreTripForm',
      PortalThread: '../entities/index.ts#Ticket',
      PortalMessage: '../entities/index.ts#TicketMessage',
    },
  },
});
