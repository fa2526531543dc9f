import { defineEntity, p } from '@mikro-orm/core';
import { idProperty, softDeleteFilter, softDeleteProperty, timestampProperties } from '@nexus/platform';

/** An email template: subject, preheader and an MJML or HTML body with Liquid merge variables. */
export const EmailTemplateSchema = defineEntity({
  name: 'EmailTemplate',
  tableName: 'email_template',
  filters: softDeleteFilter,
  properties: {
    id: idProperty(),
    name: p.string().length(120),
    subject: p.string().length(300),
    preheader: p.string().length(300).default(''),
    body: p.text(),
    version: p.integer().default(1),
    createdBy: p.string().length(80).nullable(),
    ...timestampProperties(),
    ...softDeleteProperty(),
  },
});
export class EmailTemplate extends EmailTemplateSchema.class {}
EmailTemplateSchema.setClass(EmailTemplate);

/** Every saved version of a template (the current one included). */
export const TemplateVersionSchema = defineEntity({
  name: 'TemplateVersion',
  tableName: 'template_version',
  uniques: [{ properties: ['templateId', 'version'] }],
  properties: {
    id: idProperty(),
    templateId: p.uuid(),
    version: p.integer(),
    subject: p.string().length(300),
    preheader: p.string().length(300),
    body: p.text(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class TemplateVersion extends TemplateVersionSchema.class {}
TemplateVersionSchema.setClass(TemplateVersion);
