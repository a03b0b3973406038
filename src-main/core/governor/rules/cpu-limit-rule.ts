// The user's own CPU-time limit (Settings → Resources), shown as a throttle like any other reason.
import type { GovernorRule, GovernorSignals, ResourceSettings, RuleVerdict } from '../governor-types.js';

export class CpuLimitRule implements GovernorRule {
  readonly name = 'cpu-limit';

  evaluate(_signals: GovernorSignals, settings: ResourceSettings): RuleVerdict | null {
    const pct = settings.cpu.timePct;
    if (pct >= 100) return null;
    return { rule: this.name, effect: 'throttle', scope: 'all', cpuPct: pct, text: `your CPU-time limit (${pct} %)` };
  }
}
