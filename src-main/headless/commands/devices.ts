// `proverdesk devices`: what the native engine can prove on here, and why a GPU cannot be used where it cannot.
import { EngineHost } from '../../core/engine/engine-host.js';
import { forkEngineProcess } from '../../core/engine/fork-engine.js';
import { parseOptions } from '../cli-options.js';

export async function devices(args: string[]): Promise<number> {
  parseOptions(args, {});
  const engine = new EngineHost(forkEngineProcess);
  try {
    const { devices, gpuSummary } = await engine.inventory();
    for (const device of devices) {
      if (device.kind === 'cpu') {
        const features = device.features.length ? `, features: ${device.features.join(' ')}` : '';
        process.stdout.write(`cpu     ${device.name} (${device.cores} threads${features})\n`);
      } else {
        process.stdout.write(`${device.id.padEnd(7)} ${device.state.padEnd(15)} ${device.message}\n`);
      }
    }
    process.stdout.write(`GPUs: ${gpuSummary}\n`);
    return 0;
  } finally {
    engine.close();
  }
}
