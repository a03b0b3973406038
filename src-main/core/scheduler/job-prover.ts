// Proves one job's input: circuits with the native engine (witness from the circuit's wasm first), anything
// else with the configured external backend. Measures the proving time the protocols report.
import { runExternalBackend, ExternalBackendError, type ExternalBackendConfig } from '../engine/external-backend.js';
import type { EngineHost } from '../engine/engine-host.js';
import type { EnginePhase } from '../engine/native-addon.js';
import { encodeProofResult } from '../engine/proof-result.js';
import { computeWitness } from '../engine/witness.js';
import type { ProvingInput } from './coordinator-adapter.js';

export interface ProveJobOptions {
  threads: number;
  signal: AbortSignal;
  onProgress?: (phase: EnginePhase | 'witness' | 'external', fraction: number) => void;
  onLog?: (line: string) => void;
}

export interface ProvedJob {
  proof: Uint8Array;
  provingTimeMs: number;
  /** The part of provingTimeMs spent computing the witness (0 for the external backend). */
  witnessMs: number;
  /** As the batch API's reference client reports it: NONE when only the CPU was used. */
  acceleration: string;
}

export class JobProver {
  constructor(
    private readonly engine: EngineHost,
    private readonly external: () => ExternalBackendConfig | undefined,
  ) {}

  async prove(input: ProvingInput, options: ProveJobOptions): Promise<ProvedJob> {
    const started = performance.now();
    if (input.kind === 'external') {
      const config = this.external();
      if (!config) {
        throw new ExternalBackendError('this job needs an external backend (its work is not a circom circuit); set one in Settings → External prover', 'config');
      }
      options.onProgress?.('external', 0);
      const proof = await runExternalBackend(config, { ...input, signal: options.signal, onLog: options.onLog, env: { PROVERDESK_THREADS: String(options.threads) } });
      return { proof, provingTimeMs: performance.now() - started, witnessMs: 0, acceleration: 'NONE' };
    }
    options.onProgress?.('witness', 0);
    const witness = await computeWitness(input.wasm, input.input);
    const witnessMs = performance.now() - started;
    options.signal.throwIfAborted();
    const handle = this.engine.prove({ zkeyPath: input.zkeyPath, witness, threads: options.threads }, (phase, fraction) =>
      options.onProgress?.(phase, fraction),
    );
    const onAbort = () => handle.cancel();
    options.signal.addEventListener('abort', onAbort, { once: true });
    try {
      const { proof, publicSignals } = await handle.result;
      const bytes = encodeProofResult({ proof: proof as unknown as Record<string, unknown>, publicSignals });
      return { proof: bytes, provingTimeMs: performance.now() - started, witnessMs, acceleration: 'NONE' };
    } finally {
      options.signal.removeEventListener('abort', onAbort);
    }
  }
}
