/**
 * TT-API's read-only modules (analytics events and KPIs, social posts, touchpoints, activities,
 * managed content) wrapped as cursor connections with filters, against the simulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, codes, ok, startTravel, type Travel } from './harness.ts';

let t: Travel;
beforeAll(async () => {
  t = await startTravel();
});
afterAll(async () => t?.stop());

type Page<T> = { totalCount: number; nodes: T[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

describe('read-only TT-API modules', () => {
  it('pages analytics events latest first and filters by UTM source', async () => {
    const first = ok(
      await t.run<{ ttAnalyticsEvents: Page<{ id: string; occurredAt: string; utmSource: string | null }> }>(
        `{ ttAnalyticsEvents(first: 10, filter: { utmSource: "linkedin" }) { totalCount nodes { id occurredAt utmSource } pageInfo { hasNextPage endCursor } } }`,
        {},
        as.viewer,
      ),
    ).ttAnalyticsEvents;
    expect(first.totalCount).toBeGreaterThan(10);
    expect(first.nodes.every((n) => n.utmSource === 'linkedin')).toBe(true);
    const times = first.nodes.map((n) => n.occurredAt);
    expect(times).toEqual([...times].sort().reverse());
    const second = ok(
      await t.run<{ ttAnalyticsEvents: Page<{ id: string }> }>(
        `query($after: String) { ttAnalyticsEvents(first: 10, after: $after, filter: { utmSource: "linkedin" }) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`,
        { after: first.pageInfo.endCursor },
        as.viewer,
      ),
    ).ttAnalyticsEvents;
    expect(second.nodes.map((n) => n.id).filter((id) => first.nodes.some((f) => f.id === id))).toEqual([]);
  });

  it('keeps KPI snapshots to managers', async () => {
    const q = `{ ttKpiSnapshots(first: 4, filter: { metric: "bookings" }) { totalCount nodes { snapshotDate metric value changePercent } } }`;
    expect(codes(await t.run(q, {}, as.advisor))).toEqual(['FORBIDDEN']);
    const r = ok(await t.run<{ ttKpiSnapshots: Page<{ metric: string; snapshotDate: string }> }>(q, {}, as.manager));
    expect(r.ttKpiSnapshots.totalCount).toBe(30);
    expect(r.ttKpiSnapshots.nodes.every((n) => n.metric === 'bookings')).toBe(true);
  });

  it('serves social posts, touchpoints, activities and content with enums and filters', async () => {
    const r = ok(
      await t.run<{
        ttSocialPosts: Page<{ platform: string; status: string }>;
        ttTouchpoints: Page<{ channel: string; direction: string; client: { id: string } | null }>;
        ttActivities: Page<{ activityType: string; client: { displayName: string } | null }>;
        ttManagedContent: Page<{ status: string; title: string }>;
      }>(
        `{
          ttSocialPosts(first: 5, filter: { status: SCHEDULED }) { totalCount nodes { platform status } }
          ttTouchpoints(first: 5, filter: { channel: EMAIL, direction: OUTBOUND }) { totalCount nodes { channel direction client { id } } }
          ttActivities(first: 5) { totalCount nodes { activityType client { displayName } } }
          ttManagedContent(first: 10, filter: { status: PUBLISHED, search: "river" }) { totalCount nodes { status title } }
        }`,
        {},
        as.viewer,
      ),
    );
    expect(r.ttSocialPosts.totalCount).toBeGreaterThan(0);
    expect(r.ttSocialPosts.nodes.every((n) => n.status === 'SCHEDULED')).toBe(true);
    expect(r.ttTouchpoints.nodes.every((n) => n.channel === 'EMAIL' && n.direction === 'OUTBOUND')).toBe(true);
    expect(r.ttTouchpoints.nodes.some((n) => n.client !== null)).toBe(true);
    expect(r.ttActivities.totalCount).toBe(40);
    expect(r.ttManagedContent.nodes).toEqual([
      { status: 'PUBLISHED', title: 'Why river cruises win for first-timers' },
    ]);
  });

  it('refuses a page beyond 100 on the field only', async () => {
    const r = await t.run(
      `{ ttSocialPosts(first: 101) { totalCount } ttActivities(first: 1) { totalCount } }`,
      {},
      as.viewer,
    );
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.data).toMatchObject({ ttSocialPosts: null, ttActivities: { totalCount: 40 } });
  });
});
