// How fast this machine proves: a line fitted to measured proofs (a fixed cost per job plus a rate in
// constraints per second), so the scheduler can predict a job's time from its circuit's size before taking
// it. Real jobs keep the prediction honest: each one moves a correction factor a little towards what it took.
import { z } from 'zod';
import type { Store } from '../store/store.js';

export const CALIBRATION_SETTING = 'engine.calibration';

export const CalibrationSampleSchema = z.object({ circuit: z.string(), constraints: z.number().int().positive(), provingMs: z.number().positive() });
export type CalibrationSample = z.infer<typeof CalibrationSampleSchema>;

export const CalibrationSchema = z.object({
  constraintsPerSecond: z.number().positive(),
  /** Witness, key loading and everything else a job costs whatever its size. */
  fixedMs: z.number().min(0),
  threads: z.number().int().positive(),
  measuredAtMs: z.number().int(),
  samples: z.array(CalibrationSampleSchema),
  /** Measured job time over predicted time, averaged over recent native jobs (1 until jobs say otherwise). */
  correction: z.number().positive(),
});
export type Calibration = z.infer<typeof CalibrationSchema>;

/** Before any measurement: deliberately slow, so that an uncalibrated machine refuses tight deadlines rather than missing them. */
export const UNCALIBRATED: Pick<Calibration, 'constraintsPerSecond' | 'fixedMs' | 'correction'> = { constraintsPerSecond: 5_000, fixedMs: 2_000, correction: 1 };

/** How much one job moves the correction factor. */
const CORRECTION_WEIGHT = 0.2;

export function loadCalibration(store: Store): Calibration | undefined {
  const parsed = CalibrationSchema.safeParse(store.settings.get(CALIBRATION_SETTING));
  return parsed.success ? parsed.data : undefined;
}

export function saveCalibration(store: Store, calibration: Calibration): void {
  store.settings.set(CALIBRATION_SETTING, calibration);
}

/** Each GPU's calibration by device id ("cuda:0"), with the GPU's name: another card in that slot is measured anew. */
export const GPU_CALIBRATIONS_SETTING = 'engine.calibration.gpus';
const GpuCalibrationsSchema = z.record(z.string(), CalibrationSchema.extend({ gpuName: z.string() }));

export function loadGpuCalibration(store: Store, gpu: { id: string; name: string }): Calibration | undefined {
  const parsed = GpuCalibrationsSchema.safeParse(store.settings.get(GPU_CALIBRATIONS_SETTING));
  const entry = parsed.success ? parsed.data[gpu.id] : undefined;
  if (entry === undefined || entry.gpuName !== gpu.name) return undefined;
  const { gpuName: _name, ...calibration } = entry;
  return calibration;
}

export function saveGpuCalibration(store: Store, gpu: { id: string; name: string }, calibration: Calibration): void {
  const parsed = GpuCalibrationsSchema.safeParse(store.settings.get(GPU_CALIBRATIONS_SETTING));
  store.settings.set(GPU_CALIBRATIONS_SETTING, { ...(parsed.success ? parsed.data : {}), [gpu.id]: { ...calibration, gpuName: gpu.name } });
}

/** Predicted proving time (witness included) for a circuit of this many constraints. */
export function estimateProvingMs(calibration: Pick<Calibration, 'constraintsPerSecond' | 'fixedMs' | 'correction'> | undefined, constraints: number): number {
  const { constraintsPerSecond, fixedMs, correction } = calibration ?? UNCALIBRATED;
  return (fixedMs + (constraints / constraintsPerSecond) * 1000) * correction;
}

/** The least-squares line through the samples (at least two circuit sizes); a flat rate through zero from one. */
export function fitCalibration(samples: CalibrationSample[], threads: number, measuredAtMs: number): Calibration {
  if (samples.length === 0) throw new Error('calibration needs at least one measured proof');
  const n = samples.length;
  const meanX = samples.reduce((s, p) => s + p.constraints, 0) / n;
  const meanY = samples.reduce((s, p) => s + p.provingMs, 0) / n;
  const sxx = samples.reduce((s, p) => s + (p.constraints - meanX) ** 2, 0);
  const sxy = samples.reduce((s, p) => s + (p.constraints - meanX) * (p.provingMs - meanY), 0);
  let msPerConstraint = sxx > 0 ? sxy / sxx : meanY / meanX;
  let fixedMs = meanY - msPerConstraint * meanX;
  if (msPerConstraint <= 0 || fixedMs < 0) {
    // Noise can tilt a line through few points; a rate through zero is then the honest reading.
    msPerConstraint = meanY / meanX;
    fixedMs = 0;
  }
  return { constraintsPerSecond: 1000 / msPerConstraint, fixedMs, threads, measuredAtMs, samples, correction: 1 };
}

/** Folds one finished native job into the correction factor (bounded, so one odd job cannot swing it far). */
export function withObservedJob(calibration: Calibration, constraints: number, provingMs: number): Calibration {
  const predicted = estimateProvingMs({ ...calibration, correction: 1 }, constraints);
  const ratio = Math.min(5, Math.max(0.2, provingMs / predicted));
  const correction = calibration.correction * (1 - CORRECTION_WEIGHT) + ratio * CORRECTION_WEIGHT;
  return { ...calibration, correction };
}
