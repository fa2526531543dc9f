import { offsetConnection, offsetWindow, settleWindow, type Connection, type ConnectionArgs } from '@nexus/platform';
import type {
  Activity,
  Company,
  Contact,
  Deal,
  DealStageChange,
  LeadScoreChange,
  LeadScoringRule,
  MergeRecord,
  Pipeline,
  Task,
} from '../entities/index.ts';
import type { DuplicatePair } from './duplicates.service.ts';
import type { SearchHitSource } from './search.service.ts';

/** What each connection type of the schema resolves from: the platform's connection shape. */
export type ContactConnectionSource = Connection<Contact>;
export type CompanyConnectionSource = Connection<Company>;
export type PipelineConnectionSource = Connection<Pipeline>;
export type DealConnectionSource = Connection<Deal>;
export type DealStageChangeConnectionSource = Connection<DealStageChange>;
export type ActivityConnectionSource = Connection<Activity>;
export type TaskConnectionSource = Connection<Task>;
export type LeadScoringRuleConnectionSource = Connection<LeadScoringRule>;
export type LeadScoreChangeConnectionSource = Connection<LeadScoreChange>;
export type MergeRecordConnectionSource = Connection<MergeRecord>;
export type SearchHitConnectionSource = Connection<SearchHitSource>;
export type ContactDuplicateConnectionSource = Connection<DuplicatePair>;
export type CompanyDuplicateConnectionSource = Connection<DuplicatePair>;

/** How deep a ranked (relevance-ordered) list may be paged: past that, refine the search. */
export const MAX_RANKED_OFFSET = 1000;

/**
 * A connection over a ranked list (search results by relevance), which has no stable key to page
 * by: cursors are positions in the ranking, and the count comes first so `last` can be served.
 */
export async function rankedConnection<T>(
  args: ConnectionArgs,
  find: (offset: number, limit: number) => Promise<T[]>,
  count: () => Promise<number>,
): Promise<Connection<T>> {
  const window = offsetWindow(args, MAX_RANKED_OFFSET);
  const totalCount = await count();
  const settled = settleWindow(window, totalCount);
  const items = settled.limit > 0 && settled.offset < totalCount ? await find(settled.offset, settled.limit) : [];
  return offsetConnection(items, totalCount, settled);
}
