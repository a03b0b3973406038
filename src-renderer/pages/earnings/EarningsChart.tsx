// Revenue against cost over the range, per bucket (hour or day), in dollars at the user's rates.
import { useMemo } from 'react';
import type uPlot from 'uplot';
import { formatUsd } from '../../amounts.js';
import { Card } from '../../components/Card.js';
import { TimeSeriesChart, type ChartOptions } from '../../components/TimeSeriesChart.js';
import { timeAxis } from '../hardware/chart-theme.js';
import { usdTickLabels } from './earnings-data.js';

const COLORS = { revenue: '#34d399', cost: '#f87171' } as const;
const AXIS_STROKE = '#9aa3af';
const GRID = { stroke: 'rgba(255, 255, 255, 0.07)', width: 1 };

const dollars = (label: string, color: string): uPlot.Series => ({
  label,
  scale: 'usd',
  stroke: color,
  width: 2,
  points: { show: true },
  value: (_chart, value) => (value === null ? '–' : formatUsd(value)),
});

function chartOptions(): ChartOptions {
  return {
    scales: { x: { time: true }, usd: { auto: true, range: (_chart, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
    series: [{}, dollars('Revenue (estimate)', COLORS.revenue), dollars('Cost', COLORS.cost)],
    axes: [timeAxis(), { scale: 'usd', stroke: AXIS_STROKE, grid: GRID, ticks: GRID, size: 80, values: (_chart, ticks) => usdTickLabels(ticks) }],
  };
}

export function EarningsChart({ data, bucketLabel }: { data: uPlot.AlignedData; bucketLabel: string }) {
  const options = useMemo(chartOptions, []);
  return (
    <Card title="Over time" className="wide">
      <TimeSeriesChart label={`Revenue and cost in dollars per ${bucketLabel}`} options={options} data={data} height={240} />
      <p className="muted">Per {bucketLabel}. Revenue in other currencies is converted at your rates; amounts without a rate are left out here and listed under Totals.</p>
    </Card>
  );
}
