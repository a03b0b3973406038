// `proverdesk devices`: what the native engine can prove on here.
import { EngineHost } from '../../core/engine/engine-host.js';
import { forkEngineProcess } from '../../core/engine/fork-engine.js';
import { parseOptions } from '../cli-options.js';

export async function devices(args: string[]): Promise<number> {
  parseOptions(args, {});
  const engine = new EngineHost(forkEngineProcess);
  try {
    for (const device of await engine.devices()) {
      const details = [
        device.cores === undefined ? undefined : `${device.cores} threads`,
        device.memoryBytes === undefined ? undefined : `${(device.memoryBytes / 2 ** 30).toFixed(1)} GiB`,
        device.features?.length ? `features: ${device.features.join(' ')}` : undefined,
      ].filter((part) => part !== undefined);
      process.stdout.write(`${device.kind.toUpperCase()}  ${device.name}${details.length ? ` (${details.join(', ')})` : ''}\n`);
    }
    process.stdout.write('GPU proving needs the CUDA backend, which this build does not include.\n');
    return 0;
  } finally {
    engine.close();
  }
}
