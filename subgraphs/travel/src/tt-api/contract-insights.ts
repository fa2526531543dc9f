/**
 * TT-API modules Nexus reads but does not write (H-06, M-11): analytics events and KPI snapshots
 * (`/api/analytics`), social media posts (`/api/social`), client touchpoints (`/api/touchpoints`),
 * activities (`/api/activities`) and managed content (`/api/content`). Field names follow the
 * seed's columns in camelCase; the seed names `/api/analytics` once for "events, KPIs, dashboard
 * summaries", so the contract splits it into `/api/analytics/events` and `/api/analytics/kpis`
 * (a Nexus assumption, like the other plural list routes).
 */
import { z } from 'zod';
import {
  contentStatuses,
  isoDate,
  isoDateTime,
  listQuerySchema,
  longText,
  shortText,
  slug,
  socialPlatforms,
  timestamps,
  touchpointChannels,
  touchpointDirections,
  uuid,
} from './contract-common.ts';

/** Not a seed pgEnum: the states a scheduled social post goes through. */
export const socialPostStatuses = ['draft', 'scheduled', 'published', 'failed'] as const;

export const analyticsEventSchema = z.object({
  id: uuid,
  eventName: z.string().min(1).max(100),
  sessionId: z.string().nullable(),
  pageUrl: z.string().nullable(),
  utmSource: z.string().nullable(),
  utmMedium: z.string().nullable(),
  utmCampaign: z.string().nullable(),
  properties: z.record(z.string(), z.unknown()),
  occurredAt: isoDateTime,
  ...timestamps,
});
export type AnalyticsEvent = z.infer<typeof analyticsEventSchema>;
export const analyticsEventListQuerySchema = listQuerySchema(['occurredAt', 'createdAt'], {
  eventName: z.string().max(100).optional(),
  utmSource: z.string().max(100).optional(),
  occurredAfter: isoDateTime.optional(),
  occurredBefore: isoDateTime.optional(),
});

export const kpiSnapshotSchema = z.object({
  id: uuid,
  snapshotDate: isoDate,
  metric: z.string().min(1).max(100),
  value: z.number(),
  changePercent: z.number().nullable(),
  ...timestamps,
});
export type KpiSnapshot = z.infer<typeof kpiSnapshotSchema>;
export const kpiSnapshotListQuerySchema = listQuerySchema(['snapshotDate', 'metric'], {
  metric: z.string().max(100).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export const socialPostSchema = z.object({
  id: uuid,
  platform: z.enum(socialPlatforms),
  body: longText,
  status: z.enum(socialPostStatuses),
  scheduledFor: isoDateTime.nullable(),
  publishedAt: isoDateTime.nullable(),
  likes: z.int().nonnegative(),
  impressions: z.int().nonnegative(),
  ...timestamps,
});
export type SocialPost = z.infer<typeof socialPostSchema>;
export const socialPostListQuerySchema = listQuerySchema(['scheduledFor', 'createdAt', 'likes', 'impressions'], {
  platform: z.enum(socialPlatforms).optional(),
  status: z.enum(socialPostStatuses).optional(),
});

export const touchpointSchema = z.object({
  id: uuid,
  contactId: uuid.nullable(),
  clientId: uuid.nullable(),
  channel: z.enum(touchpointChannels),
  direction: z.enum(touchpointDirections),
  subject: shortText,
  notes: longText.nullable(),
  occurredAt: isoDateTime,
  ...timestamps,
});
export type Touchpoint = z.infer<typeof touchpointSchema>;
export const touchpointListQuerySchema = listQuerySchema(['occurredAt', 'createdAt'], {
  contactId: uuid.optional(),
  clientId: uuid.optional(),
  channel: z.enum(touchpointChannels).optional(),
  direction: z.enum(touchpointDirections).optional(),
});

export const ttActivitySchema = z.object({
  id: uuid,
  activityType: z.string().min(1).max(50),
  subject: shortText,
  description: longText.nullable(),
  contactId: uuid.nullable(),
  dealId: uuid.nullable(),
  clientId: uuid.nullable(),
  occurredAt: isoDateTime,
  ...timestamps,
});
export type TtActivity = z.infer<typeof ttActivitySchema>;
export const ttActivityListQuerySchema = listQuerySchema(['occurredAt', 'createdAt'], {
  activityType: z.string().max(50).optional(),
  contactId: uuid.optional(),
  clientId: uuid.optional(),
  dealId: uuid.optional(),
});

export const managedContentSchema = z.object({
  id: uuid,
  contentType: z.string().min(1).max(50),
  slug,
  title: shortText,
  body: longText,
  status: z.enum(contentStatuses),
  publishedAt: isoDateTime.nullable(),
  ...timestamps,
});
export type ManagedContent = z.infer<typeof managedContentSchema>;
export const managedContentListQuerySchema = listQuerySchema(['updatedAt', 'createdAt', 'title', 'publishedAt'], {
  contentType: z.string().max(50).optional(),
  status: z.enum(contentStatuses).optional(),
});
