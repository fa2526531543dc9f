import { useEffect, useRef, useState } from 'react';
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import type { Series } from './ColumnChart.tsx';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

/** Axis text in CSS pixels, as the horizontal bar chart's. */
const CHART_FONT_PX = 12;

/** The theme's colours, read from its CSS custom properties (as the horizontal bar chart does). */
function palette() {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    muted: v('--color-text-muted', '#a7b1c6'),
    grid: v('--color-border', '#2a3856'),
    colours: [v('--color-gold', '#c9a84c'), v('--color-danger', '#f28b82'), v('--color-info', '#8ab4f8')],
    font: v('--font-body', 'system-ui, sans-serif'),
  };
}

/** The Chart.js part of ColumnChart, in its own chunk. */
export default function ColumnChartCanvas({
  labels,
  series,
}: {
  labels: readonly string[];
  series: readonly Series[];
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [colours, setColours] = useState(palette);

  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: light)');
    const onChange = () => setColours(palette());
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const font = { family: colours.font, size: CHART_FONT_PX };
    const chart = new Chart(canvas, {
      type: 'bar',
      data: {
        labels: [...labels],
        datasets: series.map((s, i) => ({
          label: s.label,
          data: [...s.values],
          backgroundColor: colours.colours[i % colours.colours.length],
          borderRadius: 2,
          maxBarThickness: 18,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: {
            stacked: series.length > 1,
            grid: { display: false },
            border: { color: colours.grid },
            ticks: { color: colours.muted, font, maxRotation: 0, autoSkipPadding: 16 },
          },
          y: {
            stacked: series.length > 1,
            beginAtZero: true,
            grid: { color: colours.grid },
            border: { color: colours.grid },
            ticks: { color: colours.muted, font, precision: 0 },
          },
        },
        plugins: { legend: { display: false }, tooltip: { enabled: true } },
      },
    });
    return () => chart.destroy();
  }, [labels, series, colours]);

  return (
    <div className="bar-chart__frame">
      <ul className="bar-chart__legend">
        {series.map((s, i) => (
          <li key={s.label}>
            <span className="bar-chart__key" style={{ background: colours.colours[i % colours.colours.length] }} />
            {s.label}
          </li>
        ))}
      </ul>
      <div className="bar-chart__plot">
        <canvas ref={canvasRef} />
      </div>
    </div>
  );
}
