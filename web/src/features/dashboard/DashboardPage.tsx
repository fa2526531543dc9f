import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { formatCalendarDate, formatCents, formatCentsCompact, formatDateTime, formatNumber, humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { BarChart } from '../../ui/BarChart.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { LIFECYCLE_STAGE_LABEL } from '../crm/lifecycleStages.ts';
import { useCrmDashboard } from './useCrmDashboard.ts';
import { DEPARTURE_WINDOW_DAYS, useUpcomingDepartures } from './useUpcomingDepartures.ts';
import '../../styles/dashboard.css';
import '../../styles/table.css';

/** The start page: CRM figures, the pipeline and contacts as charts, and the next departures. */
export default function DashboardPage() {
  useDocumentTitle('Dashboard');
  const { dashboard, error, refetch } = useCrmDashboard();
  const departures = useUpcomingDepartures();
  const [pipelineId, setPipelineId] = useState<string | null>(null);

  const pipelines = dashboard?.pipelines ?? [];
  const pipeline = pipelines.find((p) => p.pipeline.id === pipelineId) ?? pipelines.find((p) => p.pipeline.isDefault) ?? pipelines[0];

  return (
    <section aria-labelledby="dashboard-title">
      <header className="page-header">
        <h1 id="dashboard-title">Dashboard</h1>
        <p className="page-header__meta">{dashboard ? `As of ${formatDateTime(dashboard.asOf)}` : ''}</p>
      </header>

      {error && !dashboard && <ErrorNotice error={error} onRetry={() => void refetch()} />}

      <div className="kpis" data-testid="kpis">
        <Kpi label="Open pipeline" value={dashboard && formatCentsCompact(dashboard.openPipelineValueCents)} detail={dashboard && `${formatNumber(dashboard.openDealCount)} open deals`} to="/crm/deals" />
        <Kpi label="Weighted pipeline" value={dashboard && formatCentsCompact(dashboard.weightedPipelineValueCents)} detail="Amount × stage probability" />
        <Kpi label="Won this month" value={dashboard && formatNumber(dashboard.dealsWonThisMonth)} detail={dashboard && formatCents(dashboard.wonThisMonthValueCents)} />
        <Kpi
          label="Overdue tasks"
          value={dashboard && formatNumber(dashboard.overdueTaskCount)}
          detail="Due and still open"
          to="/crm/tasks?filter=overdue"
          tone={dashboard && dashboard.overdueTaskCount > 0 ? 'warning' : undefined}
        />
        <Kpi
          label="Departures, next 30 days"
          value={departures.departures ? formatNumber(departures.departures.totalCount) : departures.error ? 'Unavailable' : null}
          detail={departures.error ? 'Travel data is unavailable' : 'Bookings leaving soon'}
          to="/travel/bookings"
        />
      </div>

      <div className="dashboard-grid">
        <section className="panel" aria-labelledby="pipeline-chart-title">
          <header className="panel__header">
            <h2 id="pipeline-chart-title" className="panel__title">
              Pipeline by stage
            </h2>
            {pipelines.length > 1 && (
              <label className="panel__control">
                <span className="visually-hidden">Pipeline</span>
                <select className="select select--small" value={pipeline?.pipeline.id ?? ''} onChange={(e) => setPipelineId(e.target.value)}>
                  {pipelines.map((p) => (
                    <option key={p.pipeline.id} value={p.pipeline.id}>
                      {p.pipeline.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </header>
          {!dashboard && !error && <Loading />}
          {pipeline && (
            <>
              <p className="panel__meta">
                {formatNumber(pipeline.openDealCount)} open deals · {formatCents(pipeline.openAmountCents)} open ·{' '}
                {formatCents(pipeline.openWeightedAmountCents)} weighted
              </p>
              <BarChart
                label={`${pipeline.pipeline.name}: amount and weighted amount by stage`}
                bars={pipeline.stages.map((s) => ({ label: s.stage.name, value: s.amountCents, inner: s.weightedAmountCents }))}
                format={formatCentsCompact}
                valueLabel="Amount"
                innerLabel="Weighted"
                testId="pipeline-chart"
              />
            </>
          )}
        </section>

        <section className="panel" aria-labelledby="lifecycle-chart-title">
          <header className="panel__header">
            <h2 id="lifecycle-chart-title" className="panel__title">
              Contacts by lifecycle stage
            </h2>
          </header>
          {!dashboard && !error && <Loading />}
          {dashboard && (
            <BarChart
              label="Contacts by lifecycle stage"
              bars={dashboard.contactsByLifecycleStage.map((c) => ({ label: LIFECYCLE_STAGE_LABEL[c.lifecycleStage], value: c.count }))}
              format={formatNumber}
              valueLabel="Contacts"
              testId="lifecycle-chart"
            />
          )}
        </section>

        <section className="panel panel--wide" aria-labelledby="departures-title">
          <header className="panel__header">
            <h2 id="departures-title" className="panel__title">
              Upcoming departures
            </h2>
            <Link to="/travel/bookings" className="panel__link">
              All bookings
            </Link>
          </header>
          {departures.error && <ErrorNotice error={departures.error} onRetry={() => void departures.refetch()} testId="travel-notice" />}
          {!departures.departures && !departures.error && <Loading />}
          {departures.departures && departures.departures.nodes.length === 0 && (
            <p className="panel__meta">No departures in the next {DEPARTURE_WINDOW_DAYS} days.</p>
          )}
          {departures.departures && departures.departures.nodes.length > 0 && (
            <div className="table-frame">
              <table className="data-table">
                <caption className="visually-hidden">Bookings departing in the next {DEPARTURE_WINDOW_DAYS} days</caption>
                <thead>
                  <tr>
                    <th scope="col">Departs</th>
                    <th scope="col">Booking</th>
                    <th scope="col">Destination</th>
                    <th scope="col">Client</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {departures.departures.nodes.map((b) => (
                    <tr key={b.id}>
                      <td className="nowrap">{formatCalendarDate(b.departureDate)}</td>
                      <th scope="row">
                        <Link to={`/travel/bookings/${b.id}`}>{b.bookingReference}</Link>
                      </th>
                      <td>{b.destination}</td>
                      <td>{b.client?.displayName ?? <span className="cell-muted">—</span>}</td>
                      <td>
                        <span className="badge">{humanize(b.status)}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </section>
  );
}

interface KpiProps {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  to?: string;
  tone?: 'warning';
}

function Kpi({ label, value, detail, to, tone }: KpiProps) {
  const body = (
    <>
      <span className="kpi__label">{label}</span>
      <span className="kpi__value">{value ?? '—'}</span>
      {detail && <span className="kpi__detail">{detail}</span>}
    </>
  );
  const className = tone === 'warning' ? 'kpi kpi--warning' : 'kpi';
  return to ? (
    <Link to={to} className={`${className} kpi--link`}>
      {body}
    </Link>
  ) : (
    <div className={className}>{body}</div>
  );
}
