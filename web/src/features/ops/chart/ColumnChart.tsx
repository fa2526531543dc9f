import { lazy, Suspense } from 'react';
import '../../../styles/chart.css';

/** One measure over the chart's columns (events per day; completed jobs per minute). */
export interface Series {
  label: string;
  values: readonly number[];
}

export interface ColumnChartProps {
  /** Names the chart for assistive technology; the visible heading is the caller's. */
  label: string;
  /** The columns, oldest first (days, minutes). */
  labels: readonly string[];
  series: readonly Series[];
  /** The first column's header in the data table. */
  columnLabel: string;
  height?: number;
  testId?: string;
  /** Table rows to leave out (e.g. minutes with nothing in them); the chart keeps every column. */
  skipEmptyRows?: boolean;
}

// Chart.js is downloaded with the first chart on screen, in a chunk of its own.
const ColumnChartCanvas = lazy(() => import('./ColumnChartCanvas.tsx'));

/**
 * Vertical bars over time drawn by Chart.js (stacked when there is more than one series). The same
 * figures are in a visually hidden table, which is what screen readers get.
 */
export function ColumnChart({
  label,
  labels,
  series,
  columnLabel,
  height = 220,
  testId,
  skipEmptyRows,
}: ColumnChartProps) {
  const rows = labels
    .map((l, i) => ({ label: l, values: series.map((s) => s.values[i] ?? 0) }))
    .filter((r) => !skipEmptyRows || r.values.some((v) => v !== 0));
  return (
    <figure className="bar-chart" data-testid={testId}>
      <div className="bar-chart__canvas" style={{ height }} aria-hidden="true">
        <Suspense fallback={<div className="bar-chart__placeholder" />}>
          <ColumnChartCanvas labels={labels} series={series} />
        </Suspense>
      </div>
      <div className="visually-hidden">
        <table>
          <caption>{label}</caption>
          <thead>
            <tr>
              <th scope="col">{columnLabel}</th>
              {series.map((s) => (
                <th scope="col" key={s.label}>
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                {r.values.map((v, i) => (
                  <td key={series[i]?.label ?? i}>{v}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
