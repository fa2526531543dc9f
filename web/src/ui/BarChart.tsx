import { useId } from 'react';

export interface Bar {
  label: string;
  value: number;
  /** Drawn over the main bar, e.g. the weighted part of an amount. */
  inner?: number;
}

interface BarChartProps {
  /** Names the chart for assistive technology; the visible heading is the caller's. */
  label: string;
  bars: readonly Bar[];
  format: (value: number) => string;
  /** Names the two measures when `inner` is used, for the legend and the data table. */
  valueLabel?: string;
  innerLabel?: string;
  testId?: string;
}

const ROW = 30;
const LABEL_WIDTH = 170;
const VALUE_WIDTH = 110;
const WIDTH = 640;
const BAR_SPACE = WIDTH - LABEL_WIDTH - VALUE_WIDTH;

/**
 * Horizontal bars in plain SVG: a picture where comparing lengths reads faster than numbers. The
 * same figures are in a visually hidden table, which is what screen readers get.
 */
export function BarChart({ label, bars, format, valueLabel = 'Value', innerLabel, testId }: BarChartProps) {
  const tableId = useId();
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * ROW + 4;
  return (
    <figure className="bar-chart" data-testid={testId}>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" aria-hidden="true" focusable="false">
        {bars.map((bar, i) => {
          const y = i * ROW + 4;
          const w = (bar.value / max) * BAR_SPACE;
          const inner = bar.inner === undefined ? null : (bar.inner / max) * BAR_SPACE;
          return (
            <g key={bar.label}>
              <text
                x={LABEL_WIDTH - 10}
                y={y + ROW / 2}
                className="bar-chart__label"
                textAnchor="end"
                dominantBaseline="middle"
              >
                {bar.label}
              </text>
              <rect x={LABEL_WIDTH} y={y + 5} width={BAR_SPACE} height={ROW - 12} rx={3} className="bar-chart__track" />
              <rect
                x={LABEL_WIDTH}
                y={y + 5}
                width={Math.max(w, bar.value > 0 ? 2 : 0)}
                height={ROW - 12}
                rx={3}
                className={inner === null ? 'bar-chart__bar' : 'bar-chart__bar bar-chart__bar--outer'}
              />
              {inner !== null && (
                <rect
                  x={LABEL_WIDTH}
                  y={y + 5}
                  width={Math.max(inner, bar.inner ? 2 : 0)}
                  height={ROW - 12}
                  rx={3}
                  className="bar-chart__bar"
                />
              )}
              <text
                x={WIDTH - 4}
                y={y + ROW / 2}
                className="bar-chart__value"
                textAnchor="end"
                dominantBaseline="middle"
              >
                {format(bar.value)}
              </text>
            </g>
          );
        })}
      </svg>
      {innerLabel && (
        <figcaption className="bar-chart__legend" aria-hidden="true">
          <span className="bar-chart__key bar-chart__key--outer" /> {valueLabel}
          <span className="bar-chart__key" /> {innerLabel}
        </figcaption>
      )}
      {/* The wrapper hides the table: a table ignores `width: 1px` and would widen the page. */}
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
    </figure>
  );
}
