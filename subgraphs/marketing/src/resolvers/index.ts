import { QUEUES, enqueue, findConnection, notFound, scalarResolvers } from '@nexus/platform';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import {
  AudienceMember,
  Campaign,
  EmailSend,
  EmailTemplate,
  SUBSCRIPTION_TYPES,
  Segment,
  SocialPost,
} from '../entities/index.ts';
import * as c from '../services/campaigns.service.ts';
import * as d from '../services/direct.service.ts';
import * as s from '../services/segments.service.ts';
import * as social from '../services/social.service.ts';
import { effectiveSendRate, loadSettings, slug, updateSettings, type SettingsValues } from '../services/send-policy.ts';
import type { MarketingContext } from '../context.ts';
import { campaignAttribution } from '../services/attribution.ts';
import { checkSendingDomain } from '../services/domain-auth.ts';
import { loadPreferences } from '../services/preferences.ts';
import { formResolvers } from '../forms/resolvers.ts';
import { automationContactFields, automationResolvers } from '../automation/resolvers.ts';

const settingsView = (ctx: MarketingContext, v: SettingsValues) => ({
  ...v,
  configuredSendRate: ctx.deps.env.MARKETING_SEND_RATE,
  effectiveSendRate: effectiveSendRate(v, ctx.deps.env.MARKETING_SEND_RATE, ctx.deps.now()),
});

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: {
    emailTemplates: (_p, args, ctx) => c.listTemplates(ctx.em, args),
    emailTemplate: (_p, { id }, ctx) => ctx.em.findOne(EmailTemplate, { id }),
    emailMergeVariables: () => c.templateVariables(),
    emailTemplatePreview: (_p, { templateId, contactId }, ctx) =>
      c.previewTemplate(ctx.deps, ctx.em, templateId, contactId),
    emailPreview: (_p, { input, contactId }, ctx) => c.previewContent(ctx.deps, ctx.em, input, contactId),
    campaigns: (_p, args, ctx) => c.listCampaigns(ctx.em, args),
    campaign: (_p, { id }, ctx) => ctx.em.findOne(Campaign, { id }),
    segments: (_p, args, ctx) => s.listSegments(ctx.em, args),
    segment: (_p, { id }, ctx) => ctx.em.findOne(Segment, { id }),
    segmentCount: (_p, { criteria }, ctx) => s.countCriteria(ctx.em, criteria),
    marketingSendingSettings: async (_p, _a, ctx) => settingsView(ctx, await loadSettings(ctx.em, true)),
    sendingDomainCheck: (_p, _a, ctx) => checkSendingDomain(ctx.deps),
    socialPosts: (_p, args, ctx) => social.listSocialPosts(ctx.em, args),
    socialPost: (_p, { id }, ctx) => ctx.em.findOne(SocialPost, { id }),
    ...formResolvers.Query,
    ...automationResolvers.Query,
  },
  Mutation: {
    createEmailTemplate: (_p, { input }, ctx) => c.createTemplate(ctx.em, ctx.viewer, input),
    updateEmailTemplate: (_p, { input }, ctx) => c.updateTemplate(ctx.em, input),
    createCampaign: (_p, { input }, ctx) => c.createCampaign(ctx.em, ctx.viewer, input),
    scheduleCampaign: (_p, { input }, ctx) => c.scheduleCampaign(ctx.deps, ctx.em, input),
    pauseCampaign: (_p, { id }, ctx) => c.pauseCampaign(ctx.em, id),
    resumeCampaign: (_p, { id }, ctx) => c.resumeCampaign(ctx.em, id),
    cancelCampaign: (_p, { id }, ctx) => c.cancelCampaign(ctx.em, id),
    deleteCampaign: (_p, { id }, ctx) => c.deleteCampaign(ctx.em, id),
    createSegment: (_p, { input }, ctx) => s.createSegment(ctx.em, ctx.deps.bus, ctx.deps.log, input),
    addSegmentMembers: (_p, { input }, ctx) => s.addSegmentMembers(ctx.em, input),
    importSegmentMembers: (_p, { segmentId, csv }, ctx) => d.importSegmentMembers(ctx.em, segmentId, csv),
    importSuppressions: (_p, { csv }, ctx) => d.importSuppressions(ctx.em, csv),
    sendTestEmail: (_p, { input }, ctx) => d.sendTestEmail(ctx.deps, ctx.em, ctx.viewer, input),
    sendEmailToContact: (_p, { input }, ctx) => d.sendEmailToContact(ctx.deps, ctx.em, ctx.viewer, input),
    rebuildAudience: async (_p, _a, ctx) => {
      // From crm and from travel: each side sends everything again through its durable feed.
      enqueue(ctx.em, QUEUES.crm, 'audience-republish', {});
      enqueue(ctx.em, QUEUES.travel, 'audience-travel-publish', { contactIds: null });
      await ctx.em.flush();
      return true;
    },
    updateMarketingSendingSettings: async (_p, { input }, ctx) =>
      settingsView(ctx, await updateSettings(ctx.em, input)),
    createSocialPost: (_p, { input }, ctx) => social.createSocialPost(ctx.em, ctx.viewer, input, ctx.deps.now()),
    updateSocialPost: (_p, { input }, ctx) => social.updateSocialPost(ctx.em, input, ctx.deps.now()),
    deleteSocialPost: (_p, { id }, ctx) => social.deleteSocialPost(ctx.em, id),
    refreshSegment: async (_p, { id }, ctx) => {
      const r = await s.refreshSegment(ctx.em, ctx.deps.bus, ctx.deps.log, id);
      const segment = await ctx.em.findOne(Segment, { id }, { refresh: true });
      if (!segment) throw notFound('Segment', id);
      return { segment, joined: r.joined.length, left: r.left.length };
    },
    ...formResolvers.Mutation,
    ...automationResolvers.Mutation,
  },
  Contact: {
    __resolveReference: async (ref, ctx) => ({
      id: ref.id,
      member: await ctx.em.findOne(AudienceMember, { id: ref.id }),
    }),
    emailStatus: (contact) => contact.member?.emailStatus ?? null,
    consent: (contact) =>
      contact.member
        ? {
            legalBasis: contact.member.consentBasis ?? null,
            source: contact.member.consentSource ?? null,
            givenAt: contact.member.consentAt ?? null,
          }
        : null,
    engagement: (contact) =>
      contact.member
        ? {
            sends: contact.member.sendsCount,
            opens: contact.member.opensCount,
            clicks: contact.member.clicksCount,
            lastOpenAt: contact.member.lastOpenAt ?? null,
            lastClickAt: contact.member.lastClickAt ?? null,
          }
        : null,
    emailPreferences: async (contact, _a, ctx) => {
      if (!contact.member?.email) return null;
      const prefs = await loadPreferences(ctx.em, contact.member.email);
      return {
        subscribedTypes: SUBSCRIPTION_TYPES.filter((t) => !prefs.leftTypes.includes(t)),
        frequency: prefs.frequency,
        pausedUntil: prefs.pausedUntil,
      };
    },
    emailSends: (contact, args, ctx) =>
      findConnection(ctx.em, EmailSend, { contactId: contact.id }, args, [{ createdAt: 'desc' }, { id: 'desc' }]),
    ...automationContactFields,
  },
  Workflow: automationResolvers.Workflow,
  WorkflowEnrolment: automationResolvers.WorkflowEnrolment,
  WorkflowStepRun: automationResolvers.WorkflowStepRun,
  Sequence: automationResolvers.Sequence,
  SequenceEnrolment: automationResolvers.SequenceEnrolment,
  Form: formResolvers.Form,
  FormSubmission: formResolvers.FormSubmission,
  LandingPage: formResolvers.LandingPage,
  LandingPageBlock: formResolvers.LandingPageBlock,
  EmailTemplate: { __resolveReference: (ref, ctx) => ctx.em.findOne(EmailTemplate, { id: ref.id }) },
  Segment: { __resolveReference: (ref, ctx) => ctx.em.findOne(Segment, { id: ref.id }) },
  SocialPost: { __resolveReference: (ref, ctx) => ctx.em.findOne(SocialPost, { id: ref.id }) },
  Campaign: {
    __resolveReference: (ref, ctx) => ctx.em.findOne(Campaign, { id: ref.id }),
    template: (campaign, _a, ctx) => ctx.em.findOne(EmailTemplate, { id: campaign.templateId }, { filters: false }),
    segments: (campaign, args, ctx) =>
      findConnection(ctx.em, Segment, { id: { $in: campaign.segmentIds } }, args, [{ name: 'asc' }, { id: 'asc' }]),
    stats: (campaign, _a, ctx) => c.campaignStats(ctx.em, campaign.id),
    attributedRevenue: async (campaign, _a, ctx) => (await campaignAttribution(ctx.em, campaign.id)).revenueCents,
    attributedBookings: async (campaign, _a, ctx) => (await campaignAttribution(ctx.em, campaign.id)).bookings,
    attributedQuotes: async (campaign, _a, ctx) => (await campaignAttribution(ctx.em, campaign.id)).quotes,
    attributedCommission: async (campaign, _a, ctx) => (await campaignAttribution(ctx.em, campaign.id)).commissionCents,
    utm: (campaign) => ({
      enabled: campaign.utmEnabled,
      source: campaign.utmSource,
      medium: campaign.utmMedium,
      campaign: campaign.utmCampaign || slug(campaign.name),
    }),
  },
};
