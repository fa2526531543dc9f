import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { data } from '../support/staff.ts';
import { checkCampaigns } from '../../subgraphs/marketing/src/jobs/marketing.job.ts';
import { refreshSegment } from '../../subgraphs/marketing/src/services/segments.service.ts';
import {
  audienceHas,
  campaignReaches,
  createContacts,
  draftCampaign,
  startMarketingWorld,
  type MarketingWorld,
} from './harness.ts';

/**
 * The 60 s checker with two workers (one start, one email per recipient), the A/B winner by human
 * clicks after the test window (clock injected), and the atomic segment refresh.
 */
describe('marketing scheduling, A/B and segments', () => {
  let world: MarketingWorld;
  beforeAll(async () => {
    world = await startMarketingWorld();
  }, 120_000);
  afterAll(async () => {
    await world?.close();
  });

  it('sends a due campaign once even when two workers run the checker at the same moment', async () => {
    const one = await world.startWorker();
    const two = await world.startWorker();
    const emails = Array.from({ length: 20 }, (_, i) => `due${i}@sched.example.test`);
    await createContacts(world, 'sched', emails);
    await audienceHas(world, 'sched', emails.length);
    const { campaignId } = await draftCampaign(world, 'sched');
    const sendAt = new Date(Date.now() + 5 * 60_000);
    data(
      await world.staff.as.advisor('mutation($i: ScheduleCampaignInput!) { scheduleCampaign(input: $i) { id } }', {
        i: { id: campaignId, sendAt: sendAt.toISOString() },
      }),
    );
    const [a, b] = [await world.openDeps(), await world.openDeps()];
    // Not due yet: nothing starts.
    await checkCampaigns(a, world.log);
    expect(
      data(
        await world.staff.as.viewer<{ campaign: { status: string } }>(
          'query($id: ID!) { campaign(id: $id) { status } }',
          { id: campaignId },
        ),
      ).campaign.status,
    ).toBe('SCHEDULED');
    const later = new Date(sendAt.getTime() + 1000);
    a.now = () => later;
    b.now = () => later;
    world.catcher.clear();
    await Promise.all([checkCampaigns(a, world.log), checkCampaigns(b, world.log)]);
    const done = await campaignReaches(world, campaignId, 'SENT');
    expect(done).toMatchObject({ totalRecipients: 20, totalSent: 20 });
    const to = world.catcher.messages.flatMap((m) => m.envelopeTo);
    expect(to).toHaveLength(20);
    expect(new Set(to)).toEqual(new Set(emails));
    await one.stop();
    await two.stop();
  }, 120_000);

  it('picks the A/B winner by human clicks after the window and sends it to the rest', async () => {
    const worker = await world.startWorker();
    const emails = Array.from({ length: 40 }, (_, i) => `ab${i}@ab.example.test`);
    await createContacts(world, 'abtest', emails);
    await audienceHas(world, 'abtest', emails.length);
    const { campaignId } = await draftCampaign(world, 'abtest', {
      variants: [
        { key: 'A', subject: 'Plain offer', percent: 50 },
        { key: 'B', subject: 'Kyoto awaits, {{ contact.firstName }}', percent: 50 },
      ],
      testPercent: 50,
      testWindowMinutes: 60,
    });
    data(
      await world.staff.as.advisor('mutation($i: ScheduleCampaignInput!) { scheduleCampaign(input: $i) { id } }', {
        i: { id: campaignId },
      }),
    );
    const deps = await world.openDeps();
    world.catcher.clear();
    await checkCampaigns(deps, world.log);
    const test = await world.catcher.waitFor(20, 60_000);
    const bMails = test.filter((m) => m.subject.startsWith('Kyoto awaits'));
    expect(bMails.length).toBeGreaterThan(0);
    expect(bMails.length).toBeLessThan(20);
    // People click in B's emails; a scanner clicks every A email (not counted).
    const human = {
      'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36',
    };
    const linkIn = (html: unknown) =>
      new URL(/href="(http:\/\/nexus\.test\/t\/c\/[^"]+)"/.exec(String(html))?.[1] ?? '').pathname;
    for (const m of bMails.slice(0, 5))
      await fetch(`${world.system.gatewayUrl}${linkIn(m.parsed.html)}`, { redirect: 'manual', headers: human });
    for (const m of test.filter((x) => x.subject === 'Plain offer'))
      await fetch(`${world.system.gatewayUrl}${linkIn(m.parsed.html)}`, {
        redirect: 'manual',
        headers: { 'user-agent': 'Proofpoint URL Defense scanner' },
      });

    // Before the window closes nothing more goes out; after it, the winner goes to the other half.
    await checkCampaigns(deps, world.log);
    expect(
      data(
        await world.staff.as.viewer<{ campaign: { winnerVariant: string | null } }>(
          'query($id: ID!) { campaign(id: $id) { winnerVariant } }',
          { id: campaignId },
        ),
      ).campaign.winnerVariant,
    ).toBeNull();
    const afterWindow = new Date(Date.now() + 61 * 60_000);
    deps.now = () => afterWindow;
    await checkCampaigns(deps, world.log);
    const done = await campaignReaches(world, campaignId, 'SENT');
    expect(done.totalSent).toBe(40);
    const all = world.catcher.messages;
    expect(all).toHaveLength(40);
    expect(all.slice(20).every((m) => m.subject.startsWith('Kyoto awaits'))).toBe(true);
    const c = data(
      await world.staff.as.viewer<{
        campaign: { winnerVariant: string; stats: { variant: string; uniqueClicks: number }[] };
      }>('query($id: ID!) { campaign(id: $id) { winnerVariant stats { variant uniqueClicks } } }', { id: campaignId }),
    ).campaign;
    expect(c.winnerVariant).toBe('B');
    expect(c.stats.find((s) => s.variant === 'A')?.uniqueClicks).toBe(0);
    await worker.stop();
  }, 120_000);

  it('refreshes a segment atomically: a reader never sees an empty or half set', async () => {
    const worker = await world.startWorker();
    const emails = Array.from({ length: 60 }, (_, i) => `seg${i}@seg.example.test`);
    await createContacts(world, 'atomic', emails);
    await audienceHas(world, 'atomic', 60);
    const seg = data(
      await world.staff.as.advisor<{ createSegment: { id: string; memberCount: number } }>(
        'mutation($i: CreateSegmentInput!) { createSegment(input: $i) { id memberCount } }',
        {
          i: {
            name: 'Atomic',
            kind: 'DYNAMIC',
            criteria: {
              or: [
                { field: 'tags', op: 'contains', value: 'atomic' },
                { field: 'custom.none', op: 'eq', value: 'x' },
              ],
            },
          },
        },
      ),
    ).createSegment;
    expect(seg.memberCount).toBe(60);
    const deps = await world.openDeps();
    const seen = new Set<number>();
    let refreshing = true;
    const reader = (async () => {
      while (refreshing) {
        const [row] = await deps.orm.em
          .fork()
          .execute<{ n: string }[]>(`select count(*) as n from segment_member where segment_id = ?`, [seg.id]);
        seen.add(Number(row?.n));
      }
    })();
    for (let i = 0; i < 15; i++) await refreshSegment(deps.orm.em.fork(), deps.bus, world.log, seg.id);
    refreshing = false;
    await reader;
    expect([...seen]).toEqual([60]);
    const count = data(
      await world.staff.as.viewer<{ segmentCount: number }>('query($c: JSON!) { segmentCount(criteria: $c) }', {
        c: {
          and: [
            { field: 'tags', op: 'contains', value: 'atomic' },
            {
              or: [
                { field: 'score', op: 'gte', value: 0 },
                { field: 'emailStatus', op: 'eq', value: 'BOUNCED' },
              ],
            },
          ],
        },
      }),
    );
    expect(count.segmentCount).toBe(60);
    await worker.stop();
  }, 120_000);
});
