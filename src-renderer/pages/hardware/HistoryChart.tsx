// Per-minute averages kept by the core, over the range the user picks; refreshed every minute.
import { useEffect, useMemo } from 'react';
import { Card } from '../../components/Card.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { TimeSeriesChart, type ChartOptions } from '../../components/TimeSeriesChart.js';
import { useBridge } from '../../bridge/context.js';
import type { MetricName } from '../../../src-main/core/api/schemas.js';
import { useHardwareStore } from '../../stores/hardware.js';
import { HISTORY_RANGES, useHardwareHistoryStore } from '../../stores/hardware-history.js';
import { line, PERCENT_SCALE, SERIES_COLORS, timeAxis, valueAxis } from './chart-theme.js';
import { alignHistory } from './history-data.js';
import { hasTemperatures } from './temperatures.js';
import { everyWhileVisible } from '../../visibility.js';

const REFRESH_MS = 60_000;
const PERCENT_METRICS: MetricName[] = ['cpu.load_pct', 'memory.used_pct'];
const WITH_TEMPERATURE: MetricName[] = [...PERCENT_METRICS, 'cpu.temp_c'];

function chartOptions(withTemperature: boolean): ChartOptions {
  return {
    scales: { x: { time: true }, pct: PERCENT_SCALE, ...(withTemperature ? { celsius: { auto: true } } : {}) },
    series: [
      {},
      line('CPU load (avg)', 'pct', '%', SERIES_COLORS.cpu),
      line('Memory used (avg)', 'pct', '%', SERIES_COLORS.memory),
      ...(withTemperature ? [line('CPU temperature (avg)', 'celsius', '°C', SERIES_COLORS.temperature)] : []),
    ],
    axes: [timeAxis(), valueAxis('pct', '%'), ...(withTemperature ? [valueAxis('celsius', '°C', 1)] : [])],
  };
}

export function HistoryChart() {
  const bridge = useBridge();
  const { range, history, error, setRange, load } = useHardwareHistoryStore();
  // Which metrics to ask for depends on the machine, so wait until the page has read it once.
  const machineKnown = useHardwareStore((store) => store.machine !== null);
  const withTemperature = useHardwareStore((store) => store.latest !== null && hasTemperatures(store.latest));
  const metrics = withTemperature ? WITH_TEMPERATURE : PERCENT_METRICS;

  useEffect(() => {
    if (!machineKnown) return;
    void load(bridge, metrics);
    return everyWhileVisible(REFRESH_MS, () => void load(bridge, metrics));
  }, [bridge, load, machineKnown, metrics, range]);

  const options = useMemo(() => chartOptions(withTemperature), [withTemperature]);
  const data = useMemo(() => (history === null ? null : alignHistory(history, metrics)), [history, metrics]);

  return (
    <Card title="History" className="wide">
      <div className="segmented" role="group" aria-label="History range">
        {HISTORY_RANGES.map((choice) => (
          <button
            key={choice.id}
            type="button"
            aria-pressed={choice.id === range}
            onClick={() => setRange(choice.id)}
          >
            {choice.label}
          </button>
        ))}
      </div>
      {error !== null && <ErrorNotice message={error} onRetry={() => void load(bridge, metrics)} />}
      {data !== null && data[0].length === 0 && (
        <p className="muted">History fills in as ProverDesk runs (one point per minute).</p>
      )}
      {data !== null && data[0].length > 0 && (
        <TimeSeriesChart label="Per-minute averages over the chosen range" options={options} data={data} height={240} />
      )}
    </Card>
  );
}
