import { defineEntity, p } from '@mikro-orm/core';
import { idProperty, softDeleteFilter, softDeleteProperty, timestampProperties } from '@nexus/platform';
import { ContactSchema } from './contact.entity.ts';
import { LEAD_SCORE_TRIGGERS, LEAD_SCORING_RULE_TYPES, SCORING_CATEGORIES } from './enums.ts';

/** Conditions a rule tests; see services/lead-scoring.ts for the shape and its meaning. */
export type RuleCriteria = Record<string, unknown>;

/** A rule that adds (POSITIVE) or takes away (NEGATIVE, DECAY) points when a contact matches. */
export const LeadScoringRuleSchema = defineEntity({
  name: 'LeadScoringRule',
  tableName: 'lead_scoring_rule',
  filters: softDeleteFilter,
  properties: {
    id: idProperty(),
    name: p.string().length(120),
    description: p.string().length(1000).nullable(),
    ruleType: p.enum(LEAD_SCORING_RULE_TYPES).nativeEnumName('nx_lead_scoring_rule_type'),
    category: p.enum(SCORING_CATEGORIES).nativeEnumName('nx_scoring_category'),
    criteria: p.json<RuleCriteria>(),
    /** Signed: positive for POSITIVE rules, negative for NEGATIVE and DECAY rules. */
    points: p.integer(),
    active: p.boolean().default(true),
    ...timestampProperties(),
    ...softDeleteProperty(),
  },
});
export class LeadScoringRule extends LeadScoringRuleSchema.class {}
LeadScoringRuleSchema.setClass(LeadScoringRule);

/** A rule that counted towards a score, as it stood then. */
export interface MatchedRule {
  ruleId: string;
  name: string;
  points: number;
}

/** One change of a contact's lead score, with the rules that made it. Never changed. */
export const LeadScoreChangeSchema = defineEntity({
  name: 'LeadScoreChange',
  tableName: 'lead_score_change',
  indexes: [{ properties: ['contact', 'changedAt'] }],
  properties: {
    id: idProperty(),
    contact: () => p.manyToOne(ContactSchema).ref().filters(false),
    previousScore: p.integer(),
    newScore: p.integer(),
    trigger: p.enum(LEAD_SCORE_TRIGGERS).nativeEnumName('nx_lead_score_trigger'),
    matchedRules: p.json<MatchedRule[]>().default('[]'),
    changedAt: p.datetime().onCreate(() => new Date()),
  },
});
export class LeadScoreChange extends LeadScoreChangeSchema.class {}
LeadScoreChangeSchema.setClass(LeadScoreChange);
