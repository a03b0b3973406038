import { useEffect } from 'react';
import { useBridge } from '../bridge/context.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { useHardwareStore } from '../stores/hardware.js';
import { CpuCard } from './hardware/CpuCard.js';
import { EngineCard } from './hardware/EngineCard.js';
import { GpuCard } from './hardware/GpuCard.js';
import { HistoryChart } from './hardware/HistoryChart.js';
import { LiveChart } from './hardware/LiveChart.js';
import { MemoryCard } from './hardware/MemoryCard.js';
import { PowerCard } from './hardware/PowerCard.js';
import { SystemCard } from './hardware/SystemCard.js';
import { TemperatureCard } from './hardware/TemperatureCard.js';

export function HardwarePage() {
  const bridge = useBridge();
  const loadCurrent = useHardwareStore((store) => store.loadCurrent);
  const loadError = useHardwareStore((store) => store.loadError);

  useEffect(() => {
    void loadCurrent(bridge);
  }, [bridge, loadCurrent]);

  return (
    <div className="page">
      <h1>Hardware</h1>
      {loadError !== null && <ErrorNotice message={loadError} onRetry={() => void loadCurrent(bridge)} />}
      <div className="card-grid">
        <CpuCard />
        <MemoryCard />
        <TemperatureCard />
        <GpuCard />
        <PowerCard />
        <SystemCard />
        <EngineCard />
      </div>
      <LiveChart />
      <HistoryChart />
    </div>
  );
}
