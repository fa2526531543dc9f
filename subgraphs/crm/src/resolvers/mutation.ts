import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { createCompany, deleteCompany, updateCompany } from '../services/companies.service.ts';
import { createContact, deleteContact, updateContact } from '../services/contacts.service.ts';
import { deleteActivity, logActivity, updateActivity } from '../services/activities.service.ts';
import { announceDeal, closeDeal, createDeal, deleteDeal, moveDeal, updateDeal } from '../services/deals.service.ts';
import { createRule, deleteRule, queueRecalculation, updateRule } from '../services/lead-scoring.service.ts';
import { mergeCompanies, mergeContacts, undoMerge } from '../services/merges.service.ts';
import {
  createPipeline,
  createPipelineStage,
  deletePipeline,
  deletePipelineStage,
  reorderPipelineStages,
  updatePipeline,
  updatePipelineStage,
} from '../services/pipelines.service.ts';
import { actorId } from '../services/actors.ts';
import { bulkUpdateTasks, createTask, deleteTask, updateTask } from '../services/tasks.service.ts';
import { syncTtContacts, syncTtDeals } from '../services/tt-sync.service.ts';

export const Mutation: MutationResolvers = {
  createContact: (_p, { input }, ctx) => createContact(ctx.em, ctx.deps.bus, ctx.log, ctx.viewer, input),
  updateContact: (_p, { input }, ctx) => updateContact(ctx.em, ctx.deps.bus, ctx.log, ctx.viewer, input),
  deleteContact: (_p, { id }, ctx) => deleteContact(ctx.em, ctx.deps.bus, ctx.log, id),
  createCompany: (_p, { input }, ctx) => createCompany(ctx.em, ctx.viewer, input),
  updateCompany: (_p, { input }, ctx) => updateCompany(ctx.em, ctx.viewer, input),
  deleteCompany: (_p, { id }, ctx) => deleteCompany(ctx.em, id),
  createPipeline: (_p, { input }, ctx) => createPipeline(ctx.em, input),
  updatePipeline: (_p, { input }, ctx) => updatePipeline(ctx.em, input),
  deletePipeline: (_p, { id }, ctx) => deletePipeline(ctx.em, id),
  createPipelineStage: (_p, { input }, ctx) => createPipelineStage(ctx.em, input),
  updatePipelineStage: (_p, { input }, ctx) => updatePipelineStage(ctx.em, input),
  reorderPipelineStages: (_p, { input }, ctx) => reorderPipelineStages(ctx.em, input),
  deletePipelineStage: async (_p, { input }, ctx) => {
    const { pipeline, movedDealIds } = await deletePipelineStage(ctx.em, actorId(ctx.viewer), input);
    for (const id of movedDealIds) await announceDeal(ctx.deps.bus, ctx.log, { id, pipeline });
    return pipeline;
  },
  createDeal: (_p, { input }, ctx) => createDeal(ctx.em, ctx.deps.bus, ctx.log, ctx.viewer, input),
  updateDeal: (_p, { input }, ctx) => updateDeal(ctx.em, ctx.deps.bus, ctx.log, ctx.viewer, input),
  moveDeal: (_p, { input }, ctx) => moveDeal(ctx.em, ctx.deps.bus, ctx.log, ctx.viewer, input),
  closeDeal: (_p, { input }, ctx) => closeDeal(ctx.em, ctx.deps.bus, ctx.log, ctx.viewer, input),
  deleteDeal: (_p, { id }, ctx) => deleteDeal(ctx.em, ctx.deps.bus, ctx.log, id),
  logActivity: (_p, { input }, ctx) => logActivity(ctx.em, ctx.deps.bus, ctx.log, ctx.viewer, input),
  updateActivity: (_p, { input }, ctx) => updateActivity(ctx.em, ctx.deps.bus, ctx.log, ctx.viewer, input),
  deleteActivity: (_p, { id }, ctx) => deleteActivity(ctx.em, ctx.deps.bus, ctx.log, id),
  createTask: (_p, { input }, ctx) => createTask(ctx.em, ctx.viewer, input),
  updateTask: (_p, { input }, ctx) => updateTask(ctx.em, ctx.viewer, input),
  bulkUpdateTasks: (_p, { input }, ctx) => bulkUpdateTasks(ctx.em, ctx.viewer, input),
  deleteTask: (_p, { id }, ctx) => deleteTask(ctx.em, id),
  createLeadScoringRule: (_p, { input }, ctx) => createRule(ctx.em, input),
  updateLeadScoringRule: (_p, { input }, ctx) => updateRule(ctx.em, input),
  deleteLeadScoringRule: (_p, { id }, ctx) => deleteRule(ctx.em, id),
  recalculateLeadScores: (_p, { input }, ctx) => queueRecalculation(ctx.em, input),
  mergeContacts: (_p, { input }, ctx) => mergeContacts(ctx.em, ctx.deps.bus, ctx.log, ctx.viewer, input),
  mergeCompanies: (_p, { input }, ctx) => mergeCompanies(ctx.em, ctx.deps.bus, ctx.log, ctx.viewer, input),
  undoMerge: (_p, { input }, ctx) => undoMerge(ctx.em, ctx.deps.bus, ctx.log, ctx.viewer, input),
  syncTtContacts: (_p, { contacts }, ctx) => syncTtContacts(ctx.em, ctx.deps.bus, ctx.log, contacts),
  syncTtDeals: (_p, { deals }, ctx) => syncTtDeals(ctx.em, ctx.deps.bus, ctx.log, deals),
};
