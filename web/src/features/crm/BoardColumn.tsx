import { useDroppable } from '@dnd-kit/core';
import { useQuery } from '@apollo/client/react';
import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import type { BoardDealFragment } from '../../__generated__/graphql.ts';
import { formatCentsCompact, formatNumber } from '../../lib/format.ts';
import {
  columnVariables,
  COLUMN_PAGE_SIZE,
  laneKeyOf,
  type BoardFilter,
  type Lane,
  type LaneTally,
} from './boardColumns.ts';
import { BoardColumnDocument } from './graphql/__generated__/boardColumn.ts';

/** The server's sums for the column, counting exactly the deals the board's filters match. */
export interface ColumnTotals {
  amountCents: number;
  weightedAmountCents: number;
}

interface BoardColumnProps {
  stageId: string;
  name: string;
  probability: number;
  outcome: 'OPEN' | 'WON' | 'LOST';
  filter: BoardFilter;
  /** Null while filters apply: the sums are then of the cards this column has loaded. */
  totals: ColumnTotals | null;
  onAdd?: () => void;
  /** Each card, drawn by the board (which owns moves and editing). */
  renderCard: (deal: BoardDealFragment) => ReactNode;
  /** Tells the board which deals this column holds, for dragging. */
  onDeals: (stageId: string, deals: readonly BoardDealFragment[]) => void;
  /** Swimlanes by owner: one cell per lane, lined up across the columns by the board's grid. */
  lanes?: readonly Lane[];
  /** Tells the board whose deals this column shows, and how many, so it can draw the lanes. */
  onTally?: (stageId: string, tally: readonly LaneTally[]) => void;
}

/**
 * One stage of the board: its own pages of deals (so every deal is reachable however large the
 * pipeline), the count of all of them, the totals, and a drop target for cards. The cards scroll
 * inside the column; the page stays the height of the screen.
 */
export function BoardColumn({
  stageId,
  name,
  probability,
  outcome,
  filter,
  totals,
  onAdd,
  renderCard,
  onDeals,
  lanes,
  onTally,
}: BoardColumnProps) {
  const { setNodeRef, isOver } = useDroppable({ id: stageId });
  const { data, previousData, fetchMore, loading } = useQuery(BoardColumnDocument, {
    variables: columnVariables(filter, stageId),
    fetchPolicy: 'cache-and-network',
    // Pages added by "Show more" and cards placed by moves live in the cache; do not refetch over them.
    nextFetchPolicy: 'cache-first',
  });
  const [fetchingMore, setFetchingMore] = useState(false);
  const page = (data ?? previousData)?.deals;
  const deals = (page?.nodes ?? []).filter((d) => d.stage.id === stageId && !d.deletedAt);
  onDeals(stageId, deals);
  const count = page?.totalCount ?? 0;
  const shownAmount = deals.reduce((sum, d) => sum + d.amountCents, 0);
  const shownWeighted = deals.reduce((sum, d) => sum + d.weightedAmountCents, 0);
  const amount = totals?.amountCents ?? shownAmount;
  const weightedAmount = totals?.weightedAmountCents ?? shownWeighted;
  const partial = !totals && deals.length < count;
  const headingId = `stage-${stageId}`;
  const tally = tallyByOwner(deals);
  const tallyKey = JSON.stringify(tally);
  useEffect(() => {
    onTally?.(stageId, JSON.parse(tallyKey) as LaneTally[]);
  }, [onTally, stageId, tallyKey]);

  const more = () => {
    const after = page?.pageInfo.endCursor;
    if (!after) return;
    setFetchingMore(true);
    void fetchMore({
      variables: { after, first: COLUMN_PAGE_SIZE },
      updateQuery: (previous, { fetchMoreResult }) => {
        const next = fetchMoreResult.deals;
        if (!previous.deals || !next) return previous;
        const known = new Set(previous.deals.nodes.map((d) => d.id));
        return {
          deals: {
            ...next,
            totalCount: next.totalCount,
            nodes: [...previous.deals.nodes, ...next.nodes.filter((d) => !known.has(d.id))],
          },
        };
      },
    }).finally(() => setFetchingMore(false));
  };

  const moreButton = deals.length < count && (
    <button
      type="button"
      className="button button--small board-column__more"
      onClick={more}
      disabled={fetchingMore}
      data-testid="column-more"
    >
      Show {formatNumber(Math.min(COLUMN_PAGE_SIZE, count - deals.length))} more of {formatNumber(count - deals.length)}
    </button>
  );
  const empty = count === 0 && !loading && <p className="board-column__empty">No deals</p>;
  // In swimlanes the column spans every row of the board's grid and shares its rows (subgrid).
  const laneStyle: CSSProperties | undefined = lanes ? { gridRow: `1 / span ${lanes.length + 2}` } : undefined;

  return (
    <section
      ref={setNodeRef}
      className={`board-column board-column--${outcome.toLowerCase()}${isOver ? ' board-column--over' : ''}`}
      aria-labelledby={headingId}
      data-testid="board-column"
      data-stage-id={stageId}
      style={laneStyle}
    >
      <header className="board-column__header">
        <h2 id={headingId} className="board-column__title">
          <span className="board-column__name">{name}</span>
          <span className="board-column__count" data-testid="column-count" aria-label={`${count} deals`}>
            {formatNumber(count)}
          </span>
        </h2>
        <p className="board-column__totals">
          <span data-testid="column-amount">{formatCentsCompact(amount)}</span>
          {outcome === 'OPEN' && (
            <span className="board-column__weighted" title={`Weighted at ${probability}%`}>
              {' '}
              · {formatCentsCompact(weightedAmount)} weighted
            </span>
          )}
          {partial && <span className="board-column__weighted"> (of the cards shown)</span>}
        </p>
        {onAdd && (
          <button
            type="button"
            className="board-column__add button button--ghost button--small"
            onClick={onAdd}
            aria-label={`New deal in ${name}`}
          >
            + New deal
          </button>
        )}
      </header>
      {lanes ? (
        <>
          {lanes.map((lane) => (
            <div
              key={lane.key}
              className="board-column__lane"
              role="group"
              aria-label={`${lane.name}, ${name}`}
              data-testid="lane-cell"
              data-lane={lane.key}
            >
              {deals.filter((d) => laneKeyOf(d) === lane.key).map(renderCard)}
            </div>
          ))}
          <div className="board-column__footer">
            {moreButton}
            {empty}
          </div>
        </>
      ) : (
        <div className="board-column__cards" data-testid="column-cards">
          {deals.map(renderCard)}
          {moreButton}
          {empty}
        </div>
      )}
    </section>
  );
}

/** Whose deals a column shows: per owner (and nobody), how many cards and their amount. */
function tallyByOwner(deals: readonly BoardDealFragment[]): LaneTally[] {
  const byOwner = new Map<string, LaneTally>();
  for (const deal of deals) {
    const key = laneKeyOf(deal);
    const row = byOwner.get(key) ?? { key, name: deal.owner?.name ?? 'Unassigned', count: 0, amountCents: 0 };
    row.count += 1;
    row.amountCents += deal.amountCents;
    byOwner.set(key, row);
  }
  return [...byOwner.values()].sort((a, b) => a.key.localeCompare(b.key));
}
