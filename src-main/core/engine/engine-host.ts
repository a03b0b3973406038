// The app's side of the engine process: one long-lived process (so parsed proving keys stay cached between
// proofs), started on first use and again after a crash. A crash or out-of-memory fails the jobs it was
// running with a clear message; the app goes on.
import { readdirSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import type {
  CpuTimes,
  DevSetupRequest,
  EngineChannel,
  EngineErrorCode,
  EngineInventory,
  EngineLauncher,
  EngineMessage,
  HostMessage,
  ProveRequest,
} from './engine-protocol.js';
import type { DevSetupStage, DevSetupSummary, EnginePhase, GpuMemoryEstimate, NativeDevice, ProveStats } from './native-addon.js';

export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode | 'crashed',
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

export interface Groth16Proof {
  pi_a: string[];
  pi_b: string[][];
  pi_c: string[];
  protocol: 'groth16';
  curve: 'bn128';
}

export interface ProveOutcome {
  proof: Groth16Proof;
  publicSignals: string[];
  stats: ProveStats;
}

export interface ProveHandle {
  readonly result: Promise<ProveOutcome>;
  /** Cooperative cancel: the engine stops at its next chunk boundary (about 100 ms). */
  cancel(): void;
  /** Hard cancel: ends the engine process at once. */
  kill(): void;
  pause(): void;
  resume(): void;
  /**
   * CPU-time limit: the proof may use at most `percent` % (a whole number, 1..100) of the CPU time its threads
   * could use; 100 lifts it. Combines with pause(): the proof runs only when neither holds it.
   */
  setCpuLimit(percent: number): void;
}

/** A running INSECURE test-only key generation (see EngineHost.devSetup). */
export interface DevSetupHandle {
  readonly result: Promise<DevSetupSummary>;
  /** Cooperative cancel: stops at the next chunk boundary; no key file is left behind. */
  cancel(): void;
  /** Hard cancel: ends the engine process at once. */
  kill(): void;
  pause(): void;
  resume(): void;
}

interface Pending {
  resolve(message: EngineMessage): void;
  reject(error: EngineError): void;
  onProgress?: (phase: EnginePhase, fraction: number) => void;
  onSetupProgress?: (stage: DevSetupStage, fraction: number) => void;
}

export interface EngineHostOptions {
  /** Run the engine process at low priority (the default), so the user's own programs come first. */
  lowPriority?: boolean;
  /** Problems worth telling the user that do not stop proving, such as a priority the system refused. */
  onWarning?: (message: string) => void;
}

export class EngineHost {
  private channel: EngineChannel | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private killedOnPurpose = false;
  private lowPriority: boolean;
  /** Whether the running engine process has been lowered (its pid may come only once it has started). */
  private channelLowered = false;
  private readonly onWarning: (message: string) => void;

  constructor(
    private readonly launch: EngineLauncher,
    options: EngineHostOptions = {},
  ) {
    this.lowPriority = options.lowPriority ?? true;
    this.onWarning = options.onWarning ?? (() => undefined);
  }

  /** The running engine process's id, if one runs. */
  get enginePid(): number | undefined {
    return this.channel?.pid;
  }

  prove(request: ProveRequest, onProgress?: (phase: EnginePhase, fraction: number) => void): ProveHandle {
    if (!Number.isInteger(request.threads) || request.threads < 1) {
      throw new EngineError('bad-input', `threads must be a whole number of at least 1 (got ${request.threads})`);
    }
    if (request.cpuPct !== undefined) checkCpuPercent(request.cpuPct);
    if (request.device !== undefined && !/^(cpu|cuda:\d{1,3})$/.test(request.device)) {
      throw new EngineError('bad-input', `device must be "cpu" or "cuda:<index>" (got "${request.device}")`);
    }
    const id = this.nextId++;
    const answer = this.call(id, { type: 'prove', id, ...request }, onProgress);
    const result = answer.then((message) => {
      if (message.type !== 'proved') throw new EngineError('engine', `unexpected engine answer '${message.type}'`);
      return {
        proof: JSON.parse(message.proofJson) as Groth16Proof,
        publicSignals: JSON.parse(message.publicJson) as string[],
        stats: message.stats,
      };
    });
    return {
      result,
      ...this.controls(id),
      setCpuLimit: (percent) => {
        checkCpuPercent(percent);
        if (this.pending.has(id)) this.channel?.send({ type: 'cpu-limit', id, percent });
      },
    };
  }

  /**
   * Makes an INSECURE, test-only Groth16 key for a circuit's .r1cs (random secrets, no ceremony), for
   * benchmarks. The key file appears only when complete.
   */
  devSetup(request: DevSetupRequest, onProgress?: (stage: DevSetupStage, fraction: number) => void): DevSetupHandle {
    if (!Number.isInteger(request.threads) || request.threads < 1) {
      throw new EngineError('bad-input', `threads must be a whole number of at least 1 (got ${request.threads})`);
    }
    const id = this.nextId++;
    const answer = new Promise<EngineMessage>((resolve, reject) => {
      this.send(id, { type: 'dev-setup', id, ...request }, { resolve, reject, ...(onProgress ? { onSetupProgress: onProgress } : {}) });
    });
    const result = answer.then((message) => {
      if (message.type !== 'set-up') throw new EngineError('engine', `unexpected engine answer '${message.type}'`);
      return message.summary;
    });
    return { result, ...this.controls(id) };
  }

  private controls(id: number): { cancel(): void; pause(): void; resume(): void; kill(): void } {
    const control = (type: 'cancel' | 'pause' | 'resume') => () => {
      if (this.pending.has(id)) this.channel?.send({ type, id });
    };
    return {
      cancel: control('cancel'),
      pause: control('pause'),
      resume: control('resume'),
      kill: () => {
        if (!this.pending.has(id) || !this.channel) return;
        this.killedOnPurpose = true;
        this.channel.kill();
      },
    };
  }

  async estimateMemory(zkeyPath: string, threads: number): Promise<number> {
    const id = this.nextId++;
    return (await this.answer(id, { type: 'estimate-memory', id, zkeyPath, threads })) as number;
  }

  async devices(): Promise<NativeDevice[]> {
    return (await this.inventory()).devices;
  }

  /** The devices with the GPUs in a sentence (why none can be used, or how many are ready). */
  async inventory(): Promise<EngineInventory> {
    const id = this.nextId++;
    return (await this.answer(id, { type: 'devices', id })) as EngineInventory;
  }

  /** Device memory a proof with this key needs on GPU `gpuIndex`, beside what that GPU has free and in all. */
  async estimateGpuMemory(zkeyPath: string, gpuIndex: number): Promise<GpuMemoryEstimate> {
    const id = this.nextId++;
    return (await this.answer(id, { type: 'estimate-gpu-memory', id, zkeyPath, gpuIndex })) as GpuMemoryEstimate;
  }

  async setKeyCacheLimit(bytes: number): Promise<void> {
    const id = this.nextId++;
    await this.answer(id, { type: 'key-cache-limit', id, bytes });
  }

  /** The engine process's CPU times so far, or null when none runs (this never starts one). */
  async cpuUsage(): Promise<CpuTimes | null> {
    if (!this.channel) return null;
    const id = this.nextId++;
    try {
      return (await this.answer(id, { type: 'cpu-usage', id })) as CpuTimes;
    } catch (error) {
      // The process ended while answering: none runs any more.
      if (error instanceof EngineError && (error.code === 'crashed' || error.code === 'cancelled')) return null;
      throw error;
    }
  }

  /**
   * Low priority applies at once to a running engine process. Raising it back needs privileges the app does
   * not have, so normal priority starts with the next engine process: an idle one is ended now, a busy one
   * when its last request is answered.
   */
  setLowPriority(low: boolean): void {
    this.lowPriority = low;
    if (low) {
      if (this.channel) this.lowerPriority(this.channel);
    } else {
      this.retireIfLowered();
    }
  }

  /** Ends the engine process; running proofs fail as cancelled. */
  close(): void {
    if (!this.channel) return;
    this.killedOnPurpose = true;
    this.channel.kill();
  }

  private async answer(id: number, message: HostMessage): Promise<unknown> {
    const reply = await this.call(id, message);
    if (reply.type !== 'answer') throw new EngineError('engine', `unexpected engine answer '${reply.type}'`);
    return reply.value;
  }

  private call(
    id: number,
    message: HostMessage,
    onProgress?: (phase: EnginePhase, fraction: number) => void,
  ): Promise<EngineMessage> {
    return new Promise((resolve, reject) => {
      this.send(id, message, { resolve, reject, ...(onProgress ? { onProgress } : {}) });
    });
  }

  private send(id: number, message: HostMessage, pending: Pending): void {
    this.pending.set(id, pending);
    try {
      this.ensureChannel().send(message);
    } catch (error) {
      this.pending.delete(id);
      pending.reject(new EngineError('engine', `cannot reach the engine process: ${(error as Error).message}`));
    }
  }

  private ensureChannel(): EngineChannel {
    if (this.channel) return this.channel;
    const channel = this.launch();
    this.channel = channel;
    this.killedOnPurpose = false;
    this.channelLowered = false;
    if (this.lowPriority) this.lowerPriority(channel);
    channel.onMessage((message) => this.receive(message));
    channel.onExit((how) => {
      // A process retired for its priority had nothing pending; what is pending now is its successor's.
      if (this.channel !== channel) return;
      this.channel = undefined;
      const error = this.killedOnPurpose
        ? new EngineError('cancelled', 'cancelled: the engine process was stopped')
        : new EngineError('crashed', `engine crashed: ${how}`);
      for (const pending of this.pending.values()) pending.reject(error);
      this.pending.clear();
    });
    return channel;
  }

  private receive(message: EngineMessage): void {
    // Electron's utility process has a pid only once it has started: lower it as soon as it talks.
    if (this.lowPriority && !this.channelLowered && this.channel) this.lowerPriority(this.channel);
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.type === 'progress') {
      pending.onProgress?.(message.phase, message.fraction);
      return;
    }
    if (message.type === 'setup-progress') {
      pending.onSetupProgress?.(message.stage, message.fraction);
      return;
    }
    this.pending.delete(message.id);
    if (message.type === 'failed') pending.reject(new EngineError(message.code, message.message));
    else pending.resolve(message);
    this.retireIfLowered();
  }

  /** Lowers the engine process's priority: every thread of it on Linux, where priority is per thread. */
  private lowerPriority(channel: EngineChannel): void {
    const pid = channel.pid;
    if (pid === undefined) return;
    this.channelLowered = true;
    const priority = process.platform === 'win32' ? constants.priority.PRIORITY_BELOW_NORMAL : constants.priority.PRIORITY_LOW;
    for (const thread of engineThreads(pid)) {
      try {
        setPriority(thread, priority);
      } catch (error) {
        const ended = (error as { info?: { code?: string } }).info?.code === 'ESRCH';
        if (ended && thread !== pid) continue; // a thread that ended since the listing
        this.onWarning(`could not lower the engine process's priority: ${(error as Error).message}`);
        return;
      }
    }
  }

  /** Ends an idle low-priority engine process once normal priority is wanted; the next use starts a new one. */
  private retireIfLowered(): void {
    const channel = this.channel;
    if (this.lowPriority || !this.channelLowered || !channel || this.pending.size > 0) return;
    this.channel = undefined;
    channel.kill();
  }
}

function checkCpuPercent(percent: number): void {
  if (!Number.isInteger(percent) || percent < 1 || percent > 100) {
    throw new EngineError('bad-input', `the CPU-time limit must be a whole percentage from 1 to 100 (got ${percent})`);
  }
}

/** The ids to set a process's priority on: its threads on Linux (they may be lowered one by one), else its pid. */
function engineThreads(pid: number): number[] {
  if (process.platform !== 'linux') return [pid];
  try {
    return readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    return [pid]; // no /proc: setPriority on the pid reports the problem
  }
}
