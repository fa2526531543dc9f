/** The read-only TT-API modules: analytics, KPIs, social, touchpoints, activities, content. */
import type {
  QueryTtActivitiesArgs,
  QueryTtAnalyticsEventsArgs,
  QueryTtKpiSnapshotsArgs,
  QueryTtManagedContentArgs,
  QueryTtSocialPostsArgs,
  QueryTtTouchpointsArgs,
} from '../__generated__/resolvers-types.ts';
import type { TtApiClient } from '../tt-api/client.ts';
import { filterOf, ttConnection } from './lists.ts';

/** The DateTime scalar parses to a Date; TT-API takes ISO strings. */
const iso = (d: string | Date | null | undefined) => (d instanceof Date ? d.toISOString() : (d ?? undefined));

export function listAnalyticsEvents(tt: TtApiClient, args: QueryTtAnalyticsEventsArgs) {
  const { occurredAfter, occurredBefore, ...rest } = args.filter ?? {};
  const query = {
    ...filterOf(rest),
    ...(iso(occurredAfter) ? { occurredAfter: iso(occurredAfter) } : {}),
    ...(iso(occurredBefore) ? { occurredBefore: iso(occurredBefore) } : {}),
    sortBy: 'occurredAt' as const,
    sortOrder: 'desc' as const,
  };
  return ttConnection((p) => tt.listAnalyticsEvents({ ...query, ...p }), args);
}

export function listKpiSnapshots(tt: TtApiClient, args: QueryTtKpiSnapshotsArgs) {
  const query = { ...filterOf(args.filter), sortBy: 'snapshotDate' as const, sortOrder: 'desc' as const };
  return ttConnection((p) => tt.listKpiSnapshots({ ...query, ...p }), args);
}

export function listSocialPosts(tt: TtApiClient, args: QueryTtSocialPostsArgs) {
  const query = { ...filterOf(args.filter), sortBy: 'scheduledFor' as const, sortOrder: 'desc' as const };
  return ttConnection((p) => tt.listSocialPosts({ ...query, ...p }), args);
}

export function listTouchpoints(tt: TtApiClient, args: QueryTtTouchpointsArgs) {
  const query = { ...filterOf(args.filter), sortBy: 'occurredAt' as const, sortOrder: 'desc' as const };
  return ttConnection((p) => tt.listTouchpoints({ ...query, ...p }), args);
}

export function listActivities(tt: TtApiClient, args: QueryTtActivitiesArgs) {
  const query = { ...filterOf(args.filter), sortBy: 'occurredAt' as const, sortOrder: 'desc' as const };
  return ttConnection((p) => tt.listActivities({ ...query, ...p }), args);
}

export function listManagedContent(tt: TtApiClient, args: QueryTtManagedContentArgs) {
  const query = { ...filterOf(args.filter), sortBy: 'updatedAt' as const, sortOrder: 'desc' as const };
  return ttConnection((p) => tt.listContent({ ...query, ...p }), args);
}
