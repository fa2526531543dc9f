import type { ReactNode } from 'react';
import { useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import { formatCents, formatCentsCompact, formatNumber, humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { BarChart } from '../../ui/BarChart.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { downloadCsv, toCsv } from './csv.ts';
import { CrmReportsDocument } from './graphql/__generated__/reports.ts';
import '../../styles/table.css';
import '../../styles/settings.css';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const PRESETS: { label: string; days: number }[] = [
  { label: 'Last 7 days', days: 7 },
  { label: 'Last 30 days', days: 30 },
  { label: 'Last 90 days', days: 90 },
  { label: 'Last 365 days', days: 365 },
];

/** Pre-built reports (P-15) over a date range in the address, each table exportable as CSV. */
export default function ReportsPage() {
  useDocumentTitle('Reports');
  const [params, setParams] = useSearchParams();
  const today = new Date();
  const from = params.get('from') ?? isoDay(new Date(today.getTime() - 30 * 86_400_000));
  const to = params.get('to') ?? isoDay(today);
  // `to` names a whole day: the range ends at the start of the next one.
  const range = {
    from: new Date(`${from}T00:00:00`).toISOString(),
    to: new Date(new Date(`${to}T00:00:00`).getTime() + 86_400_000).toISOString(),
  };
  const { data, error, refetch } = useQuery(CrmReportsDocument, {
    variables: { range },
    fetchPolicy: 'cache-and-network',
  });
  const setRange = (f: string, t: string) =>
    setParams((p) => {
      p.set('from', f);
      p.set('to', t);
      return p;
    });
  const r = data?.crmReports;
  const file = (name: string) => `${name}-${from}-to-${to}.csv`;

  return (
    <section aria-labelledby="reports-title" data-testid="reports-page">
      <header className="page-header">
        <h1 id="reports-title">Reports</h1>
      </header>
      <form className="filters" aria-label="Date range" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span className="field__label">From</span>
          <input
            className="input"
            type="date"
            value={from}
            max={to}
            onChange={(e) => e.target.value && setRange(e.target.value, to)}
          />
        </label>
        <label className="field">
          <span className="field__label">To</span>
          <input
            className="input"
            type="date"
            value={to}
            min={from}
            onChange={(e) => e.target.value && setRange(from, e.target.value)}
          />
        </label>
        <div className="segmented" role="group" aria-label="Quick ranges">
          {PRESETS.map((p) => (
            <button
              key={p.days}
              type="button"
              className="segmented__option"
              onClick={() => setRange(isoDay(new Date(today.getTime() - p.days * 86_400_000)), isoDay(today))}
            >
              {p.label}
            </button>
          ))}
        </div>
      </form>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!r && !error && <Loading />}
      {r && (
        <div className="reports-grid">
          <Report
            title="Pipeline: deals created, by stage"
            testId="report-pipeline"
            header={['Stage', 'Deals', 'Amount', 'Weighted']}
            rows={r.pipeline.map((row) => [row.stage.name, row.dealCount, row.amountCents, row.weightedAmountCents])}
            money={[2, 3]}
            onCsv={(csv) => downloadCsv(file('pipeline'), csv)}
            chart={
              r.pipeline.length > 0 && (
                <BarChart
                  label="Deals created, amount and weighted amount by stage"
                  bars={r.pipeline.map((row) => ({
                    label: row.stage.name,
                    value: row.amountCents,
                    inner: row.weightedAmountCents,
                  }))}
                  format={formatCentsCompact}
                  valueLabel="Amount"
                  innerLabel="Weighted"
                  testId="report-pipeline-chart"
                  withTable={false}
                />
              )
            }
          />
          <Report
            title="Won and lost, by reason"
            testId="report-won-lost"
            header={['Outcome', 'Reason', 'Deals', 'Amount']}
            rows={r.wonLost.map((row) => [
              humanize(row.outcome),
              row.reason ?? 'No reason given',
              row.dealCount,
              row.amountCents,
            ])}
            money={[3]}
            onCsv={(csv) => downloadCsv(file('won-lost'), csv)}
            chart={
              r.wonLost.length > 0 && (
                <BarChart
                  label="Deals won and lost, by reason"
                  bars={r.wonLost.map((row) => ({
                    label: `${humanize(row.outcome)}: ${row.reason ?? 'no reason given'}`,
                    value: row.dealCount,
                  }))}
                  format={formatNumber}
                  valueLabel="Deals"
                  withTable={false}
                />
              )
            }
          />
          <Report
            title="Activity by person"
            testId="report-activity"
            header={['Person', 'Total', 'Emails', 'Calls', 'Meetings', 'Notes']}
            rows={r.activityByPerson.map((row) => [
              row.person?.name ?? 'No person (imports, sync)',
              row.total,
              ...row.byType.map((t) => t.count),
            ])}
            onCsv={(csv) => downloadCsv(file('activity-by-person'), csv)}
            chart={
              r.activityByPerson.length > 0 && (
                <BarChart
                  label="Activities logged, by person"
                  bars={r.activityByPerson.map((row) => ({
                    label: row.person?.name ?? 'No person (imports, sync)',
                    value: row.total,
                  }))}
                  format={formatNumber}
                  valueLabel="Activities"
                  testId="report-activity-chart"
                  withTable={false}
                />
              )
            }
          />
          <Report
            title="Tasks due in the range, by status"
            testId="report-tasks"
            header={['Status', 'Tasks', 'Overdue']}
            rows={r.tasksByStatus.map((row) => [humanize(row.status), row.count, row.overdueCount])}
            onCsv={(csv) => downloadCsv(file('tasks-by-status'), csv)}
            chart={
              r.tasksByStatus.length > 0 && (
                <BarChart
                  label="Tasks due in the range, by status"
                  bars={r.tasksByStatus.map((row) => ({
                    label: humanize(row.status),
                    value: row.count,
                    inner: row.overdueCount,
                  }))}
                  format={formatNumber}
                  valueLabel="Tasks"
                  innerLabel="Overdue"
                  withTable={false}
                />
              )
            }
          />
        </div>
      )}
    </section>
  );
}

function Report({
  title,
  testId,
  header,
  rows,
  money = [],
  onCsv,
  chart,
}: {
  title: string;
  testId: string;
  header: string[];
  rows: (string | number)[][];
  money?: number[];
  onCsv: (csv: string) => void;
  /** A picture of the table's figures; the table below stays what screen readers read. */
  chart?: ReactNode;
}) {
  // The CSV keeps amounts as plain dollars with cents, which spreadsheets read as numbers.
  const csvRows = rows.map((row) =>
    row.map((v, i) => (money.includes(i) && typeof v === 'number' ? (v / 100).toFixed(2) : v)),
  );
  const shown = (v: string | number, i: number) =>
    typeof v === 'number' ? (money.includes(i) ? formatCents(v) : formatNumber(v)) : v;
  return (
    <section className="panel" aria-label={title} data-testid={testId}>
      <header className="panel__header">
        <h2 className="panel__title">{title}</h2>
        <button type="button" className="button button--small" onClick={() => onCsv(toCsv(header, csvRows))}>
          Export CSV<span className="visually-hidden"> of {title}</span>
        </button>
      </header>
      {chart}
      <div className="table-frame">
        <table className="data-table">
          <thead>
            <tr>
              {header.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={header.length}>Nothing in this range.</td>
              </tr>
            )}
            {rows.map((row, ri) => (
              <tr key={ri}>
                {row.map((v, i) =>
                  i === 0 ? (
                    <th key={i} scope="row">
                      {shown(v, i)}
                    </th>
                  ) : (
                    <td key={i} className="numeric">
                      {shown(v, i)}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
