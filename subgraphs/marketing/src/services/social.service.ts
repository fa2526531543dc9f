import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  badInput,
  conflict,
  findConnection,
  notFound,
  parseInput,
  zId,
  type ConnectionArgs,
  type Logger,
  type Viewer,
} from '@nexus/platform';
import { SOCIAL_PLATFORMS, SocialPost, type SocialPlatform, type SocialPostStatus } from '../entities/index.ts';

/**
 * Social posts (M-10): drafts and schedules per platform. The 60 s checker publishes due posts;
 * no platform client is configured in Nexus, so (P-08) the publisher logs what it would have posted
 * and marks the post LOGGED, with that text in `publishNote`.
 */

/** Each platform's longest post, in characters. */
export const PLATFORM_LIMITS: Record<SocialPlatform, number> = {
  X: 280,
  LINKEDIN: 3000,
  INSTAGRAM: 2200,
  FACEBOOK: 63_206,
};

const postInput = z.object({
  platform: z.enum(SOCIAL_PLATFORMS),
  body: z.string().trim().min(1, { message: 'is required' }).max(63_206),
  scheduledFor: z.coerce.date().nullish(),
  campaignId: zId.nullish(),
});
const updateInput = postInput.partial().extend({ id: zId });

function check(platform: SocialPlatform, body: string, scheduledFor: Date | null | undefined, now: Date) {
  const limit = PLATFORM_LIMITS[platform];
  if (body.length > limit)
    throw badInput(`A ${platform} post holds at most ${limit} characters.`, [
      { path: 'input.body', message: `is ${body.length} characters; ${platform} allows ${limit}` },
    ]);
  if (scheduledFor && scheduledFor.getTime() < now.getTime() - 60_000)
    throw badInput('The scheduled time is in the past.', [
      { path: 'input.scheduledFor', message: 'must not be in the past' },
    ]);
}

/** A draft, or SCHEDULED when `scheduledFor` is given. */
export async function createSocialPost(em: EntityManager, viewer: Viewer, input: unknown, now: Date) {
  const data = parseInput(postInput, input);
  check(data.platform, data.body, data.scheduledFor, now);
  const post = em.create(SocialPost, {
    platform: data.platform,
    body: data.body,
    scheduledFor: data.scheduledFor ?? null,
    status: data.scheduledFor ? 'SCHEDULED' : 'DRAFT',
    campaignId: data.campaignId ?? null,
    ownerId: viewer.kind === 'user' ? viewer.id : null,
  });
  await em.flush();
  return post;
}

/** Changes a draft or scheduled post; a null `scheduledFor` makes it a draft again. */
export async function updateSocialPost(em: EntityManager, input: unknown, now: Date) {
  const data = parseInput(updateInput, input);
  const post = await em.findOne(SocialPost, { id: data.id });
  if (!post) throw notFound('SocialPost', data.id);
  if (post.status !== 'DRAFT' && post.status !== 'SCHEDULED')
    throw conflict(`The post is ${post.status.toLowerCase()}; only drafts and scheduled posts change.`);
  const platform = data.platform ?? post.platform;
  const body = data.body ?? post.body;
  const scheduledFor = data.scheduledFor === undefined ? post.scheduledFor : data.scheduledFor;
  check(platform, body, data.scheduledFor, now);
  em.assign(post, {
    platform,
    body,
    scheduledFor: scheduledFor ?? null,
    status: scheduledFor ? 'SCHEDULED' : 'DRAFT',
    ...(data.campaignId !== undefined ? { campaignId: data.campaignId } : {}),
  });
  await em.flush();
  return post;
}

export async function deleteSocialPost(em: EntityManager, id: unknown) {
  const postId = parseInput(zId, id, 'id');
  const post = await em.findOne(SocialPost, { id: postId });
  if (!post) throw notFound('SocialPost', postId);
  post.deletedAt = new Date();
  await em.flush();
  return post;
}

export function listSocialPosts(
  em: EntityManager,
  args: ConnectionArgs & { filter?: { platform?: SocialPlatform | null; status?: SocialPostStatus | null } | null },
) {
  const where = {
    ...(args.filter?.platform ? { platform: args.filter.platform } : {}),
    ...(args.filter?.status ? { status: args.filter.status } : {}),
  };
  return findConnection(em, SocialPost, where, args, [{ createdAt: 'desc' }, { id: 'desc' }]);
}

/**
 * Publishes due scheduled posts, each claimed by one guarded status change (two checkers never
 * publish a post twice). Without a platform client it logs what it would have posted (P-08).
 */
export async function publishDueSocialPosts(em: EntityManager, log: Logger, now: Date): Promise<number> {
  const due = await em.execute<{ id: string; platform: SocialPlatform; body: string }[]>(
    `update social_post set status = 'LOGGED', published_at = ?, updated_at = now(),
       publish_note = left('No ' || initcap(platform::text) || ' credentials are configured: logged instead of posting “' || body || '”', 500)
     where id in (select id from social_post where status = 'SCHEDULED' and scheduled_for <= ? and deleted_at is null
                  order by scheduled_for limit 50 for update skip locked)
     returning id, platform, body`,
    [now, now],
  );
  for (const post of due)
    log.info(
      { socialPostId: post.id, platform: post.platform, body: post.body },
      'social post due: no platform credentials, would have posted',
    );
  return due.length;
}
