import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import { getCompany, listCompanies } from '../services/companies.service.ts';
import { getContact, listContacts } from '../services/contacts.service.ts';
import { getActivity, listActivities } from '../services/activities.service.ts';
import { crmDashboard } from '../services/dashboard.service.ts';
import { crmReports } from '../services/reports.service.ts';
import { getDeal, listDeals } from '../services/deals.service.ts';
import { duplicateCompanies, duplicateContacts } from '../services/duplicates.service.ts';
import { getRule, listRules } from '../services/lead-scoring.service.ts';
import { listMerges } from '../services/merges.service.ts';
import { getPipeline, listPipelines } from '../services/pipelines.service.ts';
import { search } from '../services/search.service.ts';
import { getTask, listTasks } from '../services/tasks.service.ts';
import { loadRequired } from '../loaders.ts';
import { selectedNodeFields } from '@nexus/platform';
import { contactProperties, prefetchContacts } from './contact.ts';
import { dealProperties, prefetchDeals } from './deal.ts';

export const Query: QueryResolvers = {
  contacts: async (_p, args, ctx, info) => {
    const selected = selectedNodeFields(info);
    const plain = ctx.deps.env.CRM_PLAIN_READS;
    const page = await listContacts(ctx.em, args, plain, plain ? contactProperties(ctx.em, selected) : undefined);
    await prefetchContacts(ctx, page.nodes, selected, info);
    return page;
  },
  companies: (_p, args, ctx) => listCompanies(ctx.em, args, ctx.deps.env.CRM_PLAIN_READS),
  contact: (_p, { id, includeDeleted }, ctx) => getContact(ctx.em, id, includeDeleted ?? false),
  company: (_p, { id, includeDeleted }, ctx) => getCompany(ctx.em, id, includeDeleted ?? false),
  pipelines: (_p, args, ctx) => listPipelines(ctx.em, args),
  pipeline: (_p, { id, includeDeleted }, ctx) => getPipeline(ctx.em, id, includeDeleted ?? false),
  deals: async (_p, args, ctx, info) => {
    const selected = selectedNodeFields(info);
    const plain = ctx.deps.env.CRM_PLAIN_READS;
    const page = await listDeals(
      ctx.em,
      args,
      plain ? (id) => loadRequired(ctx.loaders.stage, id, 'Pipeline stage') : undefined,
      plain ? dealProperties(ctx.em, selected) : undefined,
    );
    await prefetchDeals(ctx, page.nodes, selected, info);
    return page;
  },
  deal: (_p, { id, includeDeleted }, ctx) => getDeal(ctx.em, id, includeDeleted ?? false),
  activities: (_p, args, ctx) => listActivities(ctx.em, args),
  activity: (_p, { id, includeDeleted }, ctx) => getActivity(ctx.em, id, includeDeleted ?? false),
  tasks: (_p, args, ctx) => listTasks(ctx.em, ctx.viewer, args),
  task: (_p, { id, includeDeleted }, ctx) => getTask(ctx.em, id, includeDeleted ?? false),
  leadScoringRules: (_p, args, ctx) => listRules(ctx.em, args),
  leadScoringRule: (_p, { id }, ctx) => getRule(ctx.em, id),
  search: (_p, args, ctx) => search(ctx.em, args),
  duplicateContacts: (_p, args, ctx) => duplicateContacts(ctx.em, args),
  duplicateCompanies: (_p, args, ctx) => duplicateCompanies(ctx.em, args),
  merges: (_p, args, ctx) => listMerges(ctx.em, args),
  crmDashboard: (_p, { scope }, ctx) => crmDashboard(ctx.em, ctx.viewer, scope ?? 'EVERYONE'),
  crmReports: (_p, { range }) => crmReports(range),
};
