// What the sampler needs from the machine. The real one reads the OS through systeminformation; tests and
// machines without a GPU or battery substitute their own.
import type { HardwareSample, HardwareStatic } from '../api/schemas.js';

export interface HardwareProbe {
  /** Facts that do not change while the app runs; the sampler adds its own interval. */
  staticInfo(): Promise<Omit<HardwareStatic, 'sampleIntervalMs'>>;
  /** One reading of the machine, stamped with the time it was taken. */
  sample(): Promise<HardwareSample>;
}
