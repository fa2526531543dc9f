import { useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { DashboardScope } from '../../__generated__/graphql.ts';
import {
  formatCalendarDate,
  formatCents,
  formatCentsCompact,
  formatDateTime,
  formatNumber,
  humanize,
} from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { BarChart } from '../../ui/BarChart.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { LIFECYCLE_STAGE_LABEL } from '../crm/lifecycleStages.ts';
import { useCrmDashboard } from './useCrmDashboard.ts';
import { useServiceCounts } from './useServiceCounts.ts';
import { DEPARTURE_WINDOW_DAYS, useUpcomingDepartures } from './useUpcomingDepartures.ts';
import '../../styles/dashboard.css';
import '../../styles/table.css';

const SCOPES: { value: DashboardScope; label: string; hint: string }[] = [
  { value: 'MINE', label: 'Mine', hint: 'Contacts and deals you own, tasks assigned to you' },
  { value: 'MY_TEAM', label: 'My team', hint: 'Teams are not set up yet, so this counts everyone' },
  { value: 'EVERYONE', label: 'Everyone', hint: 'Every record' },
];

/** The scope in the address, else everyone's figures (what the dashboard always showed). */
function scopeOf(raw: string | null, isManager: boolean): DashboardScope {
  const found = SCOPES.find((s) => s.value.toLowerCase() === raw);
  if (!found || (found.value === 'MY_TEAM' && !isManager)) return 'EVERYONE';
  return found.value;
}

/**
 * The start page: CRM figures, the pipeline and contacts as charts, and the next departures. The
 * scope (mine, my team, everyone) applies to every CRM figure, so the KPIs and charts agree.
 */
export default function DashboardPage() {
  useDocumentTitle('Dashboard');
  const [searchParams, setSearchParams] = useSearchParams();
  const isManager = useHasRank('MANAGER');
  const scope = scopeOf(searchParams.get('scope'), isManager);
  const { dashboard, error, refetch } = useCrmDashboard(scope);
  const departures = useUpcomingDepartures();
  const tickets = useServiceCounts();
  const [pipelineId, setPipelineId] = useState<string | null>(null);

  const pipelines = dashboard?.pipelines ?? [];
  const pipeline =
    pipelines.find((p) => p.pipeline.id === pipelineId) ?? pipelines.find((p) => p.pipeline.isDefault) ?? pipelines[0];

  return (
    <section aria-labelledby="dashboard-title">
      <header className="page-header">
        <h1 id="dashboard-title">Dashboard</h1>
        <p className="page-header__meta">{dashboard ? `As of ${formatDateTime(dashboard.asOf)}` : ''}</p>
        <div className="segmented" role="group" aria-label="Whose figures" data-testid="dashboard-scope">
          {SCOPES.filter((s) => isManager || s.value !== 'MY_TEAM').map((s) => (
            <button
              key={s.value}
              type="button"
              className="segmented__option"
              aria-pressed={scope === s.value}
              title={s.hint}
              onClick={() =>
                setSearchParams(
                  (p) => {
                    p.set('scope', s.value.toLowerCase());
                    return p;
                  },
                  { replace: true },
                )
              }
            >
              {s.label}
            </button>
          ))}
        </div>
      </header>

      {error && !dashboard && <ErrorNotice error={error} onRetry={() => void refetch()} />}

      <div className="kpis" data-testid="kpis">
        <Kpi
          label="Open pipeline"
          value={dashboard && formatCentsCompact(dashboard.openPipelineValueCents)}
          detail={dashboard && `${formatNumber(dashboard.openDealCount)} open deals, all pipelines`}
          to="/crm/deals"
        />
        <Kpi
          label="Weighted pipeline"
          value={dashboard && formatCentsCompact(dashboard.weightedPipelineValueCents)}
          detail="Amount × stage probability"
        />
        <Kpi
          label="Won this month"
          value={dashboard && formatNumber(dashboard.dealsWonThisMonth)}
          detail={dashboard && formatCents(dashboard.wonThisMonthValueCents)}
        />
        <Kpi
          label="Overdue tasks"
          value={dashboard && formatNumber(dashboard.overdueTaskCount)}
          detail="Due and still open"
          to="/crm/tasks?filter=overdue"
          tone={dashboard && dashboard.overdueTaskCount > 0 ? 'warning' : undefined}
        />
        <Kpi
          label="Departures, next 30 days"
          value={
            departures.departures
              ? formatNumber(departures.departures.totalCount)
              : departures.error
                ? 'Unavailable'
                : null
          }
          detail={departures.error ? 'Travel data is unavailable' : 'Bookings leaving soon'}
          to="/travel/bookings"
        />
        <Kpi
          label="Open tickets"
          value={tickets.counts ? formatNumber(tickets.counts.openTickets) : tickets.error ? 'Unavailable' : null}
          detail={
            tickets.counts
              ? `${formatNumber(tickets.counts.atRiskTickets)} at risk · ${formatNumber(tickets.counts.breachedTickets)} breached`
              : 'Service desk'
          }
          to="/service/tickets"
          tone={tickets.counts && tickets.counts.breachedTickets > 0 ? 'warning' : undefined}
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
                <select
                  className="select select--small"
                  value={pipeline?.pipeline.id ?? ''}
                  onChange={(e) => setPipelineId(e.target.value)}
                >
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
                bars={pipeline.stages.map((s) => ({
                  label: s.stage.name,
                  value: s.amountCents,
                  inner: s.weightedAmountCents,
                }))}
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
              bars={dashboard.contactsByLifecycleStage.map((c) => ({
                label: LIFECYCLE_STAGE_LABEL[c.lifecycleStage],
                value: c.count,
              }))}
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
          {departures.error && (
            <ErrorNotice error={departures.error} onRetry={() => void departures.refetch()} testId="travel-notice" />
          )}
          {!departures.departures && !departures.error && <Loading />}
          {departures.departures && departures.departures.nodes.length === 0 && (
            <p className="panel__meta">No departures in the next {DEPARTURE_WINDOW_DAYS} days.</p>
          )}
          {departures.departures && departures.departures.nodes.length > 0 && (
            <div className="table-frame">
              <table className="data-table">
                <caption className="visually-hidden">
                  Bookings departing in the next {DEPARTURE_WINDOW_DAYS} days
                </caption>
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
