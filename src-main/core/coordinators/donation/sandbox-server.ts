// A local program distributor with the fidelity donation-distributor.md asks for ("Sandbox server fidelity"):
// every route of §2 without trailing slashes, the envelopes and exact error texts, hashed passwords and HS256
// tokens, paging, reservations exactly as §3 on an injectable clock, the §4 archives, anonymous proof uploads,
// owner-only access, and panics as dropped connections (switchable). Seeded accounts and programs make it the
// practice market's server too; injected faults serve the client tests.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readCircuitPackage } from '../../engine/circuit-package.js';
import { listenOnLoopback } from '../../net/loopback-server.js';
import { mergeJobInputRows } from './csv-input.js';
import { checkPracticeProof, type ProofVerdict } from '../../engine/practice-proof-check.js';
import { accountRoutes } from './sandbox-account-routes.js';
import { DEFAULT_TOKEN_LIFETIMES, hashPassword, TokenIssuer, type TokenLifetimes } from './sandbox-auth.js';
import { SandboxError, SandboxPanic, SandboxPlainError } from './sandbox-errors.js';
import { sendError, sendPanic, sendPlain, sendReply, type FaultTarget, type Route, type SandboxFault } from './sandbox-http.js';
import { programRoutes } from './sandbox-program-routes.js';
import { SandboxState, type Replenish } from './sandbox-state.js';

export type { SandboxFault } from './sandbox-http.js';

export interface SandboxAccountSpec {
  username: string;
  password: string;
  name: string;
  description: string;
}

export interface SandboxProgramSpec {
  /** The owning account's username. */
  owner: string;
  name: string;
  description: string;
  inputLockTimeoutS: number;
  /** The program tar (a circuit package for practice programs). */
  packageBytes: Buffer;
  /** Input groups, each a list of rows: a job-input object (stored as its JSON) or raw bytes. */
  inputGroups?: Array<Array<Record<string, unknown> | Uint8Array>>;
  replenish?: Replenish;
}

export interface DonationSandboxOptions {
  port?: number;
  /** The server's clock (ms since the epoch) for reservations and token expiry; tests move it instead of sleeping. */
  now?: () => number;
  tokenLifetimes?: Partial<TokenLifetimes>;
  /** Where the real server panics, drop the connection (default) or answer a SANDBOX_PANIC envelope. */
  dropConnectionOnPanic?: boolean;
  /** Refuse proofs for unknown or never-reserved groups; the real server accepts them all. */
  strictProofUploads?: boolean;
  maxUploadBytes?: number;
  accounts?: SandboxAccountSpec[];
  programs?: SandboxProgramSpec[];
}

export type SandboxGroupState = 'free' | 'reserved' | 'expired' | 'proven';

export interface SandboxGroupView {
  inputGroupId: string;
  name: string;
  state: SandboxGroupState;
  rows: Buffer[];
  lastReservedMs: number | null;
  provenMs: number | null;
}

export interface SandboxProofView {
  organizationId: string;
  programId: string;
  inputGroupId: string;
  bytes: Buffer;
}

export interface DonationSandbox {
  url: string;
  organizationId(username: string): string;
  programId(name: string): string;
  /** The program's groups in upload order, with their state on the sandbox's clock. */
  groups(programId: string): SandboxGroupView[];
  /** Stored proof files (organisation, program, group as the uploader named them). */
  proofs(): SandboxProofView[];
  /** The owner's check of a practice proof: snarkjs, and the public signals of the group's own input. */
  verifyProof(programId: string, inputGroupId: string): Promise<ProofVerdict>;
  injectFault(fault: SandboxFault): void;
  pendingFaults(): number;
  /** Requests received so far (to tell a single attempt from retries). */
  requestCount(): number;
  setDropConnectionOnPanic(drop: boolean): void;
  close(): Promise<void>;
}

export async function startDonationSandbox(options: DonationSandboxOptions = {}): Promise<DonationSandbox> {
  const now = options.now ?? Date.now;
  const state = new SandboxState(now);
  const tokens = new TokenIssuer({ ...DEFAULT_TOKEN_LIFETIMES, ...options.tokenLifetimes }, now);
  let dropConnectionOnPanic = options.dropConnectionOnPanic ?? true;
  await seed(state, options);

  const routes: Route[] = [
    ...accountRoutes(state, tokens),
    ...programRoutes(state, tokens, { maxUploadBytes: options.maxUploadBytes ?? 256 * 2 ** 20, strictProofUploads: options.strictProofUploads ?? false }),
  ];
  const faults: SandboxFault[] = [];
  const takeFault = (on: FaultTarget): SandboxFault | undefined => {
    const index = faults.findIndex((f) => f.on === on);
    if (index < 0) return undefined;
    const fault = faults[index]!;
    const left = (fault.times ?? 1) - 1;
    if (left <= 0) faults.splice(index, 1);
    else faults[index] = { ...fault, times: left };
    return fault;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    let params: string[] | undefined;
    const route = routes.find((r) => r.method === req.method && (params = r.path.exec(url.pathname)?.slice(1)) !== undefined);
    if (!route || !params) {
      req.resume();
      res.writeHead(404, { 'content-length': 0 });
      return res.end();
    }
    const fault = takeFault(route.fault);
    if (fault?.kind === 'hang') return; // never answers; the client's timeout must fire
    if (fault?.kind === 'error-500') {
      req.resume();
      return sendError(res, new SandboxError('INTERNAL_SERVER_ERROR'));
    }
    try {
      sendReply(res, await route.handle({ req, url, params: params.map(decodeURIComponent), fault }), fault);
    } catch (error) {
      if (error instanceof SandboxPanic) return sendPanic(req, res, error, dropConnectionOnPanic);
      req.resume();
      if (error instanceof SandboxError) return sendError(res, error);
      if (error instanceof SandboxPlainError) return sendPlain(res, error.status, error.message);
      throw error;
    }
  };

  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests += 1;
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, new SandboxError('INTERNAL_SERVER_ERROR', `Internal server error (sandbox bug: ${error instanceof Error ? error.message : String(error)})`));
    });
  });
  const listener = await listenOnLoopback(server, options.port);

  return {
    url: listener.url,
    organizationId: (username) => state.accountByUsername(username).organizationId,
    programId: (name) => {
      const program = state.programs.find((p) => p.name === name);
      if (!program) throw new Error(`the sandbox has no program named ${name}`);
      return program.programId;
    },
    groups: (programId) => {
      const program = state.program(programId);
      const nowS = now() / 1000;
      return state.groupsOf(programId).map((g) => ({
        inputGroupId: g.inputGroupId,
        name: g.name,
        state: g.provenS !== null ? 'proven' : g.lastReservedS === null ? 'free' : Math.trunc(nowS - g.lastReservedS) > program.inputLockTimeoutS ? 'expired' : 'reserved',
        rows: g.rows,
        lastReservedMs: g.lastReservedS === null ? null : g.lastReservedS * 1000,
        provenMs: g.provenS === null ? null : g.provenS * 1000,
      }));
    },
    proofs: () =>
      [...state.proofs].map(([key, bytes]) => {
        const [organizationId, programId, inputGroupId] = key.split('/') as [string, string, string];
        return { organizationId, programId, inputGroupId, bytes };
      }),
    verifyProof: async (programId, inputGroupId) => {
      const program = state.program(programId);
      const group = state.groupsOf(programId).find((g) => g.inputGroupId === inputGroupId);
      const proof = state.proofs.get(`${program.organizationId}/${programId}/${inputGroupId}`);
      if (!group || !proof) throw new Error(`no proof is stored for group ${inputGroupId} of program ${program.name}`);
      return checkPracticeProof(await readCircuitPackage(program.tar, program.tar.length), proof, mergeJobInputRows(group.rows));
    },
    injectFault: (fault) => faults.push(fault),
    pendingFaults: () => faults.length,
    requestCount: () => requests,
    setDropConnectionOnPanic: (drop) => {
      dropConnectionOnPanic = drop;
    },
    close: () => listener.close(),
  };
}

async function seed(state: SandboxState, options: DonationSandboxOptions): Promise<void> {
  for (const account of options.accounts ?? []) {
    state.register({ username: account.username, passwordHash: await hashPassword(account.password), name: account.name, description: account.description });
  }
  for (const spec of options.programs ?? []) {
    const program = state.addProgram({
      organizationId: state.accountByUsername(spec.owner).organizationId,
      name: spec.name,
      description: spec.description,
      inputLockTimeoutS: spec.inputLockTimeoutS,
      tar: spec.packageBytes,
      storedAsTar: true,
      replenish: spec.replenish,
    });
    (spec.inputGroups ?? []).forEach((rows, index) => {
      state.addGroup(
        program.programId,
        `group-${index + 1}`,
        rows.map((row) => (row instanceof Uint8Array ? Buffer.from(row) : Buffer.from(JSON.stringify(row), 'utf8'))),
      );
    });
    state.topUp(program);
  }
}
