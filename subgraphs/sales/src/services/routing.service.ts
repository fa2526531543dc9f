import { z } from 'zod';
import { UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  SERVICES,
  badInput,
  findConnection,
  gatewayExecutor,
  notFound,
  parseInput,
  runAs,
  zEmail,
  zId,
  zLine,
  zText,
  type ConnectionArgs,
  type FieldProblem,
  type GraphExecutor,
  type Logger,
} from '@nexus/platform';
import { Availability, MeetingType, ROUTING_FIELDS, RoutingForm, type RoutingRule } from '../entities/index.ts';
import type { SalesEnv } from '../env.ts';
import { SLUG, zSlug } from './meetings.service.ts';
import { opt } from './validation.ts';

/* ---------- configuration ---------- */

const zChoice = zLine(100).pipe(z.string().min(1, { message: 'is required' }));
const zChoices = z.array(zChoice).max(100, { message: 'at most 100 choices' });
const zRule = z.object({
  field: z.enum(ROUTING_FIELDS),
  values: z.array(zChoice).min(1, { message: 'needs at least one value' }).max(100),
  hostId: zId,
});
const fields = {
  slug: zSlug,
  name: zLine(200).pipe(z.string().min(1, { message: 'is required' })),
  intro: opt(zText(2000)),
  meetingTypeId: zId,
  destinations: opt(zChoices),
  tripTypes: opt(zChoices),
  rules: opt(z.array(zRule).max(200, { message: 'at most 200 rules' })),
  routeKnownClients: opt(z.boolean()),
  fallbackHostId: zId.nullish(),
  active: opt(z.boolean()),
};
const createInput = z.object(fields);
const updateInput = z.object(fields).partial().extend({ id: zId });

function throwIssues(issues: FieldProblem[]) {
  const first = issues[0];
  if (!first) return;
  throw badInput(issues.length === 1 ? `${first.path}: ${first.message}` : 'Some fields are not valid.', issues);
}

const sameChoice = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' }) === 0;

/** Choices given twice (ignoring case) are refused, naming the second. */
function duplicateProblems(list: string[], path: string, issues: FieldProblem[]) {
  list.forEach((v, i) => {
    if (list.slice(0, i).some((w) => sameChoice(v, w)))
      issues.push({ path: `${path}.${i}`, message: `${v} is listed twice` });
  });
}

interface FormShape {
  meetingTypeId: string;
  destinations: string[];
  tripTypes: string[];
  rules: RoutingRule[];
  fallbackHostId: string | null;
}

/**
 * Checks a whole form: a one-person or round-robin meeting type, rules whose values are the form's
 * own choices and whose members host the type (and have set their hours), a fallback who hosts it.
 */
async function checkForm(em: EntityManager, f: FormShape, issues: FieldProblem[]) {
  const type = await em.findOne(MeetingType, { id: f.meetingTypeId });
  if (!type) {
    issues.push({ path: 'input.meetingTypeId', message: 'is not a meeting type' });
    return;
  }
  if (type.kind === 'COLLECTIVE')
    issues.push({
      path: 'input.meetingTypeId',
      message: 'is a collective meeting (every host attends); route to a one-person or round-robin type',
    });
  duplicateProblems(f.destinations, 'input.destinations', issues);
  duplicateProblems(f.tripTypes, 'input.tripTypes', issues);
  const bookable = new Set((await em.find(Availability, { userId: { $in: type.hostIds } })).map((a) => a.userId));
  const hostProblem = (id: string) =>
    !type.hostIds.includes(id)
      ? `does not host ${type.name}`
      : !bookable.has(id)
        ? 'has not set their availability yet'
        : null;
  f.rules.forEach((r, i) => {
    const choices = r.field === 'DESTINATION' ? f.destinations : f.tripTypes;
    const listName = r.field === 'DESTINATION' ? 'destinations' : 'trip types';
    r.values.forEach((v, j) => {
      if (!choices.some((c) => sameChoice(c, v)))
        issues.push({ path: `input.rules.${i}.values.${j}`, message: `${v} is not one of the form's ${listName}` });
    });
    const problem = hostProblem(r.hostId);
    if (problem) issues.push({ path: `input.rules.${i}.hostId`, message: problem });
  });
  if (f.fallbackHostId) {
    const problem = hostProblem(f.fallbackHostId);
    if (problem) issues.push({ path: 'input.fallbackHostId', message: problem });
  }
}

/** Values as the form lists them (the rule may differ in case). */
const canonical = (rules: RoutingRule[], destinations: string[], tripTypes: string[]): RoutingRule[] =>
  rules.map((r) => {
    const choices = r.field === 'DESTINATION' ? destinations : tripTypes;
    return { ...r, values: r.values.map((v) => choices.find((c) => sameChoice(c, v)) ?? v) };
  });

async function flushSlug(em: EntityManager) {
  try {
    await em.flush();
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException)
      throw badInput('input.slug: is taken', [{ path: 'input.slug', message: 'is taken' }]);
    throw e;
  }
}

export async function createRoutingForm(em: EntityManager, input: unknown): Promise<RoutingForm> {
  const d = parseInput(createInput, input);
  const shape: FormShape = {
    meetingTypeId: d.meetingTypeId,
    destinations: d.destinations ?? [],
    tripTypes: d.tripTypes ?? [],
    rules: d.rules ?? [],
    fallbackHostId: d.fallbackHostId ?? null,
  };
  const issues: FieldProblem[] = [];
  await checkForm(em, shape, issues);
  if (await em.count(RoutingForm, { slug: d.slug })) issues.push({ path: 'input.slug', message: 'is taken' });
  throwIssues(issues);
  const form = em.create(RoutingForm, {
    slug: d.slug,
    name: d.name,
    intro: d.intro ?? null,
    ...shape,
    rules: canonical(shape.rules, shape.destinations, shape.tripTypes),
    routeKnownClients: d.routeKnownClients ?? true,
    active: d.active ?? true,
  });
  await flushSlug(em);
  return form;
}

export async function updateRoutingForm(em: EntityManager, input: unknown): Promise<RoutingForm> {
  const d = parseInput(updateInput, input);
  const form = await em.findOne(RoutingForm, { id: d.id });
  if (!form) throw notFound('RoutingForm', d.id);
  const shape: FormShape = {
    meetingTypeId: d.meetingTypeId ?? form.meetingTypeId,
    destinations: d.destinations ?? form.destinations,
    tripTypes: d.tripTypes ?? form.tripTypes,
    rules: d.rules ?? form.rules,
    fallbackHostId: d.fallbackHostId === undefined ? (form.fallbackHostId ?? null) : d.fallbackHostId,
  };
  const issues: FieldProblem[] = [];
  await checkForm(em, shape, issues);
  if (d.slug && d.slug !== form.slug && (await em.count(RoutingForm, { slug: d.slug })))
    issues.push({ path: 'input.slug', message: 'is taken' });
  throwIssues(issues);
  em.assign(form, {
    ...(d.slug !== undefined ? { slug: d.slug } : {}),
    ...(d.name !== undefined ? { name: d.name } : {}),
    ...(d.intro !== undefined ? { intro: d.intro } : {}),
    ...(d.routeKnownClients !== undefined ? { routeKnownClients: d.routeKnownClients } : {}),
    ...(d.active !== undefined ? { active: d.active } : {}),
    ...shape,
    rules: canonical(shape.rules, shape.destinations, shape.tripTypes),
  });
  await flushSlug(em);
  return form;
}

export interface RoutingFormListArgs extends ConnectionArgs {
  active?: boolean | null;
}

export function listRoutingForms(em: EntityManager, args: RoutingFormListArgs) {
  const where: FilterQuery<RoutingForm> = {};
  if (args.active !== null && args.active !== undefined) where.active = args.active;
  return findConnection(em, RoutingForm, where, args, [{ name: 'asc' }, { id: 'asc' }]);
}

export async function routingFormBySlug(em: EntityManager, slug: string) {
  if (!SLUG.test(slug)) return null;
  return em.findOne(RoutingForm, { slug, active: true });
}

/* ---------- routing a visitor ---------- */

export type RoutingReason = 'OWN_ADVISOR' | 'DESTINATION' | 'TRIP_TYPE' | 'FALLBACK';

export interface Routed {
  reason: RoutingReason;
  /** The member chosen; null sends the visitor to the meeting type's own page. */
  hostId: string | null;
  type: MeetingType;
}

/** A visitor's answers on the public form (each optional but name and email). */
export const visitorAnswers = z.object({
  name: zLine(200).pipe(z.string().min(1, { message: 'is required' })),
  email: zEmail,
  destination: opt(zLine(100)),
  tripType: opt(zLine(100)),
});

/** Finds the owner of the crm contact with this email (null when none, or crm cannot say). */
export type OwnerLookup = (email: string) => Promise<string | null>;

const FIND_OWNER = `query SalesRoutingContact($search: String!) {
  contacts(first: 10, filter: { search: $search }) { nodes { email owner { id } } } }`;

/**
 * Asks crm, through the gateway as `service:sales-meetings`, who owns the contact with this email.
 * Routing never waits on crm for long nor fails because of it: an error or a slow answer means
 * "not a known client", and the log says why.
 */
export function crmOwnerLookup(o: { execute: GraphExecutor; log?: Logger }): OwnerLookup {
  return async (email) => {
    const wanted = email.toLowerCase();
    try {
      const found = await runAs(
        o.execute,
        SERVICES.salesMeetings,
        { query: FIND_OWNER, variables: { search: wanted } },
        `sales-routing:${Date.now().toString(36)}`,
      );
      if (!found.ok) {
        o.log?.warn({ code: found.code, message: found.message }, 'routing: crm did not answer; routing by the rules');
        return null;
      }
      const nodes =
        (found.data.contacts as { nodes: { email: string | null; owner: { id: string } | null }[] } | null)?.nodes ??
        [];
      return nodes.find((c) => c.email?.toLowerCase() === wanted)?.owner?.id ?? null;
    } catch (err) {
      o.log?.warn({ err }, 'routing: crm is unreachable; routing by the rules');
      return null;
    }
  };
}

/** How long routing waits for crm before treating the visitor as unknown. */
const CRM_LOOKUP_TIMEOUT_MS = 5_000;

/** The owner lookup of a running sales process (through its gateway). */
export const ownerLookupOf = (env: Pick<SalesEnv, 'GATEWAY_URL' | 'INTERNAL_TOKEN_SECRET'>, log?: Logger) =>
  crmOwnerLookup({
    execute: gatewayExecutor({
      gatewayUrl: env.GATEWAY_URL,
      secret: env.INTERNAL_TOKEN_SECRET,
      timeoutMs: CRM_LOOKUP_TIMEOUT_MS,
    }),
    log,
  });

/**
 * Where a visitor goes: their own advisor (a known client whose contact owner hosts the meeting
 * type and has hours), else the first rule matching their destination or trip type, else the
 * fallback member, else the meeting type's own page where any host may take them.
 */
export async function routeVisitor(
  em: EntityManager,
  form: RoutingForm,
  answers: { destination?: string | null; tripType?: string | null; email?: string | null },
  ownerOf: OwnerLookup,
): Promise<Routed> {
  const type = await em.findOne(MeetingType, { id: form.meetingTypeId });
  if (!type) throw notFound('MeetingType', form.meetingTypeId);
  const bookable = new Set((await em.find(Availability, { userId: { $in: type.hostIds } })).map((a) => a.userId));
  const hosts = (id: string | null | undefined): id is string => !!id && type.hostIds.includes(id) && bookable.has(id);
  if (form.routeKnownClients && answers.email) {
    const owner = await ownerOf(answers.email);
    if (hosts(owner)) return { reason: 'OWN_ADVISOR', hostId: owner, type };
  }
  for (const rule of form.rules) {
    const answer = rule.field === 'DESTINATION' ? answers.destination : answers.tripType;
    if (answer && rule.values.some((v) => sameChoice(v, answer)) && hosts(rule.hostId))
      return { reason: rule.field, hostId: rule.hostId, type };
  }
  return { reason: 'FALLBACK', hostId: hosts(form.fallbackHostId) ? form.fallbackHostId : null, type };
}

/** The booking page a routed visitor is sent to (a path under the public URL). */
export const routedPath = (r: Pick<Routed, 'hostId' | 'type'>) =>
  r.hostId ? `/meet/${r.hostId}/${r.type.slug}` : `/meet/${r.type.slug}`;

export const routingFormPath = (form: Pick<RoutingForm, 'slug'>) => `/meet/route/${form.slug}`;
