// `proverdesk prove`: a Groth16 proof with the native engine, as `snarkjs groth16 prove` makes it.
import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { EngineHost } from '../../core/engine/engine-host.js';
import { readJsonFile } from '../../core/engine/json-file.js';
import { forkEngineProcess } from '../../core/engine/fork-engine.js';
import type { EnginePhase } from '../../core/engine/native-addon.js';
import { releaseSnarkjsWorkers } from '../../core/engine/snarkjs-workers.js';
import { computeWitness } from '../../core/engine/witness.js';
import { parseInteger, parseOptions, requireOption, UsageError } from '../cli-options.js';

export const PROVE_HELP = `Options for prove:
  --zkey FILE              Groth16 proving key (snarkjs .zkey).
  --witness FILE           Witness (.wtns); or instead:
  --wasm FILE --input FILE The circuit's witness generator (.wasm) and its input signals (JSON).
  --proof FILE             Where to write the proof (JSON).
  --public FILE            Where to write the public signals (JSON).
  --threads N              Engine worker threads (default: all ${availableParallelism()} cores).
`;

export async function prove(args: string[]): Promise<number> {
  const values = parseOptions(args, {
    zkey: { type: 'string' },
    witness: { type: 'string' },
    wasm: { type: 'string' },
    input: { type: 'string' },
    proof: { type: 'string' },
    public: { type: 'string' },
    threads: { type: 'string' },
  });
  const zkeyPath = requireOption(values.zkey, '--zkey');
  const proofPath = requireOption(values.proof, '--proof');
  const publicPath = requireOption(values.public, '--public');
  const threads =
    values.threads === undefined ? availableParallelism() : parseInteger('--threads', values.threads, 1, 1024);
  if ((values.witness === undefined) === (values.wasm === undefined || values.input === undefined)) {
    throw new UsageError('give either --witness FILE, or both --wasm FILE and --input FILE');
  }

  const witness =
    values.witness !== undefined ? await readFile(values.witness) : await witnessFromInput(values.wasm!, values.input!);

  const engine = new EngineHost(forkEngineProcess);
  const handle = engine.prove({ zkeyPath, witness, threads }, reportProgress());
  const cancel = () => {
    process.stderr.write('\ncancelling…\n');
    handle.cancel();
  };
  process.once('SIGINT', cancel);
  try {
    const { proof, publicSignals, stats } = await handle.result;
    await writeFile(proofPath, `${JSON.stringify(proof, null, 1)}\n`);
    await writeFile(publicPath, `${JSON.stringify(publicSignals, null, 1)}\n`);
    process.stderr.write('\n');
    const rows = Object.entries(stats.phaseMs).map(([phase, ms]) => `  ${phase.padEnd(10)} ${ms.toFixed(1).padStart(10)} ms`);
    process.stdout.write(
      `Proof written to ${proofPath}, public signals to ${publicPath}.\n` +
        `Time by phase (${threads} thread${threads === 1 ? '' : 's'}${stats.keyCached ? ', key from cache' : ''}):\n` +
        `${rows.join('\n')}\n  ${'total'.padEnd(10)} ${stats.totalMs.toFixed(1).padStart(10)} ms\n` +
        `Peak memory: ${(stats.peakBytes / 2 ** 20).toFixed(1)} MiB\n`,
    );
    return 0;
  } finally {
    process.off('SIGINT', cancel);
    engine.close();
  }
}

async function witnessFromInput(wasm: string, inputFile: string): Promise<Uint8Array> {
  try {
    return await computeWitness(wasm, (await readJsonFile(inputFile, 'the input')) as Record<string, unknown>);
  } finally {
    await releaseSnarkjsWorkers(); // snarkjs's worker threads would keep the command from exiting
  }
}

/** One status line on stderr, rewritten in place on a terminal and printed per phase elsewhere. */
function reportProgress(): (phase: EnginePhase, fraction: number) => void {
  let lastPhase: EnginePhase | undefined;
  return (phase, fraction) => {
    const line = `proving: ${phase} ${(fraction * 100).toFixed(0).padStart(3)} %`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}`);
    else if (phase !== lastPhase) process.stderr.write(`${line}\n`);
    lastPhase = phase;
  };
}
