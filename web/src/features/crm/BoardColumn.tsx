import { useDroppable } from '@dnd-kit/core';
import type { ReactNode } from 'react';
import { formatCentsCompact, formatNumber } from '../../lib/format.ts';

interface BoardColumnProps {
  stageId: string;
  name: string;
  probability: number;
  outcome: 'OPEN' | 'WON' | 'LOST';
  count: number;
  amountCents: number;
  weightedAmountCents: number;
  children: ReactNode;
}

/** One stage of the board: its totals, and a drop target for cards. */
export function BoardColumn({ stageId, name, probability, outcome, count, amountCents, weightedAmountCents, children }: BoardColumnProps) {
  const { setNodeRef, isOver } = useDroppable({ id: stageId });
  const headingId = `stage-${stageId}`;
  return (
    <section
      ref={setNodeRef}
      className={`board-column board-column--${outcome.toLowerCase()}${isOver ? ' board-column--over' : ''}`}
      aria-labelledby={headingId}
      data-testid="board-column"
      data-stage-id={stageId}
    >
      <header className="board-column__header">
        <h2 id={headingId} className="board-column__title">
          {name}
          <span className="board-column__count" data-testid="column-count">
            {formatNumber(count)}
          </span>
        </h2>
        <p className="board-column__totals">
          <span data-testid="column-amount">{formatCentsCompact(amountCents)}</span>
          {outcome === 'OPEN' && (
            <span className="board-column__weighted" title={`Weighted at ${probability}%`}>
              {' '}
              · {formatCentsCompact(weightedAmountCents)} weighted
            </span>
          )}
        </p>
      </header>
      <div className="board-column__cards">{children}</div>
    </section>
  );
}
