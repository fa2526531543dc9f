import { useDraggable } from '@dnd-kit/core';
import { Link } from 'react-router';
import type { BoardDealFragment, PipelinesQuery } from '../../__generated__/graphql.ts';
import { formatCents, formatRelative, personName } from '../../lib/format.ts';
import { GripIcon } from '../../ui/icons.tsx';

type Stage = NonNullable<NonNullable<PipelinesQuery['pipelines']>['nodes'][number]['stages']>['nodes'][number];

interface DealCardProps {
  deal: BoardDealFragment;
  stages: readonly Stage[];
  /** Whether this person may move deals (advisors and up). */
  movable: boolean;
  /** Keyboard and screen-reader path: the "Move to…" menu. */
  onMove: (deal: BoardDealFragment, stageId: string) => void;
}

/** One deal on the board: drag it (pointer anywhere, keyboard on the handle) or use "Move to…". */
export function DealCard({ deal, stages, movable, onMove }: DealCardProps) {
  const { setNodeRef, setActivatorNodeRef, listeners, attributes, isDragging } = useDraggable({
    id: deal.id,
    disabled: !movable,
  });
  return (
    <article
      ref={setNodeRef}
      className={isDragging ? 'deal-card deal-card--dragging' : 'deal-card'}
      data-testid="deal-card"
      data-deal-id={deal.id}
      aria-label={deal.title}
      {...(movable ? listeners : {})}
    >
      <header className="deal-card__header">
        <Link to={`/crm/deals/${deal.id}`} className="deal-card__title">
          {deal.title}
        </Link>
        {movable && (
          <button
            type="button"
            ref={setActivatorNodeRef}
            className="deal-card__handle"
            {...attributes}
            aria-label={`Drag ${deal.title}. Space to pick up, left and right arrows to change stage, space to drop.`}
            aria-roledescription="draggable deal"
          >
            <GripIcon />
          </button>
        )}
      </header>
      <DealCardFacts deal={deal} />
      {movable && (
        <label className="deal-card__move">
          <span className="visually-hidden">Move {deal.title} to</span>
          <select
            className="select select--small"
            value=""
            data-testid="move-to"
            onChange={(e) => {
              if (e.target.value) onMove(deal, e.target.value);
            }}
          >
            <option value="">Move to…</option>
            {stages
              .filter((s) => s.id !== deal.stage.id)
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
          </select>
        </label>
      )}
    </article>
  );
}

/** The card as it follows the pointer while dragging. */
export function DealCardOverlay({ deal }: { deal: BoardDealFragment }) {
  return (
    <article className="deal-card deal-card--overlay" aria-hidden="true">
      <header className="deal-card__header">
        <span className="deal-card__title">{deal.title}</span>
      </header>
      <DealCardFacts deal={deal} />
    </article>
  );
}

function DealCardFacts({ deal }: { deal: BoardDealFragment }) {
  const contact = deal.primaryContact ? personName(deal.primaryContact) : null;
  return (
    <>
      <p className="deal-card__amount">{formatCents(deal.amountCents)}</p>
      <p className="deal-card__meta">
        {deal.company?.name ?? contact ?? 'No company'}
        {deal.owner && ` · ${deal.owner.name}`}
      </p>
      <p className="deal-card__meta deal-card__meta--faint">Entered stage {formatRelative(deal.stageEnteredAt)}</p>
    </>
  );
}
