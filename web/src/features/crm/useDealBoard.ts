import { useQuery, useSubscription } from '@apollo/client/react';
import { DealBoardDocument } from './graphql/dealBoard.ts';
import { DealChangedDocument } from './graphql/dealChanged.ts';

/** The board shows at most this many deals (the server's page limit). */
export const BOARD_LIMIT = 200;

/**
 * A pipeline's deals, kept live through `dealChanged`. A changed deal already on the board updates
 * in place (Apollo writes it to the cache under the same id, and the board regroups by stage); a
 * deal new to the board is added to the list; a deleted one drops out (`deletedAt` is set).
 */
export function useDealBoard(pipelineId: string | null) {
  const variables = { pipelineId: pipelineId ?? '', limit: BOARD_LIMIT };
  const { data, previousData, loading, error, refetch } = useQuery(DealBoardDocument, {
    variables,
    skip: pipelineId === null,
    fetchPolicy: 'cache-and-network',
  });

  const live = useSubscription(DealChangedDocument, {
    variables: { pipelineId },
    skip: pipelineId === null,
    onData: ({ client, data: event }) => {
      const deal = event.data?.dealChanged;
      if (!deal || deal.pipeline.id !== pipelineId) return;
      client.cache.updateQuery({ query: DealBoardDocument, variables }, (board) => {
        if (!board || board.deals.nodes.some((d) => d.id === deal.id)) return board;
        return { deals: { ...board.deals, totalCount: board.deals.totalCount + 1, nodes: [...board.deals.nodes, deal] } };
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
