// Shared look of the hardware charts (colours match styles.css).
import type uPlot from 'uplot';

export const SERIES_COLORS = { cpu: '#4ea1ff', memory: '#c084fc', temperature: '#f59e0b' } as const;

const AXIS_STROKE = '#9aa3af';
const GRID = { stroke: 'rgba(255, 255, 255, 0.07)', width: 1 };

const DAY_S = 86_400;

/** Clock times on the time axis: seconds for spans of minutes, dates once a span covers days. */
function timeLabel(seconds: number, spanS: number): string {
  const date = new Date(seconds * 1000);
  if (spanS > 2 * DAY_S) return date.toLocaleDateString([], { weekday: 'short', day: 'numeric', month: 'short' });
  return date.toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    ...(spanS < 30 * 60 ? { second: '2-digit' } : {}),
  });
}

export function timeAxis(): uPlot.Axis {
  return {
    stroke: AXIS_STROKE,
    grid: GRID,
    ticks: GRID,
    space: 90,
    values: (chart, ticks) => {
      const spanS = (chart.scales.x?.max ?? 0) - (chart.scales.x?.min ?? 0);
      return ticks.map((tick) => timeLabel(tick, spanS));
    },
  };
}

export function valueAxis(scale: string, unit: string, side: 1 | 3 = 3): uPlot.Axis {
  return {
    scale,
    side,
    stroke: AXIS_STROKE,
    grid: side === 3 ? GRID : { show: false },
    ticks: GRID,
    size: 56,
    values: (_chart, ticks) => ticks.map((tick) => `${tick} ${unit}`),
  };
}

export function line(label: string, scale: string, unit: string, color: string): uPlot.Series {
  return {
    label,
    scale,
    stroke: color,
    width: 2,
    value: (_chart, value) => (value === null ? '–' : `${value.toFixed(1)} ${unit}`),
  };
}

export const PERCENT_SCALE: uPlot.Scale = { auto: false, range: [0, 100] };
