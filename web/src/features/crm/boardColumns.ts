import type { ApolloCache } from '@apollo/client';
import type { BoardDealFragment, DealFilter } from '../../__generated__/graphql.ts';
import { BoardColumnDocument } from './graphql/boardColumn.ts';

/** Cards per column page: a screenful or two; "Show more" asks for the next. */
export const COLUMN_PAGE_SIZE = 50;

/** The board's filters without the stage: what every column of one board shares. */
export type BoardFilter = Omit<DealFilter, 'stageIds'> & { pipelineId: string };

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
