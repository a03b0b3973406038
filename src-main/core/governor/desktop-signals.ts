// Facts only a desktop session knows: how long the user has been away, and sleep/wake. Electron implements
// this from powerMonitor; the headless daemon from what a server offers (nothing, or --assume-idle).
// Battery and temperatures come from the hardware sampler on both.

/** Sleep and wake, and a change of power source (plugged in or out), which is read at once. */
export type PowerEvent = 'suspend' | 'resume' | 'power-source';

export interface DesktopSignals {
  /** Seconds since the last keyboard or mouse input; null when this machine cannot tell. */
  idleSeconds(): number | null;
  /** Whether the computer runs on battery, where the desktop session says so at once; null to rely on the sampler. */
  onBattery(): boolean | null;
  /** What the Resources page says about idle detection here. */
  readonly idleDetection: 'os' | 'assumed-idle' | 'unavailable';
  /** Tells the listener of sleep, wake and power-source changes; returns the unsubscribe. */
  onPowerEvent(listener: (event: PowerEvent) => void): () => void;
}

/**
 * The headless daemon's signals: no session to read idle time from. With --assume-idle (servers, rigs) the
 * user counts as always away; without it the idle rule says it cannot tell.
 */
export function headlessDesktopSignals(options: { assumeIdle: boolean }): DesktopSignals {
  return {
    idleSeconds: () => (options.assumeIdle ? Number.MAX_SAFE_INTEGER : null),
    onBattery: () => null,
    idleDetection: options.assumeIdle ? 'assumed-idle' : 'unavailable',
    onPowerEvent: () => () => undefined,
  };
}
