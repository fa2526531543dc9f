import { useDraggable } from '@dnd-kit/core';
import { Link } from 'react-router';
import type { BoardDealFragment, PipelinesQuery } from '../../__generated__/graphql.ts';
import { formatCents, formatRelative, personName } from '../../lib/format.ts';
import { ActionMenu } from '../../ui/ActionMenu.tsx';
import { GripIcon } from '../../ui/icons.tsx';
import { OpenInPanelButton } from './RecordPanel.tsx';

type Stage = NonNullable<NonNullable<PipelinesQuery['pipelines']>['nodes'][number]['stages']>['nodes'][number];

interface DealCardProps {
  deal: BoardDealFragment;
  stages: readonly Stage[];
  /** Whether this person may move and edit deals (advisors and up). */
  movable: boolean;
  /** Keyboard and screen-reader path: the card's menu. */
  onMove: (deal: BoardDealFragment, stageId: string) => void;
  onEdit: (deal: BoardDealFragment) => void;
  /** Shows the deal in the side panel, beside the board. */
  onOpen: (id: string) => void;
}

/** One deal on the board, compact: title, amount, company, owner, age; moves sit in the card's menu. */
export function DealCard({ deal, stages, movable, onMove, onEdit, onOpen }: DealCardProps) {
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
        <OpenInPanelButton id={deal.id} name={deal.title} onOpen={onOpen} />
        {movable && (
          <>
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
            <ActionMenu
              label={`Actions for ${deal.title}`}
              className="deal-card__menu"
              actions={[
                ...stages
                  .filter((s) => s.id !== deal.stage.id)
                  .map((s) => ({ label: `Move to ${s.name}`, onSelect: () => onMove(deal, s.id) })),
                { label: 'Edit deal', onSelect: () => onEdit(deal) },
              ]}
            />
          </>
        )}
      </header>
      <DealCardFacts deal={deal} />
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
    <p className="deal-card__meta">
      <span className="deal-card__amount">{formatCents(deal.amountCents)}</span>
      <span className="deal-card__who">
        {deal.company?.name ?? contact ?? 'No company'}
        {deal.owner && ` · ${deal.owner.name}`}
      </span>
      <span className="deal-card__age" title={`In this stage since ${new Date(deal.stageEnteredAt).toLocaleString()}`}>
        {formatRelative(deal.stageEnteredAt)}
      </span>
    </p>
  );
}
