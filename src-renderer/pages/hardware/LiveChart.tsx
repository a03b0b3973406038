// CPU load and memory use over the last minutes, from the samples streamed since the page opened.
import { useMemo } from 'react';
import type uPlot from 'uplot';
import { Card } from '../../components/Card.js';
import { TimeSeriesChart, type ChartOptions } from '../../components/TimeSeriesChart.js';
import { formatSeconds } from '../../format.js';
import { LIVE_WINDOW_MS, useHardwareStore } from '../../stores/hardware.js';
import { line, PERCENT_SCALE, SERIES_COLORS, timeAxis, valueAxis } from './chart-theme.js';

const WINDOW_MINUTES = LIVE_WINDOW_MS / 60_000;

const OPTIONS: ChartOptions = {
  scales: { x: { time: true }, pct: PERCENT_SCALE },
  series: [
    {},
    line('CPU load', 'pct', '%', SERIES_COLORS.cpu),
    line('Memory used', 'pct', '%', SERIES_COLORS.memory),
  ],
  axes: [timeAxis(), valueAxis('pct', '%')],
};

export function LiveChart() {
  const live = useHardwareStore((store) => store.live);
  const sampleCount = useHardwareStore((store) => store.sampleCount);
  const intervalMs = useHardwareStore((store) => store.machine?.sampleIntervalMs ?? null);
  const data = useMemo<uPlot.AlignedData>(
    () => [
      live.map((point) => point.atMs / 1000),
      live.map((point) => point.cpuPct),
      live.map((point) => point.memoryPct),
    ],
    [live],
  );
  return (
    <Card title={`Last ${WINDOW_MINUTES} minutes`} className="wide">
      <p className="muted" data-testid="sample-count" data-count={sampleCount}>
        {sampleCount} {sampleCount === 1 ? 'sample' : 'samples'} received
        {intervalMs !== null && `, one every ${formatSeconds(intervalMs)}`}
      </p>
      <TimeSeriesChart
        label={`CPU load and memory used over the last ${WINDOW_MINUTES} minutes`}
        options={OPTIONS}
        data={data}
        height={220}
      />
    </Card>
  );
}
