/**
 * The analytics dashboard's figures: TT-API's analytics events over a range of whole UTC days,
 * read page by page through the graph (travel's `ttAnalyticsEvents`, as `service:ops-automation`)
 * and counted here, so the browser gets a handful of numbers instead of every event.
 */
import { SERVICES, badInput, runAs, upstreamUnavailable, type GraphExecutor } from '@nexus/platform';

/** A longer range is refused: a year (with a leap day) is the most the dashboard compares. */
export const MAX_RANGE_DAYS = 366;
/** Events counted at most per summary (the newest ones); `truncated` says when there were more. */
export const MAX_EVENTS = 10_000;
const PAGE = 100;
const DAY_MS = 86_400_000;

export interface AnalyticsCount {
  key: string | null;
  count: number;
}

export interface AnalyticsSummary {
  from: string;
  to: string;
  totalEvents: number;
  byEventName: AnalyticsCount[];
  byDay: { day: string; count: number }[];
  byUtmSource: AnalyticsCount[];
  byUtmMedium: AnalyticsCount[];
  byUtmCampaign: AnalyticsCount[];
  truncated: boolean;
}

interface EventRow {
  eventName: string;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  occurredAt: string;
}

const PAGE_QUERY = `query OpsAnalyticsEvents($after: String, $filter: AnalyticsEventFilter) {
  ttAnalyticsEvents(first: ${PAGE}, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { eventName utmSource utmMedium utmCampaign occurredAt }
  }
}`;

const dayStart = (day: string) => Date.parse(`${day}T00:00:00.000Z`);

/** The range's days, checked: `from` on or before `to`, at most MAX_RANGE_DAYS days. */
export function analyticsRange(from: string, to: string): { days: string[]; start: Date; end: Date } {
  const start = dayStart(from);
  const end = dayStart(to);
  if (start > end)
    throw badInput('The range starts after it ends.', [{ path: 'from', message: `must be on or before ${to}` }]);
  const length = Math.round((end - start) / DAY_MS) + 1;
  if (length > MAX_RANGE_DAYS)
    throw badInput(`The range is ${length} days long; at most ${MAX_RANGE_DAYS} are allowed.`, [
      { path: 'to', message: `must be within ${MAX_RANGE_DAYS} days of from` },
    ]);
  const days = Array.from({ length }, (_, i) => new Date(start + i * DAY_MS).toISOString().slice(0, 10));
  return { days, start: new Date(start), end: new Date(end + DAY_MS) };
}

/** Counts by key, most first, then by key (null last). */
function ranked(rows: EventRow[], pick: (r: EventRow) => string | null): AnalyticsCount[] {
  const counts = new Map<string | null, number>();
  for (const r of rows) {
    const key = pick(r)?.trim() || null;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key ?? '\uffff').localeCompare(b.key ?? '\uffff'));
}

export async function analyticsSummary(
  graph: GraphExecutor,
  args: { from: string; to: string },
  requestId: string,
): Promise<AnalyticsSummary> {
  const { days, start, end } = analyticsRange(args.from, args.to);
  // TT-API's `occurredBefore` is inclusive: stop one millisecond before the next day starts.
  const filter = { occurredAfter: start.toISOString(), occurredBefore: new Date(end.getTime() - 1).toISOString() };
  const rows: EventRow[] = [];
  let after: string | null = null;
  let total = 0;
  for (;;) {
    const page = await runAs(
      graph,
      SERVICES.opsAutomation,
      { query: PAGE_QUERY, variables: { after, filter } },
      requestId,
    );
    if (!page.ok)
      throw upstreamUnavailable('TT-API analytics', `TT-API's analytics could not be read: ${page.message}`);
    const c = page.data.ttAnalyticsEvents as {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: EventRow[];
    } | null;
    if (!c) break;
    total = c.totalCount;
    rows.push(...c.nodes);
    if (!c.pageInfo.hasNextPage || !c.pageInfo.endCursor || rows.length >= MAX_EVENTS) break;
    after = c.pageInfo.endCursor;
  }
  const counted = rows.slice(0, MAX_EVENTS).filter((r) => {
    const at = Date.parse(r.occurredAt);
    return at >= start.getTime() && at < end.getTime();
  });
  const perDay = new Map(days.map((d) => [d, 0]));
  for (const r of counted) {
    const day = new Date(r.occurredAt).toISOString().slice(0, 10);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  return {
    from: days[0] ?? args.from,
    to: days.at(-1) ?? args.to,
    totalEvents: counted.length,
    byEventName: ranked(counted, (r) => r.eventName),
    byDay: [...perDay.entries()].map(([day, count]) => ({ day, count })),
    byUtmSource: ranked(counted, (r) => r.utmSource),
    byUtmMedium: ranked(counted, (r) => r.utmMedium),
    byUtmCampaign: ranked(counted, (r) => r.utmCampaign),
    truncated: total > rows.length,
  };
}
