import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import {
  calendarDate,
  formatCalendarDate,
  formatCents,
  formatDateTime,
  formatNumber,
  humanize,
} from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { BarChart } from '../../ui/BarChart.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { ColumnChart } from './chart/ColumnChart.tsx';
import { AnalyticsDashboardDocument, NexusKpisDocument } from './graphql/__generated__/analytics.ts';
import '../../styles/dashboard.css';
import '../../styles/settings.css';

const PRESETS = [
  { key: '7', label: 'Last 7 days', days: 7 },
  { key: '30', label: 'Last 30 days', days: 30 },
  { key: '90', label: 'Last 90 days', days: 90 },
] as const;
/** The server refuses longer ranges; the picker says so before asking. */
const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

const lengthInDays = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

/** The range in the address: a preset (`range=7|30|90`, ending today, UTC) or `range=custom&from&to`. */
function useRange() {
  const [params, setParams] = useSearchParams();
  const range = params.get('range') ?? '30';
  const preset = PRESETS.find((p) => p.key === range);
  const today = calendarDate();
  const from = preset ? calendarDate(-(preset.days - 1)) : (params.get('from') ?? calendarDate(-29));
  const to = preset ? today : (params.get('to') ?? today);
  const set = (next: { range: string; from?: string; to?: string }) =>
    setParams(
      (p) => {
        p.set('range', next.range);
        if (next.from && next.to) {
          p.set('from', next.from);
          p.set('to', next.to);
        } else {
          p.delete('from');
          p.delete('to');
        }
        return p;
      },
      { replace: true },
    );
  return { range: preset ? preset.key : 'custom', from, to, set };
}

type Count = { key: string | null; count: number };
const bars = (rows: readonly Count[], none: string) => rows.map((r) => ({ label: r.key ?? none, value: r.count }));

/** One breakdown: a chart and, for reading, a table of the same counts. */
function Breakdown({
  title,
  rows,
  none,
  testId,
}: {
  title: string;
  rows: readonly Count[];
  none: string;
  testId: string;
}) {
  return (
    <section className="panel" aria-label={title} data-testid={testId}>
      <h2 className="panel__title">{title}</h2>
      {rows.length === 0 ? (
        <p className="cell-muted">No events in this range.</p>
      ) : (
        <BarChart label={title} bars={bars(rows, none)} format={formatNumber} valueLabel="Events" />
      )}
    </section>
  );
}

/**
 * Analytics dashboard (managers and above): TT-API's website and app events over a range, counted by
 * name, day and UTM field on the server, with TT-API's KPI snapshots and Nexus' own figures beside them.
 */
export function AnalyticsPage() {
  useDocumentTitle('Analytics');
  const { range, from, to, set } = useRange();
  const length = lengthInDays(from, to);
  const invalid =
    from > to ? 'The range starts after it ends.' : length > MAX_DAYS ? `Choose at most ${MAX_DAYS} days.` : null;
  const analytics = useQuery(AnalyticsDashboardDocument, {
    variables: { from, to },
    skip: invalid !== null,
    fetchPolicy: 'cache-and-network',
  });
  const nexus = useQuery(NexusKpisDocument, { fetchPolicy: 'cache-and-network' });
  const s = analytics.data?.analyticsSummary;
  const days = useMemo(
    () => ({
      labels: (s?.byDay ?? []).map((d) => formatCalendarDate(d.day)),
      series: [{ label: 'Events', values: (s?.byDay ?? []).map((d) => d.count) }],
    }),
    [s],
  );
  const kpis = useMemo(() => {
    // Snapshots come newest first: the first of each metric is its latest in the range.
    const latest = new Map<
      string,
      { metric: string; value: number; changePercent: number | null; snapshotDate: string }
    >();
    for (const k of analytics.data?.ttKpiSnapshots?.nodes ?? []) if (!latest.has(k.metric)) latest.set(k.metric, k);
    return [...latest.values()].sort((a, b) => a.metric.localeCompare(b.metric));
  }, [analytics.data]);
  const n = nexus.data;

  return (
    <section aria-labelledby="analytics-title" data-testid="analytics-page">
      <header className="page-header">
        <h1 id="analytics-title">Analytics</h1>
      </header>
      <form className="filters" aria-label="Date range" onSubmit={(e) => e.preventDefault()}>
        <div className="segmented" role="group" aria-label="Range">
          {PRESETS.map((p) => (
            <button
              key={p.key}
              type="button"
              aria-pressed={range === p.key}
              className={range === p.key ? 'segmented__option segmented__option--on' : 'segmented__option'}
              onClick={() => set({ range: p.key })}
            >
              {p.label}
            </button>
          ))}
          <button
            type="button"
            aria-pressed={range === 'custom'}
            className={range === 'custom' ? 'segmented__option segmented__option--on' : 'segmented__option'}
            onClick={() => set({ range: 'custom', from, to })}
          >
            Custom
          </button>
        </div>
        {range === 'custom' && (
          <>
            <label className="field">
              <span className="field__label">From</span>
              <input
                className="input"
                type="date"
                value={from}
                max={to}
                onChange={(e) => e.target.value && set({ range: 'custom', from: e.target.value, to })}
              />
            </label>
            <label className="field">
              <span className="field__label">To</span>
              <input
                className="input"
                type="date"
                value={to}
                min={from}
                onChange={(e) => e.target.value && set({ range: 'custom', from, to: e.target.value })}
              />
            </label>
          </>
        )}
      </form>
      <p data-testid="analytics-range">
        {formatCalendarDate(from)} to {formatCalendarDate(to)} ({formatNumber(length)} {length === 1 ? 'day' : 'days'},
        UTC)
      </p>
      {invalid && (
        <p role="alert" className="notice notice--error">
          {invalid}
        </p>
      )}

      <section aria-labelledby="nexus-kpis-title">
        <h2 id="nexus-kpis-title">Nexus now</h2>
        {nexus.error && <ErrorNotice error={nexus.error} onRetry={() => void nexus.refetch()} />}
        <div className="kpis" data-testid="nexus-kpis">
          <Kpi label="Open deals" value={n && formatNumber(n.crmDashboard.openDealCount)} />
          <Kpi
            label="Pipeline value"
            value={n && formatCents(n.crmDashboard.openPipelineValueCents)}
            detail={n ? `${formatCents(n.crmDashboard.weightedPipelineValueCents)} weighted` : undefined}
          />
          <Kpi
            label="Deals won this month"
            value={n && formatNumber(n.crmDashboard.dealsWonThisMonth)}
            detail={n ? formatCents(n.crmDashboard.wonThisMonthValueCents) : undefined}
          />
          <Kpi label="Open tickets" value={n && formatNumber(n.serviceDashboard.openTickets)} />
          <Kpi label="Campaigns sent" value={n && formatNumber(n.campaigns?.totalCount ?? 0)} />
        </div>
        {n && <p className="cell-muted">As of {formatDateTime(n.crmDashboard.asOf)}.</p>}
      </section>

      {analytics.error && <ErrorNotice error={analytics.error} onRetry={() => void analytics.refetch()} />}
      {!analytics.data && !analytics.error && !invalid && <Loading />}
      {s && (
        <>
          <section aria-labelledby="tt-kpis-title">
            <h2 id="tt-kpis-title">TT-API KPIs</h2>
            {kpis.length === 0 ? (
              <p className="cell-muted">No KPI snapshots in this range.</p>
            ) : (
              <div className="table-frame">
                <table className="data-table" data-testid="tt-kpis">
                  <caption className="visually-hidden">Latest KPI snapshot of each metric in the range</caption>
                  <thead>
                    <tr>
                      <th scope="col">Metric</th>
                      <th scope="col">Latest value</th>
                      <th scope="col">Change</th>
                      <th scope="col">Day</th>
                    </tr>
                  </thead>
                  <tbody>
                    {kpis.map((k) => (
                      <tr key={k.metric}>
                        <th scope="row">{humanize(k.metric)}</th>
                        <td>{k.metric.endsWith('_cents') ? formatCents(k.value) : formatNumber(k.value)}</td>
                        <td>
                          {k.changePercent == null ? '—' : `${k.changePercent > 0 ? '+' : ''}${k.changePercent}%`}
                        </td>
                        <td>{formatCalendarDate(k.snapshotDate)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <h2>TT-API events</h2>
          <p data-testid="analytics-total">
            <strong>{formatNumber(s.totalEvents)}</strong> events
            {s.truncated && ' (the range holds more; the newest 10,000 are counted)'}
          </p>
          <section className="panel" aria-label="Events per day" data-testid="analytics-by-day">
            <h2 className="panel__title">Events per day</h2>
            <ColumnChart label="Events per day" columnLabel="Day" labels={days.labels} series={days.series} />
          </section>
          <div className="reports-grid">
            <Breakdown title="Events by name" rows={s.byEventName} none="(unnamed)" testId="analytics-by-name" />
            <Breakdown title="UTM source" rows={s.byUtmSource} none="(no source)" testId="analytics-by-source" />
            <Breakdown title="UTM medium" rows={s.byUtmMedium} none="(no medium)" testId="analytics-by-medium" />
            <Breakdown
              title="UTM campaign"
              rows={s.byUtmCampaign}
              none="(no campaign)"
              testId="analytics-by-campaign"
            />
          </div>
        </>
      )}
    </section>
  );
}

function Kpi({ label, value, detail }: { label: string; value: string | null | undefined; detail?: string }) {
  return (
    <div className="kpi">
      <span className="kpi__label">{label}</span>
      <span className="kpi__value">{value ?? '—'}</span>
      {detail && <span className="kpi__detail">{detail}</span>}
    </div>
  );
}
