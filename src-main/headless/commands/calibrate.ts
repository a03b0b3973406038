// `proverdesk calibrate`: measures how fast this machine proves (the practice circuits through the native
// engine, as real jobs run), keeps it for the scheduler's predictions and prints it, with the break-even and
// suggested Succinct bids that speed gives at the saved cost model.
import { EngineHost } from '../../core/engine/engine-host.js';
import { estimateProvingMs } from '../../core/engine/calibration.js';
import { forkEngineProcess } from '../../core/engine/fork-engine.js';
import { createStderrLogger } from '../../core/log/logger.js';
import { createScheduler } from '../../core/scheduler/start-scheduler.js';
import { loadCostModel } from '../../core/pricing/cost-model.js';
import { loadSuccinctBidSettings } from '../../core/pricing/succinct-bid-settings.js';
import { FALLBACK_TICK_WEI, formatProvePerBpgu, quoteSuccinctBid } from '../../core/pricing/succinct-bid-strategy.js';
import { parseOptions } from '../cli-options.js';
import { dataDirOption, openCliParts } from '../cli-parts.js';
import { findPackage, practicePackagesDir } from '../package-root.js';

export const CALIBRATE_HELP = `Options for calibrate (all take --data-dir DIR):
  calibrate [--json]       Measure proving speed (a few seconds) and keep it for the scheduler's predictions.
`;

export async function calibrate(args: string[]): Promise<number> {
  const values = parseOptions(args, { ...dataDirOption, json: { type: 'boolean', default: false } });
  const parts = await openCliParts(values['data-dir']);
  const engine = new EngineHost(forkEngineProcess);
  const controller = new AbortController();
  const stop = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', stop);
  try {
    const { calibrator } = await createScheduler({ ...parts, engine, log: createStderrLogger('calibrate'), practicePackagesDir: practicePackagesDir(findPackage().root) });
    const calibration = await calibrator.measure(controller.signal, (fraction) => {
      if (process.stderr.isTTY) process.stderr.write(`\rmeasuring… ${Math.round(fraction * 100)}%`);
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    if (values.json) {
      process.stdout.write(`${JSON.stringify(calibration, null, 2)}\n`);
      return 0;
    }
    process.stdout.write(
      `${Math.round(calibration.constraintsPerSecond).toLocaleString('en')} constraints/s plus ${Math.round(calibration.fixedMs)} ms per job, ` +
        `on ${calibration.threads} thread${calibration.threads === 1 ? '' : 's'}.\n`,
    );
    for (const constraints of [2 ** 12, 2 ** 16, 2 ** 20]) {
      process.stdout.write(`  a ${constraints.toLocaleString('en')}-constraint job: about ${formatMs(estimateProvingMs(calibration, constraints))}\n`);
    }
    // What those speeds mean for bids, at the saved cost model and Succinct settings (Pricing page).
    const model = loadCostModel(parts.store.settings);
    const bids = loadSuccinctBidSettings(parts.store.settings);
    process.stdout.write(
      `Succinct bids at ${formatUsdMicros(bids.proveUsdMicros)} per PROVE, ${bids.marginBasisPoints / 100} % margin (PROVE per billion PGU; a practice PGU is a constraint):\n`,
    );
    for (const constraints of [2 ** 12, 2 ** 16, 2 ** 20]) {
      const quote = quoteSuccinctBid(model, bids, { gasLimit: BigInt(constraints), provingMs: estimateProvingMs(calibration, constraints) }, FALLBACK_TICK_WEI);
      process.stdout.write(
        `  ${constraints.toLocaleString('en')} PGU: break-even ${formatProvePerBpgu(quote.breakEvenWeiPerPgu)}, bid ${formatProvePerBpgu(quote.bidWeiPerPgu)}\n`,
      );
    }
    return 0;
  } finally {
    process.off('SIGINT', stop);
    engine.close();
    parts.close();
  }
}

function formatUsdMicros(micros: number): string {
  return `$${(micros / 1_000_000).toFixed(micros % 10_000 === 0 ? 2 : 4)}`;
}

function formatMs(ms: number): string {
  return ms < 10_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
