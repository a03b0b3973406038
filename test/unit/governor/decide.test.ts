import { describe, expect, it } from 'vitest';
import { decide } from '../../../src-main/core/governor/decide.js';
import type { RuleVerdict } from '../../../src-main/core/governor/governor-types.js';

const AT_MS = 1_700_000_000_000;
const onBattery: RuleVerdict = { rule: 'battery', effect: 'pause', scope: 'all', cpuPct: 0, text: 'on battery' };
const userActive: RuleVerdict = { rule: 'idle', effect: 'pause', scope: 'all', cpuPct: 0, text: 'user active' };
const cpuLimit: RuleVerdict = { rule: 'cpu-limit', effect: 'throttle', scope: 'all', cpuPct: 50, text: 'your CPU-time limit (50 %)' };
const cpuHot: RuleVerdict = { rule: 'cpu-heat', effect: 'throttle', scope: 'all', cpuPct: 40, text: 'CPU 91 °C (cap 85 °C)' };
const gpuHot: RuleVerdict = { rule: 'gpu-heat', effect: 'pause', scope: 'gpu', cpuPct: 0, text: 'GPU 0 at 88 °C (cap 83 °C)' };

describe('decide', () => {
  it('runs at full speed with no verdicts', () => {
    expect(decide([], AT_MS)).toEqual({
      state: 'running',
      cpuPct: 100,
      gpuAllowed: true,
      takeNewWork: true,
      reasons: [],
      finishing: null,
      summary: 'Running at full speed',
    });
  });

  it('throttles to the lowest throttle and names every throttle', () => {
    expect(decide([cpuLimit, cpuHot], AT_MS)).toMatchObject({
      state: 'throttled',
      cpuPct: 40,
      gpuAllowed: true,
      takeNewWork: true,
      reasons: [cpuLimit, cpuHot],
      summary: 'Throttled to 40 %: your CPU-time limit (50 %); CPU 91 °C (cap 85 °C)',
    });
  });

  it('pauses on any pause, listing pauses first and naming only the pauses', () => {
    const decision = decide([cpuHot, onBattery, gpuHot, userActive], AT_MS);
    expect(decision).toMatchObject({ state: 'paused', cpuPct: 0, gpuAllowed: false, takeNewWork: false, finishing: null, summary: 'Paused: on battery; user active' });
    expect(decision.reasons).toEqual([onBattery, gpuHot, userActive, cpuHot]);
  });

  it('pauses only the GPUs for a GPU-only pause, and says so beside the CPU state', () => {
    expect(decide([gpuHot], AT_MS)).toMatchObject({
      state: 'running',
      cpuPct: 100,
      gpuAllowed: false,
      takeNewWork: true,
      summary: 'Running at full speed (GPU paused: GPU 0 at 88 °C (cap 83 °C))',
    });
    expect(decide([cpuHot, gpuHot], AT_MS).summary).toBe('Throttled to 40 %: CPU 91 °C (cap 85 °C) (GPU paused: GPU 0 at 88 °C (cap 83 °C))');
  });

  describe('deadline exception', () => {
    const jobId = '0123abcd-4567-89ef';

    it('raises a pause to the throttle that still finishes the job in time', () => {
      // 40 s of work, 130 s to the deadline, 30 s kept in hand: 40 % of the 100 s left, × 1.25 = 50 %.
      const decision = decide([onBattery], AT_MS, { jobId, deadlineAtMs: AT_MS + 130_000, remainingMs: 40_000 });
      expect(decision).toMatchObject({
        state: 'throttled',
        cpuPct: 50,
        gpuAllowed: true, // a job on the GPU must be able to finish too
        takeNewWork: false,
        reasons: [onBattery],
        finishing: { jobId, cpuPct: 50, despite: ['on battery'] },
        summary: 'Finishing job 0123abcd before its deadline despite: on battery, at 50 %',
      });
    });

    it('keeps at least 10 % of the remaining work in hand', () => {
      // 600 s of work, 1000 s left: 60 s in hand, so 600 / 940 × 125 = 79.8 → 80 %.
      expect(decide([onBattery], AT_MS, { jobId, deadlineAtMs: AT_MS + 1_000_000, remainingMs: 600_000 }).cpuPct).toBe(80);
    });

    it('raises a throttle that is too slow, naming every reason it overrides', () => {
      const decision = decide([cpuHot, cpuLimit, gpuHot], AT_MS, { jobId, deadlineAtMs: AT_MS + 130_000, remainingMs: 40_000 });
      expect(decision).toMatchObject({ state: 'throttled', cpuPct: 50, gpuAllowed: false, takeNewWork: false, finishing: { jobId, cpuPct: 50, despite: ['CPU 91 °C (cap 85 °C)', 'your CPU-time limit (50 %)'] } });
      expect(decision.summary).toBe(
        'Finishing job 0123abcd before its deadline despite: CPU 91 °C (cap 85 °C); your CPU-time limit (50 %), at 50 % (GPU paused: GPU 0 at 88 °C (cap 83 °C))',
      );
    });

    it('keeps a throttle that leaves plenty of time, and a pause when no work is left', () => {
      const plenty = decide([cpuHot], AT_MS, { jobId, deadlineAtMs: AT_MS + 3_600_000, remainingMs: 60_000 });
      expect(plenty).toMatchObject({ state: 'throttled', cpuPct: 40, takeNewWork: true, finishing: null, summary: 'Throttled to 40 %: CPU 91 °C (cap 85 °C)' });
      const done = decide([onBattery], AT_MS, { jobId, deadlineAtMs: AT_MS + 3_600_000, remainingMs: 0 });
      expect(done).toMatchObject({ state: 'paused', cpuPct: 0, finishing: null, summary: 'Paused: on battery' });
    });

    it('runs at full speed when the time left is within the safety margin or past', () => {
      for (const deadlineAtMs of [AT_MS + 30_000, AT_MS - 5_000]) {
        expect(decide([onBattery, userActive], AT_MS, { jobId, deadlineAtMs, remainingMs: 10_000 })).toMatchObject({
          state: 'running',
          cpuPct: 100,
          takeNewWork: false,
          finishing: { jobId, cpuPct: 100, despite: ['on battery', 'user active'] },
          summary: 'Finishing job 0123abcd before its deadline despite: on battery; user active',
        });
      }
    });

    it('does nothing when the decision already gives the job enough', () => {
      expect(decide([], AT_MS, { jobId, deadlineAtMs: AT_MS + 10_000, remainingMs: 60_000 })).toMatchObject({ state: 'running', cpuPct: 100, takeNewWork: true, finishing: null });
    });
  });
});
