import type { EntityManager } from '@mikro-orm/postgresql';
import { actorOf, badInput, type Viewer } from '@nexus/platform';
import type { OpsDeps } from '../context.ts';
import { OpsAuditEntry, SLACK_PURPOSES, type SlackPurpose } from '../entities/index.ts';
import { SLACK_CHANNEL_PATTERN, channelActivity, channelMappings, setChannelMapping } from './channels.ts';

/** The Slack hub: whether Slack is configured (never the secrets), where posts go, inbound activity. */
export async function slackHub(deps: OpsDeps, em: EntityManager) {
  return {
    signingSecretSet: !!deps.env.SLACK_SIGNING_SECRET,
    botTokenSet: !!deps.env.SLACK_BOT_TOKEN,
    mappings: await channelMappings(em),
    channels: (await channelActivity(em, 50)).map((c) => ({
      channelId: c.channelId,
      messages: c.messages,
      mentions: c.mentions,
      reactions: c.reactions,
      lastEventAt: c.lastEventAt ?? null,
    })),
  };
}

export async function setSlackChannel(
  deps: OpsDeps,
  em: EntityManager,
  viewer: Viewer,
  input: { purpose: string; channel?: string | null },
) {
  if (!(SLACK_PURPOSES as readonly string[]).includes(input.purpose))
    throw badInput('Unknown purpose.', [{ path: 'input.purpose', message: 'not a Slack purpose' }]);
  const channel = input.channel?.trim() || null;
  if (channel !== null && !SLACK_CHANNEL_PATTERN.test(channel))
    throw badInput('That is not a Slack channel.', [
      { path: 'input.channel', message: 'a channel id (C0123ABCD) or #name in lower case' },
    ]);
  const purpose = input.purpose as SlackPurpose;
  await em.transactional(async (tx) => {
    await setChannelMapping(tx, purpose, channel, actorOf(viewer), deps.clock());
    tx.create(OpsAuditEntry, {
      action: 'INTEGRATION_SETTING_CHANGED',
      actor: actorOf(viewer),
      targetType: 'SlackChannelMapping',
      targetId: purpose,
      details: { channel },
    });
  });
  return slackHub(deps, em.fork());
}
