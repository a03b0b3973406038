// What goes wrong between a donor and a program distributor: the real server's panics (dropped connections,
// or SANDBOX_PANIC envelopes when switched off), 500s, hangs and downloads cut short, hostile outer and inner
// tars, and input CSVs that are not what the format says. Every case ends in a clear error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputCsvError } from '../../../src-main/core/coordinators/donation/csv-input.js';
import { startDonationSandbox, type DonationSandbox } from '../../../src-main/core/coordinators/donation/sandbox-server.js';
import { DonationServerError, DonationTransport, RequestRefusedError } from '../../../src-main/core/coordinators/donation/transport.js';
import type { SandboxCircuit } from '../../../src-main/core/coordinators/batch-api/sandbox-server.js';
import { CircuitPackageError } from '../../../src-main/core/engine/circuit-package.js';
import { NetworkError } from '../../../src-main/core/net/http-client.js';
import { UnsafeArchiveError } from '../../../src-main/core/net/safe-tar.js';
import { poseidonChainInput } from '../../fixtures/circuits/inputs.js';
import { TestClock, donorFor, expectServerError, fastHttp, loggedIn, onceHttp, organisationFor, riscZeroProgramTar } from '../../support/donation-sandbox.js';
import { rawTar, type RawTarEntry } from '../../support/raw-tar.js';
import { sandboxCircuit } from '../../support/sandbox-circuits.js';

const clock = new TestClock();
const password = 'carol-secret-password';
let circuit: SandboxCircuit;
let sandbox: DonationSandbox;
let external: string;
let practice: string;
let salt = 0;

const transport = () => new DonationTransport(sandbox.url, fastHttp(), onceHttp());
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as Error,
  );
/** Runs `act` and returns how many requests reached the sandbox meanwhile. */
async function requestsDuring(act: () => Promise<unknown>): Promise<number> {
  const before = sandbox.requestCount();
  await act().catch(() => undefined);
  return sandbox.requestCount() - before;
}

beforeAll(async () => {
  circuit = await sandboxCircuit('poseidon-chain-small');
  sandbox = await startDonationSandbox({
    now: clock.now,
    accounts: [{ username: 'carol', password, name: 'Carol Foundation', description: '' }],
    programs: [
      {
        owner: 'carol',
        name: 'endless-external',
        description: 'never runs out',
        inputLockTimeoutS: 600,
        packageBytes: Buffer.from(riscZeroProgramTar('endless')),
        replenish: { keepFree: 2, nextInput: () => ({ n: String((salt += 1)) }) },
      },
      {
        owner: 'carol',
        name: 'endless-practice',
        description: 'never runs out',
        inputLockTimeoutS: 600,
        packageBytes: circuit.packageBytes,
        replenish: { keepFree: 1, nextInput: () => ({ ...poseidonChainInput(), salt: String((salt += 1)) }) },
      },
    ],
  });
  external = sandbox.programId('endless-external');
  practice = sandbox.programId('endless-practice');
});

afterAll(async () => {
  await sandbox?.close();
});

describe('donation panics', () => {
  /** Requests the real server panics on, each sent once (the app never retries these). */
  const panickers = (): Array<[string, () => Promise<unknown>]> => [
    ['a missing token header', () => transport().call('GET', '/program/mine', z.unknown(), { retry: false })],
    ['a proof upload whose JSON part is not JSON', () => transport().call('POST', '/program/proof', z.null(), { form: () => form('not json'), retry: false })],
    ['a proof upload without a file part', () => transport().call('POST', '/program/proof', z.null(), { form: () => form(JSON.stringify(proofData()), false), retry: false })],
    [
      'a refresh token that is no JWT',
      async () => {
        const { client, sessions } = organisationFor(sandbox);
        await client.login('carol', password);
        await sessions.save({ ...(await sessions.load())!, refresh: { token_id: 'x', token: 'garbage' } });
        return client.refresh();
      },
    ],
    ['a CSV row with two fields', async () => (await loggedIn(sandbox, 'carol', password)).uploadInputGroup(external, 'two-fields', 'YQ==,Yg==\n')],
    ['a proof download with no proof stored', async () => (await loggedIn(sandbox, 'carol', password)).downloadProof(external, 'no-such-group')],
  ];

  it('drops the connection unanswered; the client reports a refusal after a single attempt', async () => {
    for (const [what, send] of panickers()) {
      const error = await failure(send());
      expect(error, what).toBeInstanceOf(RequestRefusedError);
      expect(error.message, what).toMatch(/^(GET|POST) 127\.0\.0\.1:\d+\/\S+: request refused by the server \(malformed request\?\)/);
    }
    const noProof = await failure(panickers().at(-1)![1]());
    expect(noProof.message).toMatch(/\(malformed request\?\); the server also does so when it holds no proof of this group for your organisation$/);
    // The multipart proof upload goes out once, with no blind retry.
    expect(await requestsDuring(() => transport().call('POST', '/program/proof', z.null(), { form: () => form('not json'), retry: false }))).toBe(1);
    // A multipart body that never closes its boundary (no client of the app sends one).
    expect(await failure(sendBrokenMultipart())).toMatchObject({ name: 'NetworkError', failure: 'transport' });
  });

  it('answers a SANDBOX_PANIC envelope instead when panics are switched off', async () => {
    sandbox.setDropConnectionOnPanic(false);
    try {
      const messages: string[] = [];
      for (const [what, send] of panickers()) {
        const error = await failure(send());
        expect(error, what).toBeInstanceOf(DonationServerError);
        expect((error as DonationServerError).code, what).toBe('SANDBOX_PANIC');
        expect((error as DonationServerError).status, what).toBe(400);
        messages.push(error.message);
      }
      expect(messages[0]).toBe('the server answered HTTP 400 SANDBOX_PANIC: the real server drops the connection here: the request has no token header');
      expect(messages[1]).toMatch(/the non-file part is not JSON$/);
      expect(messages[2]).toMatch(/expected one file part and one non-file part, got 0 and 1$/);
      const broken = await sendBrokenMultipart();
      expect([broken.status, JSON.parse(broken.text).error_code, JSON.parse(broken.text).error_message]).toEqual([400, 'SANDBOX_PANIC', expect.stringMatching(/malformed multipart body/)]);
    } finally {
      sandbox.setDropConnectionOnPanic(true);
    }
  });
});

describe('donation faults', () => {
  it('retries 500s on listings, but not the reserving GET, which a repeat could double', async () => {
    const donor = donorFor(sandbox);
    sandbox.injectFault({ on: 'list', kind: 'error-500', times: 2 });
    expect((await donor.listPrograms()).total_elements_amount).toBe(2); // the third attempt gets through
    sandbox.injectFault({ on: 'list', kind: 'error-500', times: 3 });
    await expectServerError(donor.listPrograms(), 'INTERNAL_SERVER_ERROR');

    sandbox.injectFault({ on: 'reserve', kind: 'error-500', times: 2 });
    expect(await requestsDuring(() => expectServerError(donor.reserve(external), 'INTERNAL_SERVER_ERROR'))).toBe(1);
    expect(sandbox.pendingFaults()).toBe(1);
    expect(await requestsDuring(() => donor.reserve(external))).toBe(1);
  });

  it('times out on a server that never answers', async () => {
    sandbox.injectFault({ on: 'reserve', kind: 'hang' });
    const error = await failure(donorFor(sandbox, { timeoutMs: 300 }).reserve(external));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ failure: 'timeout' });
    expect(error.message).toMatch(/GET 127\.0\.0\.1:\d+\/program\/program-and-inputs\/\S+ timed out/);
  });

  it('fails a download cut short with a clear message; the program download is retried, the reservation is not', async () => {
    const donor = donorFor(sandbox);
    const freeBefore = sandbox.groups(external).filter((g) => g.state === 'free').length;
    sandbox.injectFault({ on: 'reserve', kind: 'close-mid-body' });
    const cut = await failure(donor.reserve(external));
    expect(cut).toBeInstanceOf(NetworkError);
    expect(cut.message).toMatch(/program-and-inputs\/\S+: the server closed the connection before the answer was complete$/);
    // The group was reserved all the same: it is lost to this donor until the reservation expires.
    expect(sandbox.groups(external).filter((g) => g.state === 'reserved').length).toBeGreaterThan(0);
    expect(sandbox.groups(external).filter((g) => g.state === 'free').length).toBe(Math.max(freeBefore, 2));

    sandbox.injectFault({ on: 'download-program', kind: 'close-mid-body' });
    expect(await requestsDuring(async () => expect((await donor.downloadProgram(external)).length).toBeGreaterThan(0))).toBe(2);
    sandbox.injectFault({ on: 'download-program', kind: 'close-mid-body', times: 3 });
    expect((await failure(donor.downloadProgram(external))).message).toMatch(/the server closed the connection before the answer was complete$/);
  });
});

describe('hostile reservation archives', () => {
  const csvEntry = (): RawTarEntry => ({ name: 'group.csv', content: `${Buffer.from('{}').toString('base64')}\n` });
  const programEntry = (): RawTarEntry => ({ name: `${external}.tar`, content: riscZeroProgramTar('inner') });

  it.each<[string, () => RawTarEntry[], RegExp]>([
    ['a ../ path', () => [programEntry(), { name: '../group.csv', content: 'x' }], /entry "\.\.\/group\.csv" has an absolute or parent-relative path/],
    ['an absolute path', () => [programEntry(), { name: '/tmp/group.csv', content: 'x' }], /entry "\/tmp\/group\.csv" has an absolute or parent-relative path/],
    ['a symbolic link', () => [programEntry(), { name: 'group.csv', type: '2', linkTarget: '/etc/passwd' }], /entry "group\.csv" is a SymbolicLink, not a regular file/],
    ['a device', () => [programEntry(), { name: 'group.csv', type: '3' }], /entry "group\.csv" is a CharacterDevice, not a regular file/],
    ['a third entry', () => [programEntry(), csvEntry(), { name: 'extra.txt', content: 'x' }], /expected one \.tar and one \.csv entry, found/],
    ['no CSV', () => [programEntry()], /expected one \.tar and one \.csv entry, found "[^"]+\.tar"$/],
    ['another program', () => [{ name: 'other-program.tar', content: riscZeroProgramTar('x') }, csvEntry()], /holds "other-program\.tar", not program \S+'s tar/],
    ['a CSV name without an id', () => [programEntry(), { name: '.csv', content: 'x' }], /"\.csv" does not name an input group/],
  ])('refuses an outer tar with %s', async (_what, entries, message) => {
    sandbox.injectFault({ on: 'reserve', kind: 'replace-archive', archive: rawTar(entries()) });
    const error = await failure(donorFor(sandbox).reserve(external));
    expect(error).toBeInstanceOf(UnsafeArchiveError);
    expect(error.message).toMatch(/^reservation archive: /);
    expect(error.message).toMatch(message);
  });

  it('refuses oversized entries and archives, and bytes that are no tar', async () => {
    const small = donorFor(sandbox, { limits: { maxProgramBytes: 4096, maxCsvBytes: 64 } });
    sandbox.injectFault({ on: 'reserve', kind: 'replace-archive', archive: rawTar([{ name: `${external}.tar`, content: Buffer.alloc(5000) }, csvEntry()]) });
    expect((await failure(small.reserve(external))).message).toMatch(/is larger than 4096 bytes/);
    sandbox.injectFault({ on: 'reserve', kind: 'replace-archive', archive: rawTar([{ name: `${external}.tar`, content: 'tiny' }, { name: 'g.csv', content: 'A'.repeat(100) }]) });
    expect((await failure(small.reserve(external))).message).toMatch(/g\.csv is larger than 64 bytes/);
    const tiny = donorFor(sandbox, { limits: { maxArchiveBytes: 1024 } });
    expect(await failure(tiny.reserve(external))).toMatchObject({ name: 'NetworkError', failure: 'too-large' });
    sandbox.injectFault({ on: 'reserve', kind: 'replace-archive', archive: Buffer.from('hello, this is not a tar') });
    expect(await failure(donorFor(sandbox).reserve(external))).toBeInstanceOf(UnsafeArchiveError);
  });

  it('refuses hostile program tars, before reserving and in a reservation', async () => {
    const carol = await loggedIn(sandbox, 'carol', password);
    const donor = donorFor(sandbox);
    const hostile: Array<[string, RawTarEntry[], RegExp]> = [
      ['hostile-dotdot', [{ name: '../../.bashrc', content: 'x' }], /program archive: entry "\.\.\/\.\.\/\.bashrc" has an absolute or parent-relative path/],
      ['hostile-link', [{ name: 'methods', type: '2', linkTarget: '/' }], /program archive: entry "methods" is a SymbolicLink/],
      ['hostile-device', [{ name: 'guest/dev', type: '3' }], /program archive: entry "guest\/dev" is a CharacterDevice/],
    ];
    for (const [name, entries, message] of hostile) {
      const programId = await carol.uploadProgram(rawTar(entries), { name, description: '', executionTimeoutS: 600 });
      await carol.uploadInputGroup(programId, 'g', [{ x: '1' }]);
      await expect(donor.inspectProgram(programId)).rejects.toThrow(message);
      await expect(donor.reserve(programId)).rejects.toThrow(message);
    }
    // A tar that says it is a circuit package must be a whole one.
    const broken = rawTar([{ name: 'manifest.json', content: JSON.stringify(circuit.circuit.manifest) }]);
    const programId = await carol.uploadProgram(broken, { name: 'broken-package', description: '', executionTimeoutS: 600 });
    await carol.uploadInputGroup(programId, 'g', [{ x: '1' }]);
    const error = await failure(donor.reserve(programId));
    expect(error).toBeInstanceOf(CircuitPackageError);
    expect(error.message).toBe('circuit package: circuit.wasm is missing');
  });
});

describe('input CSVs', () => {
  it.each<[string, string, RegExp]>([
    ['not base64', 'bm90IGJhc2U2NA==\nnot base64!\n', /^input row 2 is not standard base64 with padding$/],
    ['unpadded base64', 'YWI\n', /^input row 1 is not standard base64 with padding$/],
    ['too long', `${Buffer.alloc(1025, 0x7b).toString('base64')}\n`, /^input row 1 decodes to 1025 bytes; rows hold at most 1024$/],
    ['two fields', 'YQ==,Yg==\n', /^input row 1 has 2 fields; the format has exactly one$/],
  ])('refuses a served CSV whose row is %s, naming the row', async (_what, csv, message) => {
    sandbox.injectFault({ on: 'reserve', kind: 'replace-csv', csv });
    const error = await failure(donorFor(sandbox).reserve(external));
    expect(error).toBeInstanceOf(InputCsvError);
    expect(error.message).toMatch(message);
  });

  it('refuses practice rows that are not JSON objects', async () => {
    const carol = await loggedIn(sandbox, 'carol', password);
    for (const [row, message] of [
      ['hello', /^input row 2 is not JSON$/],
      ['["an","array"]', /^input row 2 is not a JSON object of circuit inputs$/],
    ] as const) {
      sandbox.injectFault({ on: 'reserve', kind: 'replace-csv', csv: `${Buffer.from('{"salt":"1"}').toString('base64')}\n${Buffer.from(row).toString('base64')}\n` });
      const error = await failure(donorFor(sandbox).reserve(practice));
      expect(error).toBeInstanceOf(InputCsvError);
      expect(error.message).toMatch(message);
    }
    // The sandbox refuses an over-long row at upload, with its own clearly named code.
    const tooLong = await failure(carol.uploadInputGroup(practice, 'too-long', [Buffer.alloc(1025)]));
    expect(tooLong).toMatchObject({ code: 'SANDBOX_INPUT_ROW_TOO_LONG', status: 422 });
    expect(tooLong.message).toContain('Input row 1 decodes to 1025 bytes; the server stores at most 1024 per row');
  });

  it('keeps a replenished program supplied with free groups however many are reserved', async () => {
    const donor = donorFor(sandbox);
    for (let i = 0; i < 5; i++) expect((await donor.reserve(external)).kind).toBe('reserved');
    expect(sandbox.groups(external).filter((g) => g.state === 'free')).toHaveLength(2);
  });
});

function proofData() {
  return { organization_id: sandbox.organizationId('carol'), program_id: external, input_group_id: 'g' };
}

function form(data: string, withFile = true): FormData {
  const body = new FormData();
  body.append('data', data);
  if (withFile) body.append('file', new Blob([Buffer.from('proof')]), 'proof.bin');
  return body;
}

/** A multipart body whose boundary never closes. */
function sendBrokenMultipart() {
  const body = Buffer.from('--xyz\r\nContent-Disposition: form-data; name="data"\r\n\r\n{"organization_id":');
  return onceHttp().request('POST', `${sandbox.url}/program/proof`, { body, headers: { 'content-type': 'multipart/form-data; boundary=xyz' } });
}
