// What the tray shows: its state, icon, tooltip and menu, decided from what the core said. Pure, so Vitest can
// test it; tray.ts applies the result and turns clicked items into actions through menuAction.
import type { CommandInput } from '../../core/api/contract.js';
import type { GovernorReason, GovernorStatus, SnoozeState } from '../../core/api/resource-schemas.js';
import { trayIconFile, type TrayState, type TrayTheme } from './tray-icons.js';

/** The job being worked on, from `scheduler.progress` and its row in `jobs.list`. */
export interface TrayJob {
  id: string;
  /** Null until the job list has answered. */
  coordinatorName: string | null;
  phase: string;
  /** How far the phase is (the engine reports each of its phases from 0 to 1). */
  fraction: number;
  /** Where the engine proves it ("cpu", "cuda:0"); a GPU runs the phases in another order. */
  device?: string;
  /** When the engine started on it; null before. */
  provingStartedAtMs: number | null;
  deadlineAtMs: number | null;
}

/** Jobs that ended since local midnight; `failed` counts rejected ones too. */
export interface TodayFigures {
  accepted: number;
  failed: number;
  priceCents: number;
  costCents: number;
}

export interface TrayInput {
  /** Null until the core's first answer. */
  governor: GovernorStatus | null;
  job: TrayJob | null;
  today: TodayFigures | null;
  /** Something the user should know is wrong: the core stopped answering, a market that cannot be reached. */
  problem: string | null;
  nowMs: number;
  windowVisible: boolean;
  theme: TrayTheme;
  platform: NodeJS.Platform;
}

export interface TrayMenuItem {
  /** Stable: menuAction maps it to what a click does. */
  id: string;
  label: string;
  enabled?: boolean;
  type?: 'separator';
  submenu?: TrayMenuItem[];
}

export interface TrayModel {
  state: TrayState;
  /** A file under assets/tray/. */
  icon: string;
  tooltip: string;
  menu: TrayMenuItem[];
}

export type TrayAction =
  | 'open'
  | 'hide'
  | 'quit'
  | { command: 'governor.pause' | 'governor.unsnooze'; input: Record<string, never> }
  | { command: 'governor.snooze'; input: CommandInput<'governor.snooze'> };

/** Windows cuts tray tooltips after 127 characters. */
export const TOOLTIP_MAX_CHARS = 127;
/** A long market name is cut short so that what follows it in the tooltip still shows. */
const NAME_MAX_CHARS = 32;
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** A job whose projected end comes closer than this to its deadline is at risk (the governor keeps as much in hand). */
const DEADLINE_MARGIN_MS = 30_000;
/** Below this share done, the time taken so far says too little about the time left. */
const MIN_FRACTION_FOR_ETA = 0.1;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * Rough shares (%) of a native Groth16 proof's time per engine phase, in the order they run (measured on a
 * 2^15-constraint circuit: the MSMs take about two thirds). The witness is computed before the key loads and
 * varies too much with the circuit to count.
 */
const PHASE_SHARES: ReadonlyArray<readonly [phase: string, share: number]> = [
  ['witness', 0],
  ['load-key', 7],
  ['build-abc', 2],
  ['upload', 0],
  ['ntt', 13],
  ['msm-a', 14],
  ['msm-b2', 24],
  ['msm-b1', 10],
  ['msm-c', 14],
  ['msm-h', 16],
  ['finish', 0],
];

/**
 * The same on a GPU (same order, plus the upload): H and the MSMs run there, so building A, B, C on the CPU weighs
 * more and the G2 MSM less.
 */
const GPU_PHASE_SHARES: ReadonlyArray<readonly [phase: string, share: number]> = [
  ['witness', 0],
  ['load-key', 8],
  ['build-abc', 25],
  ['upload', 5],
  ['ntt', 10],
  ['msm-a', 12],
  ['msm-b2', 10],
  ['msm-b1', 8],
  ['msm-c', 8],
  ['msm-h', 14],
  ['finish', 0],
];

/** The scheduler's phases outside the engine's proof, in words: as the headline, and after another one. */
const OTHER_PHASES: Record<string, { headline: string; aside: string }> = {
  downloading: { headline: "Fetching a job's inputs", aside: 'job fetching its inputs' },
  external: { headline: 'Proving with the external prover', aside: 'job with the external prover' },
  submitting: { headline: 'Submitting a proof', aside: 'job submitting its proof' },
};

const SNOOZE_LENGTHS: ReadonlyArray<{ key: string; label: string; untilMs(nowMs: number): number }> = [
  { key: '1h', label: '1 hour', untilMs: (nowMs) => nowMs + HOUR_MS },
  { key: '3h', label: '3 hours', untilMs: (nowMs) => nowMs + 3 * HOUR_MS },
  { key: 'tomorrow', label: 'Until tomorrow', untilMs: (nowMs) => localMidnight(nowMs, 1) },
];

export function trayModel(input: TrayInput): TrayModel {
  const state = trayState(input);
  return {
    state,
    icon: trayIconFile(state, input.theme, input.platform),
    tooltip: tooltip(input),
    menu: menu(input),
  };
}

/** What a click on the menu item `id` does; null for items that do nothing (the Today line, separators). */
export function menuAction(id: string, nowMs: number): TrayAction | null {
  if (id === 'open' || id === 'hide' || id === 'quit') return id;
  if (id === 'pause') return { command: 'governor.pause', input: {} };
  if (id === 'resume') return { command: 'governor.unsnooze', input: {} };
  for (const scope of ['all', 'gpu'] as const) {
    const length = SNOOZE_LENGTHS.find((candidate) => snoozeId(scope, candidate.key) === id);
    if (length) return { command: 'governor.snooze', input: { scope, untilMs: length.untilMs(nowMs) } };
  }
  return null;
}

/**
 * The overall share of a native proof done (0 to 1), from the phase the engine is in and how far that phase
 * is; null for phases outside the engine's proof (fetching inputs, the external prover, submitting).
 */
export function overallFraction(phase: string, fraction: number, device?: string): number | null {
  let before = 0;
  for (const [name, share] of device === undefined || device === 'cpu' ? PHASE_SHARES : GPU_PHASE_SHARES) {
    if (name === phase) return (before + share * Math.min(1, Math.max(0, fraction))) / 100;
    before += share;
  }
  return null;
}

/** The part of a `scheduler.status` coordinator that tells whether it can be reached. */
export interface MarketStatus {
  name: string;
  enabled: boolean;
  pausedReason: string | null;
  idleReason: string | null;
  unreachableSinceMs: number | null;
}

/**
 * The problem with the markets proving depends on: one the scheduler cannot reach (scheduler.status gives since
 * when). Disabled and paused markets are the user's choice, not a problem.
 */
export function marketProblem(markets: readonly MarketStatus[]): string | null {
  const unreachable = markets.filter((m) => m.enabled && m.pausedReason === null && m.unreachableSinceMs !== null);
  const market = unreachable[0];
  if (!market) return null;
  // While the governor holds work the idle reason says so; the failure is still the news.
  const first = market.idleReason?.startsWith('cannot reach ') ? market.idleReason : `cannot reach ${market.name}`;
  return unreachable.length > 1 ? `${first} (and ${unreachable.length - 1} more)` : first;
}

function trayState({ problem, governor, job }: TrayInput): TrayState {
  if (problem !== null) return 'error';
  // A job kept going to meet its deadline is proving, whatever holds the rest back.
  if (governor !== null && governor.finishing === null) {
    if (isPaused(governor)) return 'paused';
    if (slowingReasons(governor).length > 0) return 'throttled';
  }
  return job !== null ? 'proving' : 'idle';
}

/** What slows all proving down; the user's own CPU-time limit is a choice, not news, so it does not count. */
function slowingReasons(governor: GovernorStatus): GovernorReason[] {
  if (governor.state !== 'throttled') return [];
  return governor.reasons.filter((r) => r.effect === 'throttle' && r.scope === 'all' && r.rule !== 'cpu-limit');
}

/** Most important first, as Windows cuts the end off. */
function tooltip({ problem, governor, job, nowMs }: TrayInput): string {
  const parts: string[] = [];
  if (problem !== null) parts.push(`Problem: ${problem}`);
  const held = governor === null ? null : heldText(governor, nowMs);
  if (held !== null) parts.push(held);
  if (job !== null) {
    parts.push(held === null ? jobHeadline(job) : jobAside(job));
    const timing = timingText(job, nowMs, governor !== null && isPaused(governor));
    if (timing !== null) parts.push(timing);
  } else if (held === null && problem === null) {
    parts.push(governor === null ? 'ProverDesk: starting…' : 'ProverDesk: waiting for work');
  }
  const gpu = governor === null ? null : gpuText(governor, nowMs);
  if (gpu !== null) parts.push(gpu);
  if (job?.coordinatorName) parts.push(clamp(job.coordinatorName, NAME_MAX_CHARS));
  return clamp(parts.join(' · '), TOOLTIP_MAX_CHARS);
}

/** Why proving is held back or kept going, if it is. */
function heldText(governor: GovernorStatus, nowMs: number): string | null {
  if (governor.finishing) return `Finishing a job before its deadline despite: ${governor.finishing.despite.join('; ')}`;
  if (isPaused(governor)) return pausedText(governor, nowMs);
  const slowing = slowingReasons(governor);
  return slowing.length > 0 ? `Throttled to ${governor.cpuPct} %: ${texts(slowing)}` : null;
}

const isPaused = (governor: GovernorStatus): boolean => governor.state === 'paused' && governor.finishing === null;

/** "Proving 42 %", "Fetching a job's inputs". */
function jobHeadline(job: TrayJob): string {
  const done = overallFraction(job.phase, job.fraction, job.device);
  if (done !== null) return `Proving ${percent(done)}`;
  return OTHER_PHASES[job.phase]?.headline ?? `Proving (${job.phase})`;
}

/** The job after another headline: "job at 42 %", "job fetching its inputs". */
function jobAside(job: TrayJob): string {
  const done = overallFraction(job.phase, job.fraction, job.device);
  if (done !== null) return `job at ${percent(done)}`;
  return OTHER_PHASES[job.phase]?.aside ?? `job ${job.phase}`;
}

const percent = (fraction: number): string => `${Math.floor(fraction * 100)} %`;

/** The time left (from the pace so far) against the deadline; no time left while the job is held. */
function timingText(job: TrayJob, nowMs: number, held: boolean): string | null {
  const leftMs = held ? null : timeLeftMs(job, nowMs);
  if (job.deadlineAtMs === null) return leftMs === null ? null : `about ${duration(leftMs)} left`;
  const dueMs = job.deadlineAtMs - nowMs;
  if (dueMs <= 0) return 'past its deadline';
  if (leftMs === null) return `due in ${duration(dueMs)}`;
  if (leftMs > dueMs - DEADLINE_MARGIN_MS) return `deadline at risk: ${duration(leftMs)} left, due in ${duration(dueMs)}`;
  return `about ${duration(leftMs)} left, due in ${duration(dueMs)}`;
}

function timeLeftMs(job: TrayJob, nowMs: number): number | null {
  const done = overallFraction(job.phase, job.fraction, job.device);
  if (done === null || done < MIN_FRACTION_FOR_ETA || job.provingStartedAtMs === null) return null;
  const elapsedMs = nowMs - job.provingStartedAtMs;
  if (elapsedMs <= 0) return null;
  return (elapsedMs * (1 - done)) / done;
}

/** "Paused until you resume", "Snoozed until 15:30 · also on battery", "Paused: on battery; user active". */
function pausedText(governor: GovernorStatus, nowMs: number): string {
  const others = texts(governor.reasons.filter((r) => r.rule !== 'snooze' && r.effect === 'pause' && r.scope === 'all'));
  if (governor.snooze?.scope === 'all') return snoozeText(governor.snooze, nowMs) + (others ? ` · also ${others}` : '');
  return others ? `Paused: ${others}` : governor.summary;
}

/** What holds GPU work back while the CPU goes on. */
function gpuText(governor: GovernorStatus, nowMs: number): string | null {
  const snooze = governor.snooze?.scope === 'gpu' ? snoozeText(governor.snooze, nowMs) : null;
  const others = texts(governor.reasons.filter((r) => r.rule !== 'snooze' && r.effect === 'pause' && r.scope === 'gpu'));
  const parts = [snooze, others ? `GPU paused: ${others}` : null].filter((part) => part !== null);
  return parts.length > 0 ? parts.join(' · ') : null;
}

function snoozeText(snooze: SnoozeState, nowMs: number): string {
  const what = snooze.scope === 'gpu' ? 'GPU work' : null;
  if (snooze.untilMs === null) return what ? `${what} paused until you resume` : 'Paused until you resume';
  return `${what ? `${what} snoozed` : 'Snoozed'} until ${whenText(snooze.untilMs, nowMs)}`;
}

function menu({ governor, windowVisible, today }: TrayInput): TrayMenuItem[] {
  const known = governor !== null;
  const snooze = governor?.snooze ?? null;
  return [
    windowVisible ? { id: 'hide', label: 'Hide ProverDesk' } : { id: 'open', label: 'Open ProverDesk' },
    separator('window'),
    snooze === null
      ? { id: 'pause', label: 'Pause proving', enabled: known }
      : { id: 'resume', label: snooze.scope === 'gpu' ? 'Resume GPU work' : 'Resume proving' },
    { id: 'snooze', label: 'Snooze', enabled: known, submenu: snoozeItems('all') },
    // A GPU snooze would replace a snooze of everything, so that would start the CPU again.
    { id: 'snooze-gpu', label: 'Snooze GPU work', enabled: known && snooze?.scope !== 'all', submenu: snoozeItems('gpu') },
    separator('controls'),
    { id: 'today', label: todayText(today), enabled: false },
    separator('today'),
    { id: 'quit', label: 'Quit ProverDesk' },
  ];
}

const snoozeId = (scope: SnoozeState['scope'], key: string): string => `snooze-${scope}-${key}`;

const snoozeItems = (scope: SnoozeState['scope']): TrayMenuItem[] =>
  SNOOZE_LENGTHS.map((length) => ({ id: snoozeId(scope, length.key), label: length.label }));

const separator = (after: string): TrayMenuItem => ({ id: `separator-${after}`, label: '', type: 'separator' });

/** "Today: 12 proofs · 1 failed · $0.34 asked ($0.05 cost)". */
function todayText(today: TodayFigures | null): string {
  if (today === null) return 'Today: –';
  const parts = [`Today: ${today.accepted} ${today.accepted === 1 ? 'proof' : 'proofs'}`];
  if (today.failed > 0) parts.push(`${today.failed} failed`);
  if (today.priceCents > 0 || today.costCents > 0) parts.push(`${dollars(today.priceCents)} asked (${dollars(today.costCents)} cost)`);
  return parts.join(' · ');
}

const dollars = (cents: number): string => `$${(cents / 100).toFixed(2)}`;

const texts = (reasons: GovernorReason[]): string => reasons.map((r) => r.text).join('; ');

/** "under a minute", "12 min", "2 h", "1 h 5 min". */
function duration(ms: number): string {
  const minutes = Math.round(ms / MINUTE_MS);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

/** A moment in local time as people say it: "15:30", "midnight", "tomorrow 09:00", "Sat 09:00". */
function whenText(atMs: number, nowMs: number): string {
  if (atMs === localMidnight(nowMs, 1)) return 'midnight';
  const at = new Date(atMs);
  const time = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
  if (atMs < localMidnight(nowMs, 1)) return time;
  if (atMs < localMidnight(nowMs, 2)) return `tomorrow ${time}`;
  return `${WEEKDAYS[at.getDay()] ?? ''} ${time}`;
}

/** Local midnight at the start of the day `plusDays` after the one `ms` falls in. */
export function localMidnight(ms: number, plusDays: number): number {
  const day = new Date(ms);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() + plusDays).getTime();
}

/** Cuts `text` to `max` UTF-16 units (what Windows counts) with an ellipsis, never inside a surrogate pair. */
function clamp(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end).trimEnd()}…`;
}
