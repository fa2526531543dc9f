import { defineEntity, p } from '@mikro-orm/core';
import { idProperty, softDeleteFilter, softDeleteProperty, timestampProperties } from '@nexus/platform';

export const SOCIAL_PLATFORMS = ['LINKEDIN', 'INSTAGRAM', 'FACEBOOK', 'X'] as const;
export type SocialPlatform = (typeof SOCIAL_PLATFORMS)[number];
/** LOGGED: it came due without the platform's credentials, so what would have been posted was logged. */
export const SOCIAL_POST_STATUSES = ['DRAFT', 'SCHEDULED', 'PUBLISHED', 'LOGGED', 'FAILED'] as const;
export type SocialPostStatus = (typeof SOCIAL_POST_STATUSES)[number];

/** A social post (M-10): a draft, or scheduled for one platform; the 60 s checker publishes due ones. */
export const SocialPostSchema = defineEntity({
  name: 'SocialPost',
  tableName: 'social_post',
  filters: softDeleteFilter,
  indexes: [{ properties: ['status', 'scheduledFor'] }],
  properties: {
    id: idProperty(),
    platform: p.enum(SOCIAL_PLATFORMS).nativeEnumName('mk_social_platform'),
    body: p.text(),
    status: p.enum(SOCIAL_POST_STATUSES).nativeEnumName('mk_social_post_status').default('DRAFT'),
    scheduledFor: p.datetime().nullable(),
    publishedAt: p.datetime().nullable(),
    /** What the publisher did (the platform's post id, or what it would have posted and why not). */
    publishNote: p.string().length(500).nullable(),
    campaignId: p.uuid().nullable(),
    ownerId: p.uuid().nullable(),
    ...timestampProperties(),
    ...softDeleteProperty(),
  },
});
export class SocialPost extends SocialPostSchema.class {}
SocialPostSchema.setClass(SocialPost);
