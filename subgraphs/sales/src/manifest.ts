import { fileURLToPath } from 'node:url';
import { defineSubgraph } from '@nexus/platform';
import { createContext, extendSales, type SalesDeps } from './context.ts';
import { entities } from './entities/index.ts';
import { envShape } from './env.ts';
import { migrations } from './migrations/index.ts';
import { salesWorker } from './jobs/sales.job.ts';
import { meetingRoutes } from './public/meeting-page.ts';
import { quoteRoutes } from './public/quote-page.ts';
import { resolvers } from './resolvers/index.ts';
import { seedSales } from './seed.ts';

/**
 * sales: the product catalogue, quotes (PDF, public acceptance at `/q`; deals follow their quotes),
 * playbooks, and meetings (booking pages at `/meet`).
 */
export const salesManifest = defineSubgraph({
  name: 'sales',
  port: 4004,
  folder: new URL('..', import.meta.url),
  envShape,
  entities,
  migrations,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  extend: (core): SalesDeps => extendSales(core),
  resolvers,
  seed: seedSales,
  context: (deps: SalesDeps, base) => createContext(deps)(base),
  publicRoutes: (router, deps: SalesDeps) => {
    quoteRoutes(router, deps);
    meetingRoutes(router, deps);
  },
  worker: (deps: SalesDeps, log) => salesWorker(deps, log),
  codegen: {
    contextType: 'SalesContext',
    mappers: {
      Product: '../entities/index.ts#Product',
      Quote: '../entities/index.ts#Quote',
      QuoteTemplate: '../entities/index.ts#QuoteTemplate',
      QuoteLine: '../services/money.ts#PricedLine',
      Playbook: '../entities/index.ts#Playbook',
      PlaybookAnswer: '../entities/index.ts#PlaybookAnswer',
      Availability: '../entities/index.ts#Availability',
      MeetingType: '../entities/index.ts#MeetingType',
      Meeting: '../entities/index.ts#Meeting',
      RoutingForm: '../entities/index.ts#RoutingForm',
      QuoteChangeRequest: '../entities/index.ts#QuoteChangeRequest',
      PortalChangeRequest: '../entities/index.ts#QuoteChangeRequest',
      PortalProposal: '../entities/index.ts#Quote',
    },
  },
});
