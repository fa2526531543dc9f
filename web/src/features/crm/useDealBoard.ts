import { useQuery, useSubscription } from '@apollo/client/react';
import { placeDeal, type BoardFilter } from './boardColumns.ts';
import { DealChangedDocument } from './graphql/__generated__/dealChanged.ts';
import { PipelineSummaryDocument } from './graphql/__generated__/pipelineSummary.ts';

/**
 * A pipeline's totals by stage (the server's sums, as on the dashboard), kept live: a deal changed
 * by anyone arrives through `dealChanged`, is placed in its column, and the totals are asked again.
 */
export function useDealBoard(pipelineId: string | null, stageIds: readonly string[], filter: BoardFilter | null) {
  const summary = useQuery(PipelineSummaryDocument, {
    variables: { id: pipelineId ?? '', filter },
    skip: pipelineId === null || filter === null,
    fetchPolicy: 'cache-and-network',
  });

  const live = useSubscription(DealChangedDocument, {
    variables: { pipelineId },
    skip: pipelineId === null,
    onData: ({ client, data: event }) => {
      const deal = event.data?.dealChanged;
      if (!deal || deal.pipeline.id !== pipelineId || !filter) return;
      placeDeal(client.cache, deal, stageIds, filter);
      void summary.refetch();
    },
  });

  const data = summary.data ?? summary.previousData;
  return {
    summary: data?.pipeline?.summary ?? null,
    error: summary.error,
    refetch: summary.refetch,
    liveError: live.error,
  };
}
