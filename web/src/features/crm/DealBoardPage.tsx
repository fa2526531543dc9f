import { useMemo, useState } from 'react';
import { DndContext, DragOverlay, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent, type DragStartEvent } from '@dnd-kit/core';
import { useSearchParams } from 'react-router';
import type { BoardDealFragment } from '../../__generated__/graphql.ts';
import type { DescribedError } from '../../lib/errors.ts';
import { formatCents, formatNumber } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Splash } from '../../ui/Splash.tsx';
import { BoardColumn } from './BoardColumn.tsx';
import { boardKeyboardCoordinates, columnUnderCard } from './boardDragging.ts';
import { DealCard, DealCardOverlay } from './DealCard.tsx';
import { LostReasonDialog } from './LostReasonDialog.tsx';
import { BOARD_LIMIT, useDealBoard } from './useDealBoard.ts';
import { useMoveDeal } from './useMoveDeal.ts';
import { usePipelines } from './usePipelines.ts';
import '../../styles/board.css';

/**
 * The deal board: one column per stage of the chosen pipeline, with totals. Cards move by drag and
 * drop (pointer or keyboard) or the "Move to…" menu; moves are optimistic and roll back with the
 * server's reason if refused. Moves by anyone else arrive live through `dealChanged`.
 */
export function DealBoardPage() {
  useDocumentTitle('Deals');
  const [searchParams, setSearchParams] = useSearchParams();
  const { pipelines, loaded: pipelinesLoaded, error: pipelinesError, refetch: refetchPipelines } = usePipelines();
  const pipeline = pipelines.find((p) => p.id === searchParams.get('pipeline')) ?? pipelines.find((p) => p.isDefault) ?? pipelines[0];
  const { deals, totalCount, loaded, error, refetch, liveError } = useDealBoard(pipeline?.id ?? null);
  const movable = useHasRank('ADVISOR');
  const moveDeal = useMoveDeal();
  const [refusal, setRefusal] = useState<DescribedError | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [dragging, setDragging] = useState<BoardDealFragment | null>(null);
  const [askLost, setAskLost] = useState<{ deal: BoardDealFragment; stageId: string } | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor, { coordinateGetter: boardKeyboardCoordinates }));

  const stages = useMemo(() => pipeline?.stages?.nodes ?? [], [pipeline]);
  const columns = useMemo(
    () =>
      stages.map((stage) => {
        const inStage = deals.filter((d) => d.stage.id === stage.id);
        return {
          stage,
          deals: inStage,
          amountCents: inStage.reduce((sum, d) => sum + d.amountCents, 0),
          weightedAmountCents: inStage.reduce((sum, d) => sum + d.weightedAmountCents, 0),
        };
      }),
    [stages, deals],
  );

  const move = async (deal: BoardDealFragment, stageId: string, reason?: string) => {
    const stage = stages.find((s) => s.id === stageId);
    if (!stage || stage.id === deal.stage.id) return;
    if (stage.outcome === 'LOST' && !reason) {
      setAskLost({ deal, stageId });
      return;
    }
    setRefusal(null);
    setAnnouncement(`Moving ${deal.title} to ${stage.name}…`);
    const problem = await moveDeal(deal, stage, reason);
    if (problem) {
      setRefusal(problem);
      setAnnouncement(`${deal.title} could not be moved and is back where it was.`);
    } else setAnnouncement(`${deal.title} moved to ${stage.name}.`);
  };

  const onDragStart = (event: DragStartEvent) => {
    setDragging(deals.find((d) => d.id === event.active.id) ?? null);
  };
  const onDragEnd = (event: DragEndEvent) => {
    setDragging(null);
    const deal = deals.find((d) => d.id === event.active.id);
    if (deal && event.over) void move(deal, String(event.over.id));
  };

  if (!pipelinesLoaded && pipelinesError) return <ErrorNotice error={pipelinesError} onRetry={() => void refetchPipelines()} />;
  if (!pipelinesLoaded) return <Splash />;
  if (!pipeline) return <p>No pipelines yet.</p>;

  const open = columns.filter((c) => c.stage.outcome === 'OPEN');
  const stageName = (id: string) => stages.find((s) => s.id === id)?.name ?? 'another stage';

  return (
    <section aria-labelledby="deals-title" className="board-page">
      <header className="page-header">
        <div>
          <h1 id="deals-title">Deals</h1>
          <p className="page-header__meta" data-testid="board-summary">
            {loaded &&
              `${formatNumber(open.reduce((n, c) => n + c.deals.length, 0))} open · ${formatCents(open.reduce((n, c) => n + c.amountCents, 0))} open pipeline · ${formatCents(open.reduce((n, c) => n + c.weightedAmountCents, 0))} weighted`}
          </p>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="board-pipeline">
            Pipeline
          </label>
          <select
            id="board-pipeline"
            className="select"
            value={pipeline.id}
            onChange={(e) => setSearchParams((current) => ({ ...Object.fromEntries(current), pipeline: e.target.value }))}
          >
            {pipelines.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      </header>

      {!movable && <p className="notice" role="note">Your role can look at deals but not move them.</p>}
      {refusal && (
        <div className="notice notice--error board-refusal" role="alert" data-testid="board-error" data-code={refusal.code}>
          <p className="notice__title">The move was not saved: {refusal.title.toLowerCase()}</p>
          <p>{refusal.message}</p>
          <p className="notice__actions">
            <button type="button" className="button button--ghost button--small" onClick={() => setRefusal(null)}>
              Dismiss
            </button>
          </p>
        </div>
      )}
      {liveError && <p className="cell-muted">Live updates are paused; reload to see colleagues’ moves.</p>}
      {error && !loaded && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {loaded && totalCount > deals.length && totalCount >= BOARD_LIMIT && (
        <p className="cell-muted">The board shows the first {BOARD_LIMIT} of {formatNumber(totalCount)} deals.</p>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>

      <DndContext
        sensors={sensors}
        collisionDetection={columnUnderCard}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => setDragging(null)}
        accessibility={{
          announcements: {
            onDragStart: ({ active }) => `Picked up ${deals.find((d) => d.id === active.id)?.title ?? 'a deal'}.`,
            onDragOver: ({ over }) => (over ? `Over ${stageName(String(over.id))}.` : 'Not over a stage.'),
            onDragEnd: ({ over }) => (over ? `Dropped on ${stageName(String(over.id))}.` : 'Dropped outside the stages; nothing moved.'),
            onDragCancel: () => 'Move cancelled.',
          },
        }}
      >
        <div className="board" data-testid="deal-board" aria-busy={!loaded}>
          {columns.map((column) => (
            <BoardColumn
              key={column.stage.id}
              stageId={column.stage.id}
              name={column.stage.name}
              probability={column.stage.probability}
              outcome={column.stage.outcome}
              count={column.deals.length}
              amountCents={column.amountCents}
              weightedAmountCents={column.weightedAmountCents}
            >
              {column.deals.map((deal) => (
                <DealCard key={deal.id} deal={deal} stages={stages} movable={movable} onMove={(d, stageId) => void move(d, stageId)} />
              ))}
            </BoardColumn>
          ))}
        </div>
        <DragOverlay dropAnimation={null}>{dragging && <DealCardOverlay deal={dragging} />}</DragOverlay>
      </DndContext>

      {askLost && (
        <LostReasonDialog
          dealTitle={askLost.deal.title}
          stageName={stageName(askLost.stageId)}
          onCancel={() => setAskLost(null)}
          onConfirm={(reason) => {
            const { deal, stageId } = askLost;
            setAskLost(null);
            void move(deal, stageId, reason);
          }}
        />
      )}
    </section>
  );
}
