// What the governor's rules see and say. A rule is a small state machine fed one reading of the machine at a
// time (every couple of seconds); it answers whether proving may go on, and if not, why. Rules keep their own
// hold timers, so one short spike neither stops nor starts work.
import type { GovernorReason, ResourceSettings, RuleName } from '../api/resource-schemas.js';

export type { GovernorReason, ResourceSettings, RuleName };

/** One reading of the machine and its user, as the rules see it. Unknowns are null. */
export interface GovernorSignals {
  /** When it was taken (ms since the epoch); rules time their holds with it, never with the wall clock. */
  atMs: number;
  /** Local-time parts of atMs for the weekly schedule (0 = Sunday), so tests need no time zone. */
  local: { weekday: number; hour: number; minute: number };
  /** Seconds since the user last used the keyboard or mouse; null when this machine cannot tell. */
  idleSeconds: number | null;
  power: { source: 'ac' | 'battery' | 'unknown'; batteryPct: number | null };
  /** The hottest CPU reading (°C). */
  cpuTempC: number | null;
  gpuTempsC: { index: number; temperatureC: number | null }[];
  /** CPU use of every program but ProverDesk, as % of the whole machine. */
  otherCpuPct: number | null;
  /** Lower-case names of running programs without .exe/.app; null when not read this time. */
  runningApps: string[] | null;
  /** When the hardware figures (power, temperatures) were read; null when there are none. */
  hardwareAtMs: number | null;
}

/** What a rule asks for now; null from a rule means "no objection". */
export type RuleVerdict = GovernorReason;

export interface GovernorRule {
  readonly name: RuleName;
  /** Feeds one reading; the rule updates its timers and answers. Readings come in time order. */
  evaluate(signals: GovernorSignals, settings: ResourceSettings): RuleVerdict | null;
}
