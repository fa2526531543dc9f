import { useMemo } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { ColumnChart } from './chart/ColumnChart.tsx';
import {
  PauseQueueDocument,
  QueuesDocument,
  RemoveQueueJobDocument,
  ResumeQueueDocument,
  RetryQueueJobDocument,
} from './graphql/__generated__/ops.ts';

/** Queue admin (admins): counts per queue, failed jobs with their error, retry, remove, pause and resume. */
export function QueueAdminPage() {
  useDocumentTitle('Queue admin');
  const queues = useQuery(QueuesDocument, { fetchPolicy: 'network-only', pollInterval: 10_000 });
  const refetch = { refetchQueries: [QueuesDocument], awaitRefetchQueries: true };
  const [retry, retrying] = useMutation(RetryQueueJobDocument, refetch);
  const [remove, removing] = useMutation(RemoveQueueJobDocument, refetch);
  const [pause] = useMutation(PauseQueueDocument, refetch);
  const [resume] = useMutation(ResumeQueueDocument, refetch);
  const actionError = retrying.error ?? removing.error;
  return (
    <section aria-labelledby="queues-title" data-testid="queue-admin-page">
      <header className="page-header">
        <h1 id="queues-title">Queue admin</h1>
      </header>
      {queues.error && <ErrorNotice error={queues.error} onRetry={() => void queues.refetch()} />}
      {actionError && <ErrorNotice error={actionError} />}
      {!queues.data && !queues.error && <Loading />}
      {queues.data?.queues.map((q) => (
        <section key={q.name} className="panel" aria-label={`Queue ${q.name}`} data-testid={`queue-${q.name}`}>
          <h2>
            {q.name} {q.paused && <span className="cell-muted">(paused)</span>}
          </h2>
          <p>
            {formatNumber(q.waiting)} waiting · {formatNumber(q.active)} active · {formatNumber(q.delayed)} delayed ·{' '}
            {formatNumber(q.failed)} failed · {formatNumber(q.completed)} completed{' '}
            <button
              type="button"
              className="button"
              onClick={() => void (q.paused ? resume : pause)({ variables: { input: { queue: q.name } } })}
            >
              {q.paused ? 'Resume' : 'Pause'}
            </button>
          </p>
          <Throughput queue={q.name} points={q.throughput} />
          {q.failedJobs && q.failedJobs.nodes.length > 0 && (
            <div className="table-frame">
              <table className="data-table data-table--cards">
                <caption className="visually-hidden">Failed jobs of {q.name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Job</th>
                    <th scope="col">Error</th>
                    <th scope="col">Attempts</th>
                    <th scope="col">Failed</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {q.failedJobs.nodes.map((j) => (
                    <tr key={j.id}>
                      <th scope="row" data-label="Job">
                        {j.name} <code className="cell-muted">{j.id}</code>
                      </th>
                      <td data-label="Error">{j.error ?? '—'}</td>
                      <td data-label="Attempts">
                        {j.attemptsMade} of {j.maxAttempts}
                      </td>
                      <td data-label="Failed" className="nowrap">
                        {j.failedAt ? formatDateTime(j.failedAt) : '—'}
                      </td>
                      <td data-label="Actions">
                        <button
                          type="button"
                          className="button"
                          onClick={() => void retry({ variables: { input: { queue: q.name, jobId: j.id } } })}
                        >
                          Retry
                        </button>{' '}
                        <button
                          type="button"
                          className="button"
                          onClick={() => void remove({ variables: { input: { queue: q.name, jobId: j.id } } })}
                        >
                          Remove
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </section>
  );
}

const minuteLabel = new Intl.DateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit', hour12: false });

/** Completed and failed jobs per minute over the last hour (bull's metrics, as the workers record them). */
function Throughput({
  queue,
  points,
}: {
  queue: string;
  points: readonly { minute: string; completed: number; failed: number }[];
}) {
  const completed = points.reduce((n, p) => n + p.completed, 0);
  const failed = points.reduce((n, p) => n + p.failed, 0);
  const chart = useMemo(
    () => ({
      labels: points.map((p) => minuteLabel.format(new Date(p.minute))),
      series: [
        { label: 'Completed', values: points.map((p) => p.completed) },
        { label: 'Failed', values: points.map((p) => p.failed) },
      ],
    }),
    [points],
  );
  return (
    <div data-testid={`throughput-${queue}`}>
      <p>
        Last hour: {formatNumber(completed)} completed · {formatNumber(failed)} failed
      </p>
      {completed + failed > 0 && (
        <ColumnChart
          label={`Jobs of ${queue} completed and failed per minute, last hour`}
          columnLabel="Minute"
          labels={chart.labels}
          series={chart.series}
          height={140}
          skipEmptyRows
        />
      )}
    </div>
  );
}
