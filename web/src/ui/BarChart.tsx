import { lazy, Suspense, useId } from 'react';
import '../styles/chart.css';

export interface Bar {
  label: string;
  value: number;
  /** A second measure drawn beside the main bar, e.g. the weighted part of an amount. */
  inner?: number;
}

export interface BarChartProps {
  /** Names the chart for assistive technology; the visible heading is the caller's. */
  label: string;
  bars: readonly Bar[];
  format: (value: number) => string;
  /** Names the two measures when `inner` is used, for the legend, tooltips and the data table. */
  valueLabel?: string;
  innerLabel?: string;
  testId?: string;
  /**
   * Keeps the visually hidden data table that screen readers read instead of the picture. Leave it
   * on unless the same figures are in a visible table right beside the chart.
   */
  withTable?: boolean;
}

/** Room per category and for the axis: the chart's height follows its rows, never its width. */
export const ROW_HEIGHT = 34;
export const AXIS_HEIGHT = 56;
export const chartHeight = (rows: number) => Math.max(rows, 1) * ROW_HEIGHT + AXIS_HEIGHT;

// Chart.js is downloaded with the first chart on screen, in a chunk of its own, so it never
// weighs on the first page load.
const BarChartCanvas = lazy(() => import('./chart/BarChartCanvas.tsx'));

/**
 * Horizontal bars drawn by Chart.js: value axis, tooltips, a legend, and text at a fixed size
 * whatever the panel's width. The same figures are in a visually hidden table, which is what
 * screen readers get (the canvas is hidden from them).
 */
export function BarChart({
  label,
  bars,
  format,
  valueLabel = 'Value',
  innerLabel,
  testId,
  withTable = true,
}: BarChartProps) {
  const tableId = useId();
  const height = chartHeight(bars.length);
  return (
    <figure className="bar-chart" data-testid={testId}>
      <div className="bar-chart__canvas" style={{ height }} aria-hidden="true">
        <Suspense fallback={<div className="bar-chart__placeholder" />}>
          <BarChartCanvas bars={bars} format={format} valueLabel={valueLabel} innerLabel={innerLabel} />
        </Suspense>
      </div>
      {withTable && (
        // The wrapper hides the table: a table ignores `width: 1px` and would widen the page.
        <div className="visually-hidden">
          <table id={tableId}>
            <caption>{label}</caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">{valueLabel}</th>
                {innerLabel && <th scope="col">{innerLabel}</th>}
              </tr>
            </thead>
            <tbody>
              {bars.map((bar) => (
                <tr key={bar.label}>
                  <th scope="row">{bar.label}</th>
                  <td>{format(bar.value)}</td>
                  {innerLabel && <td>{format(bar.inner ?? 0)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </figure>
  );
}
