// The calibration arithmetic: the fitted line, its fallbacks for noisy or single measurements, the
// conservative estimate before any measurement, and how real jobs move the correction factor.
import { describe, expect, it } from 'vitest';
import { estimateProvingMs, fitCalibration, UNCALIBRATED, withObservedJob } from '../../../src-main/core/engine/calibration.js';

const sample = (constraints: number, provingMs: number) => ({ circuit: `c${constraints}`, constraints, provingMs });

describe('calibration', () => {
  it('fits a fixed cost and a rate through measured proofs', () => {
    // 100 ms fixed plus 1 ms per 50 constraints (50,000 constraints/s).
    const calibration = fitCalibration([sample(4_000, 180), sample(16_000, 420), sample(64_000, 1_380)], 3, 1234);
    expect(calibration.constraintsPerSecond).toBeCloseTo(50_000, 3);
    expect(calibration.fixedMs).toBeCloseTo(100, 6);
    expect(calibration).toMatchObject({ threads: 3, measuredAtMs: 1234, correction: 1 });
    expect(estimateProvingMs(calibration, 1_000_000)).toBeCloseTo(100 + 20_000, 3);
  });

  it('falls back to a rate through zero from one size, or when noise tilts the line below zero', () => {
    const one = fitCalibration([sample(10_000, 500)], 1, 0);
    expect(one.fixedMs).toBe(0);
    expect(one.constraintsPerSecond).toBeCloseTo(20_000, 6);
    // The larger circuit measured faster than the smaller one: no honest line has a negative slope.
    const tilted = fitCalibration([sample(4_000, 300), sample(16_000, 250)], 1, 0);
    expect(tilted.fixedMs).toBe(0);
    expect(tilted.constraintsPerSecond).toBeCloseTo((20_000 / 550) * 1000, 3);
    expect(() => fitCalibration([], 1, 0)).toThrow(/at least one/);
  });

  it('is conservative before any measurement', () => {
    expect(estimateProvingMs(undefined, 100_000)).toBe(UNCALIBRATED.fixedMs + (100_000 / UNCALIBRATED.constraintsPerSecond) * 1000);
  });

  it('moves the correction a step towards what jobs really take, within bounds', () => {
    const calibration = fitCalibration([sample(10_000, 1_000)], 1, 0); // 10,000 constraints/s
    const slower = withObservedJob(calibration, 10_000, 2_000); // took twice the prediction
    expect(slower.correction).toBeCloseTo(0.8 + 0.2 * 2, 9);
    expect(estimateProvingMs(slower, 10_000)).toBeCloseTo(1_200, 6);
    let steady = calibration;
    for (let i = 0; i < 60; i++) steady = withObservedJob(steady, 10_000, 2_000);
    expect(steady.correction).toBeCloseTo(2, 3);
    // One absurd job (a stalled machine) moves it at most as far as a 5x one would.
    expect(withObservedJob(calibration, 10_000, 1_000_000).correction).toBeCloseTo(0.8 + 0.2 * 5, 9);
  });
});
