import { findConnection, notFound } from '@nexus/platform';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Sequence, SequenceEnrolment, Workflow, WorkflowEnrolment } from './automation.entity.ts';
import * as seq from './sequences.service.ts';
import * as wf from './workflows.service.ts';

/** Workflows, executions and sequences (spread into marketing's resolver map). */
export const automationResolvers: Resolvers = {
  Query: {
    workflows: (_p, args, ctx) => wf.listWorkflows(ctx.em, args),
    workflow: (_p, { id }, ctx) => ctx.em.findOne(Workflow, { id }),
    workflowEnrolment: (_p, { id }, ctx) => ctx.em.findOne(WorkflowEnrolment, { id }),
    sequences: (_p, args, ctx) => seq.listSequences(ctx.em, args),
    sequence: (_p, { id }, ctx) => ctx.em.findOne(Sequence, { id }),
  },
  Mutation: {
    createWorkflow: (_p, { input }, ctx) => wf.createWorkflow(ctx.deps, ctx.em, ctx.viewer, input),
    updateWorkflow: (_p, { input }, ctx) => wf.updateWorkflow(ctx.deps, ctx.em, input),
    activateWorkflow: (_p, { id }, ctx) => wf.setWorkflowStatus(ctx.deps, ctx.em, id, 'ACTIVE'),
    pauseWorkflow: (_p, { id }, ctx) => wf.setWorkflowStatus(ctx.deps, ctx.em, id, 'PAUSED'),
    archiveWorkflow: (_p, { id }, ctx) => wf.setWorkflowStatus(ctx.deps, ctx.em, id, 'ARCHIVED'),
    deleteWorkflow: (_p, { id }, ctx) => wf.deleteWorkflow(ctx.em, id),
    enrolInWorkflow: (_p, { input }, ctx) => wf.enrolContacts(ctx.deps, ctx.em, ctx.viewer, input, ctx.deps.log),
    removeWorkflowEnrolment: (_p, { id }, ctx) => wf.removeEnrolment(ctx.deps, ctx.em, id, ctx.deps.log),
    retryWorkflowEnrolment: (_p, { id }, ctx) => wf.retryEnrolment(ctx.deps, ctx.em, id, ctx.deps.log),
    createSequence: (_p, { input }, ctx) => seq.createSequence(ctx.em, ctx.viewer, input),
    updateSequence: (_p, { input }, ctx) => seq.updateSequence(ctx.em, input),
    deleteSequence: (_p, { id }, ctx) => seq.deleteSequence(ctx.em, id),
    enrolInSequence: (_p, { input }, ctx) => seq.enrolInSequence(ctx.deps, ctx.em, input),
    unenrolFromSequence: (_p, { input }, ctx) => seq.unenrolFromSequence(ctx.em, input),
  },
  Workflow: {
    __resolveReference: (ref, ctx) => ctx.em.findOne(Workflow, { id: ref.id }),
    trigger: (w) => ({
      ...w.trigger,
      conditions: w.trigger.conditions ?? null,
      fields: w.trigger.fields ?? null,
      lifecycleStage: w.trigger.lifecycleStage ?? null,
      tag: w.trigger.tag ?? null,
      formId: w.trigger.formId ?? null,
      pipelineId: w.trigger.pipelineId ?? null,
      stageId: w.trigger.stageId ?? null,
      segmentId: w.trigger.segmentId ?? null,
      dateField: w.trigger.dateField ?? null,
      days: w.trigger.days ?? null,
    }),
    goal: (w) => w.goal ?? null,
    description: (w) => w.description ?? null,
    ownerId: (w) => w.ownerId ?? null,
    totals: (w, _a, ctx) => wf.workflowTotals(ctx.em, w.id),
    stepCounts: (w, _a, ctx) => wf.stepCounts(ctx.em, w),
    enrolments: (w, args, ctx) => wf.listEnrolments(ctx.em, w.id, args),
  },
  WorkflowEnrolment: {
    __resolveReference: (ref, ctx) => ctx.em.findOne(WorkflowEnrolment, { id: ref.id }),
    workflow: async (e, _a, ctx) => {
      const w = await ctx.em.findOne(Workflow, { id: e.workflowId }, { filters: false });
      if (!w) throw notFound('Workflow', e.workflowId);
      return w;
    },
    contact: (e) => ({ id: e.contactId, member: null }),
    stepId: (e) => e.stepId ?? null,
    nextRunAt: (e) => e.nextRunAt ?? null,
    waitingFor: (e) => e.waitingFor ?? null,
    lastError: (e) => e.lastError ?? null,
    finishedAt: (e) => e.finishedAt ?? null,
    history: (e, _a, ctx) => wf.stepRunsOf(ctx.em, e.id),
  },
  WorkflowStepRun: {
    outcome: (r) => r.outcome ?? null,
    error: (r) => r.error ?? null,
    finishedAt: (r) => r.finishedAt ?? null,
  },
  Sequence: {
    __resolveReference: (ref, ctx) => ctx.em.findOne(Sequence, { id: ref.id }),
    steps: (s) =>
      s.steps.map((st) => ({ ...st, subject: st.subject ?? null, body: st.body ?? null, title: st.title ?? null })),
    ownerId: (s) => s.ownerId ?? null,
    stats: (s, _a, ctx) => seq.sequenceStats(ctx.em, s.id),
    enrolments: (s, args, ctx) =>
      findConnection(
        ctx.em,
        SequenceEnrolment,
        { sequenceId: s.id, ...(args.filter?.status ? { status: args.filter.status } : {}) },
        args,
        [{ createdAt: 'desc' }, { id: 'desc' }],
      ),
  },
  SequenceEnrolment: {
    sequence: async (e, _a, ctx) => {
      const s = await ctx.em.findOne(Sequence, { id: e.sequenceId }, { filters: false });
      if (!s) throw notFound('Sequence', e.sequenceId);
      return s;
    },
    contact: (e) => ({ id: e.contactId, member: null }),
    nextRunAt: (e) => e.nextRunAt ?? null,
    lastError: (e) => e.lastError ?? null,
    repliedAt: (e) => e.repliedAt ?? null,
    finishedAt: (e) => e.finishedAt ?? null,
  },
};

/** Contact fields automation adds. */
export const automationContactFields = {
  workflowEnrolments: (
    contact: { id: string },
    args: Parameters<typeof findConnection>[3],
    ctx: { em: Parameters<typeof findConnection>[0] },
  ) =>
    findConnection(ctx.em, WorkflowEnrolment, { contactId: contact.id }, args, [{ createdAt: 'desc' }, { id: 'desc' }]),
  sequenceEnrolments: (
    contact: { id: string },
    args: Parameters<typeof findConnection>[3],
    ctx: { em: Parameters<typeof findConnection>[0] },
  ) =>
    findConnection(ctx.em, SequenceEnrolment, { contactId: contact.id }, args, [{ createdAt: 'desc' }, { id: 'desc' }]),
};
