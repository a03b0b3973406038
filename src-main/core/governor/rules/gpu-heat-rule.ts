// GPU temperature cap: GPU work pauses while any GPU is above the cap, and goes on only after every GPU has
// stayed at or below the cap minus the margin for holdSeconds. CPU proving is not affected.
import type { GovernorRule, GovernorSignals, ResourceSettings, RuleVerdict } from '../governor-types.js';

export class GpuHeatRule implements GovernorRule {
  readonly name = 'gpu-heat';
  /** The pause in force; its text names the last GPU seen above the cap. */
  private paused: RuleVerdict | null = null;
  /** Since when every GPU has been cool, while paused. */
  private coolSinceMs: number | null = null;

  evaluate(signals: GovernorSignals, settings: ResourceSettings): RuleVerdict | null {
    const { gpuMaxC: capC, marginC, holdSeconds } = settings.heat;
    if (capC === null) {
      this.paused = null;
      this.coolSinceMs = null;
      return null;
    }
    // A GPU without a reading this time tells nothing; with no readings at all the state stays as it is.
    const known = signals.gpuTempsC.flatMap(({ index, temperatureC }) => (temperatureC === null ? [] : [{ index, temperatureC }]));
    if (known.length === 0) return this.paused;
    const hottest = known.reduce((a, b) => (b.temperatureC > a.temperatureC ? b : a));
    if (hottest.temperatureC > capC) {
      const text = `GPU ${hottest.index} at ${Math.round(hottest.temperatureC)} °C (cap ${capC} °C)`;
      this.paused = { rule: this.name, effect: 'pause', scope: 'gpu', cpuPct: 0, text };
      this.coolSinceMs = null;
      return this.paused;
    }
    if (this.paused === null) return null;
    if (hottest.temperatureC > capC - marginC) {
      this.coolSinceMs = null;
      return this.paused;
    }
    this.coolSinceMs ??= signals.atMs;
    if (signals.atMs - this.coolSinceMs < holdSeconds * 1000) return this.paused;
    this.paused = null;
    this.coolSinceMs = null;
    return null;
  }
}
