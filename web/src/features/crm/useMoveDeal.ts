import { useMutation } from '@apollo/client/react';
import type { BoardDealFragment } from '../../__generated__/graphql.ts';
import { describeError, type DescribedError } from '../../lib/errors.ts';
import { placeDeal, type BoardFilter } from './boardColumns.ts';
import { MoveDealDocument } from './graphql/__generated__/moveDeal.ts';

export interface TargetStage {
  id: string;
  probability: number;
  outcome: 'OPEN' | 'WON' | 'LOST';
}

/**
 * Moves a deal, optimistically: the card lands in its new column at once, with the new stage's
 * probability and weighted amount. If the server refuses, Apollo drops the optimistic layer (the
 * card goes back) and the refusal comes back described, for the board to show.
 */
export function useMoveDeal(board: { stageIds: readonly string[]; filter: BoardFilter } | null) {
  const [mutate] = useMutation(MoveDealDocument);

  return async (deal: BoardDealFragment, stage: TargetStage, reason?: string): Promise<DescribedError | null> => {
    const now = new Date().toISOString();
    try {
      await mutate({
        variables: { input: { dealId: deal.id, stageId: stage.id, reason: reason ?? null } },
        optimisticResponse: {
          moveDeal: {
            ...deal,
            __typename: 'Deal',
            stage: { __typename: 'PipelineStage', id: stage.id },
            status: stage.outcome,
            probability: stage.probability,
            weightedAmountCents: Math.round((deal.amountCents * stage.probability) / 100),
            stageEnteredAt: now,
            updatedAt: now,
          },
        },
        update: (cache, { data }) => {
          if (board && data) placeDeal(cache, data.moveDeal, board.stageIds, board.filter);
        },
        // The stage totals and the dashboard are the server's sums: ask again once the move is in.
        refetchQueries: ['PipelineSummary', 'CrmDashboard'],
      });
      return null;
    } catch (e) {
      return describeError(e);
    }
  };
}
