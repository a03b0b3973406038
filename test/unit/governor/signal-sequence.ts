// Builds the readings the governor's rules are fed in tests: a quiet, idle machine on mains power by default,
// with overrides, taken every 2 s as the governor does.
import type { GovernorRule, GovernorSignals, ResourceSettings, RuleVerdict } from '../../../src-main/core/governor/governor-types.js';

export const STEP_MS = 2_000;
/** A fixed start (Monday 6 January 2025, 12:00 UTC): the rules never look at the wall clock. */
export const START_MS = Date.UTC(2025, 0, 6, 12);

export function signals(atMs: number, overrides: Partial<GovernorSignals> = {}): GovernorSignals {
  return {
    atMs,
    local: { weekday: 1, hour: 12, minute: 0 },
    idleSeconds: 3600,
    power: { source: 'ac', batteryPct: null },
    cpuTempC: 50,
    gpuTempsC: [{ index: 0, temperatureC: 50 }],
    otherCpuPct: 5,
    runningApps: [],
    hardwareAtMs: atMs,
    ...overrides,
  };
}

/** One rule fed readings in time order, 2 s apart, with the settings of the moment. */
export class SignalSequence {
  private nextAtMs = START_MS;

  constructor(
    private readonly rule: GovernorRule,
    public settings: ResourceSettings,
  ) {}

  /** Feeds `count` equal readings; returns the rule's verdict for each. */
  feed(count: number, overrides: Partial<GovernorSignals> = {}): (RuleVerdict | null)[] {
    return Array.from({ length: count }, () => {
      const verdict = this.rule.evaluate(signals(this.nextAtMs, overrides), this.settings);
      this.nextAtMs += STEP_MS;
      return verdict;
    });
  }

  /** Feeds one reading; returns the verdict. */
  one(overrides: Partial<GovernorSignals> = {}): RuleVerdict | null {
    return this.feed(1, overrides)[0] ?? null;
  }
}

/** The verdicts' texts (null: no objection), for compact expectations. */
export function texts(verdicts: (RuleVerdict | null)[]): (string | null)[] {
  return verdicts.map((verdict) => verdict?.text ?? null);
}

/** The throttle levels the verdicts ask for (100: no objection). */
export function levels(verdicts: (RuleVerdict | null)[]): number[] {
  return verdicts.map((verdict) => verdict?.cpuPct ?? 100);
}

/** `count` copies of a value, for expected sequences. */
export function times<T>(count: number, value: T): T[] {
  return Array.from({ length: count }, () => value);
}
