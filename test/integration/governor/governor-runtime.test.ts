// The governor at run time, fed scripted readings (the one part that cannot be real here: a user, a battery, a
// hot CPU) over a real SQLite settings store: what it applies to the running proof, what it writes into the
// job's history, when it holds new work back, the deadline exception, snoozes that outlive a restart, and the
// re-read after waking from sleep.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GovernorStatus } from '../../../src-main/core/api/resource-schemas.js';
import { defaultResourceSettings } from '../../../src-main/core/governor/default-resources.js';
import type { DesktopSignals, PowerEvent } from '../../../src-main/core/governor/desktop-signals.js';
import { Governor } from '../../../src-main/core/governor/governor.js';
import type { GovernorSignals } from '../../../src-main/core/governor/governor-types.js';
import type { SignalReader } from '../../../src-main/core/governor/signal-reader.js';
import { openStore } from '../../../src-main/core/store/open-store.js';
import type { Store } from '../../../src-main/core/store/store.js';
import { signals } from '../../unit/governor/signal-sequence.js';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const START_MS = Date.UTC(2025, 0, 6, 12);

class ScriptedMachine {
  atMs = START_MS;
  overrides: Partial<GovernorSignals> = {};
  appsAsked = 0;
  readonly reader = {
    read: async (options: { apps: boolean }) => {
      if (options.apps) this.appsAsked += 1;
      return signals(this.atMs, { ...this.overrides, runningApps: options.apps ? (this.overrides.runningApps ?? []) : null });
    },
  } as unknown as SignalReader;
  private listener: ((event: PowerEvent) => void) | undefined;
  readonly desktop: DesktopSignals = {
    idleSeconds: () => null,
    onBattery: () => null,
    idleDetection: 'os',
    onPowerEvent: (listener) => {
      this.listener = listener;
      return () => (this.listener = undefined);
    },
  };
  power(event: PowerEvent): void {
    this.listener?.(event);
  }
}

let dir: string;
let store: Store;
let machine: ScriptedMachine;
let changes: GovernorStatus[];

function governor(): Governor {
  // A very long interval: every reading in these tests is asked for explicitly (settings, snooze, step()).
  return new Governor({ settings: store.settings, reader: machine.reader, desktop: machine.desktop, now: () => machine.atMs, intervalMs: 3_600_000, onChange: (s) => changes.push(s), log: quiet });
}

/** Advances the scripted clock and has the governor take a reading (as its timer would). */
async function step(g: Governor, ms: number, overrides: Partial<GovernorSignals> = machine.overrides): Promise<GovernorStatus> {
  machine.atMs += ms;
  machine.overrides = overrides;
  // Saving the same settings again is the public way to ask for a fresh reading now.
  return g.setSettings(g.settings());
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'proverdesk-governor-'));
  store = openStore(join(dir, 'proverdesk.db'));
  machine = new ScriptedMachine();
  changes = [];
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the governor at run time', () => {
  it('steers the running proof and writes each change, not each reading, into its history', async () => {
    const g = governor();
    await g.start();
    const applied: number[] = [];
    const notes: string[] = [];
    const detach = g.attach({ jobId: 'job-1', deadlineAtMs: null, estimatedMs: 10_000, apply: (pct) => applied.push(pct), note: (t) => notes.push(t) });
    expect(applied).toEqual([100]);
    expect(notes).toEqual([]); // full speed with nothing in the way needs no line

    await step(g, 2_000, { power: { source: 'battery', batteryPct: 80 } });
    await step(g, 2_000, { power: { source: 'battery', batteryPct: 79 } });
    expect(applied).toEqual([100, 0]);
    expect(notes).toEqual(['paused: on battery']);
    expect(g.holdReason()).toBe('Paused: on battery');

    // Back on mains: the battery rule's resume hold keeps the pause a little longer, then proving resumes.
    await step(g, 2_000, { power: { source: 'ac', batteryPct: 80 } });
    expect(g.status().state).toBe('paused');
    for (let i = 0; i < 10; i++) await step(g, 2_000);
    expect(g.status().state).toBe('running');
    expect(applied).toEqual([100, 0, 100]);
    expect(notes).toEqual(['paused: on battery', 'running at full speed']);
    expect(g.holdReason()).toBeNull();

    // Heat: throttled at once, with the temperature in the history line; the figure changing is not a new line.
    await step(g, 2_000, { cpuTempC: 95 });
    await step(g, 2_000, { cpuTempC: 96 });
    expect(applied.at(-1)).toBe(60);
    expect(notes.at(-1)).toBe('throttled to 60 %: CPU 95 °C (cap 90 °C)');
    expect(notes).toHaveLength(3);
    expect(g.holdReason()).toBeNull(); // throttled is slower, not stopped: new work is still taken

    detach();
    await step(g, 2_000, { cpuTempC: 99 });
    expect(notes).toHaveLength(3); // a detached proof hears nothing more
    g.stop();
  });

  it('lets a job with a deadline finish despite a pause, slowly, and takes no new work meanwhile', async () => {
    const g = governor();
    await g.start();
    machine.overrides = { power: { source: 'battery', batteryPct: 80 } };
    await step(g, 2_000);
    expect(g.status().state).toBe('paused');

    const applied: number[] = [];
    const notes: string[] = [];
    // 60 s of work left, 10 minutes to the deadline: about 14 % of the CPU makes it with time in hand.
    g.attach({ jobId: 'job-with-deadline', deadlineAtMs: machine.atMs + 600_000, estimatedMs: 60_000, apply: (pct) => applied.push(pct), note: (t) => notes.push(t) });
    await step(g, 2_000);
    const status = g.status();
    expect(status.finishing).toMatchObject({ jobId: 'job-with-deadline', despite: ['on battery'] });
    expect(status.cpuPct).toBeGreaterThan(0);
    expect(status.cpuPct).toBeLessThan(30);
    expect(status.takeNewWork).toBe(false);
    expect(g.holdReason()).toBe('finishing a job before its deadline despite: on battery');
    expect(applied.at(-1)).toBe(status.cpuPct);
    expect(notes.at(-1)).toBe(`finishing before its deadline at ${status.cpuPct} % despite: on battery`);

    // The work done at that share counts: seven minutes later little is left, so even less CPU will do.
    await step(g, 420_000);
    expect(g.status().cpuPct).toBeGreaterThan(0);
    expect(g.status().cpuPct).toBeLessThan(status.cpuPct);
    expect(g.status().finishing).not.toBeNull();
    g.stop();
  });

  it('proves at full speed near a deadline when the proof time is unknown (an external prover)', async () => {
    const g = governor();
    await g.start();
    machine.overrides = { power: { source: 'battery', batteryPct: 80 } };
    await step(g, 2_000);
    const notes: string[] = [];
    g.attach({ jobId: 'external-job', deadlineAtMs: machine.atMs + 3_600_000, estimatedMs: null, note: (t) => notes.push(t) });
    await step(g, 2_000);
    expect(g.status()).toMatchObject({ cpuPct: 100, takeNewWork: false });
    expect(notes.at(-1)).toBe('finishing before its deadline at 100 % despite: on battery');
    g.stop();
  });

  it('keeps a snooze across a restart and ends it on time', async () => {
    const first = governor();
    await first.start();
    const until = machine.atMs + 3_600_000;
    const snoozed = await first.snooze({ scope: 'all', untilMs: until });
    expect(snoozed).toMatchObject({ state: 'paused', takeNewWork: false, snooze: { scope: 'all', untilMs: until } });
    expect(snoozed.reasons.map((r) => r.rule)).toEqual(['snooze']);
    expect(snoozed.summary).toMatch(/^Paused: snoozed until /);
    first.stop();

    const second = governor();
    await second.start();
    expect(second.status()).toMatchObject({ state: 'paused', snooze: { untilMs: until } });
    await step(second, 3_600_000);
    expect(second.status()).toMatchObject({ state: 'running', snooze: null });
    second.stop();
  });

  it('pauses until the user resumes, however much time passes', async () => {
    const g = governor();
    await g.start();
    const paused = await g.snooze({ scope: 'all', untilMs: null });
    expect(paused).toMatchObject({ state: 'paused', summary: 'Paused: paused by you', snooze: { untilMs: null } });
    await step(g, 30 * 24 * 3_600_000);
    expect(g.status().state).toBe('paused');
    await g.snooze(null);
    expect(g.status()).toMatchObject({ state: 'running', snooze: null });
    g.stop();
  });

  it('snoozes only the GPU when asked: CPU proving and new work go on', async () => {
    const g = governor();
    await g.start();
    const status = await g.snooze({ scope: 'gpu', untilMs: machine.atMs + 60_000 });
    expect(status.summary).toMatch(/^Running at full speed \(GPU paused: snoozed until /);
    expect(status).toMatchObject({ state: 'running', cpuPct: 100, gpuAllowed: false, takeNewWork: true });
    await g.snooze(null);
    expect(g.status()).toMatchObject({ gpuAllowed: true, snooze: null });
    g.stop();
  });

  it('pauses a GPU proof while the GPU is snoozed or hot, and lets a CPU proof run on', async () => {
    const g = governor();
    await g.start();
    const applied: { gpu: number[]; cpu: number[] } = { gpu: [], cpu: [] };
    const notes: string[] = [];
    const detachGpu = g.attach({ jobId: 'gpu-job', deadlineAtMs: null, estimatedMs: 10_000, usesGpu: true, apply: (pct) => applied.gpu.push(pct), note: (t) => notes.push(t) });
    await g.snooze({ scope: 'gpu', untilMs: machine.atMs + 60_000 });
    await g.snooze(null);
    detachGpu();
    const detachCpu = g.attach({ jobId: 'cpu-job', deadlineAtMs: null, estimatedMs: 10_000, apply: (pct) => applied.cpu.push(pct), note: () => {} });
    await g.snooze({ scope: 'gpu', untilMs: machine.atMs + 60_000 });
    detachCpu();
    expect(applied.gpu).toEqual([100, 0, 100]);
    expect(applied.cpu).toEqual([100]);
    expect(notes[0]).toMatch(/^paused on the GPU: snoozed until /);
    expect(notes[1]).toBe('running at full speed');

    await g.snooze(null);
    const hot = { gpuTempsC: [{ index: 0, temperatureC: 95 }] };
    const pausedFor: number[] = [];
    g.attach({ jobId: 'gpu-job-2', deadlineAtMs: null, estimatedMs: 10_000, usesGpu: true, apply: (pct) => pausedFor.push(pct), note: () => {} });
    for (let i = 0; i < 40; i++) await step(g, 2_000, hot);
    expect(g.status()).toMatchObject({ gpuAllowed: false, cpuPct: 100 });
    expect(pausedFor.at(-1)).toBe(0);
    g.stop();
  });

  it('pauses for sleep and, after waking, holds work until a full reading (running programs included) is taken', async () => {
    const g = governor();
    await g.start();
    machine.power('suspend');
    await step(g, 0);
    expect(g.status().reasons.map((r) => r.text)).toEqual(['the computer is going to sleep']);
    const appsBefore = machine.appsAsked;
    const asleepAtMs = machine.atMs;
    machine.atMs += 8 * 3_600_000;
    // A game started while it slept, and the hardware sampler has not read the machine since.
    machine.overrides = { runningApps: ['cs2'], hardwareAtMs: asleepAtMs };
    machine.power('resume');
    await step(g, 0);
    expect(machine.appsAsked).toBeGreaterThan(appsBefore); // woke: the programs were listed at once
    expect(g.status().reasons.map((r) => r.text)).toEqual(['exclusive app running: cs2', 'woke from sleep: checking the machine again']);
    // Fresh hardware figures: the wake-up hold ends, the game's pause stays.
    await step(g, 2_000, { runningApps: ['cs2'] });
    expect(g.status().reasons.map((r) => r.rule)).toEqual(['exclusive-apps']);
    g.stop();
  });

  it('reads the machine at once when the power source changes, not at its next tick', async () => {
    const g = governor();
    await g.start();
    machine.overrides = { power: { source: 'battery', batteryPct: 90 } };
    machine.power('power-source');
    await expect.poll(() => g.status().summary).toBe('Paused: on battery');
    g.stop();
  });

  it('learns of a sleep without power events (headless) from the clock jumping between its readings', async () => {
    const g = new Governor({ settings: store.settings, reader: machine.reader, desktop: machine.desktop, now: () => machine.atMs, intervalMs: 20, log: quiet });
    await g.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(g.status().state).toBe('running');
    const appsBefore = machine.appsAsked;
    machine.overrides = { hardwareAtMs: machine.atMs };
    machine.atMs += 2 * 3_600_000; // the machine slept two hours
    await expect.poll(() => g.status().reasons.map((r) => r.text)).toEqual(['woke from sleep: checking the machine again']);
    expect(g.holdReason()).toBe('Paused: woke from sleep: checking the machine again');
    expect(machine.appsAsked).toBeGreaterThan(appsBefore); // the programs are listed at every reading until then
    // The hardware sampler reads the machine anew: with nothing in the way, work goes on.
    machine.overrides = {};
    await expect.poll(() => g.status().state).toBe('running');
    g.stop();
  });

  it('tells listeners of decisions that changed, not of every reading', async () => {
    const g = governor();
    await g.start();
    changes.length = 0;
    await step(g, 2_000);
    await step(g, 2_000);
    expect(changes).toEqual([]);
    await g.setSettings({ ...defaultResourceSettings(), cpu: { threads: null, timePct: 40 } });
    expect(changes.map((c) => c.summary)).toEqual(['Throttled to 40 %: your CPU-time limit (40 %)']);
    expect(g.startingCpuPct()).toBe(40);
    g.stop();
  });
});
