import { fileURLToPath } from 'node:url';
import { QUEUES, defineSubgraph } from '@nexus/platform';
import { createContext, type CrmDeps } from './context.ts';
import { entities } from './entities/index.ts';
import { envShape } from './env.ts';
import { republishAudience } from './jobs/audience.job.ts';
import { LEAD_SCORE_ALL_JOB, leadScoringProcessors } from './jobs/crm.job.ts';
import { migrations } from './migrations/index.ts';
import { resolvers } from './resolvers/index.ts';
import { seedCrm } from './seed.ts';
import { seedSales } from './seed-sales.ts';
import { ensureStandardPipelines } from './services/pipelines.service.ts';
import { seedDemoStaff } from './services/staff.service.ts';
import { linkTtDemoIds } from './services/tt-links.service.ts';

/** crm: companies, contacts, pipelines and deals, activities, tasks, lead scoring, search, duplicates, TT-API sync. */
export const crmManifest = defineSubgraph({
  name: 'crm',
  port: 4002,
  folder: new URL('..', import.meta.url),
  envShape,
  entities,
  migrations,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  async prepare(orm, _env, log) {
    // Deals need somewhere to go: a new database gets the standard pipelines, production included.
    const pipelines = await ensureStandardPipelines(orm.em.fork());
    if (pipelines) log.info({ pipelines }, 'created the standard pipelines');
  },
  async seed(orm, _env, log) {
    const staff = await seedDemoStaff(orm.em.fork());
    if (staff) log.info({ staff }, 'added the demo staff to the staff directory');
    const added = await seedCrm(orm.em.fork());
    if (added) log.info(added, 'seeded demo companies and contacts');
    const linked = await linkTtDemoIds(orm.em.fork());
    if (linked) log.info(linked, 'linked demo contacts and companies to TT-API demo ids');
    const sales = await seedSales(orm.em.fork());
    if (sales) log.info(sales, 'seeded demo deals, activities, tasks and scoring rules');
  },
  resolvers,
  context: (deps: CrmDeps, base) => createContext(deps)(base),
  // Lead scores, recalculated when a contact or its activities change (through the outbox) and
  // every night, when decay rules take their points.
  worker: (deps: CrmDeps, log) => ({
    processors: {
      [QUEUES.crm]: {
        ...leadScoringProcessors(deps, log),
        // Marketing's audience rebuild (its feed, sent again from the owner).
        'audience-republish': () => republishAudience(deps.orm.em.fork(), log),
      },
    },
    schedules: [{ queue: QUEUES.crm, job: LEAD_SCORE_ALL_JOB, cron: '41 2 * * *', data: { trigger: 'NIGHTLY' } }],
  }),
  codegen: {
    contextType: 'CrmContext',
    mappers: {
      Contact: '../entities/index.ts#Contact',
      Company: '../entities/index.ts#Company',
      User: '../entities/index.ts#UserRef',
      Pipeline: '../entities/index.ts#Pipeline',
      PipelineStage: '../entities/index.ts#PipelineStage',
      Deal: '../entities/index.ts#Deal',
      DealStageChange: '../entities/index.ts#DealStageChange',
      Activity: '../entities/index.ts#Activity',
      Task: '../entities/index.ts#Task',
      LeadScoringRule: '../entities/index.ts#LeadScoringRule',
      LeadScoreChange: '../entities/index.ts#LeadScoreChange',
      MergeRecord: '../entities/index.ts#MergeRecord',
      SearchHit: '../services/search.service.ts#SearchHitSource',
      ContactDuplicate: '../services/duplicates.service.ts#DuplicatePair',
      CompanyDuplicate: '../services/duplicates.service.ts#DuplicatePair',
      StageTotal: '../services/pipeline-totals.ts#StageTotalSource',
      PipelineSummary: '../services/pipeline-totals.ts#PipelineSummarySource',
      CrmDashboard: '../services/dashboard.service.ts#DashboardSource',
      CrmReports: '../services/reports.service.ts#ReportsSource',
      PipelineReportRow: '../services/pipeline-totals.ts#StageTotalSource',
    },
  },
});
