import { defineEntity, p } from '@mikro-orm/core';
import { idProperty, timestampProperties } from '@nexus/platform';

/**
 * Standing wording for quotes: terms, a cancellation schedule and the usual deposit. Chosen when a
 * quote is created and copied into it, so changing a template never changes a sent quote.
 */
export const QuoteTemplateSchema = defineEntity({
  name: 'QuoteTemplate',
  tableName: 'quote_template',
  properties: {
    id: idProperty(),
    name: p.string().length(200).unique(),
    terms: p.text().nullable(),
    cancellationPolicy: p.text().nullable(),
    depositPercent: p.integer().default(0),
    depositAmount: p.bigint('number').nullable(),
    ...timestampProperties(),
  },
});
export class QuoteTemplate extends QuoteTemplateSchema.class {}
QuoteTemplateSchema.setClass(QuoteTemplate);
