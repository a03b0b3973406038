// The weekly schedule: proving only in the allowed hours (local time). The pause says when the next allowed
// hour starts, so the user knows when work will go on.
import type { GovernorRule, GovernorSignals, ResourceSettings, RuleVerdict } from '../governor-types.js';

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const HOURS_PER_DAY = 24;
const HOURS_PER_WEEK = 7 * HOURS_PER_DAY;

export class ScheduleRule implements GovernorRule {
  readonly name = 'schedule';

  evaluate(signals: GovernorSignals, settings: ResourceSettings): RuleVerdict | null {
    const { enabled, week } = settings.schedule;
    const { weekday, hour } = signals.local;
    if (!enabled || isAllowed(week, weekday * HOURS_PER_DAY + hour)) return null;
    return { rule: this.name, effect: 'pause', scope: 'all', cpuPct: 0, text: pauseText(week, weekday * HOURS_PER_DAY + hour) };
  }
}

/** Whether the hour of the week (0 = Sunday 00:00, wrapping after Saturday 23:00) is allowed. */
function isAllowed(week: number[], hourOfWeek: number): boolean {
  const slot = hourOfWeek % HOURS_PER_WEEK;
  const dayMask = week[Math.floor(slot / HOURS_PER_DAY)] ?? 0;
  return ((dayMask >>> (slot % HOURS_PER_DAY)) & 1) === 1;
}

function pauseText(week: number[], hourOfWeek: number): string {
  for (let ahead = 1; ahead < HOURS_PER_WEEK; ahead += 1) {
    const slot = (hourOfWeek + ahead) % HOURS_PER_WEEK;
    if (!isAllowed(week, slot)) continue;
    const hour = String(slot % HOURS_PER_DAY).padStart(2, '0');
    return `outside the allowed hours (next: ${DAY_NAMES[Math.floor(slot / HOURS_PER_DAY)]} ${hour}:00)`;
  }
  return 'no hours are allowed in the schedule';
}
