// The program distributor as the scheduler sees it (coordinator-adapter.ts). poll() walks the chosen programs
// round-robin; it learns each program's circuit size once (GET /program/{id}, which reserves nothing), skips a
// program whose reservation would run out before the proof could be ready, and otherwise reserves an input
// group and spools it to disk. fetch() proves from the spool; submit() uploads the proof anonymously.
import { z } from 'zod';
import { CircuitPackageError } from '../../engine/circuit-package.js';
import type { PackageCache } from '../../engine/package-cache.js';
import { UnsafeArchiveError } from '../../net/safe-tar.js';
import { circuitProvingInput } from '../../scheduler/circuit-input.js';
import type { CoordinatorAdapter, PollResult, ProofToSubmit, ProvingInput, SubmitResult } from '../../scheduler/coordinator-adapter.js';
import type { Job } from '../../store/repos/jobs-repo.js';
import { InputCsvError } from './csv-input.js';
import type { DonorClient, Reservation } from './donor-client.js';
import { ReservationSpool } from './reservation-spool.js';
import { DonationServerError } from './transport.js';
import type { Program } from './wire.js';

export interface DonationAdapterConfig {
  /** The programs to donate to; absent or empty means every program the server lists. */
  programIds?: string[];
}

/** Ask again this long after every chosen program answered "nothing free". */
export const NO_WORK_RETRY_MS = 60_000;
/** A proof must be ready this long (plus a quarter of its estimate) before the reservation runs out. */
export const ADMISSION_MARGIN_MS = 10_000;
export const ADMISSION_MARGIN_FRACTION = 0.25;
const LIST_TTL_MS = 60_000;
const LIST_MAX_PAGES = 20;
const UNUSABLE_RETRY_MS = 10 * 60_000;
const SPOOL_GRACE_MS = 60 * 60_000;

const PayloadSchema = z.object({
  programId: z.string(),
  organizationId: z.string(),
  inputGroupId: z.string(),
  spool: z.string(),
  packageSha256: z.string().optional(),
});
type DonationPayload = z.infer<typeof PayloadSchema>;

type ProgramFacts =
  | { kind: 'practice'; sha256: string; constraints: number }
  /** Not a circuit package: its proving time cannot be estimated, so it is admitted. */
  | { kind: 'external'; sha256: string }
  | { kind: 'unusable'; reason: string; untilMs: number };

export class DonationAdapter implements CoordinatorAdapter {
  private readonly spool: ReservationSpool;
  private readonly facts = new Map<string, ProgramFacts>();
  private listing: { programs: Program[]; atMs: number } | undefined;
  private cursor = 0;

  constructor(
    readonly id: string,
    readonly name: string,
    private readonly client: DonorClient,
    private readonly packages: PackageCache,
    spoolDir: string,
    private readonly config: DonationAdapterConfig,
    private readonly estimateProvingMs: (constraints: number) => number,
    private readonly now: () => number = Date.now,
  ) {
    this.spool = new ReservationSpool(spoolDir);
  }

  async poll(signal: AbortSignal): Promise<PollResult> {
    await this.spool.prune(this.now(), SPOOL_GRACE_MS);
    const programs = await this.chosenPrograms(signal);
    if (programs.length === 0) {
      const reason = this.config.programIds?.length ? 'none of the chosen programs is listed by the server' : 'the server lists no programs';
      return { kind: 'idle', reason, retryAfterMs: NO_WORK_RETRY_MS };
    }
    const skipped: string[] = [];
    let noWork = false;
    for (let step = 0; step < programs.length; step++) {
      const index = (this.cursor + step) % programs.length;
      const program = programs[index]!;
      const skip = await this.admission(program, signal);
      if (skip) {
        skipped.push(`skipped ${program.name}: ${skip}`);
        continue;
      }
      let reservation: Reservation;
      try {
        const outcome = await this.client.reserve(program.program_id, signal);
        if (outcome.kind === 'no-work') {
          noWork = true;
          continue;
        }
        if (outcome.kind === 'program-gone') {
          this.listing = undefined;
          continue;
        }
        reservation = outcome.reservation;
      } catch (error) {
        if (!(error instanceof UnsafeArchiveError || error instanceof CircuitPackageError || error instanceof InputCsvError)) throw error;
        // The group is reserved but unusable; it returns to the pool when the reservation expires.
        if (!(error instanceof InputCsvError)) this.facts.set(program.program_id, { kind: 'unusable', reason: error.message, untilMs: this.now() + UNUSABLE_RETRY_MS });
        skipped.push(`skipped ${program.name}: ${error.message}`);
        continue;
      }
      this.cursor = (index + 1) % programs.length;
      return this.spoolJob(program, reservation);
    }
    const reason = [noWork || skipped.length === 0 ? 'no work left for now' : undefined, ...skipped].filter(Boolean).join('; ');
    return { kind: 'idle', reason, retryAfterMs: NO_WORK_RETRY_MS };
  }

  async fetch(_job: Job, payload: Record<string, unknown>, _workDir: string, signal: AbortSignal): Promise<ProvingInput> {
    const job = parsePayload(payload);
    const reservation = await this.spool.load(job.spool);
    if (reservation.work.kind === 'external') return { kind: 'external', inputFile: this.spool.archivePath(job.spool) };
    const { packageSha256, input } = reservation.work;
    // The package was cached when the program was sized; should the cache have lost it, GET /program/{id} reserves nothing.
    const circuit = await this.packages.get(packageSha256, () => this.client.downloadProgram(job.programId, signal));
    return circuitProvingInput(circuit, packageSha256, input);
  }

  async submit(_job: Job, payload: Record<string, unknown>, proof: ProofToSubmit, signal: AbortSignal): Promise<SubmitResult> {
    const job = parsePayload(payload);
    try {
      await this.client.uploadProof({ organizationId: job.organizationId, programId: job.programId, inputGroupId: job.inputGroupId, proof: proof.proof }, signal);
    } catch (error) {
      // Only a strict server checks the group; the real one takes every upload.
      if (error instanceof DonationServerError && error.code === 'INPUT_GROUP_NOT_FOUND') return { kind: 'gone', message: error.message };
      throw error;
    }
    await this.spool.remove(job.spool);
    return { kind: 'accepted', message: 'proof uploaded; the organisation verifies it' };
  }

  /** The listed programs the user chose, in listing order (re-listed at most once a minute). */
  private async chosenPrograms(signal: AbortSignal): Promise<Program[]> {
    if (!this.listing || this.now() - this.listing.atMs > LIST_TTL_MS) {
      const programs: Program[] = [];
      for (let page = 1; page <= LIST_MAX_PAGES; page++) {
        const listed = await this.client.listPrograms({ page }, signal);
        programs.push(...listed.programs);
        if (listed.programs.length === 0 || programs.length >= listed.total_elements_amount) break;
      }
      this.listing = { programs, atMs: this.now() };
    }
    const chosen = this.config.programIds;
    return chosen?.length ? this.listing.programs.filter((p) => chosen.includes(p.program_id)) : this.listing.programs;
  }

  /** Why the program must be skipped now, or undefined when a job from it can finish within its reservation. */
  private async admission(program: Program, signal: AbortSignal): Promise<string | undefined> {
    let facts = this.facts.get(program.program_id);
    if (!facts || (facts.kind === 'unusable' && facts.untilMs <= this.now())) {
      facts = await this.learn(program, signal);
      this.facts.set(program.program_id, facts);
    }
    if (facts.kind === 'unusable') return facts.reason;
    if (facts.kind === 'external') return undefined;
    const needMs = this.estimateProvingMs(facts.constraints) * (1 + ADMISSION_MARGIN_FRACTION) + ADMISSION_MARGIN_MS;
    if (needMs <= program.input_lock_timeout * 1000) return undefined;
    return `needs ~${Math.ceil(needMs / 1000)} s, reservation lasts ${program.input_lock_timeout} s`;
  }

  /** Downloads the program without reserving; a practice package is unpacked into the package cache. */
  private async learn(program: Program, signal: AbortSignal): Promise<ProgramFacts> {
    let content;
    try {
      const inspected = await this.client.inspectProgram(program.program_id, signal);
      content = inspected.content;
      if (content.kind === 'practice') await this.packages.get(content.sha256, async () => inspected.bytes);
    } catch (error) {
      if (!(error instanceof UnsafeArchiveError || error instanceof CircuitPackageError)) throw error;
      return { kind: 'unusable', reason: `its program cannot be used (${error.message})`, untilMs: this.now() + UNUSABLE_RETRY_MS };
    }
    return content.kind === 'practice' ? { kind: 'practice', sha256: content.sha256, constraints: content.package.manifest.constraints } : content;
  }

  private async spoolJob(program: Program, reservation: Reservation): Promise<PollResult> {
    const { work } = reservation;
    if (work.kind === 'practice') await this.packages.get(work.packageSha256, async () => reservation.programTar);
    const deadlineAtMs = reservation.reservedAtMs + program.input_lock_timeout * 1000;
    const spool = await this.spool.save(
      {
        programId: program.program_id,
        organizationId: program.organization_id,
        inputGroupId: reservation.inputGroupId,
        reservedAtMs: reservation.reservedAtMs,
        deadlineAtMs,
        work: work.kind === 'practice' ? { kind: 'practice', packageSha256: work.packageSha256, input: work.input } : { kind: 'external' },
      },
      work.kind === 'external' ? reservation.archive : undefined,
    );
    const payload: DonationPayload = {
      programId: program.program_id,
      organizationId: program.organization_id,
      inputGroupId: reservation.inputGroupId,
      spool,
      ...(work.kind === 'practice' ? { packageSha256: work.packageSha256 } : {}),
    };
    return {
      kind: 'job',
      externalId: `${program.program_id}/${reservation.inputGroupId}`,
      payload,
      deadlineAtMs,
      note: `input group ${reservation.inputGroupId} of ${program.name} (reserved for ${program.input_lock_timeout} s)`,
    };
  }
}

function parsePayload(payload: Record<string, unknown>): DonationPayload {
  const parsed = PayloadSchema.safeParse(payload);
  if (!parsed.success) throw new Error(`the job's donation details are damaged (${parsed.error.issues[0]?.path.join('.') ?? 'payload'})`);
  return parsed.data;
}
