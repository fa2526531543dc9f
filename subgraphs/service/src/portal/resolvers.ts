import { requireClient } from '@nexus/platform';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import type { ServiceContext } from '../context.ts';
import * as forms from './forms.service.ts';
import * as requests from './requests.service.ts';
import { PreTripForm } from './portal.entity.ts';
import { portalOrigin } from './scope.ts';

const scopeOf = (ctx: ServiceContext) => requireClient(ctx.viewer);

/** The client portal's surveys, pre-trip forms and messages, and staff's pre-trip forms. */
export const portalResolvers = {
  Query: {
    preTripForms: (_p, args, ctx) => forms.listPreTripForms(ctx.em, args),
    preTripForm: async (_p, { id }, ctx) => (/^[0-9a-f-]{36}$/i.test(id) ? ctx.em.findOne(PreTripForm, { id }) : null),
    portalSurveys: (_p, args, ctx) => requests.portalSurveys(ctx.em, scopeOf(ctx), args),
    portalSurvey: (_p, { id }, ctx) => requests.portalSurvey(ctx.em, scopeOf(ctx), id),
    portalPreTripForms: (_p, args, ctx) => forms.portalForms(ctx.em, scopeOf(ctx), args),
    portalPreTripForm: (_p, { id }, ctx) => forms.portalForm(ctx.em, scopeOf(ctx), id),
    portalThreads: (_p, args, ctx) => requests.portalThreads(ctx.em, scopeOf(ctx), args),
    portalThread: (_p, { id }, ctx) => requests.portalThread(ctx.em, scopeOf(ctx), id),
  },
  Mutation: {
    createPreTripForm: (_p, { input }, ctx) =>
      forms.createPreTripForm(ctx.em, ctx.deps.graph, ctx.viewer, input, ctx.deps.clock()),
    updatePreTripForm: (_p, { input }, ctx) => forms.updatePreTripForm(ctx.em, input, ctx.deps.clock()),
    portalAnswerSurvey: (_p, { input }, ctx) => requests.answerPortalSurvey(ctx.em, ctx.deps, scopeOf(ctx), input),
    portalSubmitQuestionnaire: (_p, { input }, ctx) =>
      forms.submitQuestionnaire(ctx.em, scopeOf(ctx), input, ctx.deps.clock()),
    portalAcceptWaiver: (_p, { input }, ctx) =>
      forms.acceptWaiver(ctx.em, scopeOf(ctx), input, portalOrigin(ctx.http), ctx.deps.clock()),
    portalSendMessage: (_p, { input }, ctx) =>
      requests.sendPortalMessage(ctx.em, ctx.deps, ctx.viewer, scopeOf(ctx), input),
  },
  PreTripForm: {
    clientId: (f) => f.ttClientId ?? null,
    isTemplate: (f) => !f.tripId,
    template: (f, _a, ctx) => (f.templateId ? ctx.em.findOne(PreTripForm, { id: f.templateId }) : null),
    currentVersion: (f) => forms.currentVersion(f),
    responses: (f, args, ctx) => forms.responsesOf(ctx.em, f.id, args),
    acceptances: (f, args, ctx) => forms.acceptancesOf(ctx.em, f.id, args),
  },
  PreTripResponse: {
    travelerId: (r) => r.ttTravelerId,
    answers: async (r, _a, ctx) => {
      const form = await ctx.em.findOne(PreTripForm, { id: r.form.id });
      const questions = form?.questions ?? [];
      return questions
        .filter((q) => r.answers[q.key] !== undefined)
        .map((q) => ({ key: q.key, prompt: q.prompt, value: r.answers[q.key] ?? '' }));
    },
  },
  WaiverAcceptance: {
    travelerId: (w) => w.ttTravelerId,
    text: async (w, _a, ctx) => {
      const form = await ctx.em.findOne(PreTripForm, { id: w.form.id });
      return form?.versions.find((v) => v.version === w.version)?.text ?? '';
    },
  },
  PortalSurvey: {
    name: async (inv) => (await inv.survey.loadOrFail()).name,
    questions: async (inv) =>
      (await inv.survey.loadOrFail()).questions.map((q) => ({ key: q.id, type: q.type, prompt: q.prompt })),
    respondedAt: (inv) => inv.respondedAt ?? null,
  },
  PortalPreTripForm: {
    text: (f) => forms.currentVersion(f)?.text ?? null,
    version: (f) => forms.currentVersion(f)?.version ?? null,
    tripId: (f) => f.tripId ?? null,
    tripName: (f) => f.tripName ?? null,
    dueOn: (f) => f.dueOn ?? null,
    myAnswers: async (f, _a, ctx) => {
      const r = await forms.myResponse(ctx.em, scopeOf(ctx), f);
      return r
        ? f.questions
            .filter((q) => r.answers[q.key] !== undefined)
            .map((q) => ({ key: q.key, value: r.answers[q.key] ?? '' }))
        : [];
    },
    answeredAt: async (f, _a, ctx) => (await forms.myResponse(ctx.em, scopeOf(ctx), f))?.updatedAt ?? null,
    acceptedAt: async (f, _a, ctx) => {
      const a = await forms.myAcceptance(ctx.em, scopeOf(ctx), f);
      return a && a.version === forms.currentVersion(f)?.version ? a.acceptedAt : null;
    },
    done: async (f, _a, ctx) => {
      const scope = scopeOf(ctx);
      if (f.kind === 'QUESTIONNAIRE') return !!(await forms.myResponse(ctx.em, scope, f));
      const a = await forms.myAcceptance(ctx.em, scope, f);
      return !!a && a.version === forms.currentVersion(f)?.version;
    },
  },
  PortalThread: {
    reference: (t) => requests.threadReference(t),
    status: (t) => requests.threadStatus(t),
    messages: (t, args, ctx) => requests.threadMessages(ctx.em, t, args),
  },
  PortalMessage: {
    fromAgency: (m) => m.kind === 'PUBLIC_REPLY',
  },
} satisfies Resolvers;
