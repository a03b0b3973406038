// A uPlot chart that fills its container's width. Pass memoised `options`: a new object rebuilds the chart,
// new `data` only redraws it.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';

export type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>;

interface TimeSeriesChartProps {
  label: string;
  options: ChartOptions;
  data: uPlot.AlignedData;
  height: number;
}

const FALLBACK_WIDTH = 600;

export function TimeSeriesChart({ label, options, data, height }: TimeSeriesChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<uPlot | null>(null);
  const dataRef = useRef(data);

  // Declared before the effect that builds the chart, so a rebuild always starts from the newest data.
  useEffect(() => {
    dataRef.current = data;
    chartRef.current?.setData(data);
  }, [data]);

  useEffect(() => {
    const container = containerRef.current!;
    const widthNow = () => container.clientWidth || FALLBACK_WIDTH;
    const chart = new uPlot({ ...options, width: widthNow(), height }, dataRef.current, container);
    chartRef.current = chart;
    const resizeObserver = new ResizeObserver(() => {
      if (widthNow() !== chart.width) chart.setSize({ width: widthNow(), height });
    });
    resizeObserver.observe(container);
    return () => {
      resizeObserver.disconnect();
      chart.destroy();
      chartRef.current = null;
    };
  }, [options, height]);

  return <div ref={containerRef} className="chart" role="img" aria-label={label} />;
}
