import { z } from 'zod';
import { QUEUES, enqueue, type EntityManager } from '@nexus/platform';
import {
  ACCOUNT_TIERS,
  ACTIVITY_DIRECTIONS,
  ACTIVITY_TYPES,
  COMPANY_STATUSES,
  COMPANY_TYPES,
  CONTACT_ROLES,
  ENGAGEMENT_LEVELS,
  INTERACTION_CHANNELS,
  LEAD_SOURCES,
  LEAD_STATUSES,
  LIFECYCLE_STAGES,
  type ActivityDirection,
  type ActivityType,
  type Company,
  type Contact,
  type InteractionChannel,
  type LeadScoreTrigger,
  type LeadScoringRuleType,
  type MatchedRule,
} from '../entities/index.ts';
import { zCents } from './fields.ts';

/*
 * The lead scoring engine: what a rule's JSONB criteria may say, and how a contact's score follows
 * from the active rules. Pure functions, so the job, tests and a recalculation all agree.
 */

export const SCORE_MIN = 0;
export const SCORE_MAX = 1000;
export const DEFAULT_WITHIN_DAYS = 90;
const DAY_MS = 86_400_000;

const list = <const T extends readonly [string, ...string[]]>(values: T) => z.array(z.enum(values)).min(1).max(values.length);

const contactCriteria = z
  .object({
    lifecycleStages: list(LIFECYCLE_STAGES),
    leadStatuses: list(LEAD_STATUSES),
    leadSources: list(LEAD_SOURCES),
    contactRoles: list(CONTACT_ROLES),
    countries: z.array(z.string().regex(/^[A-Z]{2}$/, { message: 'must be 2-letter ISO country codes' })).min(1).max(250),
    tagsAny: z.array(z.string().trim().min(1).max(50)).min(1).max(50),
    hasEmail: z.boolean(),
    hasPhone: z.boolean(),
    hasCompany: z.boolean(),
    jobTitleContains: z.string().trim().min(1).max(120),
  })
  .partial()
  .strict();

const companyCriteria = z
  .object({
    companyTypes: list(COMPANY_TYPES),
    statuses: list(COMPANY_STATUSES),
    accountTiers: list(ACCOUNT_TIERS),
    engagementLevels: list(ENGAGEMENT_LEVELS),
    minAnnualTravelBudgetCents: zCents,
  })
  .partial()
  .strict();

const activityCriteria = z
  .object({
    types: list(ACTIVITY_TYPES).optional(),
    channels: list(INTERACTION_CHANNELS).optional(),
    directions: list(ACTIVITY_DIRECTIONS).optional(),
    withinDays: z.number().int().min(1).max(365).default(DEFAULT_WITHIN_DAYS),
    minCount: z.number().int().min(1).max(1000).default(1),
  })
  .strict();

export const criteriaSchema = z
  .object({
    contact: contactCriteria.optional(),
    company: companyCriteria.optional(),
    activity: activityCriteria.optional(),
    inactiveDays: z.number().int().min(1).max(365).optional(),
  })
  .strict();
export type Criteria = z.infer<typeof criteriaSchema>;

/** The criteria rules for a rule type; reported against `input.criteria` / `input.points`. */
export function checkRule(ruleType: LeadScoringRuleType, criteria: Criteria, points: number, ctx: z.RefinementCtx) {
  if (ruleType === 'DECAY' && criteria.inactiveDays === undefined) {
    ctx.addIssue({ code: 'custom', path: ['criteria', 'inactiveDays'], message: 'is required for a DECAY rule' });
  }
  if (ruleType !== 'DECAY' && criteria.inactiveDays !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['criteria', 'inactiveDays'], message: 'is only for DECAY rules' });
  }
  if (ruleType !== 'DECAY' && !criteria.contact && !criteria.company && !criteria.activity) {
    ctx.addIssue({ code: 'custom', path: ['criteria'], message: 'needs at least one of contact, company or activity' });
  }
  if (ruleType === 'POSITIVE' && points <= 0) ctx.addIssue({ code: 'custom', path: ['points'], message: 'must be positive for a POSITIVE rule' });
  if (ruleType !== 'POSITIVE' && points >= 0) ctx.addIssue({ code: 'custom', path: ['points'], message: `must be negative for a ${ruleType} rule` });
}

/** A rule ready to evaluate. */
export interface ScoringRule {
  id: string;
  name: string;
  ruleType: LeadScoringRuleType;
  points: number;
  criteria: Criteria;
}

/** A completed activity as scoring sees it. */
export interface ActivityFact {
  type: ActivityType;
  channel: InteractionChannel | null;
  direction: ActivityDirection | null;
  occurredAt: Date;
}

export interface ContactFacts {
  contact: Contact;
  company: Company | null;
  /** Completed activities within the longest window any rule looks at. */
  activities: ActivityFact[];
  /** The last completed activity ever; null when none. */
  lastActivityAt: Date | null;
}

const anyOf = <T>(allowed: readonly T[] | undefined, value: T | null | undefined) => !allowed || (value != null && allowed.includes(value));

function matchesContact(c: NonNullable<Criteria['contact']>, f: ContactFacts): boolean {
  const x = f.contact;
  return (
    anyOf(c.lifecycleStages, x.lifecycleStage) &&
    anyOf(c.leadStatuses, x.leadStatus) &&
    anyOf(c.leadSources, x.leadSource) &&
    anyOf(c.contactRoles, x.contactRole) &&
    anyOf(c.countries, x.country) &&
    (!c.tagsAny || c.tagsAny.some((t) => x.tags.includes(t))) &&
    (c.hasEmail === undefined || c.hasEmail === Boolean(x.email)) &&
    (c.hasPhone === undefined || c.hasPhone === Boolean(x.phone)) &&
    (c.hasCompany === undefined || c.hasCompany === Boolean(f.company)) &&
    (!c.jobTitleContains || (x.jobTitle ?? '').toLowerCase().includes(c.jobTitleContains.toLowerCase()))
  );
}

function matchesCompany(c: NonNullable<Criteria['company']>, company: Company | null): boolean {
  if (!company) return false;
  return (
    anyOf(c.companyTypes, company.companyType) &&
    anyOf(c.statuses, company.status) &&
    anyOf(c.accountTiers, company.accountTier) &&
    anyOf(c.engagementLevels, company.engagementLevel) &&
    (c.minAnnualTravelBudgetCents === undefined || (company.annualTravelBudgetCents ?? -1) >= c.minAnnualTravelBudgetCents)
  );
}

function matchesActivity(c: NonNullable<Criteria['activity']>, f: ContactFacts, now: Date): boolean {
  const since = now.getTime() - c.withinDays * DAY_MS;
  const count = f.activities.filter(
    (a) =>
      a.occurredAt.getTime() >= since &&
      a.occurredAt.getTime() <= now.getTime() &&
      anyOf(c.types, a.type) &&
      anyOf(c.channels, a.channel) &&
      anyOf(c.directions, a.direction),
  ).length;
  return count >= c.minCount;
}

/** Points a rule gives this contact now: 0 when it does not match. */
export function pointsOf(rule: ScoringRule, f: ContactFacts, now: Date): number {
  const c = rule.criteria;
  if (c.contact && !matchesContact(c.contact, f)) return 0;
  if (c.company && !matchesCompany(c.company, f.company)) return 0;
  if (c.activity && !matchesActivity(c.activity, f, now)) return 0;
  if (rule.ruleType === 'DECAY') {
    const since = (f.lastActivityAt ?? f.contact.createdAt).getTime();
    const periods = Math.floor(Math.max(0, now.getTime() - since) / ((c.inactiveDays ?? 1) * DAY_MS));
    return rule.points * periods;
  }
  return rule.points;
}

/** A contact's score from the active rules, kept within 0..1000, and the rules that counted. */
export function scoreOf(rules: readonly ScoringRule[], f: ContactFacts, now: Date): { score: number; matched: MatchedRule[] } {
  const matched: MatchedRule[] = [];
  let total = 0;
  for (const rule of rules) {
    const points = pointsOf(rule, f, now);
    if (points === 0) continue;
    matched.push({ ruleId: rule.id, name: rule.name, points });
    total += points;
  }
  return { score: Math.min(SCORE_MAX, Math.max(SCORE_MIN, total)), matched };
}

/** How far back activity facts must reach for these rules. */
export const activityWindowDays = (rules: readonly ScoringRule[]) =>
  Math.max(1, ...rules.map((r) => r.criteria.activity?.withinDays ?? 0));

// ---------------------------------------------------------------------------------------------
// Queueing recalculations through the outbox
// ---------------------------------------------------------------------------------------------

export const LEAD_SCORE_JOB = 'lead-score-recalculate';
export const LEAD_SCORE_ALL_JOB = 'lead-score-recalculate-all';
/** Changes to one contact within this window share one recalculation. */
export const COALESCE_MS = 1000;

/**
 * Records a recalculation in the same unit of work as the change. Jobs in one window share a job
 * id (bull keeps one), and run only after the window has closed, so the one job sees every change
 * made in its window: a burst of edits costs one recalculation, and none is missed.
 */
export function queueLeadScore(em: EntityManager, contactId: string, trigger: LeadScoreTrigger = 'EVENT', now = Date.now()): void {
  const window = Math.floor(now / COALESCE_MS);
  enqueue(em, QUEUES.crm, LEAD_SCORE_JOB, { contactId, trigger }, { jobId: `lead-score:${contactId}:${window}`, delayMs: (window + 1) * COALESCE_MS - now + 50 });
}

/** Every contact's score, e.g. after a rule changed; coalesced the same way. */
export function queueAllLeadScores(em: EntityManager, trigger: LeadScoreTrigger = 'RULES', now = Date.now()): void {
  const window = Math.floor(now / COALESCE_MS);
  enqueue(em, QUEUES.crm, LEAD_SCORE_ALL_JOB, { trigger }, { jobId: `lead-score-all:${window}`, delayMs: (window + 1) * COALESCE_MS - now + 50 });
}
