// Shared look of the hardware charts (colours match styles.css).
import type uPlot from 'uplot';

export const SERIES_COLORS = { cpu: '#4ea1ff', memory: '#c084fc', temperature: '#f59e0b' } as const;

const AXIS_STROKE = '#9aa3af';
const GRID = { stroke: 'rgba(255, 255, 255, 0.07)', width: 1 };

export function timeAxis(): uPlot.Axis {
  return { stroke: AXIS_STROKE, grid: GRID, ticks: GRID };
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
