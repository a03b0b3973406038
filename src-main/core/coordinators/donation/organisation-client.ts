// The organisation's side of the program distributor (§6, §7): account and session, program and input-group
// uploads, the lists of its programs and proven groups, proof download and verification, accept (DELETE) or
// reject (PATCH). Authenticated calls send the basic token in the `token` header; on INVALID_TOKEN the
// session is renewed with the refresh token (or by logging in again when a password source is given) and the
// call is made once more.
import { z } from 'zod';
import { HttpClient } from '../../net/http-client.js';
import type { CircuitPackage } from '../../engine/circuit-package.js';
import { jobInputRows, writeInputCsv } from './csv-input.js';
import { multipartForm } from './multipart-form.js';
import type { OrganisationSession, PasswordSource, SessionStore } from './organisation-session.js';
import { checkPracticeProof, type ProofVerdict } from '../../engine/practice-proof-check.js';
import { identifyProgram } from './program-archive.js';
import { DonationProtocolError, DonationServerError, DonationTransport, pageQuery, RequestRefusedError, type PageRequest } from './transport.js';
import {
  GeneratedTokenSchema,
  LoginTokensSchema,
  PagedProgramInputGroupsSchema,
  PagedProgramsSchema,
  route,
  UploadedInputGroupSchema,
  UploadedProgramSchema,
  type GeneratedToken,
  type PagedProgramInputGroups,
  type PagedPrograms,
} from './wire.js';

/** The session is missing, or has ended and cannot be renewed. */
export class SessionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SessionError';
  }
}

export interface OrganisationClientOptions {
  url: string;
  sessions: SessionStore;
  /** Lets the client log in again when the refresh token no longer works. */
  password?: PasswordSource;
  /** For requests safe to repeat (public downloads and lists). */
  http?: HttpClient;
  /** For everything else: uploads and account calls must not be repeated blindly. */
  httpOnce?: HttpClient;
  maxProgramBytes?: number;
}

export interface NewAccount {
  username: string;
  password: string;
  name: string;
  description: string;
}

export interface ProgramUpload {
  name: string;
  description: string;
  /** Becomes the program's input_lock_timeout: how long a donor's reservation lasts. */
  executionTimeoutS: number;
}

/** A group's inputs: CSV text as the server takes it, or rows (job-input objects, or raw blobs). */
export type InputGroupContent = string | Array<Record<string, unknown> | Uint8Array>;

const NOT_RETRIED = { retry: false } as const;

export class OrganisationClient {
  private readonly transport: DonationTransport;
  private readonly packages = new Map<string, Promise<CircuitPackage>>();

  constructor(private readonly options: OrganisationClientOptions) {
    this.transport = new DonationTransport(options.url, options.http ?? new HttpClient(), options.httpOnce ?? new HttpClient({ retries: 0 }));
  }

  async register(account: NewAccount, signal?: AbortSignal): Promise<void> {
    await this.transport.call('POST', '/account/register', z.null(), { json: account, ...NOT_RETRIED, signal });
  }

  /** Logs in and keeps the new session in the store. */
  async login(username: string, password: string, signal?: AbortSignal): Promise<void> {
    const tokens = await this.transport.call('POST', '/account/login', LoginTokensSchema, { json: { username, password }, ...NOT_RETRIED, signal });
    await this.options.sessions.save({ username, basic: tokens.basic_token, refresh: tokens.refresh_token });
  }

  /** A new basic token from the refresh token; a malformed or expired refresh token is refused by a dropped connection. */
  async refresh(signal?: AbortSignal): Promise<void> {
    const session = await this.session();
    await this.options.sessions.save({ ...session, basic: await this.refreshedToken(session, signal) });
  }

  /** Ends the session on the server (its refresh token is deleted) and forgets it here. */
  async logout(signal?: AbortSignal): Promise<void> {
    const session = await this.options.sessions.load();
    if (session) await this.transport.call('DELETE', '/account/refresh-token', z.null(), { json: { token_id: session.refresh.token_id }, ...NOT_RETRIED, signal });
    await this.options.sessions.clear();
  }

  async uploadProgram(tar: Uint8Array, program: ProgramUpload, signal?: AbortSignal): Promise<string> {
    const data = { name: program.name, description: program.description, execution_timeout: program.executionTimeoutS };
    const uploaded = await this.authed((token) =>
      this.transport.call('POST', '/program/upload', UploadedProgramSchema, { form: () => multipartForm(data, tar, 'uploaded_methods.tar'), token, ...NOT_RETRIED, signal }),
    );
    return uploaded.program_id;
  }

  async uploadInputGroup(programId: string, name: string, content: InputGroupContent, signal?: AbortSignal): Promise<string> {
    const csv = typeof content === 'string' ? content : writeInputCsv(content.map((row) => (row instanceof Uint8Array ? row : jobInputRows([row])[0]!)));
    const uploaded = await this.authed((token) =>
      this.transport.call('POST', route`/program/inputs/${programId}`, UploadedInputGroupSchema, {
        form: () => multipartForm({ name }, Buffer.from(csv, 'utf8'), 'program_input_group.csv'),
        token,
        ...NOT_RETRIED,
        signal,
      }),
    );
    return uploaded.input_group_id;
  }

  listMine(page: Omit<PageRequest, 'nameFilter'> = {}, signal?: AbortSignal): Promise<PagedPrograms> {
    return this.authed((token) => this.transport.call('GET', '/program/mine', PagedProgramsSchema, { query: pageQuery(page), token, retry: true, signal }));
  }

  listAllGroups(programId: string, page: Omit<PageRequest, 'nameFilter'> = {}, signal?: AbortSignal): Promise<PagedProgramInputGroups> {
    return this.authed((token) =>
      this.transport.call('GET', route`/program/inputs/all/${programId}`, PagedProgramInputGroupsSchema, { query: pageQuery(page), token, retry: true, signal }),
    );
  }

  /** This organisation's programs with at least one proven group. */
  listProven(page: Omit<PageRequest, 'nameFilter'> = {}, signal?: AbortSignal): Promise<PagedPrograms> {
    return this.authed((token) => this.transport.call('GET', '/program/proofs', PagedProgramsSchema, { query: pageQuery(page), token, retry: true, signal }));
  }

  listProvenGroups(programId: string, page: Omit<PageRequest, 'nameFilter'> = {}, signal?: AbortSignal): Promise<PagedProgramInputGroups> {
    return this.authed((token) =>
      this.transport.call('GET', route`/program/proofs/${programId}`, PagedProgramInputGroupsSchema, { query: pageQuery(page), token, retry: true, signal }),
    );
  }

  downloadProgram(programId: string, signal?: AbortSignal): Promise<Buffer> {
    return this.transport.download(route`/program/${programId}`, { maxBytes: this.maxProgramBytes(), retry: true, signal });
  }

  /** The proof bytes. The server keeps proofs under the caller's organisation and drops the connection when there is none. */
  async downloadProof(programId: string, inputGroupId: string, signal?: AbortSignal): Promise<Buffer> {
    try {
      return await this.authed((token) =>
        this.transport.download(route`/program/proof/${programId}/${inputGroupId}`, { maxBytes: this.maxProgramBytes(), retry: false, refusable: true, token, signal }),
      );
    } catch (error) {
      if (!(error instanceof RequestRefusedError)) throw error;
      throw new RequestRefusedError(error.target, 'the server also does so when it holds no proof of this group for your organisation');
    }
  }

  /**
   * Checks a practice proof with snarkjs against the program's verification key; with the group's input (which
   * only the organisation knows: the server hands inputs out only by reserving them) also that the proof's
   * public signals are that input's.
   */
  async verify(programId: string, inputGroupId: string, input?: Record<string, unknown>, signal?: AbortSignal): Promise<ProofVerdict> {
    const pkg = await this.practicePackage(programId, signal);
    return checkPracticeProof(pkg, await this.downloadProof(programId, inputGroupId, signal), input);
  }

  /** DELETE: the proof is good; the group and its proof are removed for good. */
  async accept(programId: string, inputGroupId: string, signal?: AbortSignal): Promise<void> {
    await this.authed((token) => this.transport.call('DELETE', route`/program/proof/${programId}/${inputGroupId}`, z.null(), { token, ...NOT_RETRIED, signal }));
  }

  /** PATCH: the proof is bad; the group can be reserved again at once. */
  async reject(programId: string, inputGroupId: string, signal?: AbortSignal): Promise<void> {
    await this.authed((token) => this.transport.call('PATCH', route`/program/proof/${programId}/${inputGroupId}`, z.null(), { token, ...NOT_RETRIED, signal }));
  }

  async deleteGroup(programId: string, inputGroupId: string, signal?: AbortSignal): Promise<void> {
    await this.authed((token) => this.transport.call('DELETE', route`/program/input/${programId}/${inputGroupId}`, z.null(), { token, ...NOT_RETRIED, signal }));
  }

  async deleteProgram(programId: string, signal?: AbortSignal): Promise<void> {
    await this.authed((token) => this.transport.call('DELETE', route`/program/${programId}`, z.null(), { token, ...NOT_RETRIED, signal }));
    this.packages.delete(programId);
  }

  private async authed<T>(send: (token: string) => Promise<T>): Promise<T> {
    const session = await this.session();
    try {
      return await send(session.basic.token);
    } catch (error) {
      if (!(error instanceof DonationServerError && error.code === 'INVALID_TOKEN')) throw error;
    }
    return send(await this.renew(session));
  }

  /** Refresh; when the refresh token is gone or refused, log in again if a password source allows it. */
  private async renew(session: OrganisationSession): Promise<string> {
    try {
      const basic = await this.refreshedToken(session);
      await this.options.sessions.save({ ...session, basic });
      return basic.token;
    } catch (error) {
      const refreshRefused =
        error instanceof RequestRefusedError ||
        (error instanceof DonationServerError && ['REFRESH_TOKEN_NOT_FOUND', 'INVALID_TOKEN', 'SANDBOX_PANIC'].includes(error.code));
      if (!refreshRefused) throw error;
      const credentials = await this.options.password?.();
      if (!credentials) throw new SessionError(`the session with ${this.transport.base} has ended and cannot be renewed (${(error as Error).message}); log in again`);
      await this.login(credentials.username, credentials.password);
      return (await this.session()).basic.token;
    }
  }

  private refreshedToken(session: OrganisationSession, signal?: AbortSignal): Promise<GeneratedToken> {
    return this.transport.call('POST', '/account/refresh-token', GeneratedTokenSchema, { json: { refresh_token: session.refresh.token }, ...NOT_RETRIED, signal });
  }

  private async session(): Promise<OrganisationSession> {
    const session = await this.options.sessions.load();
    if (!session) throw new SessionError(`not logged in to ${this.transport.base}; log in first`);
    return session;
  }

  private practicePackage(programId: string, signal?: AbortSignal): Promise<CircuitPackage> {
    let pkg = this.packages.get(programId);
    if (!pkg) {
      pkg = (async () => {
        const content = await identifyProgram(await this.downloadProgram(programId, signal), this.maxProgramBytes());
        if (content.kind !== 'practice') {
          throw new DonationProtocolError(`program ${programId} is not a practice circuit package; its proofs are RISC Zero receipts for an external verifier`);
        }
        return content.package;
      })();
      pkg.catch(() => this.packages.delete(programId));
      this.packages.set(programId, pkg);
    }
    return pkg;
  }

  private maxProgramBytes(): number {
    return this.options.maxProgramBytes ?? 2 * 2 ** 30;
  }
}
