// `proverdesk dev-setup`: an INSECURE, test-only Groth16 key for a circom circuit, made by the native engine
// from a random secret (no powers-of-tau file), so that benchmarks can use circuits of 2^18–2^20 constraints.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { INSECURE_KEY_WARNING, makeDevKey, suggestedDevKeyPaths } from '../../core/engine/dev-key.js';
import { EngineHost } from '../../core/engine/engine-host.js';
import { forkEngineProcess } from '../../core/engine/fork-engine.js';
import type { DevSetupStage } from '../../core/engine/native-addon.js';
import { releaseSnarkjsWorkers } from '../../core/engine/snarkjs-workers.js';
import { parseInteger, parseOptions, requireOption, UsageError } from '../cli-options.js';

export const DEV_SETUP_HELP = `Options for dev-setup (INSECURE: test and benchmark keys only, never for real proofs):
  --r1cs FILE              The circuit's constraint system (circom .r1cs).
  --zkey FILE              Where to write the INSECURE proving key (default: <circuit>.INSECURE-dev.zkey).
  --vkey FILE              Where to write its verification key (default: <circuit>.INSECURE-dev.vkey.json).
  --threads N              Engine worker threads (default: all ${availableParallelism()} cores).
  --force                  Replace existing key files.
`;

export async function devSetup(args: string[]): Promise<number> {
  const values = parseOptions(args, {
    r1cs: { type: 'string' },
    zkey: { type: 'string' },
    vkey: { type: 'string' },
    threads: { type: 'string' },
    force: { type: 'boolean' },
  });
  const r1csPath = requireOption(values.r1cs, '--r1cs');
  const suggested = suggestedDevKeyPaths(r1csPath);
  const zkeyPath = values.zkey ?? suggested.zkey;
  const vkeyPath = values.vkey ?? suggested.vkey;
  const threads =
    values.threads === undefined ? availableParallelism() : parseInteger('--threads', values.threads, 1, 1024);
  if (!values.force) {
    for (const [flag, file] of [['--zkey', zkeyPath], ['--vkey', vkeyPath]] as const) {
      if (existsSync(file)) throw new UsageError(`${flag} ${file} already exists; pass --force to replace it`);
    }
  }

  process.stderr.write(`${INSECURE_KEY_WARNING}\n`);
  const engine = new EngineHost(forkEngineProcess);
  const handle = makeDevKey(engine, { r1csPath, zkeyPath, vkeyPath, threads }, reportProgress());
  const cancel = () => {
    process.stderr.write('\ncancelling…\n');
    handle.cancel();
  };
  process.once('SIGINT', cancel);
  try {
    const summary = await handle.result;
    process.stderr.write('\n');
    process.stdout.write(
      `INSECURE test-only proving key written to ${zkeyPath}, its verification key to ${vkeyPath}.\n` +
        `Circuit: ${summary.nConstraints} constraints, ${summary.nVars} variables, ${summary.nPublic} public; ` +
        `domain 2^${Math.log2(summary.domainSize)}. Took ${(summary.totalMs / 1000).toFixed(1)} s with ` +
        `${threads} thread${threads === 1 ? '' : 's'}.\n`,
    );
    return 0;
  } finally {
    process.off('SIGINT', cancel);
    engine.close();
    await releaseSnarkjsWorkers(); // snarkjs's worker threads would keep the command from exiting
  }
}

/** One status line on stderr, rewritten in place on a terminal and printed per stage elsewhere. */
function reportProgress(): (stage: DevSetupStage, fraction: number) => void {
  let lastStage: DevSetupStage | undefined;
  return (stage, fraction) => {
    const line = `INSECURE dev-setup: ${stage} ${(fraction * 100).toFixed(0).padStart(3)} %`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}`);
    else if (stage !== lastStage) process.stderr.write(`${line}\n`);
    lastStage = stage;
  };
}
