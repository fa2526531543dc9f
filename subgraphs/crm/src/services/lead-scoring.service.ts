import { LockMode, QueryOrder, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  QUEUES,
  WEBHOOK_EVENT_JOB,
  badInput,
  enqueue,
  notFound,
  parseInput,
  zId,
  zName,
  findConnection,
  type ConnectionArgs,
  zText,
  webhookEvent,
  type Logger,
} from '@nexus/platform';
import {
  Company,
  Contact,
  LEAD_SCORING_RULE_TYPES,
  LeadScoreChange,
  LeadScoringRule,
  SCORING_CATEGORIES,
  type LeadScoreTrigger,
} from '../entities/index.ts';
import { enumList } from './fields.ts';
import {
  activityWindowDays,
  checkRule,
  criteriaSchema,
  queueAllLeadScores,
  queueLeadScore,
  scoreOf,
  type ActivityFact,
  type ScoringRule,
} from './lead-scoring.ts';
import type { LeadScoringRuleConnectionSource } from './pages.ts';

const zPoints = z.number().int({ message: 'must be a whole number' }).min(-1000).max(1000);
const zDescription = zText(1000)
  .nullish()
  .transform((v) => (v === '' ? null : v));

const createInput = z
  .object({
    name: zName,
    description: zDescription,
    ruleType: z.enum(LEAD_SCORING_RULE_TYPES),
    category: z.enum(SCORING_CATEGORIES),
    criteria: criteriaSchema,
    points: zPoints,
    active: z.boolean().nullish(),
  })
  .superRefine((r, ctx) => checkRule(r.ruleType, r.criteria, r.points, ctx));

const updateInput = z.object({
  id: zId,
  name: zName.optional(),
  description: zDescription.optional(),
  category: z.enum(SCORING_CATEGORIES).optional(),
  criteria: criteriaSchema.optional(),
  points: zPoints.optional(),
  active: z.boolean().optional(),
});

const filterInput = z.object({
  ruleTypes: enumList(LEAD_SCORING_RULE_TYPES),
  categories: enumList(SCORING_CATEGORIES),
  active: z.boolean().nullish(),
});

export function listRules(
  em: EntityManager,
  args: ConnectionArgs & { filter?: unknown },
): Promise<LeadScoringRuleConnectionSource> {
  const f = parseInput(filterInput, args.filter ?? {}, 'filter');
  const w: FilterQuery<LeadScoringRule>[] = [];
  if (f.ruleTypes?.length) w.push({ ruleType: { $in: f.ruleTypes } });
  if (f.categories?.length) w.push({ category: { $in: f.categories } });
  if (f.active != null) w.push({ active: f.active });
  const where: FilterQuery<LeadScoringRule> = w.length ? { $and: w } : {};
  return findConnection(em, LeadScoringRule, where, args, [{ name: QueryOrder.ASC }, { id: QueryOrder.ASC }]);
}

export async function getRule(em: EntityManager, id: unknown): Promise<LeadScoringRule | null> {
  return em.findOne(LeadScoringRule, { id: parseInput(zId, id, 'id') });
}

/** Rule changes re-score everyone, in the background, in the same unit of work as the change. */
export async function createRule(em: EntityManager, input: unknown): Promise<LeadScoringRule> {
  const data = parseInput(createInput, input);
  const rule = em.create(LeadScoringRule, {
    name: data.name,
    description: data.description ?? null,
    ruleType: data.ruleType,
    category: data.category,
    criteria: data.criteria,
    points: data.points,
    active: data.active ?? true,
  });
  queueAllLeadScores(em);
  await em.flush();
  return rule;
}

export async function updateRule(em: EntityManager, input: unknown): Promise<LeadScoringRule> {
  const { id, ...fields } = parseInput(updateInput, input);
  const rule = await em.findOne(LeadScoringRule, { id });
  if (!rule) throw notFound('Lead scoring rule', id);
  const criteria = fields.criteria ?? parseInput(criteriaSchema, rule.criteria, 'stored');
  const points = fields.points ?? rule.points;
  parseInput(
    z.object({}).superRefine((_v, ctx) => checkRule(rule.ruleType, criteria, points, ctx)),
    {},
  );
  if (fields.name !== undefined) rule.name = fields.name;
  if (fields.description !== undefined) rule.description = fields.description ?? null;
  if (fields.category !== undefined) rule.category = fields.category;
  if (fields.active !== undefined) rule.active = fields.active;
  rule.criteria = criteria;
  rule.points = points;
  queueAllLeadScores(em);
  await em.flush();
  return rule;
}

export async function deleteRule(em: EntityManager, id: unknown): Promise<LeadScoringRule> {
  const ruleId = parseInput(zId, id, 'id');
  const rule = await em.findOne(LeadScoringRule, { id: ruleId });
  if (!rule) throw notFound('Lead scoring rule', ruleId);
  rule.deletedAt = new Date();
  queueAllLeadScores(em);
  await em.flush();
  return rule;
}

const recalcInput = z.object({
  contactIds: z
    .array(zId)
    .min(1)
    .max(500, { message: 'at most 500 contacts; leave it out for all' })
    .refine((ids) => new Set(ids).size === ids.length, { message: 'must not repeat a contact' })
    .nullish(),
});

export async function queueRecalculation(em: EntityManager, input: unknown): Promise<{ contactCount: number }> {
  const { contactIds } = parseInput(recalcInput, input);
  if (!contactIds) {
    const contactCount = await em.count(Contact, {});
    queueAllLeadScores(em);
    await em.flush();
    return { contactCount };
  }
  const found = await em.find(Contact, { id: { $in: contactIds } }, { fields: ['id'] });
  const missing = contactIds.filter((id) => !found.some((c) => c.id === id));
  if (missing.length)
    throw badInput(
      'Some contacts do not exist.',
      missing.map((id) => ({ path: 'input.contactIds', message: `no contact has id ${id}` })),
    );
  for (const id of contactIds) queueLeadScore(em, id, 'RULES');
  await em.flush();
  return { contactCount: contactIds.length };
}

// ---------------------------------------------------------------------------------------------
// Recalculation (run by the crm worker)
// ---------------------------------------------------------------------------------------------

/** The active rules, ready to evaluate; a stored rule that no longer parses is skipped and logged. */
export async function activeRules(em: EntityManager, log?: Logger): Promise<ScoringRule[]> {
  const rules = await em.find(LeadScoringRule, { active: true }, { orderBy: { id: QueryOrder.ASC } });
  const ready: ScoringRule[] = [];
  for (const r of rules) {
    const criteria = criteriaSchema.safeParse(r.criteria);
    if (criteria.success)
      ready.push({ id: r.id, name: r.name, ruleType: r.ruleType, points: r.points, criteria: criteria.data });
    else log?.warn({ ruleId: r.id, issues: criteria.error.issues }, 'lead scoring rule skipped: criteria do not parse');
  }
  return ready;
}

export interface ScoreUpdate {
  contactId: string;
  companyId: string | null;
  ownerId: string | null;
  previousScore: number;
  newScore: number;
}

/**
 * Re-scores these contacts from the rules: three reads for the whole batch (contacts, companies,
 * activity facts), then one write per changed contact and a history entry each. With no active
 * rules, scores set by hand or imported stand.
 */
export async function rescore(
  em: EntityManager,
  rules: readonly ScoringRule[],
  contactIds: readonly string[],
  trigger: LeadScoreTrigger,
  now = new Date(),
): Promise<ScoreUpdate[]> {
  if (!rules.length || !contactIds.length) return [];
  return em.transactional((tx) => rescoreLocked(tx, rules, contactIds, trigger, now));
}

/**
 * The contacts are locked (in id order, so two jobs never deadlock) for the whole recalculation:
 * a contact's own job and an everyone job running at once take turns, and the second finds the
 * score already right instead of recording the same change twice.
 */
async function rescoreLocked(
  em: EntityManager,
  rules: readonly ScoringRule[],
  contactIds: readonly string[],
  trigger: LeadScoreTrigger,
  now: Date,
): Promise<ScoreUpdate[]> {
  const contacts = await em.find(
    Contact,
    { id: { $in: [...contactIds] } },
    { orderBy: { id: QueryOrder.ASC }, lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  if (!contacts.length) return [];
  const companyIds = [...new Set(contacts.map((c) => c.company?.id).filter((id): id is string => Boolean(id)))];
  const companies = new Map(
    (companyIds.length ? await em.find(Company, { id: { $in: companyIds } }) : []).map((c) => [c.id, c]),
  );
  const since = new Date(now.getTime() - activityWindowDays(rules) * 86_400_000);
  const ids = contacts.map((c) => c.id);
  const rows = await em.execute<
    {
      contact_id: string;
      type: ActivityFact['type'];
      channel: ActivityFact['channel'];
      direction: ActivityFact['direction'];
      occurred_at: Date;
      last: boolean;
    }[]
  >(
    `select a."contact_id", a."type", a."channel", a."direction", a."occurred_at", false as "last"
       from "activity" a
      where a."contact_id" in (?) and a."status" = 'COMPLETED' and a."deleted_at" is null
        and a."occurred_at" >= ? and a."occurred_at" <= ?
     union all
     select a."contact_id", null, null, null, max(a."occurred_at"), true
       from "activity" a
      where a."contact_id" in (?) and a."status" = 'COMPLETED' and a."deleted_at" is null and a."occurred_at" <= ?
      group by a."contact_id"`,
    [ids, since, now, ids, now],
  );
  const facts = new Map<string, { activities: ActivityFact[]; lastActivityAt: Date | null }>(
    ids.map((id) => [id, { activities: [], lastActivityAt: null }]),
  );
  for (const r of rows) {
    const f = facts.get(r.contact_id);
    if (!f) continue;
    const at = new Date(r.occurred_at);
    if (r.last) f.lastActivityAt = at;
    else f.activities.push({ type: r.type, channel: r.channel, direction: r.direction, occurredAt: at });
  }
  const updates: ScoreUpdate[] = [];
  for (const contact of contacts) {
    const f = facts.get(contact.id) ?? { activities: [], lastActivityAt: null };
    const company = contact.company ? (companies.get(contact.company.id) ?? null) : null;
    const { score, matched } = scoreOf(rules, { contact, company, ...f }, now);
    if (score === contact.leadScore) continue;
    enqueue(
      em,
      QUEUES.webhooks,
      WEBHOOK_EVENT_JOB,
      webhookEvent('contact.updated', { contactId: contact.id }, ['leadScore']),
    );
    em.create(LeadScoreChange, {
      contact,
      previousScore: contact.leadScore,
      newScore: score,
      trigger,
      matchedRules: matched,
      changedAt: now,
    });
    updates.push({
      contactId: contact.id,
      companyId: contact.company?.id ?? null,
      ownerId: contact.ownerId ?? null,
      previousScore: contact.leadScore,
      newScore: score,
    });
    contact.leadScore = score;
  }
  await em.flush();
  return updates;
}

/** Every live contact, in batches of 500 by id (keyset), each batch its own unit of work. */
export async function rescoreAll(
  fork: () => EntityManager,
  trigger: LeadScoreTrigger,
  log: Logger,
  now = new Date(),
): Promise<{ contacts: number; changed: number }> {
  const rules = await activeRules(fork(), log);
  if (!rules.length) return { contacts: 0, changed: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  let contacts = 0;
  let changed = 0;
  for (;;) {
    const em = fork();
    const batch = await em.find(
      Contact,
      { id: { $gt: after } },
      { fields: ['id'], orderBy: { id: QueryOrder.ASC }, limit: 500 },
    );
    const last = batch.at(-1);
    if (!last) break;
    contacts += batch.length;
    changed += (
      await rescore(
        fork(),
        rules,
        batch.map((c) => c.id),
        trigger,
        now,
      )
    ).length;
    after = last.id;
  }
  return { contacts, changed };
}
