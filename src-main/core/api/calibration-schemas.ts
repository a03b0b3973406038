// API shapes for the machine's calibration (engine/calibration.ts): what the Pricing page shows and re-measures.
import { z } from 'zod';

export const CalibrationView = z.object({
  calibration: z
    .object({
      constraintsPerSecond: z.number(),
      fixedMs: z.number(),
      threads: z.number().int(),
      measuredAtMs: z.number().int(),
      /** Measured job time over predicted, from recent real jobs. */
      correction: z.number(),
      samples: z.array(z.object({ circuit: z.string(), constraints: z.number().int(), provingMs: z.number() })),
    })
    .nullable(),
  /** Predicted proving times (ms) for a few circuit sizes, conservative while uncalibrated. */
  predictions: z.array(z.object({ constraints: z.number().int(), ms: z.number() })),
});
export type CalibrationView = z.infer<typeof CalibrationView>;
