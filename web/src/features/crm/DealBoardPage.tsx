import { useCallback, useMemo, useRef, useState } from 'react';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { Link, useSearchParams } from 'react-router';
import type { BoardDealFragment } from '../../__generated__/graphql.ts';
import type { DescribedError } from '../../lib/errors.ts';
import { formatCents, formatCentsCompact, formatNumber } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useCurrentUser, useHasRank } from '../../lib/useHasRank.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Splash } from '../../ui/Splash.tsx';
import { BoardColumn } from './BoardColumn.tsx';
import { boardKeyboardCoordinates, columnUnderCard } from './boardDragging.ts';
import { DealFilters, dealFilterOf, hasDealFilters } from './DealFilters.tsx';
import { DealCard, DealCardOverlay } from './DealCard.tsx';
import { DealFormDialog, type DealDefaults } from './DealFormDialog.tsx';
import { LostReasonDialog } from './LostReasonDialog.tsx';
import { lanesOf, type BoardFilter, type LaneTally } from './boardColumns.ts';
import { RecordPanel, useOpenRecord } from './RecordPanel.tsx';
import { useDealBoard } from './useDealBoard.ts';
import { useMoveDeal } from './useMoveDeal.ts';
import { usePipelines } from './usePipelines.ts';
import '../../styles/board.css';

/**
 * The deal board: one column per stage of the chosen pipeline, each paging its own deals, with
 * the server's totals. Cards move by drag and drop (pointer or keyboard) or the card's menu; moves
 * are optimistic and roll back with the server's reason if refused, and focus stays on the moved
 * card. Moves by anyone else arrive live through `dealChanged`.
 */
export function DealBoardPage() {
  useDocumentTitle('Deals');
  const [searchParams, setSearchParams] = useSearchParams();
  const me = useCurrentUser();
  const { pipelines, loaded: pipelinesLoaded, error: pipelinesError, refetch: refetchPipelines } = usePipelines();
  const pipeline =
    pipelines.find((p) => p.id === searchParams.get('pipeline')) ?? pipelines.find((p) => p.isDefault) ?? pipelines[0];
  const stages = useMemo(() => pipeline?.stages?.nodes ?? [], [pipeline]);
  const stageIds = useMemo(() => stages.map((s) => s.id), [stages]);
  const filtered = hasDealFilters(searchParams);
  // The view's own keys (the open record, swimlanes) are not filters: changing them refetches nothing.
  const filterParams = new URLSearchParams(searchParams);
  filterParams.delete('open');
  filterParams.delete('lanes');
  const filterKey = filterParams.toString();
  const swimlanes = searchParams.get('lanes') === 'owner';
  const { open } = useOpenRecord();
  const [tallies, setTallies] = useState<ReadonlyMap<string, readonly LaneTally[]>>(new Map());
  const onTally = useCallback(
    (stageId: string, tally: readonly LaneTally[]) => setTallies((current) => new Map(current).set(stageId, tally)),
    [],
  );
  // The filter object must stay the same while the URL does: columns find their cache entries by it.
  const filter = useMemo<BoardFilter | null>(
    () =>
      pipeline ? { ...dealFilterOf(new URLSearchParams(filterKey), me?.id ?? null), pipelineId: pipeline.id } : null,
    [pipeline, filterKey, me?.id],
  );
  const { summary, error, refetch, liveError } = useDealBoard(pipeline?.id ?? null, stageIds, filter);
  const movable = useHasRank('ADVISOR');
  const moveDeal = useMoveDeal(filter ? { stageIds, filter } : null);
  const [refusal, setRefusal] = useState<DescribedError | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [dragging, setDragging] = useState<BoardDealFragment | null>(null);
  const [askLost, setAskLost] = useState<{ deal: BoardDealFragment; stageId: string } | null>(null);
  const [editor, setEditor] = useState<{ deal?: BoardDealFragment; defaults?: DealDefaults } | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: boardKeyboardCoordinates }),
  );
  const loadedDeals = useRef(new Map<string, readonly BoardDealFragment[]>());
  const onDeals = useCallback(
    (stageId: string, deals: readonly BoardDealFragment[]) => loadedDeals.current.set(stageId, deals),
    [],
  );
  const findDeal = (id: unknown) => [...loadedDeals.current.values()].flat().find((d) => d.id === id);

  const move = async (deal: BoardDealFragment, stageId: string, reason?: string) => {
    const stage = stages.find((s) => s.id === stageId);
    if (!stage || stage.id === deal.stage.id) return;
    if (stage.outcome === 'LOST' && !reason) {
      setAskLost({ deal, stageId });
      return;
    }
    setRefusal(null);
    setAnnouncement(`Moving ${deal.title} to ${stage.name}…`);
    const landed = moveDeal(deal, stage, reason);
    // The card is in its new column at once (optimistic): keep the keyboard on it there.
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`[data-deal-id="${deal.id}"] .action-menu__button`)?.focus(),
    );
    const problem = await landed;
    if (problem) {
      setRefusal(problem);
      setAnnouncement(`${deal.title} could not be moved and is back where it was.`);
    } else setAnnouncement(`${deal.title} moved to ${stage.name}.`);
  };

  const onDragStart = (event: DragStartEvent) => setDragging(findDeal(event.active.id) ?? null);
  const onDragEnd = (event: DragEndEvent) => {
    setDragging(null);
    const deal = findDeal(event.active.id);
    if (deal && event.over) void move(deal, String(event.over.id));
  };

  if (!pipelinesLoaded && pipelinesError)
    return <ErrorNotice error={pipelinesError} onRetry={() => void refetchPipelines()} />;
  if (!pipelinesLoaded) return <Splash />;
  if (!pipeline || !filter) return <p>No pipelines yet.</p>;

  const lanes = lanesOf(
    stages.map((s) => tallies.get(s.id) ?? []),
    me?.id ?? null,
  );
  const stageName = (id: string) => stages.find((s) => s.id === id)?.name ?? 'another stage';
  const totalsOf = (stageId: string) => {
    if (!summary) return null;
    const total = summary.stages.find((s) => s.stage.id === stageId);
    return total ? { amountCents: total.amountCents, weightedAmountCents: total.weightedAmountCents } : null;
  };

  return (
    <section aria-labelledby="deals-title" className="board-page">
      <header className="page-header">
        <div>
          <h1 id="deals-title">Deals</h1>
          <p className="page-header__meta" data-testid="board-summary">
            {summary &&
              `${formatNumber(summary.openDealCount)} open · ${formatCents(summary.openAmountCents)} open pipeline · ${formatCents(summary.openWeightedAmountCents)} weighted`}
            {summary && filtered && ' (matching the filters)'}
          </p>
        </div>
        <div className="page-header__actions">
          <button
            type="button"
            className={swimlanes ? 'button button--toggle button--on' : 'button button--toggle'}
            aria-pressed={swimlanes}
            data-testid="swimlanes-toggle"
            onClick={() =>
              setSearchParams((current) => {
                const next = new URLSearchParams(current);
                if (swimlanes) next.delete('lanes');
                else next.set('lanes', 'owner');
                return next;
              })
            }
          >
            Swimlanes by owner
          </button>
          <Link className="button button--ghost" to={{ pathname: '/crm/deals/list', search: filterKey }}>
            List view
          </Link>
          {movable && (
            <button
              type="button"
              className="button button--primary"
              onClick={() => setEditor({ defaults: { pipelineId: pipeline.id } })}
            >
              New deal
            </button>
          )}
        </div>
      </header>

      <DealFilters
        pipelines={pipelines}
        pipelineId={pipeline.id}
        searchParams={searchParams}
        setSearchParams={setSearchParams}
      />

      {!movable && (
        <p className="notice" role="note">
          Your role can look at deals but not move them.
        </p>
      )}
      {refusal && (
        <div
          className="notice notice--error board-refusal"
          role="alert"
          data-testid="board-error"
          data-code={refusal.code}
        >
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
      {error && !summary && <ErrorNotice error={error} onRetry={() => void refetch()} />}
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
            onDragStart: ({ active }) => `Picked up ${findDeal(active.id)?.title ?? 'a deal'}.`,
            onDragOver: ({ over }) => (over ? `Over ${stageName(String(over.id))}.` : 'Not over a stage.'),
            onDragEnd: ({ over }) =>
              over ? `Dropped on ${stageName(String(over.id))}.` : 'Dropped outside the stages; nothing moved.',
            onDragCancel: () => 'Move cancelled.',
          },
        }}
      >
        <div
          className={swimlanes ? 'board board--lanes' : 'board'}
          data-testid="deal-board"
          style={
            swimlanes
              ? {
                  gridTemplateColumns: `var(--lane-label-width) repeat(${stages.length}, var(--column-width))`,
                  gridTemplateRows: ['auto', ...lanes.map(() => 'minmax(3.5rem, auto)'), 'auto'].join(' '),
                }
              : undefined
          }
        >
          {swimlanes && (
            <div className="board-lanes__labels" style={{ gridRow: `1 / span ${lanes.length + 2}` }} aria-hidden="true">
              <div className="board-lanes__corner">Owner</div>
              {lanes.map((lane) => (
                <div key={lane.key} className="board-lane__label" data-testid="lane-label" data-lane={lane.key}>
                  <span className="board-lane__name">{lane.name}</span>
                  <span className="board-lane__meta">
                    {formatNumber(lane.count)} shown · {formatCentsCompact(lane.amountCents)}
                  </span>
                </div>
              ))}
              <div />
            </div>
          )}
          {stages.map((stage) => (
            <BoardColumn
              key={stage.id}
              stageId={stage.id}
              name={stage.name}
              probability={stage.probability}
              outcome={stage.outcome}
              filter={filter}
              totals={totalsOf(stage.id)}
              onDeals={onDeals}
              onTally={onTally}
              lanes={swimlanes ? lanes : undefined}
              onAdd={
                movable && stage.outcome === 'OPEN'
                  ? () => setEditor({ defaults: { pipelineId: pipeline.id, stageId: stage.id } })
                  : undefined
              }
              renderCard={(deal) => (
                <DealCard
                  key={deal.id}
                  deal={deal}
                  stages={stages}
                  movable={movable}
                  onMove={(d, stageId) => void move(d, stageId)}
                  onEdit={(d) => setEditor({ deal: d })}
                  onOpen={open}
                />
              )}
            />
          ))}
        </div>
        <DragOverlay dropAnimation={null}>{dragging && <DealCardOverlay deal={dragging} />}</DragOverlay>
      </DndContext>

      <RecordPanel kind="deal" />
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
      {editor && (
        <DealFormDialog
          deal={editor.deal}
          defaults={editor.defaults}
          onClose={() => setEditor(null)}
          onSaved={(id) => {
            setEditor(null);
            setAnnouncement('Deal saved.');
            requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-deal-id="${id}"] a`)?.focus());
          }}
        />
      )}
    </section>
  );
}
