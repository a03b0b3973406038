// The anonymous donor's side of the program distributor: list programs, look at a program without reserving,
// reserve an input group (program-and-inputs), unpack and decode it, upload the proof. One call per protocol
// step; choosing programs, admission and job bookkeeping belong to the adapter and the scheduler.
import { z } from 'zod';
import { HttpClient } from '../../net/http-client.js';
import type { CircuitPackage } from '../../engine/circuit-package.js';
import { decodeInputRows, mergeJobInputRows } from './csv-input.js';
import { multipartForm } from './multipart-form.js';
import { identifyProgram, unpackReservation, type ArchiveLimits, type ProgramContent } from './program-archive.js';
import { DonationServerError, DonationTransport, pageQuery, type PageRequest } from './transport.js';
import {
  PagedOrganizationsSchema,
  PagedProgramsSchema,
  route,
  type PagedOrganizations,
  type PagedPrograms,
  type UploadProofData,
} from './wire.js';

export interface DonorLimits extends ArchiveLimits {
  /** The whole reservation download (program tar + CSV + tar overhead). */
  maxArchiveBytes: number;
}

export const DEFAULT_DONOR_LIMITS: DonorLimits = { maxProgramBytes: 2 * 2 ** 30, maxCsvBytes: 16 * 2 ** 20, maxArchiveBytes: 2 * 2 ** 30 + 17 * 2 ** 20 };

/** What a reserved input group asks for. */
export type ReservedWork =
  | { kind: 'practice'; packageSha256: string; package: CircuitPackage; input: Record<string, unknown> }
  /** Not a practice package: the external backend gets the reservation archive as it came. */
  | { kind: 'external'; programSha256: string };

export interface Reservation {
  programId: string;
  inputGroupId: string;
  /** This machine's clock when the reserving request was sent: the reservation cannot have started earlier. */
  reservedAtMs: number;
  /** The outer tar exactly as downloaded. */
  archive: Buffer;
  programTar: Buffer;
  work: ReservedWork;
}

export type ReserveOutcome =
  | { kind: 'reserved'; reservation: Reservation }
  /** 404 INPUT_GROUP_NOT_FOUND: nothing free for this program now (the protocol's "no work"). */
  | { kind: 'no-work' }
  /** 404 PROGRAM_NOT_FOUND: the program was deleted. */
  | { kind: 'program-gone' };

export interface ProofUpload {
  organizationId: string;
  programId: string;
  inputGroupId: string;
  proof: Uint8Array;
}

export class DonorClient {
  private readonly transport: DonationTransport;

  /**
   * `http` serves the requests that are safe to repeat; `httpOnce` must not retry: it sends the reserving
   * GET (a retry after a lost answer would reserve a second group and strand the first until it expires)
   * and the proof upload (the server refuses a malformed upload by dropping the connection, so repeating
   * it blindly gains nothing; the scheduler's own submission retries, spaced out, cover passing failures).
   */
  constructor(
    url: string,
    http: HttpClient = new HttpClient(),
    httpOnce: HttpClient = new HttpClient({ retries: 0 }),
    private readonly limits: DonorLimits = DEFAULT_DONOR_LIMITS,
    private readonly clock: () => number = Date.now,
  ) {
    this.transport = new DonationTransport(url, http, httpOnce);
  }

  get url(): string {
    return this.transport.base;
  }

  listPrograms(request: PageRequest = {}, signal?: AbortSignal): Promise<PagedPrograms> {
    return this.transport.call('GET', '/program/all', PagedProgramsSchema, { query: pageQuery(request), retry: true, signal });
  }

  listOrganizations(request: PageRequest = {}, signal?: AbortSignal): Promise<PagedOrganizations> {
    return this.transport.call('GET', '/account/organizations', PagedOrganizationsSchema, { query: pageQuery(request), retry: true, signal });
  }

  listOrganizationPrograms(organizationId: string, request: Omit<PageRequest, 'nameFilter'> = {}, signal?: AbortSignal): Promise<PagedPrograms> {
    return this.transport.call('GET', route`/program/organization/${organizationId}`, PagedProgramsSchema, { query: pageQuery(request), retry: true, signal });
  }

  /** The program tar (GET /program/{id}); does not reserve anything, so it may be fetched to size a job first. */
  downloadProgram(programId: string, signal?: AbortSignal): Promise<Buffer> {
    return this.transport.download(route`/program/${programId}`, { maxBytes: this.limits.maxProgramBytes, retry: true, signal });
  }

  /** The program tar and what it holds: how a donor sizes a program's jobs before reserving any. */
  async inspectProgram(programId: string, signal?: AbortSignal): Promise<{ bytes: Buffer; content: ProgramContent }> {
    const bytes = await this.downloadProgram(programId, signal);
    return { bytes, content: await identifyProgram(bytes, this.limits.maxProgramBytes) };
  }

  /** Reserves the program's next input group and unpacks it; the reservation runs from the moment of the request. */
  async reserve(programId: string, signal?: AbortSignal): Promise<ReserveOutcome> {
    const reservedAtMs = this.clock();
    let archive: Buffer;
    try {
      archive = await this.transport.download(route`/program/program-and-inputs/${programId}`, { maxBytes: this.limits.maxArchiveBytes, retry: false, signal });
    } catch (error) {
      if (error instanceof DonationServerError && error.code === 'INPUT_GROUP_NOT_FOUND') return { kind: 'no-work' };
      if (error instanceof DonationServerError && error.code === 'PROGRAM_NOT_FOUND') return { kind: 'program-gone' };
      throw error;
    }
    const unpacked = await unpackReservation(archive, programId, this.limits);
    const rows = decodeInputRows(unpacked.csv);
    const program = await identifyProgram(unpacked.programTar, this.limits.maxProgramBytes);
    const work: ReservedWork =
      program.kind === 'practice'
        ? { kind: 'practice', packageSha256: program.sha256, package: program.package, input: mergeJobInputRows(rows) }
        : { kind: 'external', programSha256: program.sha256 };
    return { kind: 'reserved', reservation: { programId, inputGroupId: unpacked.inputGroupId, reservedAtMs, archive, programTar: unpacked.programTar, work } };
  }

  /** POST /program/proof: one file part and one JSON part, no auth. */
  async uploadProof(upload: ProofUpload, signal?: AbortSignal): Promise<void> {
    const data: UploadProofData = { organization_id: upload.organizationId, program_id: upload.programId, input_group_id: upload.inputGroupId };
    await this.transport.call('POST', '/program/proof', z.null(), { form: () => multipartForm(data, upload.proof, 'proof.bin'), retry: false, signal });
  }
}
