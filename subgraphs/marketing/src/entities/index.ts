import { OutboxMessageSchema } from '@nexus/platform';
import {
  AttributionSchema,
  AudienceMemberSchema,
  EmailPreferenceSchema,
  QuoteAttributionSchema,
  SuppressionSchema,
} from './audience.entity.ts';
import { CampaignSchema, EmailEventSchema, EmailSendSchema } from './campaign.entity.ts';
import { SegmentMemberSchema, SegmentSchema } from './segment.entity.ts';
import { MarketingSettingsSchema } from './settings.entity.ts';
import { SocialPostSchema } from './social.entity.ts';
import { EmailTemplateSchema, TemplateVersionSchema } from './template.entity.ts';
import { automationEntities } from '../automation/automation.entity.ts';
import { FormSchema, FormSubmissionSchema, LandingPageSchema, LandingPageVisitorSchema } from '../forms/forms.entity.ts';

export * from './audience.entity.ts';
export * from './campaign.entity.ts';
export * from './segment.entity.ts';
export * from './settings.entity.ts';
export * from './social.entity.ts';
export * from './template.entity.ts';
export * from '../automation/automation.entity.ts';
export * from '../forms/forms.entity.ts';

/** Every entity of this subgraph (the outbox included, so jobs are never lost). */
export const entities = [
  AudienceMemberSchema,
  SuppressionSchema,
  EmailPreferenceSchema,
  AttributionSchema,
  QuoteAttributionSchema,
  EmailTemplateSchema,
  TemplateVersionSchema,
  CampaignSchema,
  EmailSendSchema,
  EmailEventSchema,
  SegmentSchema,
  SegmentMemberSchema,
  MarketingSettingsSchema,
  SocialPostSchema,
  FormSchema,
  FormSubmissionSchema,
  LandingPageSchema,
  LandingPageVisitorSchema,
  ...automationEntities,
  OutboxMessageSchema,
];
