// The user's CPU-time limit for a running proof. A limit of P % means the proof may use at most P % of the CPU
// time its worker threads could use (threads × wall time). The engine can only pause and resume a task at its
// chunk boundaries, so the limit is a duty cycle: a token bucket of CPU time, read from the engine process
// every SAMPLE_MS, that holds the task while the bucket is empty.

/** How often the engine process reads its CPU time while a limit applies. */
export const SAMPLE_MS = 10;
/**
 * The bucket saves at most one period's allowance, so after a quiet spell the task never runs flat out for
 * longer than this; short enough that the machine stays smooth for the user.
 */
export const PERIOD_MS = 100;

/** A clock reading: wall time and the CPU time the process has used so far. */
export interface CpuReading {
  ms: number;
  cpuMicros: number;
}

/** The token bucket itself, pure: readings in, whether the task may run out. */
export class DutyCycle {
  /** CPU microseconds the task may still use; negative is debt from a pause that landed late. */
  private budget = 0;
  private last: CpuReading;

  constructor(
    private percent: number,
    /** Threads the task can keep busy at once: min(its thread limit, the machine's cores). */
    private readonly threads: number,
    start: CpuReading,
  ) {
    this.last = start;
  }

  setPercent(percent: number): void {
    this.percent = percent;
    this.budget = Math.min(this.budget, this.cap());
  }

  /** Takes a reading; true while the task may run. Debt is paid back before the task runs again. */
  update(reading: CpuReading): boolean {
    const elapsedMs = Math.max(0, reading.ms - this.last.ms);
    const usedMicros = Math.max(0, reading.cpuMicros - this.last.cpuMicros);
    this.last = reading;
    this.budget = Math.min(this.budget + this.allowancePerMs() * elapsedMs - usedMicros, this.cap());
    return this.budget > 0;
  }

  /** CPU microseconds the task earns per millisecond of wall time. */
  private allowancePerMs(): number {
    return (this.percent / 100) * this.threads * 1000;
  }

  private cap(): number {
    return this.allowancePerMs() * PERIOD_MS;
  }
}

/** What a task offers to be held: the engine's cooperative pause and resume (honoured at chunk boundaries). */
export interface Pausable {
  pause(): void;
  resume(): void;
}

/** Wall time, the process's CPU time, and a repeating timer; the engine process passes the real ones. */
export interface DutyCycleClock {
  now(): number;
  cpuMicros(): number;
  /** Calls `tick` every `ms` until the returned function is called. */
  every(ms: number, tick: () => void): () => void;
}

/**
 * A task held by the app (its pause and resume), by its CPU-time limit, or by both: it runs only when neither
 * holds it. At 100 % no timer runs at all.
 */
export class ThrottledTask {
  private heldByApp = false;
  private heldByLimit = false;
  /** Whether the task is paused now, as far as this side has told it. */
  private paused = false;
  private cycle: DutyCycle | undefined;
  private stopTimer: (() => void) | undefined;
  private ended = false;

  constructor(
    private readonly task: Pausable,
    private readonly threads: number,
    private readonly clock: DutyCycleClock,
    percent = 100,
  ) {
    this.setCpuLimit(percent);
  }

  pause(): void {
    this.heldByApp = true;
    this.apply();
  }

  resume(): void {
    this.heldByApp = false;
    // The first reading after a hold counts all of it (the saved budget stays capped) and any CPU time a
    // late pause used meanwhile.
    this.tick();
  }

  /** 1..100; 100 lifts the limit. */
  setCpuLimit(percent: number): void {
    if (percent >= 100) {
      this.cycle = undefined;
      this.heldByLimit = false;
    } else if (this.cycle) {
      this.cycle.setPercent(percent);
    } else {
      this.cycle = new DutyCycle(percent, this.threads, this.reading());
    }
    this.apply();
  }

  /** The task finished: no more readings. */
  end(): void {
    this.ended = true;
    this.apply();
  }

  private reading(): CpuReading {
    return { ms: this.clock.now(), cpuMicros: this.clock.cpuMicros() };
  }

  private tick(): void {
    if (this.cycle) this.heldByLimit = !this.cycle.update(this.reading());
    this.apply();
  }

  /** Starts or stops the timer and pauses or resumes the task to match who holds it. */
  private apply(): void {
    // While the app holds the task the limit has nothing to measure.
    const timed = this.cycle !== undefined && !this.heldByApp && !this.ended;
    if (timed && !this.stopTimer) {
      this.stopTimer = this.clock.every(SAMPLE_MS, () => this.tick());
    } else if (!timed && this.stopTimer) {
      this.stopTimer();
      this.stopTimer = undefined;
    }
    if (this.ended) return;
    const paused = this.heldByApp || this.heldByLimit;
    if (paused === this.paused) return;
    this.paused = paused;
    if (paused) this.task.pause();
    else this.task.resume();
  }
}
