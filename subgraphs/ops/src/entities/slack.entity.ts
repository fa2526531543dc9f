import { defineEntity, p } from '@mikro-orm/core';

/** What a Slack channel is for: where each kind of outbound post goes. */
export const SLACK_PURPOSES = ['SUPPORT', 'SALES', 'MARKETING', 'MONITORING'] as const;
export type SlackPurpose = (typeof SLACK_PURPOSES)[number];

/**
 * The channel an admin chose for a purpose (ticket assignments and SLA breaches to support, deal
 * moves to sales, campaign completions to marketing, health to monitoring). A purpose without a row
 * posts to its default channel.
 */
export const SlackChannelMappingSchema = defineEntity({
  name: 'SlackChannelMapping',
  tableName: 'slack_channel_mapping',
  properties: {
    purpose: p.enum(SLACK_PURPOSES).nativeEnumName('ops_slack_purpose').primary(),
    /** A channel id (`C0123…`) or name (`#support`). */
    channel: p.string().length(80),
    updatedAt: p.datetime(),
    /** `actorOf(viewer)` of the admin who set it. */
    updatedBy: p.string().length(200),
  },
});
export class SlackChannelMapping extends SlackChannelMappingSchema.class {}
SlackChannelMappingSchema.setClass(SlackChannelMapping);

/** Inbound activity per Slack channel (messages, mentions, reactions), counted once per event. */
export const SlackChannelActivitySchema = defineEntity({
  name: 'SlackChannelActivity',
  tableName: 'slack_channel_activity',
  properties: {
    channelId: p.string().length(40).primary(),
    messages: p.integer().default(0),
    mentions: p.integer().default(0),
    reactions: p.integer().default(0),
    lastEventAt: p.datetime().nullable(),
  },
});
export class SlackChannelActivity extends SlackChannelActivitySchema.class {}
SlackChannelActivitySchema.setClass(SlackChannelActivity);
