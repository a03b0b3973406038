// Scheduler v1: polls each coordinator with backoff, takes one job at a time through the job state machine
// (job-state.ts), proves it (job-prover.ts), prices it (pricing/cost-model.ts) and submits it. Every step is
// persisted before the next begins, and the proof is on disk before the job moves to `submitting`, so after a
// crash `recover()` re-proves only jobs whose proof was not yet made and re-submits the rest. An accepted job's
// ledger line lands in the same transaction as its state.
import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../log/logger.js';
import { NANO_USD, NANO_USD_PER_CENT, proofCostCents, proofCostNanoUsd, proofPriceCents, type CostModel } from '../pricing/cost-model.js';
import type { Job, JobPatch } from '../store/repos/jobs-repo.js';
import type { Store } from '../store/store.js';
import type { CoordinatorAdapter, PollResult, ProofToSubmit, ProvingInput } from './coordinator-adapter.js';
import { ACTIVE_STATES, ALLOWED_FROM, type JobState } from './job-state.js';
import type { EngineDevice } from '../engine/native-addon.js';
import type { GovernedProof } from '../governor/governor.js';
import type { DeviceChoice } from './device-planner.js';
import { ResourceLimitError, type JobProver, type ProvedJob } from './job-prover.js';
import { loadProofFile, saveProofFile, type ProofFigures } from './proof-file.js';

export interface SchedulerOptions {
  store: Store;
  adapters: CoordinatorAdapter[];
  /** Rebuilds the adapters when the stored coordinators change (added, edited, resumed while running). */
  reloadAdapters?: () => Promise<CoordinatorAdapter[]>;
  prover: JobProver;
  /** Work folders and proofs live under here. */
  dataDir: string;
  threads: () => number;
  /** The most memory one proof may need (the user's limit); unlimited when absent. */
  maxMemoryBytes?: () => number;
  /** Decides when new work may be taken and steers the running proof (core/governor). */
  governor?: SchedulerGovernor;
  /** Predicted full-speed proving time of a circuit, for the governor's deadline exception. */
  estimateProvingMs?: (constraints: number) => number;
  costModel: () => CostModel;
  log: Logger;
  now?: () => number;
  /** Backoff after a failed poll: doubles from minMs up to maxMs. */
  pollBackoff?: { minMs: number; maxMs: number };
  /** Tries for a submission that fails on the network or with an unexpected answer. */
  submitAttempts?: number;
  /** Told of every job state change and (at most every 250 ms per phase) of progress, for the UI. */
  onEvent?: (event: SchedulerEvent) => void;
  /** Runs once before the first poll (the first start's calibration), under the scheduler's stop signal. */
  prepare?: (signal: AbortSignal) => Promise<void>;
  /** Told how long each native proof took on which device, so predictions follow what this machine really does. */
  onNativeProof?: (constraints: number, provingTimeMs: number, device: EngineDevice) => void;
  /** Where a circuit is proven (device-planner.ts); the CPU when absent. */
  chooseDevice?: (zkeyPath: string, constraints: number) => Promise<DeviceChoice>;
  /** A GPU failed a proof (which the CPU then proved): keep jobs off it for a while. */
  onDeviceFailure?: (device: EngineDevice, reason: string) => void;
}

/** What the scheduler needs of the resource governor. */
export interface SchedulerGovernor {
  /** Why new work must wait now, or null. */
  holdReason(): string | null;
  /** The CPU-time share a proof starting now may use. */
  startingCpuPct(): number;
  /** Steers a proof until the returned function is called. */
  attach(proof: GovernedProof): () => void;
}

export type SchedulerEvent = { type: 'job'; jobId: string; state: string } | ({ type: 'progress' } & JobProgress);

export interface CoordinatorActivity {
  id: string;
  idleReason: string | null;
  unreachableSinceMs: number | null;
}

export interface JobProgress {
  jobId: string;
  phase: string;
  fraction: number;
  /** Where a native proof runs ("cpu", "cuda:0"); absent outside the engine's phases. */
  device?: EngineDevice;
}

/** Tries of a job a coordinator keeps offering, before the coordinator is paused for the user to look. */
const MAX_ATTEMPTS = 3;

interface CoordinatorState {
  adapter: CoordinatorAdapter;
  /** The stored row's updatedAtMs when the adapter was built: a later one means the user edited it. */
  seenUpdatedAtMs: number;
  nextPollAtMs: number;
  failures: number;
  /** Set once a poll found nothing to do (or paused): --once stops when every coordinator has one. */
  idleReason?: string;
  /** The memory limit when its job was refused for it: a different limit asks the coordinator again at once. */
  refusedAtMemoryBytes?: number;
  /** Since when polls have failed to reach it; kept while the governor holds work back (nothing is asked then). */
  unreachableSinceMs?: number;
  /** While work is held back: when to ask a market again for work it was already promised. */
  nextCommittedPollAtMs?: number;
}

/** How long new work waits before the governor is asked again. */
const HOLD_RECHECK_MS = 1_000;
/** While work is held back, how often markets are asked for work they already promised. */
const COMMITTED_RECHECK_MS = 3_000;
/** A job the user's limits keep from starting is asked for again after this (and at once when the limit changes). */
const LIMIT_RETRY_MS = 60_000;

export class Scheduler {
  private coordinators: CoordinatorState[];
  private coordinatorsVersion: string;
  private readonly now: () => number;
  private readonly stopController = new AbortController();
  private readonly jobControllers = new Map<string, AbortController>();
  /** Syncs to disk of proofs made in this run and not yet submitted. */
  private readonly proofSyncs = new Map<string, Promise<void>>();
  private progressState: JobProgress | undefined;
  private lastProgressEventMs = 0;
  private loop: Promise<void> | undefined;
  /** Why no new work is taken now (the governor's reason), shown for every coordinator. */
  private heldReason: string | null = null;

  constructor(private readonly options: SchedulerOptions) {
    this.now = options.now ?? Date.now;
    const updated = new Map(options.store.coordinators.list().map((c) => [c.id, c.updatedAtMs]));
    this.coordinators = options.adapters.map((adapter) => ({ adapter, nextPollAtMs: 0, failures: 0, seenUpdatedAtMs: updated.get(adapter.id) ?? 0 }));
    this.coordinatorsVersion = this.storedCoordinatorsVersion();
  }

  private storedCoordinatorsVersion(): string {
    return JSON.stringify(this.options.store.coordinators.list().map((c) => [c.id, c.enabled, c.pausedReason, c.config, c.updatedAtMs]));
  }

  /** Picks up coordinators added, edited or resumed since the last look; running ones keep their timers. */
  private async refreshCoordinators(): Promise<void> {
    if (!this.options.reloadAdapters) return;
    const version = this.storedCoordinatorsVersion();
    if (version === this.coordinatorsVersion) return;
    this.coordinatorsVersion = version;
    const before = new Map(this.options.store.coordinators.list().map((c) => [c.id, c.updatedAtMs]));
    const adapters = await this.options.reloadAdapters();
    this.coordinatorsVersion = this.storedCoordinatorsVersion(); // building may pause some
    this.coordinators = adapters.map((adapter) => {
      const previous = this.coordinators.find((c) => c.adapter.id === adapter.id);
      // An edited coordinator (new address, new participant ID) is asked at once, not after its old wait.
      const edited = previous !== undefined && previous.seenUpdatedAtMs !== before.get(adapter.id);
      const seenUpdatedAtMs = before.get(adapter.id) ?? 0;
      return previous && !edited ? { ...previous, adapter, seenUpdatedAtMs } : { adapter, nextPollAtMs: 0, failures: 0, seenUpdatedAtMs };
    });
  }

  /** The job being worked on, with its phase and fraction done. */
  current(): JobProgress | undefined {
    return this.progressState;
  }

  /** What each running coordinator is waiting for, if anything. */
  activity(): CoordinatorActivity[] {
    return this.coordinators.map((c) => ({
      id: c.adapter.id,
      idleReason: this.heldReason !== null ? `waiting: ${this.heldReason}` : (c.idleReason ?? null),
      unreachableSinceMs: c.unreachableSinceMs ?? null,
    }));
  }

  private set progress(next: JobProgress | undefined) {
    const phaseChanged = next?.phase !== this.progressState?.phase || next?.jobId !== this.progressState?.jobId;
    this.progressState = next;
    if (!next || !this.options.onEvent) return;
    const now = performance.now();
    // A phase's end (fraction 1) always goes out: a fast proof's phases may each last less than the throttle,
    // and the UI must still see them done, not only started.
    if (phaseChanged || next.fraction >= 1 || now - this.lastProgressEventMs >= 250) {
      this.lastProgressEventMs = now;
      this.options.onEvent({ type: 'progress', ...next });
    }
  }

  /** Recovers unfinished jobs, then polls until stop(); with `once`, returns when every coordinator is out of work. */
  run(mode: { once: boolean } = { once: false }): Promise<void> {
    this.loop ??= this.runLoop(mode.once);
    return this.loop;
  }

  async stop(): Promise<void> {
    this.stopController.abort();
    for (const controller of this.jobControllers.values()) controller.abort();
    await this.loop?.catch(() => undefined);
  }

  /** Cancels a job that is running now; returns whether there was one. */
  cancel(jobId: string): boolean {
    const controller = this.jobControllers.get(jobId);
    controller?.abort(new Error('cancelled by the user'));
    return controller !== undefined;
  }

  private get stopped(): boolean {
    return this.stopController.signal.aborted;
  }

  private async runLoop(once: boolean): Promise<void> {
    await this.options.prepare?.(this.stopController.signal);
    await this.recover();
    while (!this.stopped) {
      await this.refreshCoordinators();
      const due = this.coordinators.filter((c) => (c.nextPollAtMs <= this.now() || this.limitsChanged(c)) && !this.isPaused(c));
      for (const coordinator of due) {
        if (this.stopped) return;
        // The governor may hold new work back (on battery, user active, …): nothing is claimed meanwhile.
        this.heldReason = this.options.governor?.holdReason() ?? null;
        if (this.heldReason !== null) break;
        await this.pollOnce(coordinator);
      }
      if (this.heldReason !== null) {
        await this.deliverCommitments();
        this.heldReason = this.options.governor?.holdReason() ?? null;
        if (this.heldReason !== null) {
          await sleep(HOLD_RECHECK_MS, undefined, { signal: this.stopController.signal }).catch(() => undefined);
          continue;
        }
      }
      if (once && this.coordinators.every((c) => c.idleReason !== undefined || this.isPaused(c))) return;
      const waiting = this.coordinators.filter((c) => !this.isPaused(c)).map((c) => c.nextPollAtMs);
      if (waiting.length === 0 && !once) {
        await sleep(1000, undefined, { signal: this.stopController.signal }).catch(() => undefined);
        continue;
      }
      if (waiting.length === 0) return;
      // Without --once, look at the stored coordinators at least every 2 s, so new ones start promptly.
      const untilDue = Math.max(0, Math.min(...waiting) - this.now());
      const delay = once || !this.options.reloadAdapters ? untilDue : Math.min(untilDue, 2_000);
      if (delay > 0) await sleep(delay, undefined, { signal: this.stopController.signal }).catch(() => undefined);
    }
  }

  private limitsChanged(coordinator: CoordinatorState): boolean {
    return coordinator.refusedAtMemoryBytes !== undefined && coordinator.refusedAtMemoryBytes !== this.options.maxMemoryBytes?.();
  }

  private isPaused(coordinator: CoordinatorState): boolean {
    const stored = this.options.store.coordinators.get(coordinator.adapter.id);
    return !stored || !stored.enabled || stored.pausedReason !== null;
  }

  /** While new work is held back: the work markets were already promised, which must not miss its deadline. */
  private async deliverCommitments(): Promise<void> {
    for (const coordinator of this.coordinators) {
      if (this.stopped || !coordinator.adapter.pollCommitted || this.isPaused(coordinator)) continue;
      if (coordinator.nextCommittedPollAtMs !== undefined && coordinator.nextCommittedPollAtMs > this.now()) continue;
      coordinator.nextCommittedPollAtMs = this.now() + COMMITTED_RECHECK_MS;
      let result: PollResult;
      try {
        result = await coordinator.adapter.pollCommitted(this.stopController.signal);
      } catch (error) {
        this.options.log.warn(`cannot ask ${coordinator.adapter.name} for work it was promised: ${message(error)}`);
        continue;
      }
      if (result.kind === 'job') await this.takeJob(coordinator, result, 'promised before the hold');
    }
  }

  private async pollOnce(coordinator: CoordinatorState): Promise<void> {
    const { adapter } = coordinator;
    const backoff = this.options.pollBackoff ?? { minMs: 2_000, maxMs: 10 * 60_000 };
    let result;
    try {
      result = await adapter.poll(this.stopController.signal);
    } catch (error) {
      coordinator.failures += 1;
      coordinator.unreachableSinceMs ??= this.now();
      const delay = Math.min(backoff.maxMs, backoff.minMs * 2 ** (coordinator.failures - 1));
      coordinator.nextPollAtMs = this.now() + delay * (0.75 + Math.random() / 2);
      coordinator.idleReason = `cannot reach ${adapter.name}: ${message(error)}`;
      this.options.log.warn(`${coordinator.idleReason}; trying again in ${Math.round(delay / 1000)} s`);
      return;
    }
    coordinator.failures = 0;
    coordinator.unreachableSinceMs = undefined;
    coordinator.refusedAtMemoryBytes = undefined;
    if (result.kind === 'idle') {
      coordinator.idleReason = result.reason;
      coordinator.nextPollAtMs = this.now() + result.retryAfterMs;
      return;
    }
    if (result.kind === 'pause') {
      this.options.store.coordinators.setPaused(adapter.id, result.reason);
      this.options.log.warn(`${adapter.name} paused: ${result.reason}`);
      return;
    }
    coordinator.idleReason = undefined;
    coordinator.nextPollAtMs = this.now();
    await this.takeJob(coordinator, result);
  }

  /** Records a job a coordinator offered (or offered again) and runs it. */
  private async takeJob(coordinator: CoordinatorState, result: Extract<PollResult, { kind: 'job' }>, why?: string): Promise<void> {
    const { adapter } = coordinator;
    const { jobs } = this.options.store;
    let job = jobs.findByExternal(adapter.id, result.externalId);
    if (job && !(ACTIVE_STATES as readonly string[]).includes(job.state)) {
      // The coordinator offers work that already ended here (the batch API keeps a batch current until it
      // has an accepted proof). A failure is tried again, a few times; anything else needs the user.
      if ((job.state === 'failed' || job.state === 'expired') && job.attempts < MAX_ATTEMPTS) {
        job = this.move(job.id, 'claimed', { error: null }, 'retry', `offered again by ${adapter.name}: trying again (${job.attempts} tries so far)`);
      } else {
        const why =
          job.state === 'cancelled'
            ? `you cancelled its current job (${result.note}) and it offers nothing else; resume it to prove that job again`
            : `its current job (${result.note}) ended ${job.state} after ${job.attempts} tries${job.error ? ` (${job.error})` : ''}, and it offers nothing else`;
        this.options.store.transaction(() => {
          this.options.store.coordinators.setPaused(adapter.id, why);
          // Resuming the coordinator is the user's go-ahead: the job is taken again at the next offer.
          this.move(job!.id, 'claimed', { attempts: 0 }, 'held', `${adapter.name} paused: ${why}`);
        });
        this.options.log.warn(`${adapter.name} paused: ${why}`);
        return;
      }
    }
    if (!job) {
      const id = randomUUID();
      this.options.store.transaction(() => {
        jobs.create(
          { id, coordinatorId: adapter.id, externalId: result.externalId, state: 'discovered', inputRef: JSON.stringify(result.payload), deadlineAtMs: result.deadlineAtMs ?? null },
          { kind: 'discovered', message: `${adapter.name}: ${result.note}` },
        );
        this.move(id, 'claimed', {}, 'claimed', why ? `assigned to this machine (${why})` : 'assigned to this machine');
      });
      job = jobs.get(id)!;
    }
    if ((await this.runJob(job, adapter)) === 'over-limits') {
      coordinator.nextPollAtMs = this.now() + LIMIT_RETRY_MS;
      coordinator.refusedAtMemoryBytes = this.options.maxMemoryBytes?.();
      coordinator.idleReason = `its job needs more memory than your limit allows (Settings → Resources); it starts once the limit is raised`;
    }
  }

  /** Finishes what a previous run left: proofs made are submitted again, the rest start over unless expired. */
  private async recover(): Promise<void> {
    for (const job of this.options.store.jobs.listByState(ACTIVE_STATES)) {
      if (this.stopped) return;
      const coordinator = this.coordinators.find((c) => c.adapter.id === job.coordinatorId);
      if (!coordinator) continue; // its coordinator is not running now; the job waits for it
      this.options.store.jobEvents.append(job.id, { kind: 'recovered', message: `resumed after a restart (was ${job.state})` });
      const current = job.state === 'discovered' ? this.move(job.id, 'claimed', {}, 'claimed', 'assigned to this machine') : job;
      await this.runJob(current, coordinator.adapter);
    }
  }

  private async runJob(job: Job, adapter: CoordinatorAdapter): Promise<'done' | 'over-limits'> {
    const controller = new AbortController();
    this.jobControllers.set(job.id, controller);
    const onStop = () => controller.abort(new Error('the app is stopping'));
    this.stopController.signal.addEventListener('abort', onStop, { once: true });
    const payload = JSON.parse(job.inputRef ?? '{}') as Record<string, unknown>;
    const workDir = join(this.options.dataDir, 'work', job.id);
    try {
      let current = job;
      if (current.state !== 'submitting') current = await this.proveJob(current, adapter, payload, workDir, controller.signal);
      if (current.state === 'submitting') await this.submitJob(current, adapter, payload, controller.signal);
      return 'done';
    } catch (error) {
      if (this.stopped) return 'done'; // stopping mid-job is a pause: recover() picks it up next start
      const state = this.options.store.jobs.get(job.id)?.state;
      if (error instanceof ResourceLimitError && state && (ACTIVE_STATES as readonly string[]).includes(state)) {
        // Not a failure of the job: it was never started. It does not count as a try.
        this.move(job.id, 'failed', { error: error.message, attempts: job.attempts }, 'not-started', error.message);
        this.options.log.warn(`job ${job.id} (${adapter.name}) ${error.message}`);
        return 'over-limits';
      }
      if (state && (ACTIVE_STATES as readonly string[]).includes(state)) {
        const cancelled = controller.signal.aborted;
        this.move(job.id, cancelled ? 'cancelled' : 'failed', { error: message(error) }, cancelled ? 'cancelled' : 'failed', message(error));
        await this.giveBack(job, adapter, payload, message(error));
      }
      this.options.log.warn(`job ${job.id} (${adapter.name}) ended: ${message(error)}`);
      return 'done';
    } finally {
      this.progress = undefined;
      this.jobControllers.delete(job.id);
      this.stopController.signal.removeEventListener('abort', onStop);
      await rm(workDir, { recursive: true, force: true });
    }
  }

  private async proveJob(job: Job, adapter: CoordinatorAdapter, payload: Record<string, unknown>, workDir: string, signal: AbortSignal): Promise<Job> {
    if (job.deadlineAtMs !== null && job.deadlineAtMs <= this.now()) {
      const expired = this.move(job.id, 'expired', { error: 'its deadline passed before it could be proven' }, 'expired', 'deadline passed');
      await this.giveBack(job, adapter, payload, 'its deadline passed before it could be proven');
      return expired;
    }
    await mkdir(workDir, { recursive: true });
    this.move(job.id, 'downloading', { attempts: job.attempts + 1 }, 'downloading', 'fetching the inputs');
    this.progress = { jobId: job.id, phase: 'downloading', fraction: 0 };
    const input = await adapter.fetch(job, payload, workDir, signal);
    const threads = this.options.threads();
    if (this.options.maxMemoryBytes) await this.options.prover.admit(input, { threads, maxMemoryBytes: this.options.maxMemoryBytes() });
    const choice = input.kind === 'circuit' && this.options.chooseDevice ? await this.options.chooseDevice(input.zkeyPath, input.constraints) : undefined;
    for (const note of choice?.notes ?? []) this.options.store.jobEvents.append(job.id, { kind: 'device', message: `not on the GPU: ${note}` });
    let device: EngineDevice = choice?.device ?? 'cpu';
    const deviceName = choice?.deviceName ?? 'CPU';
    const facts = (on: EngineDevice, onName: string) =>
      input.kind === 'circuit'
        ? {
            what: `${input.circuitName} (${input.constraints} constraints) on the native engine, ${on === 'cpu' ? 'on the CPU' : `on ${onName}`}`,
            data: { backend: 'native', circuitName: input.circuitName, constraints: input.constraints, device: on, deviceName: onName },
          }
        : { what: 'with the external backend', data: { backend: 'external' } };
    const first = facts(device, deviceName);
    this.move(job.id, 'proving', {}, 'proving', `proving ${first.what}`, first.data);
    const estimatedMs = input.kind === 'circuit' ? (choice?.estimatedMs ?? this.options.estimateProvingMs?.(input.constraints) ?? null) : null;
    let proved: ProvedJob;
    try {
      proved = await this.proveOn(job, input, device, estimatedMs, threads, signal);
    } catch (error) {
      // A GPU that fails (driver fault, its memory taken by another program) does not fail the job: the CPU
      // proves it, and the GPU is set aside for a while.
      if (device === 'cpu' || signal.aborted) throw error;
      this.options.onDeviceFailure?.(device, message(error));
      this.options.log.warn(`job ${job.id}: ${deviceName} failed (${message(error)}); proving it on the CPU`);
      const retry = facts('cpu', 'CPU');
      this.options.store.jobEvents.append(job.id, { kind: 'proving', message: `${deviceName} failed (${message(error)}): proving ${retry.what}`, data: retry.data });
      device = 'cpu';
      // The failed GPU is set aside now, so the fastest estimate left is the CPU's.
      const cpuEstimateMs = input.kind === 'circuit' ? (this.options.estimateProvingMs?.(input.constraints) ?? null) : null;
      proved = await this.proveOn(job, input, device, cpuEstimateMs, threads, signal);
    }
    if (input.kind === 'circuit') this.options.onNativeProof?.(input.constraints, proved.provingTimeMs, device);
    const model = this.options.costModel();
    const costCents = proofCostCents(model, proved.provingTimeMs);
    const provingTimeMs = Math.round(proved.provingTimeMs);
    const meta: ProofFigures = {
      provingTimeMs,
      costCents,
      costNanoUsd: proofCostNanoUsd(model, provingTimeMs),
      priceCents: proofPriceCents(model, costCents),
      acceleration: proved.acceleration,
    };
    const saved = await saveProofFile(join(this.options.dataDir, 'proofs'), job.id, proved.proof, meta, (error) =>
      this.options.log.warn(`job ${job.id}: its proof could not be synced to disk (${message(error)}); a power loss now could lose it`),
    );
    this.proofSyncs.set(job.id, saved.synced);
    const proofPath = saved.path;
    const text = `proof ready in ${meta.provingTimeMs} ms; cost ${meta.costCents} ¢, price ${meta.priceCents} ¢`;
    return this.move(job.id, 'submitting', { resultRef: proofPath }, 'proved', text, { ...meta, witnessMs: Math.round(proved.witnessMs) });
  }

  /** Proves a job's input on one device, steered by the governor, with progress for the UI. */
  private async proveOn(job: Job, input: ProvingInput, device: EngineDevice, estimatedMs: number | null, threads: number, signal: AbortSignal): Promise<ProvedJob> {
    const { governor } = this.options;
    let detach: (() => void) | undefined;
    const proving = this.options.prover.prove(input, {
      threads,
      device,
      signal,
      ...(governor ? { cpuPct: governor.startingCpuPct() } : {}),
      onStarted: (control) => {
        detach = governor?.attach({
          jobId: job.id,
          deadlineAtMs: job.deadlineAtMs,
          estimatedMs,
          usesGpu: device !== 'cpu',
          ...(control ? { apply: (cpuPct: number) => control.setCpuPct(cpuPct), throttles: control.throttles } : {}),
          note: (text) => this.options.store.jobEvents.append(job.id, { kind: 'governor', message: text }),
        });
      },
      onProgress: (phase, fraction) => {
        this.progress = { jobId: job.id, phase, fraction, ...(input.kind === 'circuit' && phase !== 'witness' ? { device } : {}) };
      },
      onLog: (line) => this.options.store.jobEvents.append(job.id, { kind: 'backend-log', message: line.slice(0, 2000) }),
    });
    return proving.finally(() => detach?.());
  }

  private async submitJob(job: Job, adapter: CoordinatorAdapter, payload: Record<string, unknown>, signal: AbortSignal): Promise<void> {
    const { store } = this.options;
    const proof = await this.loadProof(job);
    // The proof's sync to disk overlaps the submission; an outcome is recorded only once it is done.
    const proofSynced = this.proofSyncs.get(job.id) ?? Promise.resolve();
    this.proofSyncs.delete(job.id);
    const resubmission = store.jobEvents.listForJob(job.id).some((e) => e.kind === 'submit-attempt');
    const attempts = this.options.submitAttempts ?? 4;
    for (let attempt = 1; ; attempt++) {
      this.progress = { jobId: job.id, phase: 'submitting', fraction: 0 };
      // Survives an app crash (a restart then says the first answer was lost); only a power loss right now
      // could drop it, and then the resubmission's outcome is merely worded as stale. Not worth an fsync per job.
      store.jobEvents.append(job.id, { kind: 'submit-attempt', message: `submitting (try ${attempt})` });
      let result;
      try {
        result = await adapter.submit(job, payload, proof, signal);
      } catch (error) {
        if (signal.aborted || attempt >= attempts) throw error;
        store.jobEvents.append(job.id, { kind: 'submit-retry', message: `submission failed: ${message(error)}; trying again` });
        await sleep(1000 * 2 ** (attempt - 1), undefined, { signal });
        continue;
      }
      await proofSynced;
      if (result.kind === 'accepted') {
        this.syncedLater(store.durably(() => {
          this.move(job.id, 'accepted', { error: null }, 'accepted', result.message, { costCents: proof.costCents, priceCents: proof.priceCents });
          const costNanoUsd = proof.costNanoUsd ?? proof.costCents * NANO_USD_PER_CENT;
          store.earnings.record({ atMs: this.now(), coordinatorId: adapter.id, jobId: job.id, kind: 'cost', amountMinor: -BigInt(costNanoUsd), currency: NANO_USD, note: `price asked ${proof.priceCents} ¢` });
          for (const earning of result.earnings ?? []) store.earnings.record({ atMs: this.now(), coordinatorId: adapter.id, jobId: job.id, ...earning });
        }));
      } else if (result.kind === 'rejected') {
        this.syncedLater(store.durably(() => this.move(job.id, 'rejected', { error: result.message }, 'rejected', result.message)));
        await this.giveBack(job, adapter, payload, result.message);
      } else if (result.kind === 'gone') {
        const why = resubmission
          ? `${result.message}: the proof was probably accepted before the app stopped (outcome unknown)`
          : `${result.message}: the coordinator no longer has this job`;
        this.move(job.id, 'failed', { error: why }, resubmission ? 'outcome-unknown' : 'stale', why);
      } else {
        store.coordinators.setPaused(adapter.id, result.message);
        this.move(job.id, 'failed', { error: result.message }, 'failed', result.message);
      }
      return;
    }
  }

  /** Tells a market this machine will not deliver a job it won, so it is not held against the deadline for nothing. */
  private async giveBack(job: Job, adapter: CoordinatorAdapter, payload: Record<string, unknown>, reason: string): Promise<void> {
    if (!adapter.reportFailure || this.stopped) return;
    try {
      const outcome = await adapter.reportFailure(job, payload, reason, this.stopController.signal);
      this.options.store.jobEvents.append(job.id, { kind: 'reported', message: outcome });
    } catch (error) {
      this.options.store.jobEvents.append(job.id, { kind: 'report-failed', message: `could not tell ${adapter.name}: ${message(error)}` });
      this.options.log.warn(`job ${job.id}: could not report its failure to ${adapter.name}: ${message(error)}`);
    }
  }

  private move(jobId: string, to: JobState, patch: JobPatch, kind: string, text: string, data?: unknown): Job {
    const job = this.options.store.jobs.transition(jobId, ALLOWED_FROM[to], to, patch, { kind, message: text, data });
    this.options.onEvent?.({ type: 'job', jobId, state: to });
    return job;
  }

  /** An outcome's sync to disk goes on while the next job starts; a failure is logged (the app crash case is covered anyway). */
  private syncedLater(commit: { onDisk: Promise<void> }): void {
    commit.onDisk.catch((error: unknown) => this.options.log.warn(`a job outcome could not be synced to disk: ${message(error)}`));
  }

  private async loadProof(job: Job): Promise<ProofToSubmit> {
    if (!job.resultRef) throw new Error('the job has no proof to submit');
    return loadProofFile(job.resultRef);
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
