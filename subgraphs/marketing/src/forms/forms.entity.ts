import { defineEntity, p } from '@mikro-orm/core';
import { idProperty, softDeleteFilter, softDeleteProperty, timestampProperties } from '@nexus/platform';

export const FORM_FIELD_TYPES = [
  'TEXT',
  'EMAIL',
  'PHONE',
  'TEXTAREA',
  'NUMBER',
  'SELECT',
  'CHECKBOX',
  'DATE',
  'HIDDEN',
] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];
/** The crm contact fields a form's answers may fill. */
export const CONTACT_FIELD_TARGETS = [
  'FIRST_NAME',
  'LAST_NAME',
  'EMAIL',
  'PHONE',
  'JOB_TITLE',
  'CITY',
  'COUNTRY',
] as const;
export type ContactFieldTarget = (typeof CONTACT_FIELD_TARGETS)[number];
export const FORM_STATUSES = ['ACTIVE', 'CLOSED'] as const;
export type FormStatus = (typeof FORM_STATUSES)[number];
export const LANDING_PAGE_STATUSES = ['DRAFT', 'PUBLISHED'] as const;
export type LandingPageStatus = (typeof LANDING_PAGE_STATUSES)[number];
export const LANDING_PAGE_BLOCK_TYPES = ['HERO', 'TEXT', 'IMAGE', 'FORM', 'CTA', 'FOOTER'] as const;
export type LandingPageBlockType = (typeof LANDING_PAGE_BLOCK_TYPES)[number];
export const UTM_KEYS = ['source', 'medium', 'campaign', 'term', 'content'] as const;
export type Utm = Partial<Record<(typeof UTM_KEYS)[number], string>>;

/** One field of a form, as the builder defines it (kept as JSON on the form). */
export interface FormFieldDef {
  /** The name it is posted under: a letter, then letters, digits or underscores. */
  key: string;
  label: string;
  type: FormFieldType;
  required: boolean;
  placeholder: string | null;
  /** SELECT: the choices. */
  options: string[];
  minLength: number | null;
  maxLength: number | null;
  /** NUMBER: the bounds. */
  min: number | null;
  max: number | null;
  /** HIDDEN: the value when the page's address does not carry `queryParam`. */
  defaultValue: string | null;
  /** HIDDEN: filled from this query-string parameter of the page the form is shown on. */
  queryParam: string | null;
  contactField: ContactFieldTarget | null;
}

/** A landing page block; which properties count depends on its type. */
export interface LandingPageBlockDef {
  type: LandingPageBlockType;
  heading: string | null;
  text: string | null;
  imageUrl: string | null;
  alt: string | null;
  formId: string | null;
  buttonLabel: string | null;
  buttonUrl: string | null;
}

/** A form (M-05): fields, consent wording, what the visitor sees afterwards. */
export const FormSchema = defineEntity({
  name: 'Form',
  tableName: 'form',
  filters: softDeleteFilter,
  properties: {
    id: idProperty(),
    name: p.string().length(200),
    status: p.enum(FORM_STATUSES).nativeEnumName('mk_form_status').default('ACTIVE'),
    fields: p.json<FormFieldDef[]>(),
    submitLabel: p.string().length(60).default('Send'),
    /** Null: the form asks for no consent. */
    consentText: p.string().length(1000).nullable(),
    consentRequired: p.boolean().default(false),
    thankYouMessage: p.string().length(2000),
    redirectUrl: p.string().length(2000).nullable(),
    createdById: p.uuid().nullable(),
    ...timestampProperties(),
    ...softDeleteProperty(),
  },
});
export class Form extends FormSchema.class {}
FormSchema.setClass(Form);

/** One accepted submission: its answers, the consent wording the visitor saw, UTM and the contact. */
export const FormSubmissionSchema = defineEntity({
  name: 'FormSubmission',
  tableName: 'form_submission',
  indexes: [{ properties: ['formId', 'createdAt'] }, { properties: ['landingPageId'] }],
  properties: {
    id: idProperty(),
    formId: p.uuid(),
    /** Answers by field key, as validated. */
    answers: p.json<Record<string, string | number | boolean | null>>(),
    email: p.string().length(254),
    contactId: p.uuid(),
    consentGiven: p.boolean().default(false),
    /** The consent wording on the form when this was submitted (null when it asked for none). */
    consentText: p.string().length(1000).nullable(),
    utm: p.json<Utm>(),
    landingPageId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class FormSubmission extends FormSubmissionSchema.class {}
FormSubmissionSchema.setClass(FormSubmission);

/** A landing page (M-06): blocks, meta tags, served at `/lp/:slug` once published. */
export const LandingPageSchema = defineEntity({
  name: 'LandingPage',
  tableName: 'landing_page',
  filters: softDeleteFilter,
  indexes: [
    {
      // A deleted page frees its slug.
      name: 'landing_page_slug_live_unique',
      expression:
        'create unique index "landing_page_slug_live_unique" on "landing_page" ("slug") where "deleted_at" is null',
    },
  ],
  properties: {
    id: idProperty(),
    name: p.string().length(200),
    /** Unique among pages that are not deleted (a partial unique index). */
    slug: p.string().length(100),
    title: p.string().length(200),
    description: p.string().length(500).nullable(),
    ogImageUrl: p.string().length(2000).nullable(),
    status: p.enum(LANDING_PAGE_STATUSES).nativeEnumName('mk_landing_page_status').default('DRAFT'),
    blocks: p.json<LandingPageBlockDef[]>(),
    publishedAt: p.datetime().nullable(),
    createdById: p.uuid().nullable(),
    ...timestampProperties(),
    ...softDeleteProperty(),
  },
});
export class LandingPage extends LandingPageSchema.class {}
LandingPageSchema.setClass(LandingPage);

/**
 * A unique visitor of a landing page: one row per page and visitor (a keyed hash of address and
 * browser, never the address itself), with the UTM of their first view.
 */
export const LandingPageVisitorSchema = defineEntity({
  name: 'LandingPageVisitor',
  tableName: 'landing_page_visitor',
  uniques: [{ properties: ['landingPageId', 'visitorHash'] }],
  properties: {
    id: idProperty(),
    landingPageId: p.uuid(),
    visitorHash: p.string().length(64),
    utm: p.json<Utm>(),
    firstSeenAt: p.datetime(),
  },
});
export class LandingPageVisitor extends LandingPageVisitorSchema.class {}
LandingPageVisitorSchema.setClass(LandingPageVisitor);
