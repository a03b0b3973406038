// CPU temperature cap: a throttle level that steps down while the CPU stays above the cap and back up once
// it has cooled clearly below it. Stepping (rather than jumping straight to a fixed level) finds the highest
// speed the cooling can sustain; the margin between the cap and "cool" keeps the level from oscillating.
import type { GovernorRule, GovernorSignals, ResourceSettings, RuleVerdict } from '../governor-types.js';

const FULL_SPEED_PCT = 100;
/** The level at once when the CPU first goes above the cap. */
const FIRST_CUT_PCT = 60;
/** Each further holdSeconds above the cap multiplies the level by this. */
const FURTHER_CUT_FACTOR = 0.6;
const LOWEST_PCT = 10;
/** Each holdSeconds below the cap minus the margin raises the level by this. */
const RAISE_STEP_PCT = 20;

export class CpuHeatRule implements GovernorRule {
  readonly name = 'cpu-heat';
  private levelPct = FULL_SPEED_PCT;
  /** The last known temperature, for the text while readings are missing. */
  private lastTempC: number | null = null;
  /** Since when the CPU has been above the cap without a further cut (null when the last reading was not above). */
  private hotSinceMs: number | null = null;
  /** Since when it has been cool without a raise (null when the last reading was not cool). */
  private coolSinceMs: number | null = null;

  evaluate(signals: GovernorSignals, settings: ResourceSettings): RuleVerdict | null {
    const { cpuMaxC: capC, marginC, holdSeconds } = settings.heat;
    if (capC === null) {
      this.reset();
      return null;
    }
    const tempC = signals.cpuTempC;
    if (tempC !== null) {
      this.lastTempC = tempC;
      this.step(tempC, capC, capC - marginC, signals.atMs, holdSeconds * 1000);
    }
    if (this.levelPct >= FULL_SPEED_PCT || this.lastTempC === null) return null;
    const text = `CPU ${Math.round(this.lastTempC)} °C (cap ${capC} °C)`;
    return { rule: this.name, effect: 'throttle', scope: 'all', cpuPct: this.levelPct, text };
  }

  private step(tempC: number, capC: number, coolBelowC: number, atMs: number, holdMs: number): void {
    if (tempC > capC) {
      this.coolSinceMs = null;
      if (this.hotSinceMs === null) {
        this.hotSinceMs = atMs;
        this.levelPct = Math.min(this.levelPct, FIRST_CUT_PCT);
      } else if (atMs - this.hotSinceMs >= holdMs) {
        this.hotSinceMs = atMs;
        this.levelPct = Math.max(LOWEST_PCT, Math.round(this.levelPct * FURTHER_CUT_FACTOR));
      }
      return;
    }
    this.hotSinceMs = null;
    if (tempC >= coolBelowC || this.levelPct >= FULL_SPEED_PCT) {
      // Between the cool line and the cap the level holds; cooling must be uninterrupted to count.
      this.coolSinceMs = null;
      return;
    }
    this.coolSinceMs ??= atMs;
    if (atMs - this.coolSinceMs < holdMs) return;
    this.levelPct = Math.min(FULL_SPEED_PCT, this.levelPct + RAISE_STEP_PCT);
    this.coolSinceMs = atMs;
  }

  private reset(): void {
    this.levelPct = FULL_SPEED_PCT;
    this.lastTempC = null;
    this.hotSinceMs = null;
    this.coolSinceMs = null;
  }
}
