// The resource governor at run time: reads the machine every couple of seconds, asks the rules, decides
// (decide.ts) and applies the decision: the running proof is paused, throttled or let run, new work is taken or
// not, and every change is told to the UI and written into the running job's history ("paused: user active").
// A job with a deadline is throttled only as far as it can still make it (the deadline exception).
import type { GovernorStatus, ResourceSettings, SnoozeState } from '../api/resource-schemas.js';
import type { Logger } from '../log/logger.js';
import type { SettingsRepo } from '../store/repos/settings-repo.js';
import { createRules } from './rules/all-rules.js';
import { decide, type DeadlineJob } from './decide.js';
import type { DesktopSignals } from './desktop-signals.js';
import type { GovernorReason, GovernorRule } from './governor-types.js';
import { loadResourceSettings, loadSnooze, saveResourceSettings, saveSnooze } from './resource-settings-store.js';
import type { SignalReader } from './signal-reader.js';

/** The running proof, as the governor steers it. */
export interface GovernedProof {
  jobId: string;
  deadlineAtMs: number | null;
  /** Predicted full-speed proving time; null when unknown (external provers). */
  estimatedMs: number | null;
  /** 0 pauses; 1–100 runs at that CPU-time share. Undefined when the proof cannot be steered. */
  apply?: (cpuPct: number) => void;
  /** False when apply can only pause and resume (external provers). */
  throttles?: boolean;
  /** It proves on a GPU: a GPU-only pause (GPU heat, a GPU snooze) pauses it too. */
  usesGpu?: boolean;
  /** Writes a line into the job's history. */
  note(text: string): void;
}

export interface GovernorOptions {
  settings: SettingsRepo;
  reader: SignalReader;
  desktop: DesktopSignals;
  now?: () => number;
  /** Default 2000 ms. */
  intervalMs?: number;
  /** The running programs are listed every this many readings (default 5: every 10 s). */
  appsEvery?: number;
  onChange?: (status: GovernorStatus) => void;
  /** New limits were saved (the engine's priority follows them). */
  onSettings?: (settings: ResourceSettings) => void;
  log: Logger;
}

const DEFAULT_INTERVAL_MS = 2_000;
/** A reading this much later than planned means the computer slept in between. */
const SLEPT_GAP_MS = 30_000;
/** Without an estimate, a job past its prediction is assumed to have this share of it still to go. */
const OVERRUN_REMAINING_SHARE = 0.25;

interface Attached {
  proof: GovernedProof;
  /** Full-speed-equivalent proving done so far (ms at 100 %). */
  doneMs: number;
  lastAtMs: number;
  appliedPct: number;
  /** What the last history line was about (rules and levels, not their changing figures). */
  lastNoteKey: string | undefined;
}

export class Governor {
  private readonly rules: GovernorRule[] = createRules();
  private readonly now: () => number;
  private current: GovernorStatus;
  private resourceSettings: ResourceSettings;
  private snoozeState: SnoozeState | null;
  private attached: Attached | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readings = 0;
  /** Set from a sleep until a full reading taken after waking (running programs listed, hardware read anew). */
  private waking: 'asleep' | { wokeAtMs: number } | undefined;
  private evaluating: Promise<void> = Promise.resolve();
  private readonly unsubscribe: () => void;
  private stopped = false;

  constructor(private readonly options: GovernorOptions) {
    this.now = options.now ?? Date.now;
    this.resourceSettings = loadResourceSettings(options.settings);
    this.snoozeState = loadSnooze(options.settings);
    this.current = { atMs: this.now(), ...decide([], this.now()), snooze: null };
    this.unsubscribe = options.desktop.onPowerEvent((event) => {
      if (event === 'suspend') this.waking = 'asleep';
      else if (event === 'resume') this.waking = { wokeAtMs: this.now() };
      void this.evaluate(); // a power source change only needs a reading now, not at the next tick
    });
  }

  /** Takes the first reading, so the first decision is an informed one, then keeps reading. */
  async start(): Promise<void> {
    await this.evaluate();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.unsubscribe();
  }

  status(): GovernorStatus {
    return this.current;
  }

  settings(): ResourceSettings {
    return this.resourceSettings;
  }

  async setSettings(settings: ResourceSettings): Promise<GovernorStatus> {
    saveResourceSettings(this.options.settings, settings);
    this.resourceSettings = settings;
    this.options.onSettings?.(settings);
    await this.evaluate();
    return this.current;
  }

  async snooze(snooze: SnoozeState | null): Promise<GovernorStatus> {
    saveSnooze(this.options.settings, snooze);
    this.snoozeState = snooze;
    await this.evaluate();
    return this.current;
  }

  /** Why new work must wait now, or null when it may be taken. */
  holdReason(): string | null {
    if (this.current.takeNewWork) return null;
    return this.current.finishing ? `finishing a job before its deadline despite: ${this.current.finishing.despite.join('; ')}` : this.current.summary;
  }

  /** The share of CPU time a proof starting now may use (0: none). */
  startingCpuPct(): number {
    return this.current.cpuPct;
  }

  /** Steers a proof from now until the returned function is called. */
  attach(proof: GovernedProof): () => void {
    const atMs = this.now();
    const attached: Attached = { proof, doneMs: 0, lastAtMs: atMs, appliedPct: proofPct(this.current, proof), lastNoteKey: undefined };
    this.attached = attached;
    this.noteChange(attached, this.current);
    // A deadline may call for more than the current decision gives: decide again with the job in view.
    if (proof.deadlineAtMs !== null) void this.evaluate();
    return () => {
      if (this.attached === attached) this.attached = undefined;
    };
  }

  private schedule(): void {
    if (this.stopped) return;
    const intervalMs = this.options.intervalMs ?? DEFAULT_INTERVAL_MS;
    const scheduledAtMs = this.now();
    this.timer = setTimeout(() => {
      // Timers stand still while the computer sleeps and the clock does not: a long gap means it slept, which
      // is how the headless daemon (told of no power events) learns of it.
      if (this.now() - scheduledAtMs > intervalMs + SLEPT_GAP_MS) this.waking = { wokeAtMs: this.now() };
      void this.evaluate().finally(() => this.schedule());
    }, intervalMs);
    this.timer.unref();
  }

  /** One reading and decision at a time; a request during one runs right after it. */
  private evaluate(): Promise<void> {
    this.evaluating = this.evaluating.then(() => this.evaluateNow()).catch((error: unknown) => this.options.log.warn(`the governor could not read the machine: ${(error as Error).message}`));
    return this.evaluating;
  }

  private async evaluateNow(): Promise<void> {
    this.reloadStored();
    const settings = this.resourceSettings;
    const waking = this.waking;
    const wantApps = settings.exclusiveApps.enabled && (this.readings % (this.options.appsEvery ?? 5) === 0 || typeof waking === 'object');
    const signals = await this.options.reader.read({ apps: wantApps });
    this.readings += 1;
    const verdicts = this.rules.map((rule) => rule.evaluate(signals, settings)).filter((v): v is GovernorReason => v !== null);
    const snooze = this.activeSnooze(signals.atMs);
    if (snooze) {
      const text = snooze.untilMs === null ? 'paused by you' : `snoozed until ${clockTime(snooze.untilMs)}`;
      verdicts.push({ rule: 'snooze', effect: 'pause', scope: snooze.scope, cpuPct: 0, text });
    }
    if (this.waking === 'asleep') verdicts.push({ rule: 'waking', effect: 'pause', scope: 'all', cpuPct: 0, text: 'the computer is going to sleep' });
    else if (typeof waking === 'object' && this.waking === waking) {
      // Battery and temperatures come from the hardware sampler: wait for one of its readings taken after waking.
      const fresh = signals.hardwareAtMs === null || signals.hardwareAtMs >= waking.wokeAtMs;
      if (fresh) this.waking = undefined;
      else verdicts.push({ rule: 'waking', effect: 'pause', scope: 'all', cpuPct: 0, text: 'woke from sleep: checking the machine again' });
    }
    const attached = this.attached;
    const deadlineJob = attached ? this.deadlineJob(attached, signals.atMs) : undefined;
    const next: GovernorStatus = { atMs: signals.atMs, ...decide(verdicts, signals.atMs, deadlineJob), snooze };
    const changed = decisionKey(next) !== decisionKey(this.current);
    this.current = next;
    if (attached) this.noteChange(attached, next);
    if (changed) this.options.onChange?.(next);
  }

  /** Limits and snooze as stored: `proverdesk resources` and `proverdesk snooze` may change them from another process. */
  private reloadStored(): void {
    const stored = loadResourceSettings(this.options.settings);
    if (JSON.stringify(stored) !== JSON.stringify(this.resourceSettings)) {
      this.resourceSettings = stored;
      this.options.onSettings?.(stored);
    }
    this.snoozeState = loadSnooze(this.options.settings);
  }

  private activeSnooze(atMs: number): SnoozeState | null {
    if (this.snoozeState && this.snoozeState.untilMs !== null && this.snoozeState.untilMs <= atMs) {
      saveSnooze(this.options.settings, null);
      this.snoozeState = null;
    }
    return this.snoozeState;
  }

  private deadlineJob(attached: Attached, atMs: number): DeadlineJob | undefined {
    attached.doneMs += ((atMs - attached.lastAtMs) * attached.appliedPct) / 100;
    attached.lastAtMs = atMs;
    const { deadlineAtMs, estimatedMs, jobId } = attached.proof;
    if (deadlineAtMs === null) return undefined;
    // Unknown speed: only full speed is safe.
    if (estimatedMs === null) return { jobId, deadlineAtMs, remainingMs: Number.MAX_SAFE_INTEGER };
    const remainingMs = attached.doneMs < estimatedMs ? estimatedMs - attached.doneMs : estimatedMs * OVERRUN_REMAINING_SHARE;
    return { jobId, deadlineAtMs, remainingMs };
  }

  /** Applies the decision to the proof and writes what changed for it into its history. */
  private noteChange(attached: Attached, status: GovernorStatus): void {
    const { proof } = attached;
    const first = attached.lastNoteKey === undefined;
    const pct = proofPct(status, proof);
    if (pct !== attached.appliedPct || first) proof.apply?.(pct);
    attached.appliedPct = pct;
    const key = JSON.stringify([status.state, pct, status.finishing !== null, status.reasons.map((r) => [r.rule, r.effect, r.scope])]);
    // A proof that starts at full speed with nothing in the way needs no line.
    if (key !== attached.lastNoteKey && !(first && status.state === 'running')) proof.note(jobNote(status, proof));
    attached.lastNoteKey = key;
  }
}

/** The CPU share a proof gets: a GPU proof stops while the GPUs are held, whatever the CPU may do. */
function proofPct(status: GovernorStatus, proof: GovernedProof): number {
  return proof.usesGpu && !status.gpuAllowed ? 0 : status.cpuPct;
}

/** What a job's history says of a decision: "paused: user active", "throttled to 40 %: CPU 91 °C (cap 85 °C)". */
function jobNote(status: GovernorStatus, proof: GovernedProof): string {
  const texts = (effect: 'pause' | 'throttle') => status.reasons.filter((r) => r.effect === effect && r.scope === 'all').map((r) => r.text).join('; ');
  if (proof.usesGpu && !status.gpuAllowed && status.cpuPct > 0) {
    return `paused on the GPU: ${status.reasons.filter((r) => r.effect === 'pause' && r.scope === 'gpu').map((r) => r.text).join('; ')}`;
  }
  if (status.finishing) return `finishing before its deadline at ${status.cpuPct} % despite: ${status.finishing.despite.join('; ')}`;
  if (!proof.apply && status.state !== 'running') return `this prover cannot be paused here; it runs on (${status.summary})`;
  if (status.state === 'paused') return `paused: ${texts('pause')}`;
  if (status.state === 'throttled' && proof.throttles === false) return `running at full speed: an external prover cannot be slowed down (${texts('throttle')})`;
  if (status.state === 'throttled') return `throttled to ${status.cpuPct} %: ${texts('throttle')}`;
  return 'running at full speed';
}

function decisionKey(status: GovernorStatus): string {
  return JSON.stringify([status.state, status.cpuPct, status.gpuAllowed, status.takeNewWork, status.reasons, status.finishing, status.snooze]);
}

function clockTime(atMs: number): string {
  const date = new Date(atMs);
  const sameDay = new Date().toDateString() === date.toDateString();
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return sameDay ? time : `${date.toLocaleDateString(undefined, { weekday: 'short' })} ${time}`;
}
