// Battery: no proving on battery unless allowed, and never below the minimum charge. A laptop whose plug
// flaps would start and stop proving every reading, so a pause outlasts its cause by a short hold.
import type { GovernorRule, GovernorSignals, ResourceSettings, RuleVerdict } from '../governor-types.js';

/** How long a pause outlasts its cause (mains back, or charge back above the minimum). */
const RESUME_HOLD_MS = 15_000;

export class BatteryRule implements GovernorRule {
  readonly name = 'battery';
  private held: RuleVerdict | null = null;
  /** When the cause of the held pause was last seen gone; null while it lasts. */
  private causeEndedAtMs: number | null = null;

  evaluate(signals: GovernorSignals, settings: ResourceSettings): RuleVerdict | null {
    const cause = this.cause(signals, settings);
    if (cause !== null) {
      this.held = { rule: this.name, effect: 'pause', scope: 'all', cpuPct: 0, text: cause };
      this.causeEndedAtMs = null;
      return this.held;
    }
    if (this.held === null) return null;
    this.causeEndedAtMs ??= signals.atMs;
    if (signals.atMs - this.causeEndedAtMs < RESUME_HOLD_MS) return this.held;
    this.held = null;
    this.causeEndedAtMs = null;
    return null;
  }

  /** Why this reading calls for a pause, or null. An unknown power source or charge is no reason. */
  private cause(signals: GovernorSignals, settings: ResourceSettings): string | null {
    const { source, batteryPct } = signals.power;
    if (source !== 'battery') return null;
    const { runOnBattery, minBatteryPct } = settings.battery;
    if (!runOnBattery) return 'on battery';
    if (batteryPct !== null && batteryPct < minBatteryPct) return `battery at ${Math.round(batteryPct)} % (below ${minBatteryPct} %)`;
    return null;
  }
}
