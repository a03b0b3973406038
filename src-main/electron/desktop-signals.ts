// The desktop session's signals for the governor, from Electron's powerMonitor: the user's idle time, the power
// source as it changes, and sleep/wake. A locked screen counts as away however recent the last input was.
import { powerMonitor } from 'electron';
import type { DesktopSignals, PowerEvent } from '../core/governor/desktop-signals.js';

export function electronDesktopSignals(): DesktopSignals {
  let locked = false;
  powerMonitor.on('lock-screen', () => {
    locked = true;
  });
  powerMonitor.on('unlock-screen', () => {
    locked = false;
  });
  return {
    idleDetection: 'os',
    idleSeconds: () => (locked ? Number.MAX_SAFE_INTEGER : powerMonitor.getSystemIdleTime()),
    onBattery: () => powerMonitor.isOnBatteryPower(),
    onPowerEvent(listener: (event: PowerEvent) => void) {
      const onSuspend = () => listener('suspend');
      const onResume = () => listener('resume');
      const onPowerSource = () => listener('power-source');
      powerMonitor.on('suspend', onSuspend);
      powerMonitor.on('resume', onResume);
      powerMonitor.on('on-battery', onPowerSource);
      powerMonitor.on('on-ac', onPowerSource);
      return () => {
        powerMonitor.off('suspend', onSuspend);
        powerMonitor.off('resume', onResume);
        powerMonitor.off('on-battery', onPowerSource);
        powerMonitor.off('on-ac', onPowerSource);
      };
    },
  };
}
