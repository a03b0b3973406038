// The CPU-time limit's duty cycle against a simulated task on a fake clock: the task burns `threads` cores while
// it runs and stops only some time after a pause (at its next chunk boundary), as the native engine does.
import { describe, expect, it } from 'vitest';
import { DutyCycle, PERIOD_MS, SAMPLE_MS, ThrottledTask, type DutyCycleClock } from '../../../src-main/core/engine/duty-cycle.js';

/** A fake machine: 1 ms steps, a task using `threads` cores while it runs, and the clock the duty cycle reads. */
class Simulation {
  ms = 0;
  cpuMicros = 0;
  running = true;
  pauses = 0;
  resumes = 0;
  /** Whether the task would use the CPU if it ran (false: it waits on something else). */
  busy = true;
  private stopsAt: number | undefined;
  private timers = new Set<{ every: number; next: number; tick: () => void }>();

  constructor(
    readonly threads: number,
    /** How long the task keeps running after a pause: the distance to its next chunk boundary. */
    readonly pauseLatencyMs = 0,
  ) {}

  readonly clock: DutyCycleClock = {
    now: () => this.ms,
    cpuMicros: () => this.cpuMicros,
    every: (ms, tick) => {
      const timer = { every: ms, next: this.ms + ms, tick };
      this.timers.add(timer);
      return () => this.timers.delete(timer);
    },
  };

  readonly task = {
    pause: () => {
      this.pauses++;
      this.stopsAt ??= this.ms + this.pauseLatencyMs;
      this.settle();
    },
    resume: () => {
      this.resumes++;
      this.stopsAt = undefined;
      this.running = true;
    },
  };

  get timerCount(): number {
    return this.timers.size;
  }

  /** Runs `ms` milliseconds; returns the CPU microseconds used meanwhile. */
  advance(ms: number): number {
    const before = this.cpuMicros;
    for (let i = 0; i < ms; i++) {
      if (this.running && this.busy) this.cpuMicros += this.threads * 1000;
      this.ms++;
      this.settle();
      for (const timer of [...this.timers]) {
        if (timer.next <= this.ms) {
          timer.next += timer.every;
          timer.tick();
        }
      }
    }
    return this.cpuMicros - before;
  }

  private settle(): void {
    if (this.stopsAt !== undefined && this.ms >= this.stopsAt) {
      this.running = false;
      this.stopsAt = undefined;
    }
  }
}

/** The share of its threads' CPU time the task used over `ms` of wall time. */
function shareOver(simulation: Simulation, ms: number): number {
  return simulation.advance(ms) / 1000 / (ms * simulation.threads);
}

describe('DutyCycle', () => {
  it('saves no more than one period\'s allowance', () => {
    const cycle = new DutyCycle(50, 2, { ms: 0, cpuMicros: 0 });
    // After 10 s of using nothing, only one period's allowance is saved: 50 % × 2 threads × 100 ms.
    const saved = 0.5 * 2 * PERIOD_MS * 1000;
    expect(cycle.update({ ms: 10_000, cpuMicros: 0 })).toBe(true);
    expect(cycle.update({ ms: 10_000, cpuMicros: saved - 1 })).toBe(true);
    expect(cycle.update({ ms: 10_000, cpuMicros: saved + 1 })).toBe(false);
  });

  it('keeps debt until it is paid back', () => {
    const cycle = new DutyCycle(50, 2, { ms: 0, cpuMicros: 0 });
    // 100 ms flat out on 2 threads: 200 ms of CPU against 100 ms allowed leaves 100 ms of debt…
    expect(cycle.update({ ms: 100, cpuMicros: 200_000 })).toBe(false);
    // …which 100 ms idle (1 ms of CPU time earned per ms) pays back, and not a moment sooner.
    expect(cycle.update({ ms: 199, cpuMicros: 200_000 })).toBe(false);
    expect(cycle.update({ ms: 201, cpuMicros: 200_000 })).toBe(true);
  });

  it('caps what it saves at the new limit when the limit drops', () => {
    const cycle = new DutyCycle(100, 1, { ms: 0, cpuMicros: 0 });
    cycle.update({ ms: 10_000, cpuMicros: 0 });
    cycle.setPercent(10);
    // At 10 % of one thread one period saves 10 ms of CPU time.
    expect(cycle.update({ ms: 10_000, cpuMicros: 10_001 })).toBe(false);
  });
});

describe('ThrottledTask', () => {
  for (const percent of [25, 50, 75]) {
    it(`holds the task to ${percent} % of its threads' CPU time`, () => {
      const simulation = new Simulation(2);
      new ThrottledTask(simulation.task, 2, simulation.clock, percent);
      expect(shareOver(simulation, 10_000)).toBeCloseTo(percent / 100, 2);
    });
  }

  it('pays back the CPU time pauses that land late let through, so the average holds', () => {
    // Pauses take effect 25 ms late: more than two readings.
    const simulation = new Simulation(2, 25);
    new ThrottledTask(simulation.task, 2, simulation.clock, 50);
    expect(shareOver(simulation, 10_000)).toBeCloseTo(0.5, 2);
  });

  it('never pauses at 100 % and runs no timer', () => {
    const simulation = new Simulation(2);
    new ThrottledTask(simulation.task, 2, simulation.clock, 100);
    expect(simulation.timerCount).toBe(0);
    expect(shareOver(simulation, 1_000)).toBe(1);
    expect(simulation.pauses).toBe(0);
  });

  it('starts limited: no full-speed burst in the first period', () => {
    const simulation = new Simulation(2);
    new ThrottledTask(simulation.task, 2, simulation.clock, 25);
    // One reading's overshoot at most: 25 % of 100 ms plus one sample flat out.
    expect(simulation.advance(PERIOD_MS) / 1000).toBeLessThanOrEqual(0.25 * 2 * PERIOD_MS + 2 * SAMPLE_MS);
  });

  it('runs flat out for at most about one period after a spell of using nothing', () => {
    const simulation = new Simulation(2);
    new ThrottledTask(simulation.task, 2, simulation.clock, 50);
    simulation.busy = false;
    simulation.advance(5_000);
    simulation.busy = true;
    const pausesBefore = simulation.pauses;
    let flatOutMs = 0;
    while (simulation.pauses === pausesBefore) flatOutMs += simulation.advance(1) > 0 ? 1 : 0;
    // 100 ms of saved CPU time drains at a net 1 ms per ms while both threads run (they earn 1, use 2).
    expect(flatOutMs).toBeLessThanOrEqual(PERIOD_MS + SAMPLE_MS);
  });

  it('lifts the limit at 100 % and sets it again below', () => {
    const simulation = new Simulation(2);
    const throttled = new ThrottledTask(simulation.task, 2, simulation.clock, 25);
    simulation.advance(1_000);
    throttled.setCpuLimit(100);
    expect(simulation.timerCount).toBe(0);
    expect(shareOver(simulation, 1_000)).toBe(1);
    throttled.setCpuLimit(50);
    expect(shareOver(simulation, 5_000)).toBeCloseTo(0.5, 2);
  });

  it("runs only when neither the app's pause nor the limit holds the task", () => {
    const simulation = new Simulation(2);
    const throttled = new ThrottledTask(simulation.task, 2, simulation.clock, 50);
    simulation.advance(1_000);
    throttled.pause();
    // Held by the app: the limit stops measuring and never resumes it.
    expect(simulation.timerCount).toBe(0);
    expect(simulation.advance(2_000)).toBe(0);
    // Resumed by the app: the limit measures again; the hold saved it one period's allowance at most.
    throttled.resume();
    expect(simulation.timerCount).toBe(1);
    const saved = 0.5 * 2 * PERIOD_MS * 1000;
    const used = simulation.advance(5_000);
    expect(used).toBeGreaterThan(0.49 * 2 * 5_000 * 1000);
    expect(used).toBeLessThanOrEqual(0.5 * 2 * 5_000 * 1000 + saved + 2 * SAMPLE_MS * 1000);
    // A pause while the limit already holds it: the app's resume is needed before it runs again.
    while (simulation.running) simulation.advance(1);
    throttled.pause();
    const resumes = simulation.resumes;
    expect(simulation.advance(1_000)).toBe(0);
    expect(simulation.resumes).toBe(resumes);
  });

  it('stops its timer when the task ends', () => {
    const simulation = new Simulation(2);
    const throttled = new ThrottledTask(simulation.task, 2, simulation.clock, 50);
    throttled.end();
    expect(simulation.timerCount).toBe(0);
  });
});
