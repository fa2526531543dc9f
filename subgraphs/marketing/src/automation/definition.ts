import { z } from 'zod';
import { badInput, type FieldProblem } from '@nexus/platform';
import type { AutomationTriggerType } from '@nexus/platform';

/**
 * What a workflow is made of, and every rule a definition must pass before anything is written: a
 * trigger, a flat list of steps that point at each other (the first step is where an enrolment
 * starts), and an optional goal. The graph must be a tree without cycles; a branch needs both paths;
 * a wait lasts more than nothing and at most a year (yearly repeats use an anniversary trigger);
 * a webhook's URL is https and public (unless allow-listed).
 */

export const TRIGGER_TYPES = [
  'CONTACT_CREATED',
  'CONTACT_UPDATED',
  'LIFECYCLE_STAGE_REACHED',
  'TAG_ADDED',
  'FORM_SUBMITTED',
  'DEAL_STAGE_CHANGED',
  'DEAL_WON',
  'DEAL_LOST',
  'SEGMENT_JOINED',
  'SEGMENT_LEFT',
  'MANUAL',
  'DATE_REACHED',
  'ANNIVERSARY',
  'BEFORE_DEPARTURE',
  'AFTER_RETURN',
] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number];
/** Triggers that arrive on the automation queue (the others are manual or found by the daily date scan). */
export const QUEUED_TRIGGERS: readonly AutomationTriggerType[] = TRIGGER_TYPES.filter(
  (t): t is AutomationTriggerType & TriggerType =>
    !['MANUAL', 'DATE_REACHED', 'ANNIVERSARY', 'BEFORE_DEPARTURE', 'AFTER_RETURN'].includes(t),
);

export const CONDITION_SOURCES = ['CONTACT', 'ENGAGEMENT', 'TRIP'] as const;
export const CONDITION_OPS = [
  'EQ',
  'NEQ',
  'GT',
  'GTE',
  'LT',
  'LTE',
  'CONTAINS',
  'NOT_CONTAINS',
  'EXISTS',
  'NOT_EXISTS',
] as const;
export const CONTACT_FIELDS = [
  'lifecycleStage',
  'leadStatus',
  'source',
  'score',
  'tags',
  'email',
  'timezone',
  'companyType',
  'companyTier',
  'destinations',
] as const;
export const ENGAGEMENT_FIELDS = ['opens', 'clicks', 'sends', 'emailStatus'] as const;
export const TRIP_FIELDS = ['travelling', 'hasUpcomingTrip', 'nextDestination', 'tripCount'] as const;

const fieldOk = (c: { source: string; field: string }) =>
  c.source === 'CONTACT'
    ? (CONTACT_FIELDS as readonly string[]).includes(c.field) || /^custom\.[A-Za-z0-9_]{1,60}$/.test(c.field)
    : c.source === 'ENGAGEMENT'
      ? (ENGAGEMENT_FIELDS as readonly string[]).includes(c.field)
      : (TRIP_FIELDS as readonly string[]).includes(c.field);

export const conditionSchema = z
  .object({
    source: z.enum(CONDITION_SOURCES),
    field: z.string().min(1).max(80),
    op: z.enum(CONDITION_OPS),
    value: z.union([z.string().max(500), z.number(), z.boolean(), z.null()]).optional(),
  })
  .refine(fieldOk, { message: 'is not a field of that source', path: ['field'] });
export type Condition = z.infer<typeof conditionSchema>;

export const conditionsSchema = z.object({
  match: z.enum(['ALL', 'ANY']).default('ALL'),
  conditions: z.array(conditionSchema).min(1, { message: 'needs at least one condition' }).max(20),
});
export type Conditions = z.infer<typeof conditionsSchema>;

export const triggerSchema = z.object({
  type: z.enum(TRIGGER_TYPES),
  /** Only contacts matching these (read from the audience projection when the trigger arrives). */
  conditions: conditionsSchema.nullish(),
  /** CONTACT_UPDATED: only when one of these fields changed. */
  fields: z.array(z.string().min(1).max(60)).max(20).nullish(),
  lifecycleStage: z.string().min(1).max(40).nullish(),
  tag: z.string().min(1).max(50).nullish(),
  formId: z.uuid({ message: 'must be a valid id' }).nullish(),
  pipelineId: z.uuid({ message: 'must be a valid id' }).nullish(),
  stageId: z.uuid({ message: 'must be a valid id' }).nullish(),
  segmentId: z.uuid({ message: 'must be a valid id' }).nullish(),
  /** DATE_REACHED / ANNIVERSARY: the custom field holding the date (`YYYY-MM-DD`). */
  dateField: z
    .string()
    .regex(/^[A-Za-z0-9_]{1,60}$/, { message: 'must be a custom field name' })
    .nullish(),
  /** BEFORE_DEPARTURE / AFTER_RETURN: how many days. */
  days: z.number().int().min(0).max(365).nullish(),
});
export type Trigger = z.infer<typeof triggerSchema>;

export const goalSchema = conditionsSchema;
export type Goal = Conditions;

export const STEP_TYPES = [
  'SEND_EMAIL',
  'UPDATE_PROPERTY',
  'ADD_TO_SEGMENT',
  'WAIT',
  'BRANCH',
  'RANDOM_SPLIT',
  'CALL_WEBHOOK',
  'CREATE_TASK',
  'NOTIFY_USER',
  'ENROL_IN_SEQUENCE',
] as const;
export type StepType = (typeof STEP_TYPES)[number];
export const WAIT_MODES = ['DURATION', 'UNTIL_DATE', 'UNTIL_WEEKDAY', 'UNTIL_EVENT'] as const;
export const MAX_WAIT_MINUTES = 365 * 24 * 60;

const id = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, { message: 'must be 1-40 letters, digits, - or _' });
const ref = id.nullish();
const uuid = z.uuid({ message: 'must be a valid id' });
const minutes = z
  .number()
  .int()
  .min(1, { message: 'must be more than zero' })
  .max(MAX_WAIT_MINUTES, { message: 'must be at most a year (use an anniversary trigger for yearly repeats)' });

const configs = {
  SEND_EMAIL: z
    .object({
      templateId: uuid.nullish(),
      subject: z.string().max(300).nullish(),
      body: z.string().max(50_000).nullish(),
    })
    .refine((c) => !!c.templateId || (!!c.subject?.trim() && !!c.body?.trim()), {
      message: 'needs a template or a subject and a body',
      path: ['templateId'],
    }),
  UPDATE_PROPERTY: z.object({
    field: z.enum(['lifecycleStage', 'leadStatus', 'addTag', 'removeTag', 'customField']),
    /** customField: its name. */
    name: z
      .string()
      .regex(/^[A-Za-z0-9_]{1,60}$/)
      .nullish(),
    value: z.union([z.string().max(500), z.number(), z.boolean(), z.null()]),
  }),
  ADD_TO_SEGMENT: z.object({ segmentId: uuid }),
  WAIT: z.object({
    mode: z.enum(WAIT_MODES),
    minutes: minutes.nullish(),
    /** UNTIL_DATE: an ISO time. */
    until: z.iso.datetime({ offset: true, message: 'must be an ISO date and time' }).nullish(),
    /** UNTIL_WEEKDAY: 1 (Monday) to 7, and `HH:MM` in the contact's time zone. */
    weekday: z.number().int().min(1).max(7).nullish(),
    time: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be HH:MM' })
      .nullish(),
    /** UNTIL_EVENT: a trigger type that ends the wait (for this contact); `minutes` is the timeout. */
    event: z.enum(TRIGGER_TYPES).nullish(),
  }),
  BRANCH: conditionsSchema,
  RANDOM_SPLIT: z.object({}),
  CALL_WEBHOOK: z.object({
    url: z.string().min(1).max(2000),
    /** Extra JSON merged into the body (the contact id, workflow and step are always there). */
    payload: z.record(z.string(), z.unknown()).nullish(),
  }),
  CREATE_TASK: z.object({
    title: z.string().trim().min(1, { message: 'is required' }).max(300),
    description: z.string().max(5000).nullish(),
    dueInDays: z.number().int().min(0).max(365).nullish(),
    /** A staff member's id; null: the contact's owner. */
    assigneeId: uuid.nullish(),
  }),
  NOTIFY_USER: z.object({
    /** A staff member's id; null: the contact's owner. */
    userId: uuid.nullish(),
    title: z.string().trim().min(1, { message: 'is required' }).max(200),
    body: z.string().max(2000).nullish(),
  }),
  ENROL_IN_SEQUENCE: z.object({ sequenceId: uuid }),
} satisfies Record<StepType, z.ZodType>;

export const stepSchema = z.object({
  id,
  type: z.enum(STEP_TYPES),
  /** A label shown in the builder and the history. */
  name: z.string().max(120).nullish(),
  config: z.record(z.string(), z.unknown()).default({}),
  /** The step after this one (null: the enrolment completes). */
  next: ref,
  /** BRANCH: where a match goes and where the rest go (both required). */
  yes: ref,
  no: ref,
  /** RANDOM_SPLIT: percentages adding up to 100, each to a step. */
  paths: z
    .array(z.object({ percent: z.number().int().min(1).max(99), next: ref }))
    .max(5)
    .nullish(),
  /** WAIT UNTIL_EVENT: where the enrolment goes when the event did not come in time (null: the same as `next`). */
  timeoutNext: ref,
});
export type StepDefinition = z.infer<typeof stepSchema> & { config: Record<string, unknown> };

/** Whether a URL may be called by a webhook step; the reason otherwise (the address is checked again at connect time). */
export type UrlCheck = (url: string) => string | null;

/**
 * Checks a definition and returns it normalised; throws BAD_USER_INPUT naming every problem's field
 * (`input.steps.2.yes`). Nothing is written by the caller when this throws.
 */
export function checkSteps(raw: unknown, urlProblem: UrlCheck, root = 'input.steps'): StepDefinition[] {
  const list = z.array(stepSchema).max(100, { message: 'at most 100 steps' }).safeParse(raw);
  if (!list.success) throw badInput('The workflow steps are not valid.', issues(list.error, root));
  const steps = list.data as StepDefinition[];
  const problems: FieldProblem[] = [];
  const byId = new Map<string, number>();
  steps.forEach((s, i) => {
    if (byId.has(s.id)) problems.push({ path: `${root}.${i}.id`, message: 'is used by another step' });
    byId.set(s.id, i);
  });
  steps.forEach((s, i) => {
    const at = `${root}.${i}`;
    const config = configs[s.type].safeParse(s.config);
    if (!config.success) problems.push(...issues(config.error, `${at}.config`));
    else s.config = config.data as Record<string, unknown>;
    const known = (target: string | null | undefined, field: string) => {
      if (target && !byId.has(target)) problems.push({ path: `${at}.${field}`, message: `names no step (${target})` });
    };
    known(s.next, 'next');
    known(s.timeoutNext, 'timeoutNext');
    if (s.type === 'BRANCH') {
      if (!s.yes) problems.push({ path: `${at}.yes`, message: 'a branch needs its yes path' });
      if (!s.no) problems.push({ path: `${at}.no`, message: 'a branch needs its no path' });
      known(s.yes, 'yes');
      known(s.no, 'no');
    }
    if (s.type === 'RANDOM_SPLIT') {
      const paths = s.paths ?? [];
      if (paths.length < 2) problems.push({ path: `${at}.paths`, message: 'a split needs at least two paths' });
      if (paths.reduce((n, p) => n + p.percent, 0) !== 100)
        problems.push({ path: `${at}.paths`, message: 'percentages must add up to 100' });
      paths.forEach((p, k) => known(p.next, `paths.${k}.next`));
    }
    if (s.type === 'WAIT' && config.success) problems.push(...waitProblems(s.config, `${at}.config`));
    if (s.type === 'CALL_WEBHOOK' && config.success) {
      const problem = urlProblem(String(s.config.url));
      if (problem) problems.push({ path: `${at}.config.url`, message: problem });
    }
  });
  if (!problems.length) problems.push(...graphProblems(steps, byId, root));
  if (problems.length)
    throw badInput(`The workflow is not valid: ${problems[0]?.path} ${problems[0]?.message}.`, problems);
  return steps;
}

function waitProblems(c: Record<string, unknown>, at: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (c.mode === 'DURATION' && c.minutes == null) out.push({ path: `${at}.minutes`, message: 'is required' });
  if (c.mode === 'UNTIL_EVENT' && !c.event) out.push({ path: `${at}.event`, message: 'is required' });
  if (c.mode === 'UNTIL_EVENT' && c.minutes == null)
    out.push({ path: `${at}.minutes`, message: 'is required (the timeout)' });
  if (c.mode === 'UNTIL_WEEKDAY' && (c.weekday == null || !c.time))
    out.push({ path: `${at}.weekday`, message: 'a weekday and a time are required' });
  if (c.mode === 'UNTIL_DATE') {
    if (!c.until) out.push({ path: `${at}.until`, message: 'is required' });
    else if (Date.parse(String(c.until)) - Date.now() > MAX_WAIT_MINUTES * 60_000)
      out.push({ path: `${at}.until`, message: 'must be within a year' });
  }
  return out;
}

/** Every step reachable from the first; no step reached twice (cycles and merges). */
function graphProblems(steps: StepDefinition[], byId: Map<string, number>, root: string): FieldProblem[] {
  if (!steps.length) return [{ path: root, message: 'needs at least one step' }];
  const out: FieldProblem[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (sid: string, from: string): void => {
    const i = byId.get(sid) ?? -1;
    const s = steps[i];
    if (!s) return;
    const seen = state.get(sid);
    if (seen === 'open') {
      out.push({ path: `${root}.${i}.id`, message: `is reached again from ${from}: a workflow cannot loop` });
      return;
    }
    if (seen === 'done') {
      out.push({ path: `${root}.${i}.id`, message: `is reached from two places (${from}): each step has one way in` });
      return;
    }
    state.set(sid, 'open');
    for (const t of successors(s)) visit(t, s.id);
    state.set(sid, 'done');
  };
  visit(steps[0]?.id ?? '', 'the start');
  steps.forEach((s, i) => {
    if (!state.has(s.id) && !out.length)
      out.push({ path: `${root}.${i}.id`, message: 'cannot be reached from the first step' });
  });
  return out;
}

export const successors = (s: StepDefinition): string[] =>
  [
    ...(s.type === 'BRANCH' ? [s.yes, s.no] : []),
    ...(s.type === 'RANDOM_SPLIT' ? (s.paths ?? []).map((p) => p.next) : [s.next]),
    ...(s.type === 'WAIT' ? [s.timeoutNext] : []),
  ].filter((x): x is string => !!x);

const issues = (error: z.ZodError, root: string): FieldProblem[] =>
  error.issues.map((i) => ({ path: [root, ...i.path.map(String)].join('.'), message: i.message }));

export function checkTrigger(raw: unknown, root = 'input.trigger'): Trigger {
  const r = triggerSchema.safeParse(raw);
  if (!r.success) throw badInput('The workflow trigger is not valid.', issues(r.error, root));
  const t = r.data;
  const need = (field: keyof Trigger, when: boolean) => {
    if (when && (t[field] === undefined || t[field] === null))
      throw badInput(`A ${t.type} trigger needs ${field}.`, [{ path: `${root}.${field}`, message: 'is required' }]);
  };
  need('lifecycleStage', t.type === 'LIFECYCLE_STAGE_REACHED');
  need('tag', t.type === 'TAG_ADDED');
  need('segmentId', t.type === 'SEGMENT_JOINED' || t.type === 'SEGMENT_LEFT');
  need('dateField', t.type === 'DATE_REACHED' || t.type === 'ANNIVERSARY');
  need('days', t.type === 'BEFORE_DEPARTURE' || t.type === 'AFTER_RETURN');
  return t;
}

export function checkGoal(raw: unknown, root = 'input.goal'): Goal | null {
  if (raw === null || raw === undefined) return null;
  const r = goalSchema.safeParse(raw);
  if (!r.success) throw badInput('The workflow goal is not valid.', issues(r.error, root));
  if (r.data.conditions.some((c) => c.source === 'TRIP'))
    throw badInput('A goal reads contact and engagement fields only.', [
      { path: `${root}.conditions`, message: 'cannot use trip data' },
    ]);
  return r.data;
}
