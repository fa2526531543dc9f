import type { ApolloCache } from '@apollo/client';
import type { BoardDealFragment, DealFilter } from '../../__generated__/graphql.ts';
import { BoardColumnDocument } from './graphql/__generated__/boardColumn.ts';

/** Cards per column page: a screenful or two; "Show more" asks for the next. */
export const COLUMN_PAGE_SIZE = 50;

/** The board's filters without the stage: what every column of one board shares. */
export type BoardFilter = Omit<DealFilter, 'stageIds'> & { pipelineId: string };

/** A swimlane of the board: one owner's deals (or the unassigned ones) across every stage. */
export interface Lane {
  /** The owner's id, or `none` for deals with no owner. */
  key: string;
  name: string;
}

/** A column's cards of one lane: how many it shows and their amount. */
export interface LaneTally extends Lane {
  count: number;
  amountCents: number;
}

export const UNASSIGNED_LANE = 'none';
export const laneKeyOf = (deal: Pick<BoardDealFragment, 'owner'>) => deal.owner?.id ?? UNASSIGNED_LANE;

/**
 * The lanes from the columns' tallies: everyone with a deal on the board, the signed-in person
 * first, then by name, and the unassigned deals last; each with the cards and amount shown.
 */
export function lanesOf(tallies: Iterable<readonly LaneTally[]>, meId: string | null): LaneTally[] {
  const lanes = new Map<string, LaneTally>();
  for (const column of tallies)
    for (const t of column) {
      const lane = lanes.get(t.key) ?? { key: t.key, name: t.name, count: 0, amountCents: 0 };
      lane.count += t.count;
      lane.amountCents += t.amountCents;
      lanes.set(t.key, lane);
    }
  const rank = (lane: Lane) => (lane.key === meId ? 0 : lane.key === UNASSIGNED_LANE ? 2 : 1);
  return [...lanes.values()].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

/** The exact variables of a column's first page, so the cache entry of a column can be found again. */
export const columnVariables = (filter: BoardFilter, stageId: string) => ({
  filter: { ...filter, stageIds: [stageId] },
  first: COLUMN_PAGE_SIZE,
});

/**
 * Puts a changed deal in the column of its stage and takes it out of every other column of the
 * board, keeping each column's count right. Used for the optimistic move, the server's answer and
 * moves by colleagues arriving live; running it twice changes nothing.
 */
export function placeDeal(
  cache: ApolloCache,
  deal: BoardDealFragment,
  stageIds: readonly string[],
  filter: BoardFilter,
) {
  for (const stageId of stageIds) {
    cache.updateQuery({ query: BoardColumnDocument, variables: columnVariables(filter, stageId) }, (current) => {
      const column = current?.deals;
      if (!column) return current;
      const present = column.nodes.some((d) => d.id === deal.id);
      const belongs = deal.stage.id === stageId && !deal.deletedAt;
      if (present === belongs) return current;
      const nodes = belongs ? [deal, ...column.nodes] : column.nodes.filter((d) => d.id !== deal.id);
      return { deals: { ...column, nodes, totalCount: Math.max(0, column.totalCount + (belongs ? 1 : -1)) } };
    });
  }
}
