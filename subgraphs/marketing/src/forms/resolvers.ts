import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { AudienceMember } from '../entities/index.ts';
import { Form, FormSubmission, LandingPage } from './forms.entity.ts';
import * as f from './forms.service.ts';
import * as lp from './landing-pages.service.ts';

/** Forms and landing pages: the Query and Mutation fields and their types. */
export const formResolvers = {
  Query: {
    forms: (_p, args, ctx) => f.listForms(ctx.em, args),
    form: (_p, { id }, ctx) => ctx.em.findOne(Form, { id }),
    landingPages: (_p, args, ctx) => lp.listLandingPages(ctx.em, args),
    landingPage: (_p, { id }, ctx) => ctx.em.findOne(LandingPage, { id }),
  },
  Mutation: {
    createForm: (_p, { input }, ctx) => f.createForm(ctx.em, ctx.viewer, input),
    updateForm: (_p, { input }, ctx) => f.updateForm(ctx.em, input),
    deleteForm: (_p, { id }, ctx) => f.deleteForm(ctx.em, id),
    createLandingPage: (_p, { input }, ctx) => lp.createLandingPage(ctx.em, ctx.viewer, input),
    updateLandingPage: (_p, { input }, ctx) => lp.updateLandingPage(ctx.em, input),
    publishLandingPage: (_p, { id }, ctx) => lp.setLandingPageStatus(ctx.em, id, 'PUBLISHED', ctx.deps.now()),
    unpublishLandingPage: (_p, { id }, ctx) => lp.setLandingPageStatus(ctx.em, id, 'DRAFT', ctx.deps.now()),
    deleteLandingPage: (_p, { id }, ctx) => lp.deleteLandingPage(ctx.em, id),
  },
  Form: {
    __resolveReference: (ref, ctx) => ctx.em.findOne(Form, { id: ref.id }),
    consent: (form) => (form.consentText ? { text: form.consentText, required: form.consentRequired } : null),
    hostedUrl: (form, _a, ctx) => f.hostedUrlOf(ctx.deps.env.PUBLIC_URL, form.id),
    embedHtml: (form, _a, ctx) => f.embedHtml(ctx.deps.env.PUBLIC_URL, form),
    submissionCount: (form, _a, ctx) => ctx.em.count(FormSubmission, { formId: form.id }),
    submissions: (form, args, ctx) => f.listSubmissions(ctx.em, form.id, args),
  },
  FormSubmission: {
    form: (s, _a, ctx) => ctx.em.findOne(Form, { id: s.formId }, { filters: false }),
    contact: async (s, _a, ctx) => ({
      id: s.contactId,
      member: await ctx.em.findOne(AudienceMember, { id: s.contactId }),
    }),
    answers: async (s, _a, ctx) => {
      const form = await ctx.em.findOne(Form, { id: s.formId }, { filters: false });
      const labels = new Map((form?.fields ?? []).map((field) => [field.key, field.label]));
      return Object.entries(s.answers).map(([key, v]) => ({
        key,
        label: labels.get(key) ?? key,
        value: v === null ? null : v === true ? 'yes' : v === false ? 'no' : String(v),
      }));
    },
    utm: (s) => ({
      source: s.utm.source ?? null,
      medium: s.utm.medium ?? null,
      campaign: s.utm.campaign ?? null,
      term: s.utm.term ?? null,
      content: s.utm.content ?? null,
    }),
    landingPage: (s, _a, ctx) =>
      s.landingPageId ? ctx.em.findOne(LandingPage, { id: s.landingPageId }, { filters: false }) : null,
    submittedAt: (s) => s.createdAt,
  },
  LandingPage: {
    __resolveReference: (ref, ctx) => ctx.em.findOne(LandingPage, { id: ref.id }),
    url: (page, _a, ctx) => lp.landingPageUrl(ctx.deps.env.PUBLIC_URL, page.slug),
    stats: (page, _a, ctx) => lp.landingPageStats(ctx.em, page.id),
  },
  LandingPageBlock: {
    form: (b, _a, ctx) => (b.formId ? ctx.em.findOne(Form, { id: b.formId }) : null),
  },
} satisfies Resolvers;
