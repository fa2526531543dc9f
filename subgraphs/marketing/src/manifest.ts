import { fileURLToPath } from 'node:url';
import { defineSubgraph } from '@nexus/platform';
import { createContext, extendMarketing, type MarketingDeps } from './context.ts';
import { entities } from './entities/index.ts';
import { envShape, marketingEnvProblems } from './env.ts';
import { marketingWorker } from './jobs/marketing.job.ts';
import { migrations } from './migrations/index.ts';
import { marketingPublicRoutes } from './public/routes.ts';
import { resolvers } from './resolvers/index.ts';
import { seedMarketing } from './seed.ts';
import { automationWorker, mergeWorkerParts } from './automation/automation.job.ts';
import { automationPublicRoutes } from './automation/routes.ts';

/**
 * marketing: the audience projection of crm's contacts, email templates, campaigns and their sending
 * pipeline, the transactional mail queue every subgraph sends through, segments, suppression,
 * tracking, unsubscribe pages and ESP events, forms and landing pages, workflows and drip sequences
 * (automation shares the audience, templates, the sending pipeline and its send policy).
 */
export const marketingManifest = defineSubgraph({
  name: 'marketing',
  port: 4003,
  folder: new URL('..', import.meta.url),
  envShape,
  envProblems: marketingEnvProblems,
  entities,
  migrations,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  async seed(orm, _env, log) {
    const { seeded } = await seedMarketing(orm);
    if (seeded) log.info('seeded a demo template, segment and campaign; asked crm for the audience');
  },
  extend: (core, o) => extendMarketing(core, o.role),
  dispose: (deps: MarketingDeps) => deps.mail?.close(),
  resolvers,
  context: (deps: MarketingDeps, base) => createContext(deps)(base),
  publicRoutes: (router, deps: MarketingDeps) => {
    marketingPublicRoutes(router, deps);
    automationPublicRoutes(router, deps);
  },
  worker: (deps: MarketingDeps, log) => mergeWorkerParts(marketingWorker(deps, log), automationWorker(deps, log)),
  codegen: {
    contextType: 'MarketingContext',
    mappers: {
      Contact: '../resolvers/contact-ref.ts#ContactRef',
      EmailTemplate: '../entities/index.ts#EmailTemplate',
      Campaign: '../entities/index.ts#Campaign',
      Segment: '../entities/index.ts#Segment',
      EmailSend: '../entities/index.ts#EmailSend',
      SocialPost: '../entities/index.ts#SocialPost',
      Workflow: '../automation/automation.entity.ts#Workflow',
      WorkflowEnrolment: '../automation/automation.entity.ts#WorkflowEnrolment',
      WorkflowStepRun: '../automation/automation.entity.ts#WorkflowStepRun',
      Sequence: '../automation/automation.entity.ts#Sequence',
      SequenceEnrolment: '../automation/automation.entity.ts#SequenceEnrolment',
      Form: '../forms/forms.entity.ts#Form',
      FormField: '../forms/forms.entity.ts#FormFieldDef',
      FormSubmission: '../forms/forms.entity.ts#FormSubmission',
      LandingPage: '../forms/forms.entity.ts#LandingPage',
      LandingPageBlock: '../forms/forms.entity.ts#LandingPageBlockDef',
    },
  },
});
