import { fileURLToPath } from 'node:url';
import { QUEUES, defineSubgraph, gatewayExecutor, publishSafely } from '@nexus/platform';
import { createContext, type TravelDeps } from './context.ts';
import { entities } from './entities/index.ts';
import { PROBE_TIMEOUT_MS, envShape, travelEnvProblems, ttApiClientConfig } from './env.ts';
import { enumResolvers } from './graphql-enums.ts';
import { itineraryRoutes } from './public/itinerary-page.ts';
import {
  FLIGHT_STATUS_JOB,
  PASSPORT_ALERTS_JOB,
  PORTAL_PAYMENT_DUE_JOB,
  PORTAL_VAULT_PURGE_JOB,
  travelProcessors,
} from './jobs/travel.job.ts';
import { stripeFrom } from './portal/payments.service.ts';
import { portalRoutes } from './portal/routes.ts';
import { migrations } from './migrations/index.ts';
import { resolvers } from './resolvers/index.ts';
import { TT_API_INTEGRATION_ID } from './services/integration-health.service.ts';
import { createTtApiClient } from './tt-api/client.ts';

/** travel: TT-API's clients, trips, bookings and finance behind timeouts, retries and a breaker. Seeds nothing: TT-API holds the data. */
export const travelManifest = defineSubgraph({
  name: 'travel',
  port: 4006,
  folder: new URL('..', import.meta.url),
  envShape,
  envProblems: travelEnvProblems,
  entities,
  migrations,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  extend(core, o): TravelDeps {
    const { env, log, bus } = core;
    const ttLog = log.child({ upstream: 'tt-api' });
    const config = ttApiClientConfig(env);
    const tt = createTtApiClient(config, { logger: ttLog });
    const ttProbe = createTtApiClient(
      { ...config, timeoutMs: Math.min(PROBE_TIMEOUT_MS, env.TT_PROXY_TIMEOUT_MS), retryCount: 0 },
      {
        logger: ttLog,
        breaker: tt.breaker,
      },
    );
    const unsubscribe = tt.breaker.onStateChange((change) => {
      log.warn({ from: change.from, to: change.to, reason: change.reason }, 'tt-api circuit breaker changed state');
      // Only the subgraph's own breaker is announced: the worker's client is another breaker, one
      // the `integrationHealth` query never shows.
      if (o.role === 'server') void publishSafely(bus, 'integrationHealthChanged', { id: TT_API_INTEGRATION_ID }, log);
    });
    const graph = gatewayExecutor({ gatewayUrl: env.GATEWAY_URL, secret: env.INTERNAL_TOKEN_SECRET });
    return { ...core, tt, ttProbe, graph, stripe: stripeFrom(env), stopHealthEvents: unsubscribe };
  },
  dispose: (deps) => deps.stopHealthEvents(),
  resolvers,
  context: (deps: TravelDeps, base) => createContext(deps)(base),
  publicRoutes: (router, deps: TravelDeps) => {
    itineraryRoutes(router, deps);
    portalRoutes(router, deps);
  },
  // TT-API is not a health check: an outage degrades travel fields (integrationHealth shows it)
  // but must not mark the subgraph down or stop `npm start`. The default (database, Redis) stays.
  worker: (deps: TravelDeps, log) => ({
    processors: { [QUEUES.travel]: travelProcessors(deps, log) },
    schedules: [
      { queue: QUEUES.travel, job: PASSPORT_ALERTS_JOB, cron: deps.env.PASSPORT_ALERT_CRON },
      { queue: QUEUES.travel, job: FLIGHT_STATUS_JOB, cron: deps.env.FLIGHT_STATUS_CRON },
      { queue: QUEUES.travel, job: PORTAL_VAULT_PURGE_JOB, cron: deps.env.PORTAL_VAULT_PURGE_CRON },
      { queue: QUEUES.travel, job: PORTAL_PAYMENT_DUE_JOB, cron: deps.env.PORTAL_PAYMENT_DUE_CRON },
    ],
  }),
  codegen: {
    contextType: 'TravelContext',
    mappers: {
      // TT-API contract types: TT-API rows pass through as they are.
      Contact: '../services/refs.ts#ContactRef',
      Company: '../services/refs.ts#CompanyRef',
      Deal: '../services/refs.ts#DealRef',
      User: '../services/refs.ts#UserRef',
      Client: '../tt-api/contract.ts#Client',
      ClientAddress: '../tt-api/contract.ts#ClientAddress',
      FamilyGroup: '../tt-api/contract.ts#FamilyGroup',
      Traveler: '../tt-api/contract.ts#Traveler',
      TravelDocument: '../tt-api/contract.ts#TravelDocument',
      TravelerPreferences: '../tt-api/contract.ts#TravelerPreferences',
      EmergencyContact: '../tt-api/contract.ts#EmergencyContact',
      LoyaltyProgram: '../tt-api/contract.ts#LoyaltyProgram',
      Destination: '../tt-api/contract.ts#Destination',
      TripOffering: '../tt-api/contract.ts#TripOffering',
      ItineraryLeg: '../tt-api/contract.ts#ItineraryLeg',
      ClientTrip: '../tt-api/contract.ts#ClientTrip',
      ItineraryItem: '../tt-api/contract.ts#ItineraryItem',
      Booking: '../tt-api/contract.ts#Booking',
      BookingTraveler: '../tt-api/contract.ts#BookingTraveler',
      TravelGroup: '../tt-api/contract.ts#Group',
      TravelGroupMember: '../tt-api/contract.ts#GroupMember',
      TravelGroupMilestone: '../tt-api/contract.ts#GroupMilestone',
      TravelAlert: '../tt-api/contract.ts#TravelAlert',
      SatisfactionScore: '../tt-api/contract.ts#SatisfactionScore',
      TopOpportunity: '../tt-api/contract.ts#TopOpportunity',
      Vendor: '../tt-api/contract.ts#Vendor',
      VendorCommissionRule: '../tt-api/contract.ts#VendorCommissionRule',
      VendorContract: '../tt-api/contract.ts#VendorContract',
      Payment: '../tt-api/contract.ts#Payment',
      PaymentReceipt: '../tt-api/contract.ts#Payment',
      PaymentSchedule: '../tt-api/contract.ts#PaymentSchedule',
      Invoice: '../tt-api/contract.ts#Invoice',
      InvoiceLineItem: '../tt-api/contract.ts#InvoiceLineItem',
      CommissionEntry: '../tt-api/contract.ts#CommissionEntry',
      CommissionSummary: '../tt-api/contract.ts#CommissionSummary',
      CommissionCalculation: '../tt-api/contract.ts#CommissionCalculation',
      AnalyticsEvent: '../tt-api/contract.ts#AnalyticsEvent',
      KpiSnapshot: '../tt-api/contract.ts#KpiSnapshot',
      TtSocialPost: '../tt-api/contract.ts#SocialPost',
      Touchpoint: '../tt-api/contract.ts#Touchpoint',
      TtActivity: '../tt-api/contract.ts#TtActivity',
      ManagedContent: '../tt-api/contract.ts#ManagedContent',
      Itinerary: '../entities/index.ts#Itinerary',
      ItineraryEntry: '../entities/index.ts#ItineraryEntryData',
      TravelSearchHit: '../services/search.service.ts#TravelSearchHitSource',
      PassportAlert: '../entities/index.ts#PassportAlert',
      CommissionReconciliationRun: '../entities/index.ts#CommissionReconciliationRun',
      BookingSyncRun: '../entities/index.ts#BookingSyncRun',
      IntegrationHealth: '../services/integration-health.service.ts#IntegrationHealthSource',
      TripReadiness: '../services/readiness.service.ts#TripReadinessSource',
      TravelerReadiness: '../services/readiness.service.ts#TravelerReadinessSource',
      ReadinessItem: '../services/readiness.service.ts#ReadinessItemSource',
      EntryRule: '../services/readiness.service.ts#EntryRuleSource',
      RoomingList: '../services/rooming.service.ts#RoomingListSource',
      RoomBlock: '../services/rooming.service.ts#RoomBlockSource',
      BookingMoney: '../services/money.service.ts#BookingMoneySource',
      SupplierPayment: '../services/money.service.ts#SupplierPaymentSource',
      SupplierCommission: '../services/money.service.ts#SupplierCommissionRow',
      CommissionCollection: '../services/money.service.ts#CommissionCollectionSource',
      SupplierStatement: '../entities/index.ts#SupplierStatement',
      SupplierStatementLine: '../entities/index.ts#SupplierStatementLine',
      ScheduleChange: '../entities/index.ts#ScheduleChange',
      SatisfactionSummary: '../services/money.service.ts#SatisfactionSummarySource',
      EntryTiming: '../entities/index.ts#EntryTiming',
      PortalTrip: '../portal/trips.service.ts#PortalTripSource',
      PortalTraveler: '../portal/documents.service.ts#PortalTravelerSource',
      PortalVaultDocument: '../entities/index.ts#VaultFile',
      TripDocument: '../entities/index.ts#VaultFile',
      PendingPassportChange: '../entities/index.ts#PassportChange',
    },
    // travel's enums carry TT-API's own values inside resolvers (`DEPOSIT_PAID` is `deposit_paid`),
    // so their TS types are those values, from the same map the runtime uses.
    enumValues: enumResolvers,
  },
});
