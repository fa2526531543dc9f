import type { EntityManager } from '@mikro-orm/postgresql';
import { SlackChannelActivity, SlackChannelMapping, SLACK_PURPOSES, type SlackPurpose } from '../entities/index.ts';

/** Where each purpose posts until an admin maps it elsewhere. */
export const DEFAULT_SLACK_CHANNELS: Readonly<Record<SlackPurpose, string>> = {
  SUPPORT: '#support',
  SALES: '#sales',
  MARKETING: '#marketing',
  MONITORING: '#monitoring',
};

/** A channel id (`C0123ABCD`) or a channel name (`#deal-desk`, Slack's naming rules). */
export const SLACK_CHANNEL_PATTERN = /^(?:[CGD][A-Z0-9]{6,20}|#[a-z0-9][a-z0-9_-]{0,79})$/;

export interface ChannelMappingView {
  purpose: SlackPurpose;
  channel: string;
  custom: boolean;
  updatedAt: Date | null;
  updatedBy: string | null;
}

export async function channelMappings(em: EntityManager): Promise<ChannelMappingView[]> {
  const rows = new Map((await em.find(SlackChannelMapping, {})).map((r) => [r.purpose, r]));
  return SLACK_PURPOSES.map((purpose) => {
    const row = rows.get(purpose);
    return {
      purpose,
      channel: row?.channel ?? DEFAULT_SLACK_CHANNELS[purpose],
      custom: !!row,
      updatedAt: row?.updatedAt ?? null,
      updatedBy: row?.updatedBy ?? null,
    };
  });
}

export async function channelFor(em: EntityManager, purpose: SlackPurpose): Promise<string> {
  return (await em.findOne(SlackChannelMapping, { purpose }))?.channel ?? DEFAULT_SLACK_CHANNELS[purpose];
}

/** Sets (or, with null, resets to the default) the channel a purpose posts to. */
export async function setChannelMapping(
  em: EntityManager,
  purpose: SlackPurpose,
  channel: string | null,
  actor: string,
  now: Date,
): Promise<void> {
  if (channel === null) {
    await em.nativeDelete(SlackChannelMapping, { purpose });
    return;
  }
  await em.upsert(SlackChannelMapping, { purpose, channel, updatedAt: now, updatedBy: actor });
}

export type ActivityKind = 'message' | 'mention' | 'reaction';

/** Counts one inbound event in its channel (called once per event: the ledger deduplicates). */
export async function countChannelEvent(em: EntityManager, channelId: string, kind: ActivityKind, at: Date) {
  const column = kind === 'message' ? 'messages' : kind === 'mention' ? 'mentions' : 'reactions';
  await em.execute(
    `insert into "slack_channel_activity" ("channel_id", "${column}", "last_event_at") values (?, 1, ?)
     on conflict ("channel_id") do update set "${column}" = "slack_channel_activity"."${column}" + 1,
       "last_event_at" = greatest("slack_channel_activity"."last_event_at", excluded."last_event_at")`,
    [channelId.slice(0, 40), at],
  );
}

export async function channelActivity(em: EntityManager, first = 50): Promise<SlackChannelActivity[]> {
  return em.find(SlackChannelActivity, {}, { orderBy: { messages: 'desc', channelId: 'asc' }, limit: first });
}
