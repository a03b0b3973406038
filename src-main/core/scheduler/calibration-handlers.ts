// The API's calibration endpoints (Pricing page): the machine's measured speed, the CPU's and each GPU's, with
// predictions for a few circuit sizes, and measuring them again.
import type { ApiHandlers } from '../api/dispatcher.js';
import type { CalibrationView } from '../api/calibration-schemas.js';
import { estimateProvingMs } from '../engine/calibration.js';
import type { Calibrator } from './calibrator.js';

type CalibrationQueries = Pick<ApiHandlers['queries'], 'engine.calibration'>;
type CalibrationCommands = Pick<ApiHandlers['commands'], 'engine.calibrate'>;

/** Sizes the predictions are shown for: a small job, a middling one, the engine benchmark's largest. */
const PREDICTED_SIZES = [2 ** 12, 2 ** 16, 2 ** 20];

export function calibrationHandlers({ calibrator, lifetime }: { calibrator: Calibrator; lifetime: AbortSignal }): { queries: CalibrationQueries; commands: CalibrationCommands } {
  const view = (): CalibrationView => {
    const calibration = calibrator.current() ?? null;
    return {
      calibration,
      predictions: PREDICTED_SIZES.map((constraints) => ({ constraints, ms: estimateProvingMs(calibration ?? undefined, constraints) })),
      gpus: calibrator.gpus().map((gpu) => {
        const measured = calibrator.current(gpu.id) ?? null;
        return {
          device: gpu.id,
          name: `GPU ${gpu.index} (${gpu.name})`,
          calibration: measured,
          predictions: measured ? PREDICTED_SIZES.map((constraints) => ({ constraints, ms: estimateProvingMs(measured, constraints) })) : [],
        };
      }),
    };
  };
  return {
    queries: { 'engine.calibration': view },
    commands: {
      'engine.calibrate': async () => {
        await calibrator.measure(lifetime);
        for (const gpu of calibrator.gpus()) await calibrator.measure(lifetime, undefined, gpu.id);
        return view();
      },
    },
  };
}
