// Puts the governor together from the app's parts and takes its first reading: the app and `start --once`
// both use it.
import type { GovernorStatus } from '../api/resource-schemas.js';
import type { HardwareSample } from '../api/schemas.js';
import type { EngineHost } from '../engine/engine-host.js';
import type { Logger } from '../log/logger.js';
import type { Store } from '../store/store.js';
import type { DesktopSignals } from './desktop-signals.js';
import { Governor } from './governor.js';
import { listRunningApps } from './running-apps.js';
import { SignalReader } from './signal-reader.js';

export async function startGovernor(parts: {
  store: Store;
  engine: EngineHost;
  desktop: DesktopSignals;
  latestSample: () => HardwareSample | null;
  intervalMs?: number;
  onChange?: (status: GovernorStatus) => void;
  log: Logger;
}): Promise<Governor> {
  const { engine, desktop } = parts;
  const governor = new Governor({
    settings: parts.store.settings,
    desktop,
    reader: new SignalReader({ desktop, latestSample: parts.latestSample, engineCpu: () => engine.cpuUsage(), listApps: listRunningApps, now: Date.now }),
    ...(parts.intervalMs === undefined ? {} : { intervalMs: parts.intervalMs }),
    ...(parts.onChange ? { onChange: parts.onChange } : {}),
    onSettings: (settings) => engine.setLowPriority(settings.lowPriority),
    log: parts.log,
  });
  engine.setLowPriority(governor.settings().lowPriority);
  await governor.start();
  return governor;
}
