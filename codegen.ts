import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { subgraphSchemaFiles } from './platform/src/schema-files.ts';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { enumResolvers as travelEnumResolvers } from './subgraphs/travel/src/graphql-enums.ts';

/**
 * Resolver types for every subgraph (one loop, not a config per subgraph) and typed documents for
 * the web app. Output is committed; `npm test` fails when it is stale.
 */
export const subgraphNames = ['identity', 'crm', 'travel'] as const;

/** Entity classes that resolvers return in place of the GraphQL object types, per subgraph. */
const mappers: Record<(typeof subgraphNames)[number], Record<string, string>> = {
  identity: {
    User: '../entities/index.ts#User',
    ApiKey: '../entities/index.ts#ApiKey',
    Notification: '../entities/index.ts#Notification',
    AuditEntry: '../entities/index.ts#AuditEntry',
  },
  crm: {
    Contact: '../entities/index.ts#Contact',
    Company: '../entities/index.ts#Company',
    User: '../entities/index.ts#UserRef',
    ContactPage: '../services/pages.ts#ContactPageSource',
    CompanyPage: '../services/pages.ts#CompanyPageSource',
    Pipeline: '../entities/index.ts#Pipeline',
    PipelineStage: '../entities/index.ts#PipelineStage',
    Deal: '../entities/index.ts#Deal',
    DealStageChange: '../entities/index.ts#DealStageChange',
    Activity: '../entities/index.ts#Activity',
    Task: '../entities/index.ts#Task',
    LeadScoringRule: '../entities/index.ts#LeadScoringRule',
    LeadScoreChange: '../entities/index.ts#LeadScoreChange',
    MergeRecord: '../entities/index.ts#MergeRecord',
    PipelinePage: '../services/pages.ts#PipelinePageSource',
    DealPage: '../services/pages.ts#DealPageSource',
    DealStageChangePage: '../services/pages.ts#DealStageChangePageSource',
    ActivityPage: '../services/pages.ts#ActivityPageSource',
    TaskPage: '../services/pages.ts#TaskPageSource',
    LeadScoringRulePage: '../services/pages.ts#LeadScoringRulePageSource',
    LeadScoreChangePage: '../services/pages.ts#LeadScoreChangePageSource',
    MergeRecordPage: '../services/pages.ts#MergeRecordPageSource',
    SearchHitPage: '../services/pages.ts#SearchHitPageSource',
    SearchHit: '../services/search.service.ts#SearchHitSource',
    ContactDuplicatePage: '../services/pages.ts#ContactDuplicatePageSource',
    CompanyDuplicatePage: '../services/pages.ts#CompanyDuplicatePageSource',
    ContactDuplicate: '../services/duplicates.service.ts#DuplicatePair',
    CompanyDuplicate: '../services/duplicates.service.ts#DuplicatePair',
    StageTotal: '../services/pipeline-totals.ts#StageTotalSource',
    PipelineSummary: '../services/pipeline-totals.ts#PipelineSummarySource',
    CrmDashboard: '../services/dashboard.service.ts#DashboardSource',
  },
  travel: {
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
    PaymentSchedule: '../tt-api/contract.ts#PaymentSchedule',
    Invoice: '../tt-api/contract.ts#Invoice',
    InvoiceLineItem: '../tt-api/contract.ts#InvoiceLineItem',
    CommissionEntry: '../tt-api/contract.ts#CommissionEntry',
    CommissionSummary: '../tt-api/contract.ts#CommissionSummary',
    CommissionCalculation: '../tt-api/contract.ts#CommissionCalculation',
    PassportAlert: '../entities/index.ts#PassportAlert',
    CommissionReconciliationRun: '../entities/index.ts#CommissionReconciliationRun',
    BookingSyncRun: '../entities/index.ts#BookingSyncRun',
    IntegrationHealth: '../services/integration-health.service.ts#IntegrationHealthSource',
  },
};

/**
 * travel's enums carry TT-API's own values inside resolvers (`DEPOSIT_PAID` is `deposit_paid`; see
 * subgraphs/travel/src/graphql-enums.ts), so their TS types are those values, from the same map the
 * runtime uses.
 */
const enumValues: Record<(typeof subgraphNames)[number], Record<string, Record<string, string>>> = {
  identity: {},
  crm: {},
  travel: travelEnumResolvers,
};

const contextTypes: Record<(typeof subgraphNames)[number], string> = {
  identity: '../context.ts#IdentityContext',
  crm: '../context.ts#CrmContext',
  travel: '../context.ts#TravelContext',
};

const resolverConfig = (name: (typeof subgraphNames)[number]) => ({
  schema: [
    'platform/federation-directives.graphql',
    ...subgraphSchemaFiles(`subgraphs/${name}`).map((f) => relative(process.cwd(), f)),
  ],
  plugins: [
    { add: { content: '/* Generated by graphql-codegen from schema.graphql: do not edit. */' } },
    'typescript',
    'typescript-resolvers',
  ],
  config: {
    federation: true,
    useTypeImports: true,
    enumsAsTypes: true,
    useIndexSignature: true,
    contextType: contextTypes[name],
    // Mapped enums resolve to their own (TT-API valued) types rather than codegen's placeholder.
    mappers: { ...mappers[name], ...Object.fromEntries(Object.keys(enumValues[name]).map((e) => [e, e])) },
    enumValues: enumValues[name],
    mapperTypeSuffix: 'Entity',
    scalars: {
      DateTime: 'Date | string',
      Date: 'string',
      JSON: 'unknown',
      ID: 'string',
      SafeInt: 'number',
      Cents: 'number',
    },
    avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
    maybeValue: 'T | null',
    inputMaybeValue: 'T | null | undefined',
  },
});

const config: CodegenConfig = {
  overwrite: true,
  // Node runs our .ts files directly, so generated imports name their files with the .ts extension.
  importExtension: '.ts',
  silent: true,
  generates: {
    ...Object.fromEntries(
      subgraphNames.map((name) => [`subgraphs/${name}/src/__generated__/resolvers-types.ts`, resolverConfig(name)]),
    ),
    ...(existsSync('gateway/supergraph-api.graphql')
      ? {
          'web/src/__generated__/': {
            schema: 'gateway/supergraph-api.graphql',
            documents: ['web/src/**/*.{ts,tsx}', '!web/src/__generated__/**'],
            preset: 'client',
            presetConfig: { fragmentMasking: false },
            config: {
              useTypeImports: true,
              enumsAsTypes: true,
              scalars: { DateTime: 'string', Date: 'string', JSON: 'unknown', SafeInt: 'number', Cents: 'number' },
            },
          },
        }
      : {}),
  },
};

export default config;
