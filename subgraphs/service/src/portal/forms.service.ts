import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FilterQuery } from '@mikro-orm/core';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  SERVICES,
  badInput,
  conflict,
  findConnection,
  notFound,
  parseInput,
  runAs,
  upstreamUnavailable,
  zId,
  zLine,
  zText,
  type ClientScope,
  type ConnectionArgs,
  type FieldProblem,
  type GraphExecutor,
  type Viewer,
} from '@nexus/platform';
import {
  PRE_TRIP_FORM_KINDS,
  PRE_TRIP_QUESTION_TYPES,
  PreTripForm,
  PreTripResponse,
  WaiverAcceptance,
  type PreTripQuestion,
  type WaiverVersion,
} from './portal.entity.ts';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const field = (path: string, message: string) => badInput(`${path}: ${message}`, [{ path, message }]);
const throwIssues = (issues: FieldProblem[]) => {
  const first = issues[0];
  if (first)
    throw badInput(issues.length === 1 ? `${first.path}: ${first.message}` : 'Some fields are not valid.', issues);
};

const questionInput = z.object({
  type: z.enum(PRE_TRIP_QUESTION_TYPES, { message: 'is not a known question type' }),
  prompt: zLine(300).pipe(z.string().min(1, 'is required')),
  required: z.boolean().nullish(),
  choices: z
    .array(zLine(120).pipe(z.string().min(1, 'must not be empty')))
    .max(20, 'at most 20 choices')
    .nullish(),
});
const zDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'is not a real date');

const createInput = z.object({
  kind: z.enum(PRE_TRIP_FORM_KINDS, { message: 'is not a known kind' }).nullish(),
  title: zLine(200).pipe(z.string().min(1, 'is required')).nullish(),
  tripId: zLine(64).pipe(z.string().min(1, 'must not be empty')).nullish(),
  templateId: zId.nullish(),
  questions: z.array(questionInput).max(50, 'at most 50 questions').nullish(),
  text: zText(50_000).nullish(),
  dueOn: zDay.nullish(),
});

const updateInput = z.object({
  id: zId,
  title: zLine(200).pipe(z.string().min(1, 'is required')).nullish(),
  questions: z.array(questionInput).max(50, 'at most 50 questions').nullish(),
  text: zText(50_000).nullish(),
  dueOn: zDay.nullish(),
  active: z.boolean().nullish(),
});

type QuestionInput = z.infer<typeof questionInput>;

/** Questions as stored: keys `q1`, `q2`... in order; choices only on CHOICE questions, at least two. */
function buildQuestions(input: QuestionInput[], issues: FieldProblem[]): PreTripQuestion[] {
  return input.map((q, i) => {
    const choices = q.type === 'CHOICE' ? [...new Set(q.choices ?? [])] : [];
    if (q.type === 'CHOICE' && choices.length < 2)
      issues.push({
        path: `input.questions.${i}.choices`,
        message: 'a choice question needs at least two different choices',
      });
    return { key: `q${i + 1}`, type: q.type, prompt: q.prompt, required: q.required ?? true, choices };
  });
}

const versionOf = (text: string, version: number, at: Date): WaiverVersion => ({
  version,
  text,
  sha256: sha256(text),
  createdAt: at.toISOString(),
});

export const currentVersion = (f: PreTripForm): WaiverVersion | null => f.versions.at(-1) ?? null;

const TRIP = `query PortalFormTrip($id: ID!) { clientTrip(id: $id) { id name client { id } } }`;

/** The TT-API trip (read through travel as `service:service-desk`): its name and its client. */
async function tripOf(graph: GraphExecutor, tripId: string): Promise<{ name: string; clientId: string } | null> {
  let r: Awaited<ReturnType<typeof runAs>>;
  try {
    r = await runAs(graph, SERVICES.serviceDesk, { query: TRIP, variables: { id: tripId } }, `pre-trip-form:${tripId}`);
  } catch {
    throw upstreamUnavailable('travel', 'The trip could not be read from TT-API right now; try again shortly.');
  }
  if (!r.ok) {
    if (r.code === 'NOT_FOUND' || r.code === 'BAD_USER_INPUT') return null;
    throw upstreamUnavailable('travel', 'The trip could not be read from TT-API right now; try again shortly.');
  }
  const trip = (r.data as { clientTrip: { name: string; client: { id: string } | null } | null }).clientTrip;
  return trip?.client ? { name: trip.name, clientId: trip.client.id } : null;
}

/**
 * A questionnaire or waiver for a trip (its client's travellers see it in the portal), or a
 * template when no trip is given. From a template, its kind, title, questions and wording are copied
 * (what the input gives wins).
 */
export async function createPreTripForm(
  em: EntityManager,
  graph: GraphExecutor,
  viewer: Viewer,
  input: unknown,
  now: Date,
): Promise<PreTripForm> {
  const d = parseInput(createInput, input);
  const issues: FieldProblem[] = [];
  let template: PreTripForm | null = null;
  if (d.templateId) {
    template = await em.findOne(PreTripForm, { id: d.templateId, tripId: null });
    if (!template) issues.push({ path: 'input.templateId', message: 'is not a form template' });
  }
  const kind = d.kind ?? template?.kind;
  if (!kind) issues.push({ path: 'input.kind', message: 'is required (QUESTIONNAIRE or WAIVER)' });
  if (template && d.kind && d.kind !== template.kind)
    issues.push({ path: 'input.kind', message: `must match the template's kind (${template.kind})` });
  const title = d.title ?? template?.title;
  if (!title) issues.push({ path: 'input.title', message: 'is required' });
  const questions = d.questions ? buildQuestions(d.questions, issues) : (template?.questions ?? []);
  const text = d.text ?? (template ? currentVersion(template)?.text : null) ?? null;
  if (kind === 'QUESTIONNAIRE' && !questions.length)
    issues.push({ path: 'input.questions', message: 'a questionnaire needs at least one question' });
  if (kind === 'WAIVER' && !text) issues.push({ path: 'input.text', message: 'a waiver needs its wording' });
  if (kind === 'WAIVER' && d.questions?.length)
    issues.push({ path: 'input.questions', message: 'a waiver has no questions; travellers accept its wording' });
  throwIssues(issues);
  const trip = d.tripId ? await tripOf(graph, d.tripId) : null;
  if (d.tripId && !trip) throw field('input.tripId', 'is not a TT-API trip with a client');
  const form = em.create(PreTripForm, {
    kind: kind ?? 'QUESTIONNAIRE',
    title: title ?? '',
    tripId: d.tripId ?? null,
    ttClientId: trip?.clientId ?? null,
    tripName: trip?.name.slice(0, 300) ?? null,
    templateId: template?.id ?? null,
    questions: kind === 'QUESTIONNAIRE' ? questions : [],
    versions: kind === 'WAIVER' && text ? [versionOf(text, 1, now)] : [],
    dueOn: d.dueOn ?? null,
    active: true,
    createdById: viewer.kind === 'user' ? viewer.id : null,
    createdAt: now,
    updatedAt: now,
  });
  await em.flush();
  return form;
}

/**
 * Changes a form. A waiver's new wording becomes a new version: earlier acceptances keep the
 * version they accepted, and travellers are asked to accept the new one. A questionnaire's
 * questions change only until someone has answered.
 */
export async function updatePreTripForm(em: EntityManager, input: unknown, now: Date): Promise<PreTripForm> {
  const d = parseInput(updateInput, input);
  const form = await em.findOne(PreTripForm, { id: d.id });
  if (!form) throw notFound('PreTripForm', d.id);
  const issues: FieldProblem[] = [];
  if (d.questions && form.kind === 'WAIVER')
    issues.push({ path: 'input.questions', message: 'a waiver has no questions; travellers accept its wording' });
  if (d.text != null && form.kind === 'QUESTIONNAIRE')
    issues.push({ path: 'input.text', message: 'a questionnaire has no wording to accept' });
  if (d.text !== undefined && d.text !== null && !d.text)
    issues.push({ path: 'input.text', message: 'a waiver needs its wording' });
  const questions = d.questions ? buildQuestions(d.questions, issues) : null;
  if (questions && !questions.length)
    issues.push({ path: 'input.questions', message: 'a questionnaire needs at least one question' });
  throwIssues(issues);
  if (questions && (await em.count(PreTripResponse, { form: form.id })))
    throw conflict('Travellers have already answered this questionnaire; create a new one to ask different questions.');
  if (d.title) form.title = d.title;
  if (questions) form.questions = questions;
  if (d.dueOn !== undefined) form.dueOn = d.dueOn ?? null;
  if (d.active != null) form.active = d.active;
  const current = currentVersion(form);
  if (d.text && form.kind === 'WAIVER' && d.text !== current?.text)
    form.versions = [...form.versions, versionOf(d.text, (current?.version ?? 0) + 1, now)];
  form.updatedAt = now;
  await em.flush();
  return form;
}

export interface FormListArgs extends ConnectionArgs {
  filter?: {
    search?: string | null;
    tripId?: string | null;
    clientId?: string | null;
    templates?: boolean | null;
    kind?: (typeof PRE_TRIP_FORM_KINDS)[number] | null;
    active?: boolean | null;
  } | null;
}

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Forms newest first; templates only with `templates: true`, trip forms only with `false`. */
export function listPreTripForms(em: EntityManager, args: FormListArgs) {
  const f = args.filter ?? {};
  const where: FilterQuery<PreTripForm> = {};
  if (f.tripId) where.tripId = parseInput(zLine(64), f.tripId, 'filter.tripId');
  if (f.clientId) where.ttClientId = parseInput(zId, f.clientId, 'filter.clientId');
  if (f.templates === true) where.tripId = null;
  if (f.templates === false && !f.tripId) where.tripId = { $ne: null };
  if (f.kind) where.kind = f.kind;
  if (f.active != null) where.active = f.active;
  const search = f.search ? parseInput(zLine(200), f.search, 'filter.search') : '';
  if (search) where.$or = [{ title: { $ilike: like(search) } }, { tripName: { $ilike: like(search) } }];
  return findConnection(em, PreTripForm, where, args, [{ createdAt: 'desc' }, { id: 'desc' }]);
}

export const responsesOf = (em: EntityManager, formId: string, args: ConnectionArgs) =>
  findConnection(em, PreTripResponse, { form: formId }, args, [{ submittedAt: 'desc' }, { id: 'desc' }]);
export const acceptancesOf = (em: EntityManager, formId: string, args: ConnectionArgs) =>
  findConnection(em, WaiverAcceptance, { form: formId }, args, [{ acceptedAt: 'desc' }, { id: 'desc' }]);

/* ---------- the traveller's side ---------- */

/** The party's live forms (the traveller's client's trips), soonest due first, then newest. */
export function portalForms(
  em: EntityManager,
  scope: ClientScope,
  args: ConnectionArgs & { filter?: { tripId?: string | null } | null },
) {
  const where: FilterQuery<PreTripForm> = { ttClientId: scope.ttClientId, active: true };
  if (args.filter?.tripId) where.tripId = parseInput(zLine(64), args.filter.tripId, 'filter.tripId');
  return findConnection(em, PreTripForm, where, args, [{ createdAt: 'desc' }, { id: 'desc' }]);
}

/** A form of the traveller's party, or NOT_FOUND (as for an id that does not exist). */
export async function portalForm(
  em: EntityManager,
  scope: ClientScope,
  id: unknown,
  path = 'id',
): Promise<PreTripForm> {
  const formId = typeof id === 'string' && z.uuid().safeParse(id).success ? id : null;
  if (!formId) throw field(path, 'must be a valid id');
  const form = await em.findOne(PreTripForm, { id: formId, ttClientId: scope.ttClientId, active: true });
  if (!form) throw notFound('PreTripForm', formId);
  return form;
}

export const myResponse = (em: EntityManager, scope: ClientScope, form: PreTripForm) =>
  em.findOne(PreTripResponse, { form: form.id, ttTravelerId: scope.ttTravelerId });
export const myAcceptance = (em: EntityManager, scope: ClientScope, form: PreTripForm) =>
  em.findOne(WaiverAcceptance, { form: form.id, ttTravelerId: scope.ttTravelerId }, { orderBy: { version: 'desc' } });

const submitInput = z.object({
  formId: z.string(),
  answers: z.array(z.object({ key: zLine(20), value: zText(5000) })).max(50, 'at most 50 answers'),
});

/** Checks each answer against its question; every problem names `input.answers.<key>`. */
function checkAnswers(form: PreTripForm, given: { key: string; value: string }[]): Record<string, string> {
  const issues: FieldProblem[] = [];
  const byKey = new Map(given.map((a) => [a.key, a.value]));
  for (const key of byKey.keys())
    if (!form.questions.some((q) => q.key === key))
      issues.push({ path: `input.answers.${key}`, message: 'is not a question of this form' });
  const answers: Record<string, string> = {};
  for (const q of form.questions) {
    const value = (byKey.get(q.key) ?? '').trim();
    const at = `input.answers.${q.key}`;
    if (!value) {
      if (q.required) issues.push({ path: at, message: `is required (${q.prompt})` });
      continue;
    }
    if (q.type === 'TEXT' && value.length > 500) issues.push({ path: at, message: 'must be at most 500 characters' });
    if (q.type === 'TEXT' && /[\n\r]/.test(value)) issues.push({ path: at, message: 'must be a single line' });
    if (q.type === 'YES_NO' && value !== 'YES' && value !== 'NO')
      issues.push({ path: at, message: 'must be YES or NO' });
    if (q.type === 'CHOICE' && !q.choices.includes(value))
      issues.push({ path: at, message: `must be one of: ${q.choices.join(', ')}` });
    if (q.type === 'DATE' && !zDay.safeParse(value).success)
      issues.push({ path: at, message: 'must be a real date, YYYY-MM-DD' });
    answers[q.key] = value;
  }
  throwIssues(issues);
  return answers;
}

/** Records (or replaces) the traveller's answers to a questionnaire of their party. */
export async function submitQuestionnaire(
  em: EntityManager,
  scope: ClientScope,
  input: unknown,
  now: Date,
): Promise<PreTripForm> {
  const d = parseInput(submitInput, input);
  const form = await portalForm(em, scope, d.formId, 'input.formId');
  if (form.kind !== 'QUESTIONNAIRE') throw field('input.formId', 'is a waiver; accept it instead');
  const answers = checkAnswers(form, d.answers);
  const existing = await myResponse(em, scope, form);
  if (existing) {
    existing.answers = answers;
    existing.accountId = scope.accountId;
    existing.updatedAt = now;
  } else
    em.create(PreTripResponse, {
      form,
      ttClientId: scope.ttClientId,
      ttTravelerId: scope.ttTravelerId,
      accountId: scope.accountId,
      answers,
      submittedAt: now,
      updatedAt: now,
    });
  try {
    await em.flush();
  } catch (e) {
    // Sent twice at once: the later answers replace the first, as a resend does.
    if (!(e instanceof UniqueConstraintViolationException)) throw e;
    em.clear();
    const fresh = await portalForm(em, scope, form.id, 'input.formId');
    const first = await myResponse(em, scope, fresh);
    if (!first) throw e;
    first.answers = answers;
    first.accountId = scope.accountId;
    first.updatedAt = now;
    await em.flush();
    return fresh;
  }
  return form;
}

const acceptInput = z.object({
  formId: z.string(),
  version: z.number().int().min(1, 'must be at least 1'),
  fullName: zLine(200).pipe(z.string().min(2, 'type your full name')),
  agree: z.literal(true, { message: 'must be true: tick that you have read and accept the terms' }),
});

/**
 * Records that the traveller accepted the wording they read (its version): who, when, the exact
 * text's SHA-256, their address and browser. Once per traveller and version: accepting the same
 * version again records nothing more. A version that is no longer current is refused, so nobody
 * accepts wording they were not shown.
 */
export async function acceptWaiver(
  em: EntityManager,
  scope: ClientScope,
  input: unknown,
  origin: { ip: string; userAgent: string },
  now: Date,
): Promise<PreTripForm> {
  const d = parseInput(acceptInput, input);
  const form = await portalForm(em, scope, d.formId, 'input.formId');
  if (form.kind !== 'WAIVER') throw field('input.formId', 'is a questionnaire; answer it instead');
  const current = currentVersion(form);
  if (!current || current.version !== d.version)
    throw conflict(
      `The wording has changed since you opened it (now version ${current?.version ?? 0}); read it again before accepting.`,
      {
        fields: [{ path: 'input.version', message: 'is not the current version' }],
      },
    );
  const already = await em.count(WaiverAcceptance, {
    form: form.id,
    ttTravelerId: scope.ttTravelerId,
    version: current.version,
  });
  if (already) return form;
  em.create(WaiverAcceptance, {
    form,
    version: current.version,
    textSha256: current.sha256,
    ttClientId: scope.ttClientId,
    ttTravelerId: scope.ttTravelerId,
    accountId: scope.accountId,
    fullName: d.fullName,
    ip: origin.ip,
    userAgent: origin.userAgent,
    acceptedAt: now,
  });
  try {
    await em.flush();
  } catch (e) {
    // Two taps at once: the first is the record, and this unit of work is dropped.
    if (!(e instanceof UniqueConstraintViolationException)) throw e;
    em.clear();
    return portalForm(em, scope, form.id, 'input.formId');
  }
  return form;
}
