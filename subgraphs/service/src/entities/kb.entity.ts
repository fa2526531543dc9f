import { defineEntity, p } from '@mikro-orm/core';
import { idProperty, timestampProperties } from '@nexus/platform';
import { ARTICLE_STATUSES, ARTICLE_VISIBILITIES } from './enums.ts';

export const KbCategorySchema = defineEntity({
  name: 'KbCategory',
  tableName: 'kb_category',
  properties: {
    id: idProperty(),
    name: p.string().length(120).unique(),
    slug: p.string().length(140).unique(),
    position: p.integer().default(0),
    ...timestampProperties(),
  },
});
export class KbCategory extends KbCategorySchema.class {}
KbCategorySchema.setClass(KbCategory);

/**
 * A knowledge-base article: Markdown, rendered once to sanitised HTML on every save. A full-text
 * vector over title and body (a generated column the migration declares) and trigram indexes serve
 * search and triage.
 */
export const KbArticleSchema = defineEntity({
  name: 'KbArticle',
  tableName: 'kb_article',
  properties: {
    id: idProperty(),
    slug: p.string().length(160).unique(),
    title: p.string().length(200),
    bodyMarkdown: p.text(),
    bodyHtml: p.text(),
    status: p.enum(ARTICLE_STATUSES).nativeEnumName('sd_article_status').default('DRAFT'),
    visibility: p.enum(ARTICLE_VISIBILITIES).nativeEnumName('sd_article_visibility').default('INTERNAL'),
    category: () => p.manyToOne(KbCategorySchema).ref().nullable(),
    tags: p.array().default([]),
    version: p.integer().default(1),
    helpfulYes: p.integer().default(0),
    helpfulNo: p.integer().default(0),
    publishedAt: p.datetime().nullable(),
    ...timestampProperties(),
  },
});
export class KbArticle extends KbArticleSchema.class {}
KbArticleSchema.setClass(KbArticle);

export const KbArticleVersionSchema = defineEntity({
  name: 'KbArticleVersion',
  tableName: 'kb_article_version',
  properties: {
    id: idProperty(),
    article: () => p.manyToOne(KbArticleSchema).ref(),
    version: p.integer(),
    title: p.string().length(200),
    bodyMarkdown: p.text(),
    authorId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class KbArticleVersion extends KbArticleVersionSchema.class {}
KbArticleVersionSchema.setClass(KbArticleVersion);

/** What triage suggested for a ticket, and whether the agent took it (the hit rate). */
export const TriageSuggestionSchema = defineEntity({
  name: 'TriageSuggestion',
  tableName: 'triage_suggestion',
  properties: {
    id: idProperty(),
    ticketId: p.uuid().unique(),
    category: p.string().length(40).nullable(),
    priority: p.string().length(20).nullable(),
    articleIds: p.array().default([]),
    acceptedAt: p.datetime().nullable(),
    acceptedArticleId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class TriageSuggestion extends TriageSuggestionSchema.class {}
TriageSuggestionSchema.setClass(TriageSuggestion);
