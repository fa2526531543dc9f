import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
  type TooltipModel,
} from 'chart.js';
import type { Bar } from '../BarChart.tsx';

// Only the parts a horizontal bar chart uses, so the chunk stays small.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

/** Axis and legend text in CSS pixels: the canvas is redrawn at its real size, never stretched. */
export const CHART_FONT_PX = 12;
const LABEL_MAX_CHARS = 22;

interface Props {
  bars: readonly Bar[];
  format: (value: number) => string;
  valueLabel: string;
  innerLabel?: string;
}

interface Palette {
  text: string;
  muted: string;
  grid: string;
  main: string;
  second: string;
  font: string;
}

/** The theme's colours, read from its CSS custom properties (dark or light, as the system says). */
function palette(): Palette {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--color-text', '#e8ecf4'),
    muted: v('--color-text-muted', '#a7b1c6'),
    grid: v('--color-border', '#2a3856'),
    main: v('--color-gold', '#c9a84c'),
    second: v('--color-info', '#8ab4f8'),
    font: v('--font-body', 'system-ui, sans-serif'),
  };
}

const shorten = (label: string) =>
  label.length > LABEL_MAX_CHARS ? `${label.slice(0, LABEL_MAX_CHARS - 1).trimEnd()}…` : label;

interface TooltipState {
  title: string;
  lines: { label: string; value: string; colour: string }[];
  x: number;
  y: number;
  side: 'left' | 'right';
}

/** The Chart.js part of BarChart, in its own chunk (see BarChart). */
export default function BarChartCanvas({ bars, format, valueLabel, innerLabel }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [tooltip, setTooltip] = useState<TooltipState | null>(null);
  const [colours, setColours] = useState<Palette>(palette);
  // Callers often pass a new arrow each render: the chart reads the latest without being rebuilt.
  const formatRef = useRef(format);
  useLayoutEffect(() => {
    formatRef.current = format;
  }, [format]);

  // The light theme follows the system setting: redraw in its colours when it changes.
  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: light)');
    const onChange = () => setColours(palette());
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const datasets: ChartConfiguration<'bar'>['data']['datasets'] = [
      {
        label: valueLabel,
        data: bars.map((b) => b.value),
        backgroundColor: colours.main,
        borderRadius: 3,
        maxBarThickness: 22,
      },
    ];
    if (innerLabel) {
      datasets.push({
        label: innerLabel,
        data: bars.map((b) => b.inner ?? 0),
        backgroundColor: colours.second,
        borderRadius: 3,
        maxBarThickness: 22,
      });
    }
    const font = { family: colours.font, size: CHART_FONT_PX };
    const external = ({ chart, tooltip: model }: { chart: Chart; tooltip: TooltipModel<'bar'> }) => {
      if (model.opacity === 0 || model.dataPoints.length === 0) {
        setTooltip(null);
        return;
      }
      const index = model.dataPoints[0]!.dataIndex;
      setTooltip({
        title: bars[index]?.label ?? '',
        lines: model.dataPoints.map((p) => ({
          label: p.dataset.label ?? '',
          value: formatRef.current(Number(p.raw)),
          colour: String(p.dataset.backgroundColor),
        })),
        x: model.caretX,
        y: model.caretY,
        // Opens towards the middle, so it never reaches past the panel's edge.
        side: model.caretX < chart.width / 2 ? 'right' : 'left',
      });
    };
    const chart = new Chart(canvas, {
      type: 'bar',
      data: { labels: bars.map((b) => b.label), datasets },
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', axis: 'y', intersect: false },
        layout: { padding: { right: 8 } },
        scales: {
          x: {
            beginAtZero: true,
            grid: { color: colours.grid },
            border: { color: colours.grid },
            ticks: {
              color: colours.muted,
              font,
              maxRotation: 0,
              autoSkipPadding: 16,
              callback: (value) => formatRef.current(Number(value)),
            },
            title: { display: true, text: valueLabel, color: colours.muted, font },
          },
          y: {
            grid: { display: false },
            border: { color: colours.grid },
            ticks: {
              color: colours.text,
              font,
              autoSkip: false,
              callback(value) {
                return shorten(this.getLabelForValue(Number(value)));
              },
            },
          },
        },
        plugins: {
          legend: { display: false },
          tooltip: { enabled: false, external },
        },
      },
    });
    return () => chart.destroy();
  }, [bars, valueLabel, innerLabel, colours]);

  const legend = [{ label: valueLabel, colour: colours.main }];
  if (innerLabel) legend.push({ label: innerLabel, colour: colours.second });

  return (
    <div className="bar-chart__frame">
      <ul className="bar-chart__legend" data-testid="chart-legend">
        {legend.map((item) => (
          <li key={item.label}>
            <span className="bar-chart__key" style={{ background: item.colour }} />
            {item.label}
          </li>
        ))}
      </ul>
      <div className="bar-chart__plot">
        <canvas ref={canvasRef} data-testid="chart-canvas" />
        {tooltip && (
          <div
            className={`bar-chart__tooltip bar-chart__tooltip--${tooltip.side}`}
            data-testid="chart-tooltip"
            style={{ left: tooltip.x, top: tooltip.y }}
          >
            <p className="bar-chart__tooltip-title">{tooltip.title}</p>
            {tooltip.lines.map((line) => (
              <p key={line.label}>
                <span className="bar-chart__key" style={{ background: line.colour }} />
                {line.label}: <strong>{line.value}</strong>
              </p>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
