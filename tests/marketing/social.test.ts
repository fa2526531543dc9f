import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCampaigns } from '../../subgraphs/marketing/src/jobs/marketing.job.ts';
import { data } from '../support/staff.ts';
import { startMarketingWorld, type MarketingWorld } from './harness.ts';

/**
 * Social posts (M-10): drafts and schedules per platform with statuses; the 60 s checker (clock
 * injected) publishes due posts once, and without platform credentials logs what it would have
 * posted (P-08).
 */
describe('marketing social posts', () => {
  let world: MarketingWorld;
  beforeAll(async () => {
    world = await startMarketingWorld();
  }, 120_000);
  afterAll(async () => {
    await world?.close();
  });

  const CREATE = `mutation($i: CreateSocialPostInput!) { createSocialPost(input: $i) { id platform status scheduledFor } }`;
  type Post = {
    id: string;
    platform: string;
    status: string;
    scheduledFor: string | null;
    publishNote?: string | null;
  };
  const list = async (filter: Record<string, string>) =>
    data(
      await world.staff.as.viewer<{ socialPosts: { totalCount: number; nodes: Post[] } }>(
        'query($f: SocialPostFilter) { socialPosts(filter: $f) { totalCount nodes { id platform status scheduledFor publishNote } } }',
        { f: filter },
      ),
    ).socialPosts;

  it('keeps drafts and schedules per platform, refusing bad input and lower ranks', async () => {
    const draft = data(
      await world.staff.as.advisor<{ createSocialPost: Post }>(CREATE, {
        i: { platform: 'LINKEDIN', body: 'Kyoto in spring: our small-group tour has six places left.' },
      }),
    ).createSocialPost;
    expect(draft).toMatchObject({ platform: 'LINKEDIN', status: 'DRAFT', scheduledFor: null });

    for (const [i, field] of [
      [{ platform: 'X', body: 'k'.repeat(281) }, 'input.body'],
      [
        { platform: 'X', body: 'Spring!', scheduledFor: new Date(Date.now() - 3_600_000).toISOString() },
        'input.scheduledFor',
      ],
      [{ platform: 'MYSPACE', body: 'Hi' }, 'platform'],
    ] as const) {
      const err = (await world.staff.as.advisor(CREATE, { i })).errors?.[0];
      expect(err?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(err)).toContain(field);
    }
    expect(
      (await world.staff.as.viewer(CREATE, { i: { platform: 'X', body: 'Hi' } })).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    expect((await list({})).totalCount).toBe(1);

    // Scheduling a draft, then a manager deletes it (an advisor may not).
    const at = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const scheduled = data(
      await world.staff.as.advisor<{ updateSocialPost: Post }>(
        'mutation($i: UpdateSocialPostInput!) { updateSocialPost(input: $i) { id status scheduledFor } }',
        { i: { id: draft.id, scheduledFor: at } },
      ),
    ).updateSocialPost;
    expect(scheduled).toMatchObject({ status: 'SCHEDULED', scheduledFor: at });
    const del = 'mutation($id: ID!) { deleteSocialPost(id: $id) { id } }';
    expect((await world.staff.as.advisor(del, { id: draft.id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    data(await world.staff.as.manager(del, { id: draft.id }));
    expect((await list({})).totalCount).toBe(0);
  });

  it('publishes a due post once, logging what it would have posted without credentials', async () => {
    const in1h = new Date(Date.now() + 3_600_000);
    const due = data(
      await world.staff.as.advisor<{ createSocialPost: Post }>(CREATE, {
        i: { platform: 'X', body: 'Patagonia departures for 2027 are open.', scheduledFor: in1h.toISOString() },
      }),
    ).createSocialPost;
    const later = data(
      await world.staff.as.advisor<{ createSocialPost: Post }>(CREATE, {
        i: {
          platform: 'INSTAGRAM',
          body: 'Svalbard under the midnight sun.',
          scheduledFor: new Date(Date.now() + 48 * 3_600_000).toISOString(),
        },
      }),
    ).createSocialPost;
    const [a, b] = [await world.openDeps(), await world.openDeps()];
    // Not due yet: nothing happens.
    await checkCampaigns(a, world.log);
    expect((await list({ status: 'SCHEDULED' })).totalCount).toBe(2);
    // Two checkers an hour later: the due post is published once; the other waits.
    const t = new Date(in1h.getTime() + 60_000);
    a.now = () => t;
    b.now = () => t;
    const [r1, r2] = await Promise.all([checkCampaigns(a, world.log), checkCampaigns(b, world.log)]);
    expect(r1.posted + r2.posted).toBe(1);
    const logged = await list({ status: 'LOGGED' });
    expect(logged.nodes.map((n) => n.id)).toEqual([due.id]);
    expect(logged.nodes[0]?.publishNote).toContain('Patagonia departures for 2027 are open.');
    expect(logged.nodes[0]?.publishNote).toContain('credentials');
    expect((await list({ status: 'SCHEDULED' })).nodes.map((n) => n.id)).toEqual([later.id]);
    // A logged post no longer changes.
    const again = await world.staff.as.advisor(
      'mutation($i: UpdateSocialPostInput!) { updateSocialPost(input: $i) { id } }',
      {
        i: { id: due.id, body: 'Edited' },
      },
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});
