// Other programs' CPU use: pause while the rest of the machine is busy, so proving does not slow the user's
// own work. Both directions need a sustained reading, and resuming needs a clearly lower one (hysteresis),
// so a compile burst or a short quiet moment does not flip proving on and off.
import type { GovernorRule, GovernorSignals, ResourceSettings, RuleVerdict } from '../governor-types.js';

/** How long other programs must stay above the limit before proving pauses. */
const START_HOLD_MS = 10_000;
/** How long they must stay clearly below it before proving goes on. */
const RESUME_HOLD_MS = 30_000;
/** "Clearly below": this many points under the limit … */
const RESUME_MARGIN_PCT = 10;
/** … but never more than this share of the limit, so a low limit (10 %) can still be met again. */
const RESUME_MARGIN_MAX_SHARE = 0.5;

export class OtherCpuRule implements GovernorRule {
  readonly name = 'other-cpu';
  /** The pause in force; its text names the last reading above the limit. */
  private paused: RuleVerdict | null = null;
  /** Start of the current run of readings above the limit (before pausing) or clearly below it (while paused). */
  private runSinceMs: number | null = null;

  evaluate(signals: GovernorSignals, settings: ResourceSettings): RuleVerdict | null {
    const { enabled, maxPct } = settings.otherCpu;
    if (!enabled) {
      this.paused = null;
      this.runSinceMs = null;
      return null;
    }
    const otherPct = signals.otherCpuPct;
    if (otherPct === null) return this.paused;
    return this.paused === null ? this.whileRunning(otherPct, maxPct, signals.atMs) : this.whilePaused(otherPct, maxPct, signals.atMs);
  }

  private whileRunning(otherPct: number, maxPct: number, atMs: number): RuleVerdict | null {
    if (otherPct <= maxPct) {
      this.runSinceMs = null;
      return null;
    }
    this.runSinceMs ??= atMs;
    if (atMs - this.runSinceMs < START_HOLD_MS) return null;
    this.paused = this.pause(otherPct, maxPct);
    this.runSinceMs = null;
    return this.paused;
  }

  private whilePaused(otherPct: number, maxPct: number, atMs: number): RuleVerdict | null {
    if (otherPct > maxPct) this.paused = this.pause(otherPct, maxPct);
    const resumeAtPct = maxPct - Math.min(RESUME_MARGIN_PCT, maxPct * RESUME_MARGIN_MAX_SHARE);
    if (otherPct > resumeAtPct) {
      this.runSinceMs = null;
      return this.paused;
    }
    this.runSinceMs ??= atMs;
    if (atMs - this.runSinceMs < RESUME_HOLD_MS) return this.paused;
    this.paused = null;
    this.runSinceMs = null;
    return null;
  }

  private pause(otherPct: number, maxPct: number): RuleVerdict {
    return { rule: this.name, effect: 'pause', scope: 'all', cpuPct: 0, text: `other programs use ${Math.round(otherPct)} % CPU (limit ${maxPct} %)` };
  }
}
