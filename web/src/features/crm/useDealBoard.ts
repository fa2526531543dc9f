import { useEffect } from 'react';
import { useQuery, useSubscription } from '@apollo/client/react';
import { DealBoardDocument } from './graphql/dealBoard.ts';
import { DealChangedDocument } from './graphql/dealChanged.ts';

/** Deals per request (the server's largest page). */
export const BOARD_PAGE_SIZE = 100;
/** The board follows pages up to this many deals; a pipeline larger than that is a list, not a board. */
export const BOARD_LIMIT = 500;

/**
 * A pipeline's deals, kept live through `dealChanged`. The board loads page after page (keyset
 * cursors, so a deal moved meanwhile is neither lost nor doubled) until it has them all or
 * BOARD_LIMIT. A changed deal already on the board updates in place (Apollo writes it to the cache
 * under the same id, and the board regroups by stage); a deal new to the board is added to the
 * list; a deleted one drops out (`deletedAt` is set).
 */
export function useDealBoard(pipelineId: string | null) {
  const variables = { pipelineId: pipelineId ?? '', first: BOARD_PAGE_SIZE };
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(DealBoardDocument, {
    variables,
    skip: pipelineId === null,
    fetchPolicy: 'cache-and-network',
  });

  const board = data?.deals;
  const after = board?.pageInfo.hasNextPage && board.nodes.length < BOARD_LIMIT ? board.pageInfo.endCursor : null;
  useEffect(() => {
    if (!after) return;
    void fetchMore({
      variables: { after },
      updateQuery: (previous, { fetchMoreResult }) => {
        const more = fetchMoreResult.deals;
        if (!previous.deals || !more) return previous;
        const known = new Set(previous.deals.nodes.map((d) => d.id));
        return {
          deals: {
            ...more,
            nodes: [...previous.deals.nodes, ...more.nodes.filter((d) => !known.has(d.id))],
          },
        };
      },
    });
  }, [after, fetchMore]);

  const live = useSubscription(DealChangedDocument, {
    variables: { pipelineId },
    skip: pipelineId === null,
    onData: ({ client, data: event }) => {
      const deal = event.data?.dealChanged;
      if (!deal || deal.pipeline.id !== pipelineId) return;
      client.cache.updateQuery({ query: DealBoardDocument, variables }, (current) => {
        if (!current?.deals || current.deals.nodes.some((d) => d.id === deal.id)) return current;
        return {
          deals: { ...current.deals, totalCount: current.deals.totalCount + 1, nodes: [...current.deals.nodes, deal] },
        };
      });
    },
  });

  const page = data?.deals ?? previousData?.deals;
  return {
    deals: (page?.nodes ?? []).filter((d) => !d.deletedAt),
    totalCount: page?.totalCount ?? 0,
    loaded: data !== undefined,
    loading,
    error,
    refetch,
    liveError: live.error,
  };
}
