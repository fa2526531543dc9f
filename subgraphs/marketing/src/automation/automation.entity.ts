import { defineEntity, p } from '@mikro-orm/core';
import { idProperty, softDeleteFilter, softDeleteProperty, timestampProperties } from '@nexus/platform';
import type { Goal, StepDefinition, Trigger } from './definition.ts';
import type { SendWindow, SequenceStep } from './sequence-definition.ts';

export const WORKFLOW_STATUSES = ['DRAFT', 'ACTIVE', 'PAUSED', 'ARCHIVED'] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];
export const REENROLMENT_RULES = ['NEVER', 'AFTER_EXIT', 'ALWAYS'] as const;
export type ReenrolmentRule = (typeof REENROLMENT_RULES)[number];
export const ENROLMENT_STATUSES = ['ACTIVE', 'COMPLETED', 'GOAL_MET', 'FAILED', 'PAUSED', 'REMOVED'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];
export const STEP_RUN_STATUSES = ['SUCCEEDED', 'SKIPPED', 'WAITING', 'RETRYING', 'FAILED'] as const;
export type StepRunStatus = (typeof STEP_RUN_STATUSES)[number];

/**
 * A workflow: a trigger and a tree of steps. `definition` is what the builder edits; activation (and
 * every later change while active) freezes it as a new version, and each enrolment runs the version
 * it started with.
 */
export const WorkflowSchema = defineEntity({
  name: 'Workflow',
  tableName: 'workflow',
  filters: softDeleteFilter,
  indexes: [
    {
      // Every trigger asks for the active workflows of its type.
      name: 'workflow_trigger_type_index',
      expression: `create index "workflow_trigger_type_index" on "workflow" (("trigger"->>'type')) where "status" = 'ACTIVE'`,
    },
  ],
  properties: {
    id: idProperty(),
    name: p.string().length(120),
    description: p.string().length(1000).nullable(),
    status: p.enum(WORKFLOW_STATUSES).nativeEnumName('mk_workflow_status').default('DRAFT'),
    trigger: p.json<Trigger>(),
    steps: p.json<StepDefinition[]>().default('[]'),
    goal: p.json<Goal>().nullable(),
    reenrolment: p.enum(REENROLMENT_RULES).nativeEnumName('mk_reenrolment_rule').default('NEVER'),
    /** The version new enrolments run (0 until first activated). */
    version: p.integer().default(0),
    ownerId: p.uuid().nullable(),
    ...timestampProperties(),
    ...softDeleteProperty(),
  },
});
export class Workflow extends WorkflowSchema.class {}
WorkflowSchema.setClass(Workflow);

/** A frozen definition: enrolments keep running the one they started with. */
export const WorkflowVersionSchema = defineEntity({
  name: 'WorkflowVersion',
  tableName: 'workflow_version',
  uniques: [{ properties: ['workflowId', 'version'] }],
  properties: {
    id: idProperty(),
    workflowId: p.uuid(),
    version: p.integer(),
    trigger: p.json<Trigger>(),
    steps: p.json<StepDefinition[]>(),
    goal: p.json<Goal>().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class WorkflowVersion extends WorkflowVersionSchema.class {}
WorkflowVersionSchema.setClass(WorkflowVersion);

/**
 * One contact's way through one workflow. `seq` counts the steps it has taken: a step's job names
 * the `seq` it was queued for, so a repeated or late job finds the enrolment moved on and does
 * nothing. `nextRunAt` is when its current step is due (a wait's end, a retry's).
 */
export const WorkflowEnrolmentSchema = defineEntity({
  name: 'WorkflowEnrolment',
  tableName: 'workflow_enrolment',
  uniques: [{ name: 'workflow_enrolment_trigger_unique', properties: ['workflowId', 'triggerKey'] }],
  indexes: [
    { properties: ['workflowId', 'createdAt'] },
    { properties: ['contactId'] },
    {
      name: 'workflow_enrolment_due',
      expression: `create index "workflow_enrolment_due" on "workflow_enrolment" ("next_run_at") where "status" = 'ACTIVE'`,
    },
  ],
  properties: {
    id: idProperty(),
    workflowId: p.uuid(),
    version: p.integer(),
    contactId: p.uuid(),
    status: p.enum(ENROLMENT_STATUSES).nativeEnumName('mk_enrolment_status').default('ACTIVE'),
    /** The step to run next; null once finished. */
    stepId: p.string().length(40).nullable(),
    seq: p.integer().default(0),
    nextRunAt: p.datetime().nullable(),
    /** Failed attempts of the current step. */
    attempts: p.integer().default(0),
    lastError: p.string().length(1000).nullable(),
    /** What enrolled it (`manual:...`, a trigger's dedupe key): a second delivery enrols nobody twice. */
    triggerKey: p.string().length(200),
    triggerType: p.string().length(40),
    /** A wait for an event: the event it waits for (cleared when it comes or times out). */
    waitingFor: p.string().length(40).nullable(),
    leaseUntil: p.datetime().nullable(),
    leaseToken: p.uuid().nullable(),
    finishedAt: p.datetime().nullable(),
    ...timestampProperties(),
  },
});
export class WorkflowEnrolment extends WorkflowEnrolmentSchema.class {}
WorkflowEnrolmentSchema.setClass(WorkflowEnrolment);

/** One step taken (or being retried) by one enrolment: the execution history. Unique per (enrolment, seq). */
export const WorkflowStepRunSchema = defineEntity({
  name: 'WorkflowStepRun',
  tableName: 'workflow_step_run',
  uniques: [{ name: 'workflow_step_run_seq_unique', properties: ['enrolmentId', 'seq'] }],
  indexes: [{ properties: ['workflowId', 'stepId', 'status'] }],
  properties: {
    id: idProperty(),
    enrolmentId: p.uuid(),
    workflowId: p.uuid(),
    seq: p.integer(),
    stepId: p.string().length(40),
    stepType: p.string().length(40),
    status: p.enum(STEP_RUN_STATUSES).nativeEnumName('mk_step_run_status'),
    /** `yes`/`no` for a branch, the path of a split, the response status of a webhook, ... */
    outcome: p.string().length(200).nullable(),
    error: p.string().length(1000).nullable(),
    attempts: p.integer().default(1),
    startedAt: p.datetime(),
    finishedAt: p.datetime().nullable(),
  },
});
export class WorkflowStepRun extends WorkflowStepRunSchema.class {}
WorkflowStepRunSchema.setClass(WorkflowStepRun);

export const SEQUENCE_STATUSES = ['DRAFT', 'ACTIVE', 'PAUSED', 'ARCHIVED'] as const;
export type SequenceStatus = (typeof SEQUENCE_STATUSES)[number];
export const SEQUENCE_ENROLMENT_STATUSES = [
  'ACTIVE',
  'COMPLETED',
  'REPLIED',
  'CONVERTED',
  'REMOVED',
  'UNSUBSCRIBED',
  'BOUNCED',
  'FAILED',
] as const;
export type SequenceEnrolmentStatus = (typeof SEQUENCE_ENROLMENT_STATUSES)[number];

/** A drip sequence: ordered email and task steps with delays, sent inside a send window. */
export const SequenceSchema = defineEntity({
  name: 'Sequence',
  tableName: 'sequence',
  filters: softDeleteFilter,
  properties: {
    id: idProperty(),
    name: p.string().length(120),
    status: p.enum(SEQUENCE_STATUSES).nativeEnumName('mk_sequence_status').default('DRAFT'),
    steps: p.json<SequenceStep[]>().default('[]'),
    window: p.json<SendWindow>(),
    /** Reaching one of these lifecycle stages (or winning a deal) converts the contact: the sequence stops. */
    exitStages: p.array().default([]),
    ownerId: p.uuid().nullable(),
    ...timestampProperties(),
    ...softDeleteProperty(),
  },
});
export class Sequence extends SequenceSchema.class {}
SequenceSchema.setClass(Sequence);

/** One contact in one sequence; `replyToken` makes its emails' Reply-To address its own. */
export const SequenceEnrolmentSchema = defineEntity({
  name: 'SequenceEnrolment',
  tableName: 'sequence_enrolment',
  indexes: [
    { properties: ['sequenceId', 'status'] },
    { properties: ['contactId'] },
    {
      name: 'sequence_enrolment_one_active',
      expression: `create unique index "sequence_enrolment_one_active" on "sequence_enrolment" ("sequence_id", "contact_id") where "status" = 'ACTIVE'`,
    },
  ],
  properties: {
    id: idProperty(),
    sequenceId: p.uuid(),
    contactId: p.uuid(),
    status: p.enum(SEQUENCE_ENROLMENT_STATUSES).nativeEnumName('mk_sequence_enrolment_status').default('ACTIVE'),
    /** The step to run next (0-based). */
    stepIndex: p.integer().default(0),
    seq: p.integer().default(0),
    nextRunAt: p.datetime().nullable(),
    replyToken: p.string().length(40).unique(),
    /** `contact`, `segment:<id>` or `workflow:<id>`. */
    source: p.string().length(80),
    emailsSent: p.integer().default(0),
    lastError: p.string().length(1000).nullable(),
    leaseUntil: p.datetime().nullable(),
    leaseToken: p.uuid().nullable(),
    repliedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
    ...timestampProperties(),
  },
});
export class SequenceEnrolment extends SequenceEnrolmentSchema.class {}
SequenceEnrolmentSchema.setClass(SequenceEnrolment);

export const automationEntities = [
  WorkflowSchema,
  WorkflowVersionSchema,
  WorkflowEnrolmentSchema,
  WorkflowStepRunSchema,
  SequenceSchema,
  SequenceEnrolmentSchema,
];
