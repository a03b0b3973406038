// Exclusive apps: programs (games, video editing, streaming) that should have the machine to themselves.
// Proving pauses as soon as one runs and goes on a while after the last one closes, so that a game restarting
// or switching executables does not let a proof start in between.
import type { GovernorRule, GovernorSignals, ResourceSettings, RuleVerdict } from '../governor-types.js';
import { normaliseAppName } from '../app-names.js';

/** How long the pause outlasts the last exclusive app. */
const RESUME_HOLD_MS = 30_000;

export class ExclusiveAppsRule implements GovernorRule {
  readonly name = 'exclusive-apps';
  private held: RuleVerdict | null = null;
  /** When the last exclusive app was first seen gone; null while one runs. */
  private closedAtMs: number | null = null;

  evaluate(signals: GovernorSignals, settings: ResourceSettings): RuleVerdict | null {
    if (!settings.exclusiveApps.enabled) {
      this.held = null;
      this.closedAtMs = null;
      return null;
    }
    // The running programs are read only every few readings: in between, nothing is known to have changed.
    if (signals.runningApps === null) return this.held;
    const running = new Set(signals.runningApps.map(normaliseAppName));
    const match = settings.exclusiveApps.names.find((name) => running.has(normaliseAppName(name)));
    if (match !== undefined) {
      this.held = { rule: this.name, effect: 'pause', scope: 'all', cpuPct: 0, text: `exclusive app running: ${match}` };
      this.closedAtMs = null;
      return this.held;
    }
    if (this.held === null) return null;
    this.closedAtMs ??= signals.atMs;
    if (signals.atMs - this.closedAtMs < RESUME_HOLD_MS) return this.held;
    this.held = null;
    this.closedAtMs = null;
    return null;
  }
}
