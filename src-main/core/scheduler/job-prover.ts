// Proves one job's input: circuits with the native engine (witness from the circuit's wasm first), anything
// else with the configured external backend. Measures the proving time the protocols report.
import { stat } from 'node:fs/promises';
import { runExternalBackend, ExternalBackendError, type ExternalBackendConfig } from '../engine/external-backend.js';
import type { EngineHost } from '../engine/engine-host.js';
import type { EngineDevice, EnginePhase } from '../engine/native-addon.js';
import { encodeProofResult } from '../engine/proof-result.js';
import { computeWitness } from '../engine/witness.js';
import type { ProvingInput } from './coordinator-adapter.js';

export interface ProveJobOptions {
  threads: number;
  /** Where a circuit is proven (default: the CPU); external provers choose their own. */
  device?: EngineDevice;
  signal: AbortSignal;
  /** The CPU-time share the proof starts at (1–100; the governor changes it through the control). */
  cpuPct?: number;
  /** Called once the proof runs, with its control (undefined: it cannot be steered at all). */
  onStarted?: (control: ProofControl | undefined) => void;
  /** External provers start at low OS priority (the engine's priority is the engine host's). */
  lowPriority?: boolean;
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

/** Steers a running proof: 0 pauses it, 1–100 lets it use that share of its threads' CPU time. */
export interface ProofControl {
  setCpuPct(cpuPct: number): void;
  /** False for external provers: they can be paused (where the OS allows) but not slowed down. */
  readonly throttles: boolean;
}

/** A proof the limits the user set do not allow (it was not started). */
export class ResourceLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResourceLimitError';
  }
}

/** The engine takes whole percentages from 1 to 100. */
function wholePct(cpuPct: number): number {
  return Math.min(100, Math.max(1, Math.round(cpuPct)));
}

function formatMemory(bytes: number): string {
  const gib = bytes / 1024 ** 3;
  if (gib < 1) return `${Math.ceil(bytes / 1024 ** 2)} MiB`;
  return `${gib < 10 ? gib.toFixed(2) : gib.toFixed(1)} GiB`;
}

export class JobProver {
  constructor(
    private readonly engine: EngineHost,
    private readonly external: () => ExternalBackendConfig | undefined,
  ) {}

  /** Throws ResourceLimitError when the proof would need more memory than the user allows. */
  async admit(input: ProvingInput, limits: { threads: number; maxMemoryBytes: number }): Promise<void> {
    if (input.kind !== 'circuit') return; // an external prover's needs are not known
    // The engine's estimate is its working memory; the parsed proving key (about the .zkey's size) comes on top.
    const [workingBytes, key] = await Promise.all([this.engine.estimateMemory(input.zkeyPath, limits.threads), stat(input.zkeyPath)]);
    const neededBytes = workingBytes + key.size;
    if (neededBytes > limits.maxMemoryBytes) {
      throw new ResourceLimitError(
        `not started: proving ${input.circuitName} needs about ${formatMemory(neededBytes)} of memory, above your limit of ${formatMemory(limits.maxMemoryBytes)} (Settings → Resources)`,
      );
    }
  }

  async prove(input: ProvingInput, options: ProveJobOptions): Promise<ProvedJob> {
    const started = performance.now();
    if (input.kind === 'external') {
      const config = this.external();
      if (!config) {
        throw new ExternalBackendError('this job needs an external backend (its work is not a circom circuit); set one in Settings → External prover', 'config');
      }
      options.onProgress?.('external', 0);
      const proof = await runExternalBackend(config, {
        ...input,
        signal: options.signal,
        ...(options.onLog ? { onLog: options.onLog } : {}),
        env: { PROVERDESK_THREADS: String(options.threads) },
        lowPriority: options.lowPriority ?? true,
        onStarted: (control) =>
          options.onStarted?.(control && { throttles: false, setCpuPct: (cpuPct) => (cpuPct <= 0 ? control.pause() : control.resume()) }),
      });
      return { proof, provingTimeMs: performance.now() - started, witnessMs: 0, acceleration: 'NONE' };
    }
    options.onProgress?.('witness', 0);
    const witness = await computeWitness(input.wasm, input.input);
    const witnessMs = performance.now() - started;
    options.signal.throwIfAborted();
    const startPct = options.cpuPct !== undefined && options.cpuPct > 0 && options.cpuPct < 100 ? { cpuPct: wholePct(options.cpuPct) } : {};
    const device = options.device ?? 'cpu';
    const handle = this.engine.prove({ zkeyPath: input.zkeyPath, witness, threads: options.threads, device, ...startPct }, (phase, fraction) =>
      options.onProgress?.(phase, fraction),
    );
    options.onStarted?.({
      throttles: true,
      setCpuPct: (cpuPct) => {
        if (cpuPct <= 0) return handle.pause();
        handle.setCpuLimit(wholePct(cpuPct));
        handle.resume();
      },
    });
    const onAbort = () => handle.cancel();
    options.signal.addEventListener('abort', onAbort, { once: true });
    try {
      const { proof, publicSignals } = await handle.result;
      const bytes = encodeProofResult({ proof: proof as unknown as Record<string, unknown>, publicSignals });
      return { proof: bytes, provingTimeMs: performance.now() - started, witnessMs, acceleration: device === 'cpu' ? 'NONE' : 'GPU' };
    } finally {
      options.signal.removeEventListener('abort', onAbort);
    }
  }
}
