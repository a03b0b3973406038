// API shapes for the machine's calibration (engine/calibration.ts): what the Pricing page shows and re-measures.
import { z } from 'zod';

const Calibration = z.object({
  constraintsPerSecond: z.number(),
  fixedMs: z.number(),
  threads: z.number().int(),
  measuredAtMs: z.number().int(),
  /** Measured job time over predicted, from recent real jobs. */
  correction: z.number(),
  samples: z.array(z.object({ circuit: z.string(), constraints: z.number().int(), provingMs: z.number() })),
});

const Prediction = z.object({ constraints: z.number().int(), ms: z.number() });

export const CalibrationView = z.object({
  /** The CPU's. */
  calibration: Calibration.nullable(),
  /** Predicted proving times (ms) on the CPU for a few circuit sizes, conservative while uncalibrated. */
  predictions: z.array(Prediction),
  /** Each GPU the engine can prove on, measured on its own; predictions are empty until it is measured. */
  gpus: z.array(z.object({ device: z.string(), name: z.string(), calibration: Calibration.nullable(), predictions: z.array(Prediction) })),
});
export type CalibrationView = z.infer<typeof CalibrationView>;
