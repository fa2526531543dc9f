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

/**
 * A page whose parts load only when selected: a list that asks for nodes alone never pays for a
 * count over 100k rows, and per-parent pages (Company.contacts) batch through loaders.
 */
export interface Page<T> {
  nodes(): Promise<T[]>;
  totalCount(): Promise<number>;
}
export type ContactPageSource = Page<Contact>;
export type CompanyPageSource = Page<Company>;
export type PipelinePageSource = Page<Pipeline>;
export type DealPageSource = Page<Deal>;
export type DealStageChangePageSource = Page<DealStageChange>;
export type ActivityPageSource = Page<Activity>;
export type TaskPageSource = Page<Task>;
export type LeadScoringRulePageSource = Page<LeadScoringRule>;
export type LeadScoreChangePageSource = Page<LeadScoreChange>;
export type MergeRecordPageSource = Page<MergeRecord>;
export type SearchHitPageSource = Page<SearchHitSource>;
export type ContactDuplicatePageSource = Page<DuplicatePair>;
export type CompanyDuplicatePageSource = Page<DuplicatePair>;

const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let pending: Promise<T> | undefined;
  return () => (pending ??= load());
};

export const lazyPage = <T>(nodes: () => Promise<T[]>, totalCount: () => Promise<number>): Page<T> => ({
  nodes: once(nodes),
  totalCount: once(totalCount),
});
