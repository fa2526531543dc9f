import { defineEntity, p } from '@mikro-orm/core';
import { idProperty, timestampProperties } from '@nexus/platform';
import type { QuestionType } from './enums.ts';

export interface SurveyQuestion {
  id: string;
  type: QuestionType;
  prompt: string;
}

/** A survey: CSAT, NPS, CES and free-text questions, sent after solved tickets. */
export const SurveySchema = defineEntity({
  name: 'Survey',
  tableName: 'survey',
  properties: {
    id: idProperty(),
    name: p.string().length(120).unique(),
    questions: p.json<SurveyQuestion[]>(),
    /** Sent about a day after a ticket is solved (only one active survey does this). */
    sendAfterSolve: p.boolean().default(false),
    /** Sent when a TT-API trip ends (only one active survey does this). */
    sendAfterTrip: p.boolean().default(false),
    /** At most one survey per contact in this many days. */
    periodDays: p.integer().default(30),
    active: p.boolean().default(true),
    ...timestampProperties(),
  },
});
export class Survey extends SurveySchema.class {}
SurveySchema.setClass(Survey);

/** One survey sent to one person; the response lands on the same row (one-time token). */
export const SurveyInvitationSchema = defineEntity({
  name: 'SurveyInvitation',
  tableName: 'survey_invitation',
  indexes: [{ properties: ['email', 'sentAt'] }],
  properties: {
    id: idProperty(),
    survey: () => p.manyToOne(SurveySchema).ref(),
    ticketId: p.uuid().nullable(),
    /** The TT-API client trip it asks about (one survey per trip). */
    tripId: p.string().length(64).nullable().unique(),
    contactId: p.uuid().nullable(),
    email: p.string().length(254),
    sentAt: p.datetime().onCreate(() => new Date()),
    respondedAt: p.datetime().nullable(),
    answers: p.json<Record<string, number | string>>().nullable(),
    comment: p.text().nullable(),
    sentiment: p.string().length(10).nullable(),
    sentimentScore: p.integer().nullable(),
  },
});
export class SurveyInvitation extends SurveyInvitationSchema.class {}
SurveyInvitationSchema.setClass(SurveyInvitation);
