import { useQuery } from '@apollo/client/react';
import { formatDateTime, humanize } from '../../lib/format.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { DeliveriesPage } from './DeliveriesPage.tsx';
import { AutomationRunsDocument } from './graphql/__generated__/ops.ts';

const duration = (start: string, end: string | null | undefined) =>
  end ? `${Math.max(0, Math.round((Date.parse(end) - Date.parse(start)) / 1000))} s` : 'running';

/** The n8n console: the runs n8n's actions started, then every n8n delivery (payload, status, error; replay). */
export function N8nConsolePage() {
  const runs = useQuery(AutomationRunsDocument, { fetchPolicy: 'cache-and-network', pollInterval: 15_000 });
  const rows = [
    ...(runs.data?.commissionReconciliationRuns?.nodes ?? []).map((r) => ({
      id: r.id,
      kind: 'Commission reconciliation',
      status: r.status,
      trigger: r.trigger,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      result: `${r.entriesChecked} checked, ${r.entriesMismatched} mismatched`,
      error: r.errorSummary,
    })),
    ...(runs.data?.bookingSyncRuns?.nodes ?? []).map((r) => ({
      id: r.id,
      kind: 'Booking sync',
      status: r.status,
      trigger: r.trigger,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      result: `${r.bookingsSeen} seen, ${r.bookingsUpdated} deals updated`,
      error: r.errorSummary,
    })),
  ].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  return (
    <>
      <section aria-labelledby="runs-title" data-testid="n8n-runs">
        <h2 id="runs-title">Automation runs</h2>
        {runs.error && <ErrorNotice error={runs.error} onRetry={() => void runs.refetch()} />}
        <div className="table-frame">
          <table className="data-table data-table--cards">
            <caption className="visually-hidden">Recent runs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
                <th scope="col">Duration</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row" data-label="Run">
                    {r.kind} <span className="cell-muted">· {humanize(r.trigger)}</span>
                  </th>
                  <td data-label="Status">{humanize(r.status)}</td>
                  <td data-label="Started" className="nowrap">
                    {formatDateTime(r.startedAt)}
                  </td>
                  <td data-label="Duration">{duration(r.startedAt, r.finishedAt)}</td>
                  <td data-label="Result">{r.error ?? r.result}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <DeliveriesPage channel="N8N" title="N8n console" />
    </>
  );
}
