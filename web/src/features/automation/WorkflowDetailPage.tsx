import { useRef, useState } from 'react';
import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { Link, useNavigate, useParams } from 'react-router';
import type { WorkflowEnrolmentRowFragment, WorkflowEnrolmentStatus } from '../../__generated__/graphql.ts';
import { describeError, type DescribedError } from '../../lib/errors.ts';
import { formatDateTime, formatNumber, humanize, personName } from '../../lib/format.ts';
import { pageArgs } from '../../lib/useCursorListParams.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { CursorPager } from '../../ui/CursorPager.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { RecordLoadError, RecordMissing } from '../../ui/RecordMissing.tsx';
import { Splash } from '../../ui/Splash.tsx';
import { useUrlCursor } from '../marketing/usePagedQuery.ts';
import {
  ActivateWorkflowDocument,
  ArchiveWorkflowDocument,
  DeleteWorkflowDocument,
  PauseWorkflowDocument,
  RemoveWorkflowEnrolmentDocument,
  RetryWorkflowEnrolmentDocument,
  WorkflowDetailDocument,
  WorkflowEnrolmentChangedDocument,
} from './graphql/__generated__/automation.ts';
import type { Step } from './steps.ts';
import { WorkflowTree, type StepStats } from './WorkflowTree.tsx';
import './automation.css';

const STATUSES: WorkflowEnrolmentStatus[] = ['ACTIVE', 'COMPLETED', 'GOAL_MET', 'FAILED', 'REMOVED'];

/** One enrolment: who, where it stands, and its path step by step. */
function EnrolmentRow({ e, canRun }: { e: WorkflowEnrolmentRowFragment; canRun: boolean }) {
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [remove, removing] = useMutation(RemoveWorkflowEnrolmentDocument);
  const [retry, retrying] = useMutation(RetryWorkflowEnrolmentDocument);
  const act = async (fn: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await fn();
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  return (
    <>
      <tr data-testid="enrolment-row" data-status={e.status}>
        <th scope="row">
          <Link to={`/crm/contacts/${e.contact.id}`}>
            {e.contact.firstName ? personName(e.contact) : e.contact.id.slice(0, 8)}
          </Link>
          <span className="wf-muted"> {e.contact.email ?? ''}</span>
        </th>
        <td>
          <span className={`badge badge--${e.status.toLowerCase()}`}>{humanize(e.status)}</span>
        </td>
        <td>{e.stepId ?? '—'}</td>
        <td className="nowrap">{e.nextRunAt && e.status === 'ACTIVE' ? formatDateTime(e.nextRunAt) : '—'}</td>
        <td className="wf-error">{e.lastError ?? ''}</td>
        <td className="nowrap">
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => setOpen(!open)}
            aria-expanded={open}
          >
            {open ? 'Hide path' : 'Path'}
          </button>
          {canRun && e.status === 'FAILED' && (
            <button
              type="button"
              className="button button--small"
              disabled={retrying.loading}
              onClick={() => void act(() => retry({ variables: { id: e.id } }))}
            >
              Retry
            </button>
          )}
          {canRun && e.status === 'ACTIVE' && (
            <button
              type="button"
              className="button button--ghost button--small"
              disabled={removing.loading}
              onClick={() => void act(() => remove({ variables: { id: e.id } }))}
            >
              Remove
            </button>
          )}
        </td>
      </tr>
      {(open || problem) && (
        <tr className="wf-history-row">
          <td colSpan={6}>
            <FormProblem problem={problem} />
            {open && (
              <ol className="wf-history" data-testid="enrolment-history">
                {e.history.map((h) => (
                  <li key={h.seq} className={`wf-history__item wf-history__item--${h.status.toLowerCase()}`}>
                    <strong>{humanize(h.stepType)}</strong> <span className="wf-muted">({h.stepId})</span> ·{' '}
                    {humanize(h.status)}
                    {h.outcome ? ` · ${h.outcome}` : ''}
                    {h.error ? <span className="wf-error"> · {h.error}</span> : null}
                    <span className="wf-muted"> · {formatDateTime(h.startedAt)}</span>
                  </li>
                ))}
              </ol>
            )}
          </td>
        </tr>
      )}
    </>
  );
}

/**
 * A workflow: its controls, totals, the step tree with counts per step, and its enrolments moving
 * live (`workflowEnrolmentChanged`), each with its path, a retry for a failed step and a removal.
 */
export function WorkflowDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const canRun = useHasRank('ADVISOR');
  const canDelete = useHasRank('MANAGER');
  const { cursor, onPage } = useUrlCursor();
  const [status, setStatus] = useState<WorkflowEnrolmentStatus | ''>('');
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [live, setLive] = useState<{ id: string; at: string; text: string }[]>([]);
  const { data, previousData, error, loading, refetch } = useQuery(WorkflowDetailDocument, {
    variables: { id, ...pageArgs(cursor, 25), status: status || null },
    fetchPolicy: 'cache-and-network',
  });
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useSubscription(WorkflowEnrolmentChangedDocument, {
    variables: { workflowId: id },
    onData: ({ data: event }) => {
      const e = event.data?.workflowEnrolmentChanged;
      if (!e) return;
      const who = e.contact.firstName ? personName(e.contact) : e.contact.id.slice(0, 8);
      setLive((l) =>
        [
          {
            id: `${e.id}:${Date.now()}`,
            at: new Date().toISOString(),
            text: `${who}: ${humanize(e.status)}${e.stepId ? ` at ${e.stepId}` : ''}`,
          },
          ...l,
        ].slice(0, 8),
      );
      // Counts and new rows: one re-read for a burst of events.
      if (!pending.current)
        pending.current = setTimeout(() => {
          pending.current = null;
          void refetch();
        }, 400);
    },
  });
  const [activate] = useMutation(ActivateWorkflowDocument);
  const [pause] = useMutation(PauseWorkflowDocument);
  const [archive] = useMutation(ArchiveWorkflowDocument);
  const [remove] = useMutation(DeleteWorkflowDocument);
  const wf = (data ?? previousData)?.workflow;
  useDocumentTitle(wf?.name ?? 'Workflow');
  if (!wf && error)
    return (
      <RecordLoadError
        error={error}
        onRetry={() => void refetch()}
        kind="workflow"
        listPath="/marketing/workflows"
        listLabel="workflows"
      />
    );
  if (!wf && loading) return <Splash />;
  if (!wf) return <RecordMissing kind="workflow" listPath="/marketing/workflows" listLabel="workflows" />;
  const act = async (fn: () => Promise<unknown>, after?: () => void) => {
    setProblem(null);
    try {
      await fn();
      if (after) after();
      else void refetch();
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  const counts = new Map<string, StepStats>(wf.stepCounts.map((c) => [c.stepId, c]));
  const e = wf.enrolments;
  return (
    <section aria-labelledby="workflow-title" className="wf-detail">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/marketing/workflows">Workflows</Link>
      </nav>
      <header className="page-header">
        <h1 id="workflow-title">{wf.name}</h1>
        <p className="page-header__meta">
          <span className={`badge badge--${wf.status.toLowerCase()}`} data-testid="workflow-status">
            {humanize(wf.status)}
          </span>{' '}
          · {humanize(wf.trigger.type)} · version {wf.version}
        </p>
        {canRun && (
          <div className="page-header__actions">
            {wf.status !== 'ARCHIVED' && (
              <Link className="button" to={`/marketing/workflows/${wf.id}/edit`}>
                Edit
              </Link>
            )}
            {(wf.status === 'DRAFT' || wf.status === 'PAUSED') && (
              <button
                type="button"
                className="button button--primary"
                onClick={() => void act(() => activate({ variables: { id: wf.id } }))}
              >
                {wf.status === 'PAUSED' ? 'Resume' : 'Activate'}
              </button>
            )}
            {wf.status === 'ACTIVE' && (
              <button
                type="button"
                className="button"
                onClick={() => void act(() => pause({ variables: { id: wf.id } }))}
              >
                Pause
              </button>
            )}
            {wf.status !== 'ARCHIVED' && (
              <button
                type="button"
                className="button button--ghost"
                onClick={() => void act(() => archive({ variables: { id: wf.id } }))}
              >
                Archive
              </button>
            )}
            {canDelete && (
              <button
                type="button"
                className="button button--danger"
                onClick={() =>
                  window.confirm('Delete this workflow and end its running enrolments?') &&
                  void act(
                    () => remove({ variables: { id: wf.id } }),
                    () => void navigate('/marketing/workflows'),
                  )
                }
              >
                Delete
              </button>
            )}
          </div>
        )}
      </header>
      <FormProblem problem={problem} />
      <dl className="wf-totals" data-testid="workflow-totals">
        {(
          [
            ['Enrolled', wf.totals.enrolled],
            ['Active', wf.totals.active],
            ['Completed', wf.totals.completed],
            ['Goal met', wf.totals.goalMet],
            ['Failed', wf.totals.failed],
            ['Removed', wf.totals.removed],
          ] as const
        ).map(([label, n]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{formatNumber(n)}</dd>
          </div>
        ))}
      </dl>
      <div className="wf-detail__grid">
        <section className="panel" aria-labelledby="wf-steps-title">
          <h2 id="wf-steps-title" className="panel__title">
            Steps
          </h2>
          <WorkflowTree steps={(wf.steps as Step[]) ?? []} counts={counts} />
        </section>
        <section className="panel" aria-labelledby="wf-live-title">
          <h2 id="wf-live-title" className="panel__title">
            Live
          </h2>
          <ol className="wf-live" data-testid="workflow-live" aria-live="polite">
            {live.length === 0 && <li className="wf-muted">Enrolments moving through the workflow appear here.</li>}
            {live.map((l) => (
              <li key={l.id}>
                <span className="wf-muted">{formatDateTime(l.at)}</span> {l.text}
              </li>
            ))}
          </ol>
        </section>
      </div>
      <section className="panel" aria-labelledby="wf-enrolments-title">
        <h2 id="wf-enrolments-title" className="panel__title">
          Enrolments <span className="panel__count">{e?.totalCount ?? 0}</span>
        </h2>
        <label className="wf-filter">
          Status{' '}
          <select value={status} onChange={(ev) => setStatus(ev.target.value as WorkflowEnrolmentStatus | '')}>
            <option value="">All</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </label>
        <div className="table-frame">
          <table className="data-table" data-testid="enrolments-table">
            <thead>
              <tr>
                <th scope="col">Contact</th>
                <th scope="col">Status</th>
                <th scope="col">At step</th>
                <th scope="col">Next step due</th>
                <th scope="col">Error</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {e?.nodes.map((n) => (
                <EnrolmentRow key={n.id} e={n} canRun={canRun} />
              ))}
            </tbody>
          </table>
        </div>
        {e && (
          <CursorPager
            label="Enrolment pages"
            noun={['enrolment', 'enrolments']}
            shown={e.nodes.length}
            totalCount={e.totalCount}
            pageInfo={e.pageInfo}
            onPage={onPage}
          />
        )}
      </section>
    </section>
  );
}
