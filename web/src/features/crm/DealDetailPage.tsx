import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { DescribedError } from '../../lib/errors.ts';
import { formatCalendarDate, formatCents, formatDateTime, formatDay, humanize, personName } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { RecordLoadError, RecordMissing } from '../../ui/RecordMissing.tsx';
import { Facts, type Fact } from '../../ui/Facts.tsx';
import { Splash } from '../../ui/Splash.tsx';
import { DealBookings } from '../travel/DealBookings.tsx';
import { DealSalesPanel } from '../sales/DealSalesPanel.tsx';
import { ActivityComposer } from './ActivityComposer.tsx';
import { ActivityTimeline } from './ActivityTimeline.tsx';
import { DealFormDialog } from './DealFormDialog.tsx';
import { TaskFormDialog } from './TaskFormDialog.tsx';
import { LostReasonDialog } from './LostReasonDialog.tsx';
import { NewTaskButton } from './NewTaskButton.tsx';
import { TaskTable } from './TaskTable.tsx';
import { DealEdit } from './inlineEdits.tsx';
import { useDeal } from './useDeal.ts';
import { useMoveDeal } from './useMoveDeal.ts';

/** A deal: its fields and stage (movable by advisors), stage history, timeline, tasks and TT-API bookings. */
export function DealDetailPage() {
  const { id = '' } = useParams();
  const { deal, loaded, error, refetch } = useDeal(id);
  const canMove = useHasRank('ADVISOR');
  const moveDeal = useMoveDeal(null);
  const [editing, setEditing] = useState(false);
  const [newTask, setNewTask] = useState(false);
  const [refusal, setRefusal] = useState<DescribedError | null>(null);
  const [askLost, setAskLost] = useState<string | null>(null);
  useDocumentTitle(deal?.title ?? 'Deal');

  if (!loaded && error)
    return (
      <RecordLoadError
        error={error}
        onRetry={() => void refetch()}
        kind="deal"
        listPath="/crm/deals"
        listLabel="deals"
      />
    );
  if (!loaded) return <Splash />;
  if (!deal) return <RecordMissing kind="deal" listPath="/crm/deals" listLabel="deals" />;

  const move = async (stageId: string, reason?: string) => {
    const stage = (deal.pipeline.stages?.nodes ?? []).find((s) => s.id === stageId);
    if (!stage) return;
    if (stage.outcome === 'LOST' && !reason) return setAskLost(stageId);
    setRefusal(null);
    const problem = await moveDeal(deal, stage, reason);
    if (problem) setRefusal(problem);
    else void refetch();
  };

  const facts: Fact[] = [
    { label: 'Amount', value: formatCents(deal.amountCents) },
    { label: 'Weighted', value: `${formatCents(deal.weightedAmountCents)} (${deal.probability}%)` },
    { label: 'Pipeline', value: <Link to={`/crm/deals?pipeline=${deal.pipeline.id}`}>{deal.pipeline.name}</Link> },
    {
      label: 'Company',
      value: deal.company && <Link to={`/crm/companies/${deal.company.id}`}>{deal.company.name}</Link>,
    },
    {
      label: 'Primary contact',
      value: deal.primaryContact && (
        <Link to={`/crm/contacts/${deal.primaryContact.id}`}>{personName(deal.primaryContact)}</Link>
      ),
    },
    { label: 'Owner', value: deal.owner?.name ?? 'Unassigned' },
    { label: 'Type', value: deal.dealType && humanize(deal.dealType) },
    { label: 'Source', value: deal.source && humanize(deal.source) },
    {
      label: 'Expected close',
      value: deal.expectedCloseDate && formatCalendarDate(deal.expectedCloseDate.slice(0, 10)),
    },
    {
      label: 'Closed',
      value: deal.closedAt && `${formatDay(deal.closedAt)}${deal.closeReason ? `: ${deal.closeReason}` : ''}`,
    },
    { label: 'In stage since', value: formatDateTime(deal.stageEnteredAt) },
    { label: 'Tags', value: deal.tags.length > 0 ? deal.tags.join(', ') : null },
  ];

  return (
    <article aria-labelledby="deal-title" data-testid="deal-detail">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to={`/crm/deals?pipeline=${deal.pipeline.id}`}>Deals</Link>
      </nav>
      <header className="page-header">
        <div>
          <h1 id="deal-title" aria-label={deal.title} className="record-title">
            <DealEdit deal={deal} field="title" />
          </h1>
          <p className="page-header__meta record-header-fields">
            <span
              className={
                deal.status === 'WON' ? 'badge badge--gold' : deal.status === 'LOST' ? 'badge badge--muted' : 'badge'
              }
              data-testid="deal-stage"
            >
              {deal.stage.name}
            </span>
            <span>{humanize(deal.status)}</span>
            <DealEdit deal={deal} field="amount" />
            <DealEdit deal={deal} field="closeDate" />
            <DealEdit deal={deal} field="owner" />
          </p>
        </div>
        {canMove && (
          <div className="page-header__actions">
            <button type="button" className="button" onClick={() => setEditing(true)}>
              Edit deal
            </button>
            <div className="field">
              <label className="field__label" htmlFor="deal-stage-select">
                Stage
              </label>
              <select
                id="deal-stage-select"
                className="select"
                value={deal.stage.id}
                onChange={(e) => void move(e.target.value)}
              >
                {(deal.pipeline.stages?.nodes ?? []).map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
        )}
      </header>
      {refusal && (
        <div className="notice notice--error" role="alert" data-testid="deal-error">
          <p className="notice__title">The move was not saved: {refusal.title.toLowerCase()}</p>
          <p>{refusal.message}</p>
        </div>
      )}

      <div className="record-grid">
        <section className="panel" aria-labelledby="deal-facts-title">
          <h2 id="deal-facts-title" className="panel__title">
            Details
          </h2>
          <Facts facts={facts} />
        </section>
        <div className="panel">
          <DealSalesPanel dealId={deal.id} stageId={deal.stage.id} />
        </div>
        <section className="panel" aria-labelledby="deal-history-title">
          <h2 id="deal-history-title" className="panel__title">
            Stage history <span className="panel__count">{deal.stageHistory?.totalCount ?? 0}</span>
          </h2>
          <ol className="history" data-testid="stage-history">
            {(deal.stageHistory?.nodes ?? []).map((h) => (
              <li key={h.id} className="history__item">
                <p className="history__move">
                  {h.fromStage ? (
                    <>
                      {h.fromStage.name} <span aria-hidden="true">→</span>
                      <span className="visually-hidden"> to </span> {h.toStage.name}
                    </>
                  ) : (
                    <>Created in {h.toStage.name}</>
                  )}
                </p>
                <p className="history__meta">
                  <time dateTime={h.changedAt}>{formatDateTime(h.changedAt)}</time>
                  {h.changedBy && ` · ${h.changedBy.name}`}
                  {h.note && ` · “${h.note}”`}
                </p>
              </li>
            ))}
          </ol>
        </section>
        <section className="panel panel--wide" aria-labelledby="deal-tasks-title">
          <h2 id="deal-tasks-title" className="panel__title">
            Tasks <span className="panel__count">{deal.tasks?.totalCount ?? 0}</span>
          </h2>
          <NewTaskButton onClick={() => setNewTask(true)} />
          <TaskTable tasks={deal.tasks?.nodes ?? []} emptyMessage="No tasks for this deal." />
        </section>
        <section className="panel panel--wide" aria-labelledby="deal-activity-title">
          <h2 id="deal-activity-title" className="panel__title">
            Activity <span className="panel__count">{deal.activities?.totalCount ?? 0}</span>
          </h2>
          <ActivityComposer dealId={deal.id} />
          <ActivityTimeline
            key={deal.id}
            activities={deal.activities?.nodes ?? []}
            totalCount={deal.activities?.totalCount ?? 0}
            more={{ record: 'deal', id: deal.id, pageInfo: deal.activities?.pageInfo ?? null }}
            hideDeal
          />
        </section>
        <DealBookings dealId={deal.id} />
      </div>
      {editing && (
        <DealFormDialog
          deal={deal}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            void refetch();
          }}
        />
      )}
      {newTask && (
        <TaskFormDialog
          about={{ dealId: deal.id, label: deal.title }}
          onClose={() => setNewTask(false)}
          onSaved={() => {
            setNewTask(false);
            void refetch();
          }}
        />
      )}
      {askLost && (
        <LostReasonDialog
          dealTitle={deal.title}
          stageName={(deal.pipeline.stages?.nodes ?? []).find((s) => s.id === askLost)?.name ?? 'Lost'}
          onCancel={() => setAskLost(null)}
          onConfirm={(reason) => {
            const stageId = askLost;
            setAskLost(null);
            void move(stageId, reason);
          }}
        />
      )}
    </article>
  );
}
