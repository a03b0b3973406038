// "Only when idle": proving waits until the user has been away for idleMinutes and stops as soon as they are
// back. The idle time itself is the hold, so the rule keeps no timers.
import type { GovernorRule, GovernorSignals, ResourceSettings, RuleVerdict } from '../governor-types.js';

export class IdleRule implements GovernorRule {
  readonly name = 'idle';

  evaluate(signals: GovernorSignals, settings: ResourceSettings): RuleVerdict | null {
    const { onlyWhenIdle, idleMinutes } = settings.idle;
    if (!onlyWhenIdle) return null;
    if (signals.idleSeconds === null) return this.pause('idle time unknown here (headless: start with --assume-idle)');
    if (signals.idleSeconds < idleMinutes * 60) return this.pause(`user active (runs after ${idleMinutes} min away)`);
    return null;
  }

  private pause(text: string): RuleVerdict {
    return { rule: this.name, effect: 'pause', scope: 'all', cpuPct: 0, text };
  }
}
