// Shared pieces of the donation tests: a clock the tests move by hand, fast HTTP clients, clients for a
// sandbox, hand-made "RISC Zero" program tars, expectations on the protocol's error envelopes, and a real
// native proof of a reserved practice group.
import { expect } from 'vitest';
import { DonorClient, DEFAULT_DONOR_LIMITS, type DonorLimits, type Reservation } from '../../src-main/core/coordinators/donation/donor-client.js';
import { OrganisationClient } from '../../src-main/core/coordinators/donation/organisation-client.js';
import { MemorySessionStore, type PasswordSource } from '../../src-main/core/coordinators/donation/organisation-session.js';
import type { DonationSandbox } from '../../src-main/core/coordinators/donation/sandbox-server.js';
import { DonationServerError } from '../../src-main/core/coordinators/donation/transport.js';
import { ERROR_CODES, type ErrorCode } from '../../src-main/core/coordinators/donation/wire.js';
import type { EngineHost } from '../../src-main/core/engine/engine-host.js';
import { encodeProofResult } from '../../src-main/core/engine/proof-result.js';
import { computeWitness } from '../../src-main/core/engine/witness.js';
import { HttpClient } from '../../src-main/core/net/http-client.js';
import { rawTar } from './raw-tar.js';

/** The sandbox's clock: starts at a fixed whole second and moves only when a test says so. */
export class TestClock {
  ms = Date.UTC(2026, 0, 5, 9, 30, 0);
  readonly now = () => this.ms;
  advanceS(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

export const fastHttp = (overrides: { timeoutMs?: number; retries?: number } = {}) =>
  new HttpClient({ timeoutMs: overrides.timeoutMs ?? 5_000, retries: overrides.retries ?? 2, retryBaseMs: 20, retryMaxMs: 50 });

export const onceHttp = (timeoutMs = 5_000) => new HttpClient({ timeoutMs, retries: 0 });

export function donorFor(sandbox: DonationSandbox, options: { limits?: Partial<DonorLimits>; timeoutMs?: number; clock?: () => number } = {}): DonorClient {
  return new DonorClient(sandbox.url, fastHttp({ timeoutMs: options.timeoutMs }), onceHttp(options.timeoutMs), { ...DEFAULT_DONOR_LIMITS, ...options.limits }, options.clock);
}

export function organisationFor(sandbox: DonationSandbox, password?: PasswordSource): { client: OrganisationClient; sessions: MemorySessionStore } {
  const sessions = new MemorySessionStore();
  return { client: new OrganisationClient({ url: sandbox.url, sessions, password, http: fastHttp(), httpOnce: onceHttp() }), sessions };
}

export async function loggedIn(sandbox: DonationSandbox, username: string, password: string): Promise<OrganisationClient> {
  const { client } = organisationFor(sandbox);
  await client.login(username, password);
  return client;
}

/** A RISC Zero methods folder as the uploader packs it (files at the root, folders as ./dir/…). */
export function riscZeroProgramTar(label: string): Uint8Array {
  return rawTar([
    { name: 'Cargo.toml', content: `[package]\nname = "methods"\n# ${label}\n` },
    { name: 'build.rs', content: 'fn main() { risc0_build::embed_methods(); }\n' },
    { name: './guest/src/main.rs', content: 'fn main() {}\n' },
  ]);
}

/** The promise fails with the protocol's error envelope for `code`: its status and exact text. */
export async function expectServerError(promise: Promise<unknown>, code: ErrorCode): Promise<DonationServerError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DonationServerError);
  const serverError = error as DonationServerError;
  expect({ code: serverError.code, status: serverError.status }).toEqual({ code, status: ERROR_CODES[code].status });
  expect(serverError.message).toContain(`${code}: ${ERROR_CODES[code].message}`);
  return serverError;
}

export type PracticeWork = Extract<Reservation['work'], { kind: 'practice' }>;

export function practiceWork(reservation: Reservation): PracticeWork {
  if (reservation.work.kind !== 'practice') throw new Error(`expected a practice reservation, got ${reservation.work.kind}`);
  return reservation.work;
}

/** Witness from the package's wasm, then a Groth16 proof from the native engine: the proof result bytes. */
export async function proveReservation(engine: EngineHost, zkeyPath: string, reservation: Reservation): Promise<Buffer> {
  const work = practiceWork(reservation);
  const witness = await computeWitness(work.package.wasm, work.input);
  const { proof, publicSignals } = await engine.prove({ zkeyPath, witness, threads: 2 }).result;
  return encodeProofResult({ proof: proof as unknown as Record<string, unknown>, publicSignals });
}
