// The donation clients against the sandbox program distributor over loopback: the envelopes and every error
// code with its status and exact text, paging, the reservation rules of §3 on the sandbox's clock (order,
// expiry, proven-but-unverified groups handed out again, reject, accept), the §4 archives, and sessions
// (expired, forged, refreshed and deleted tokens).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SessionError } from '../../../src-main/core/coordinators/donation/organisation-client.js';
import { startDonationSandbox, type DonationSandbox } from '../../../src-main/core/coordinators/donation/sandbox-server.js';
import { DonationTransport } from '../../../src-main/core/coordinators/donation/transport.js';
import { parseNaiveUtc } from '../../../src-main/core/coordinators/donation/wire.js';
import type { SandboxCircuit } from '../../../src-main/core/coordinators/batch-api/sandbox-server.js';
import { readTar } from '../../../src-main/core/net/safe-tar.js';
import { poseidonChainInput } from '../../fixtures/circuits/inputs.js';
import {
  TestClock,
  donorFor,
  expectServerError,
  fastHttp,
  loggedIn,
  onceHttp,
  organisationFor,
  practiceWork,
  riscZeroProgramTar,
} from '../../support/donation-sandbox.js';
import { sandboxCircuit } from '../../support/sandbox-circuits.js';

/** A stand-in for a RISC Zero receipt: bytes that are not UTF-8. */
const receipt = (group: string) => Buffer.concat([Buffer.from(`receipt for ${group}`), Buffer.from([0xff, 0x00, 0xfe, 0x80])]);

const clock = new TestClock();
const TAR_LIMITS = { maxEntries: 100, maxEntryBytes: 2 ** 28, maxTotalBytes: 2 ** 28 };
let circuit: SandboxCircuit;
let sandbox: DonationSandbox;

const passwords = { alice: 'alice-correct-horse', bob: 'bob-battery-staple' };
const rawTransport = () => new DonationTransport(sandbox.url, fastHttp(), onceHttp());

beforeAll(async () => {
  circuit = await sandboxCircuit('poseidon-chain-small');
  sandbox = await startDonationSandbox({
    now: clock.now,
    tokenLifetimes: { basicS: 60, refreshS: 3600 },
    accounts: [
      { username: 'alice', password: passwords.alice, name: 'Alice Lab', description: 'primes' },
      { username: 'bob', password: passwords.bob, name: 'Bob Institute', description: 'hashes' },
    ],
    programs: [
      ...Array.from({ length: 53 }, (_, i) => ({
        owner: 'bob',
        name: `paging-${String(i).padStart(3, '0')}`,
        description: 'paging fixture',
        inputLockTimeoutS: 600,
        packageBytes: Buffer.from(riscZeroProgramTar(`paging ${i}`)),
      })),
      {
        owner: 'alice',
        name: 'practice-merge',
        description: 'a practice circuit',
        inputLockTimeoutS: 600,
        packageBytes: circuit.packageBytes,
        inputGroups: [[{ ...poseidonChainInput(), salt: '1' }, { salt: '2' }]],
      },
    ],
  });
});

afterAll(async () => {
  await sandbox?.close();
});

describe('donation protocol: envelopes and error codes', () => {
  it('answers each error code with its status and exact text, through the calls the app makes', async () => {
    const { client: newcomer } = organisationFor(sandbox);
    await expectServerError(newcomer.register({ username: 'alice', password: 'x', name: 'Another', description: '' }), 'USERNAME_ALREADY_EXISTS');
    await expectServerError(newcomer.login('nobody', 'pw'), 'ACCOUNT_NOT_FOUND');
    await expectServerError(newcomer.login('alice', 'wrong password'), 'WRONG_CREDENTIALS');

    const alice = await loggedIn(sandbox, 'alice', passwords.alice);
    const bob = await loggedIn(sandbox, 'bob', passwords.bob);
    const programId = await alice.uploadProgram(riscZeroProgramTar('errors'), { name: 'errors-program', description: 'd', executionTimeoutS: 600 });
    await expectServerError(alice.uploadProgram(riscZeroProgramTar('again'), { name: 'errors-program', description: 'd', executionTimeoutS: 60 }), 'PROGRAM_NAME_TAKEN');
    // Names are unique server-wide, not per organisation.
    await expectServerError(bob.uploadProgram(riscZeroProgramTar('bob'), { name: 'errors-program', description: 'd', executionTimeoutS: 60 }), 'PROGRAM_NAME_TAKEN');
    await expectServerError(alice.uploadInputGroup(programId, 'bad', 'not base64!\n'), 'BAD_BASE_64_ENCODING');
    await expectServerError(alice.uploadInputGroup(programId, 'unpadded', 'YWJj\nYWI\n'), 'BAD_BASE_64_ENCODING');
    // Owner-only routes answer PROGRAM_NOT_FOUND to other organisations.
    await expectServerError(bob.uploadInputGroup(programId, 'intruder', [{ x: '1' }]), 'PROGRAM_NOT_FOUND');
    await expectServerError(bob.listAllGroups(programId), 'PROGRAM_NOT_FOUND');
    await expectServerError(bob.deleteProgram(programId), 'PROGRAM_NOT_FOUND');

    const donor = donorFor(sandbox);
    expect(await donor.reserve(programId)).toEqual({ kind: 'no-work' }); // 404 INPUT_GROUP_NOT_FOUND
    expect(await donor.reserve('no-such-program')).toEqual({ kind: 'program-gone' }); // 404 PROGRAM_NOT_FOUND
    await expectServerError(donor.downloadProgram('no-such-program'), 'PROGRAM_NOT_FOUND');
    await expectServerError(donor.listOrganizationPrograms('no-such-organisation'), 'ACCOUNT_NOT_FOUND');
    await expectServerError(rawTransport().call('GET', '/program/mine', z.unknown(), { token: 'forged', retry: false }), 'INVALID_TOKEN');

    // A session whose refresh token was deleted (logged out elsewhere) cannot be refreshed.
    const { client: first, sessions: firstSessions } = organisationFor(sandbox);
    await first.login('alice', passwords.alice);
    const session = (await firstSessions.load())!;
    await first.logout();
    const { client: second, sessions: secondSessions } = organisationFor(sandbox);
    await secondSessions.save(session);
    await expectServerError(second.refresh(), 'REFRESH_TOKEN_NOT_FOUND');

    // The server failing to fetch the program's tar: 500, and the reservation is undone.
    const groupId = await alice.uploadInputGroup(programId, 'one', [{ x: '1' }]);
    sandbox.injectFault({ on: 'reserve', kind: 'storage-failure' });
    await expectServerError(donor.reserve(programId), 'INTERNAL_SERVER_ERROR');
    expect(sandbox.groups(programId).map((g) => [g.inputGroupId, g.state])).toEqual([[groupId, 'free']]);
  });

  it('wraps answers in the exact envelopes, and knows no paths with trailing slashes', async () => {
    const http = fastHttp();
    const error = await http.request('GET', `${sandbox.url}/program/program-and-inputs/nope`);
    expect(error.status).toBe(404);
    expect(JSON.parse(error.text)).toEqual({ status: 'error', error_code: 'PROGRAM_NOT_FOUND', error_message: 'Program not found' });
    const success = await http.request('GET', `${sandbox.url}/program/all?limit=1&name_filter=paging-000`);
    expect(JSON.parse(success.text)).toEqual({
      status: 'success',
      data: { programs: [expect.objectContaining({ name: 'paging-000', input_lock_timeout: 600 })], total_elements_amount: 1 },
    });
    expect((await http.request('GET', `${sandbox.url}/program/all/`)).status).toBe(404);
    expect((await http.request('POST', `${sandbox.url}/account/login/`, { json: {} })).status).toBe(404);
    // Bodies actix cannot read are turned away before the handler, in plain text.
    const badJson = await http.request('POST', `${sandbox.url}/account/login`, { json: { username: 'alice' } });
    expect(badJson.status).toBe(400);
    expect(badJson.text).toMatch(/^Json deserialize error: password/);
  });
});

describe('donation protocol: paging', () => {
  it('clamps limit to 1..50 with 50 by default, starts pages at 1 and filters names by prefix', async () => {
    const donor = donorFor(sandbox);
    const names = (page: { programs: Array<{ name: string }> }) => page.programs.map((p) => p.name);
    const all = await donor.listPrograms({ nameFilter: 'paging-' });
    expect(all.programs).toHaveLength(50);
    expect(all.total_elements_amount).toBe(53);
    expect(names(await donor.listPrograms({ nameFilter: 'paging-', page: 2 }))).toEqual(['paging-050', 'paging-051', 'paging-052']);
    expect(names(await donor.listPrograms({ nameFilter: 'paging-', page: 3 }))).toEqual([]);
    expect((await donor.listPrograms({ nameFilter: 'paging-', limit: 500 })).programs).toHaveLength(50);
    expect(names(await donor.listPrograms({ nameFilter: 'paging-', limit: 0 }))).toEqual(['paging-000']);
    expect(names(await donor.listPrograms({ nameFilter: 'paging-', limit: -3, page: -1 }))).toEqual(['paging-000']);
    expect(names(await donor.listPrograms({ nameFilter: 'paging-', limit: 2, page: 0 }))).toEqual(['paging-000', 'paging-001']);
    expect(names(await donor.listPrograms({ nameFilter: 'paging-', limit: 2, page: 3 }))).toEqual(['paging-004', 'paging-005']);
    const prefix = await donor.listPrograms({ nameFilter: 'paging-05' });
    expect([names(prefix), prefix.total_elements_amount]).toEqual([['paging-050', 'paging-051', 'paging-052'], 3]);
    expect(await donor.listPrograms({ nameFilter: 'aging-' })).toEqual({ programs: [], total_elements_amount: 0 });

    const organisations = await donor.listOrganizations({ nameFilter: 'Bob' });
    expect(organisations).toEqual({ organizations: [{ organization_id: sandbox.organizationId('bob'), name: 'Bob Institute', description: 'hashes' }], total_elements_amount: 1 });
    const bobs = await donor.listOrganizationPrograms(sandbox.organizationId('bob'), { limit: 10, page: 6 });
    expect([names(bobs), bobs.total_elements_amount]).toEqual([['paging-050', 'paging-051', 'paging-052'], 53]);

    const bob = await loggedIn(sandbox, 'bob', passwords.bob);
    const mine = await bob.listMine({ limit: 50, page: 2 });
    expect(names(mine)).toEqual(['paging-050', 'paging-051', 'paging-052']);
    // A limit that is not a number never reaches the handler.
    const raw = await fastHttp().request('GET', `${sandbox.url}/program/all?limit=ten`);
    expect(raw.status).toBe(400);
    expect(raw.text).toMatch(/^Query deserialize error/);
  });
});

describe('donation protocol: reservations (§3)', () => {
  it('hands out never-reserved groups first, then those reserved strictly longer ago than the lock timeout', async () => {
    const alice = await loggedIn(sandbox, 'alice', passwords.alice);
    const programId = await alice.uploadProgram(riscZeroProgramTar('order'), { name: 'reservation-order', description: 'd', executionTimeoutS: 60 });
    const [g1, g2, g3] = [
      await alice.uploadInputGroup(programId, 'g1', [Buffer.from('one')]),
      await alice.uploadInputGroup(programId, 'g2', [Buffer.from('two')]),
      await alice.uploadInputGroup(programId, 'g3', [Buffer.from('three')]),
    ];
    const donor = donorFor(sandbox);
    const reserved = async () => {
      const outcome = await donor.reserve(programId);
      return outcome.kind === 'reserved' ? outcome.reservation.inputGroupId : outcome.kind;
    };
    expect([await reserved(), await reserved(), await reserved(), await reserved()]).toEqual([g1, g2, g3, 'no-work']);
    expect(sandbox.groups(programId).map((g) => g.state)).toEqual(['reserved', 'reserved', 'reserved']);

    // Exactly 60 s later the reservations still hold ("strictly greater"); a second more frees them in order.
    clock.advanceS(60);
    expect(await reserved()).toBe('no-work');
    clock.advanceS(1);
    expect(await reserved()).toBe(g1);
    // The CSV-only reserving GET follows the same rules, and names the group in its file name.
    const csv = await fastHttp().request('GET', `${sandbox.url}/program/inputs/${programId}`);
    expect(csv.text).toBe(`${Buffer.from('two').toString('base64')}\n`);
    expect(sandbox.groups(programId).find((g) => g.inputGroupId === g2)?.state).toBe('reserved');

    // The organisation sees when each group was reserved, as zone-less UTC.
    const groups = await alice.listAllGroups(programId);
    expect(groups.total_elements_amount).toBe(3);
    expect(groups.program_input_groups.map((g) => [g.name, g.last_reserved && parseNaiveUtc(g.last_reserved)])).toEqual([
      ['g1', clock.ms],
      ['g2', clock.ms],
      ['g3', clock.ms - 61_000],
    ]);
  });

  it('hands a proven but unverified group out again after the timeout; PATCH frees it at once; DELETE removes it for good', async () => {
    const alice = await loggedIn(sandbox, 'alice', passwords.alice);
    const programId = await alice.uploadProgram(riscZeroProgramTar('proofs'), { name: 'reservation-proofs', description: 'd', executionTimeoutS: 30 });
    const [g1, g2] = [await alice.uploadInputGroup(programId, 'g1', [Buffer.from('a')]), await alice.uploadInputGroup(programId, 'g2', [Buffer.from('b')])];
    const donor = donorFor(sandbox);
    const organizationId = sandbox.organizationId('alice');
    for (const expected of [g1, g2]) {
      const outcome = await donor.reserve(programId);
      expect(outcome).toMatchObject({ kind: 'reserved', reservation: { inputGroupId: expected, work: { kind: 'external' } } });
      await donor.uploadProof({ organizationId, programId, inputGroupId: expected, proof: receipt(expected) });
    }
    expect(sandbox.groups(programId).map((g) => g.state)).toEqual(['proven', 'proven']);
    expect((await alice.listProven({ limit: 50 })).programs.map((p) => p.program_id)).toContain(programId);
    const proven = await alice.listProvenGroups(programId);
    expect(proven.program_input_groups.map((g) => [g.input_group_id, g.proven_datetime && parseNaiveUtc(g.proven_datetime)])).toEqual([
      [g1, clock.ms],
      [g2, clock.ms],
    ]);
    expect(await alice.downloadProof(programId, g1)).toEqual(receipt(g1)); // binary, as a real bincode receipt is

    // Nobody verified g1 yet: once its reservation is over it goes to the next donor.
    expect(await donor.reserve(programId)).toEqual({ kind: 'no-work' });
    clock.advanceS(31);
    expect(await donor.reserve(programId)).toMatchObject({ kind: 'reserved', reservation: { inputGroupId: g1 } });

    // Reject g2: re-reservable at once; its stored proof stays until overwritten.
    await alice.reject(programId, g2);
    expect(sandbox.groups(programId).find((g) => g.inputGroupId === g2)?.state).toBe('free');
    expect(await donor.reserve(programId)).toMatchObject({ kind: 'reserved', reservation: { inputGroupId: g2 } });
    expect(await alice.downloadProof(programId, g2)).toEqual(receipt(g2));

    // Accept g1: the group and its proof are gone, and no later reservation returns it.
    await alice.accept(programId, g1);
    expect(sandbox.groups(programId).map((g) => g.inputGroupId)).toEqual([g2]);
    expect(sandbox.proofs().some((p) => p.inputGroupId === g1)).toBe(false);
    clock.advanceS(31);
    expect(await donor.reserve(programId)).toMatchObject({ kind: 'reserved', reservation: { inputGroupId: g2 } });
    expect(await donor.reserve(programId)).toEqual({ kind: 'no-work' });

    await alice.deleteGroup(programId, g2);
    await alice.deleteProgram(programId);
    expect(await donor.reserve(programId)).toEqual({ kind: 'program-gone' });
  });

  it('serves the §4 archive: the program tar and the group CSV side by side, rows merged for practice programs', async () => {
    const programId = sandbox.programId('practice-merge');
    const outcome = await donorFor(sandbox).reserve(programId);
    if (outcome.kind !== 'reserved') throw new Error(`expected a reservation, got ${outcome.kind}`);
    const { reservation } = outcome;
    const entries = await readTar(reservation.archive, TAR_LIMITS);
    expect([...entries.keys()]).toEqual([`${programId}.tar`, `${reservation.inputGroupId}.csv`]);
    expect(entries.get(`${programId}.tar`)!.equals(circuit.packageBytes)).toBe(true);
    const rows = entries.get(`${reservation.inputGroupId}.csv`)!.toString('utf8');
    expect(rows.split('\n').map((row) => (row ? JSON.parse(Buffer.from(row, 'base64').toString('utf8')) : row))).toEqual([
      { ...poseidonChainInput(), salt: '1' },
      { salt: '2' },
      '',
    ]);
    const work = practiceWork(reservation);
    expect(work.input).toEqual({ ...poseidonChainInput(), salt: '2' }); // later keys win
    expect(work.package.manifest).toMatchObject({ name: 'poseidon-chain-small', format: 'circom-groth16/v1' });

    const template = await readTar(await fastHttp().download(`${sandbox.url}/program/template`, 2 ** 20), TAR_LIMITS);
    expect(template.get('guest/Cargo.toml')?.toString()).toMatch(/name = "downloaded_guest"/);
  });
});

describe('donation protocol: proof uploads (§5)', () => {
  it('takes anonymous uploads for any group, overwriting earlier ones; strict mode refuses unknown groups and says so', async () => {
    const donor = donorFor(sandbox);
    const programId = sandbox.programId('practice-merge');
    const organizationId = sandbox.organizationId('alice');
    await donor.uploadProof({ organizationId, programId, inputGroupId: 'no-such-group', proof: Buffer.from('first') });
    await donor.uploadProof({ organizationId, programId, inputGroupId: 'no-such-group', proof: Buffer.from('second') });
    expect(sandbox.proofs().filter((p) => p.inputGroupId === 'no-such-group').map((p) => p.bytes.toString())).toEqual(['second']);

    const strict = await startDonationSandbox({
      strictProofUploads: true,
      accounts: [{ username: 'alice', password: passwords.alice, name: 'Alice Lab', description: '' }],
      programs: [{ owner: 'alice', name: 'strict', description: '', inputLockTimeoutS: 60, packageBytes: Buffer.from(riscZeroProgramTar('strict')), inputGroups: [[Buffer.from('x')]] }],
    });
    try {
      const strictDonor = donorFor(strict);
      const strictProgram = strict.programId('strict');
      const upload = (inputGroupId: string) => strictDonor.uploadProof({ organizationId: strict.organizationId('alice'), programId: strictProgram, inputGroupId, proof: Buffer.from('p') });
      const unknown = await expectServerError(upload('no-such-group'), 'INPUT_GROUP_NOT_FOUND');
      expect(unknown.message).toContain('(sandbox strict mode: no reserved group no-such-group in program');
      const [group] = strict.groups(strictProgram);
      await expectServerError(upload(group!.inputGroupId), 'INPUT_GROUP_NOT_FOUND'); // known, but never reserved
      expect(await strictDonor.reserve(strictProgram)).toMatchObject({ kind: 'reserved' });
      await upload(group!.inputGroupId);
      expect(strict.groups(strictProgram)[0]!.state).toBe('proven');
    } finally {
      await strict.close();
    }
  });
});

describe('donation protocol: sessions', () => {
  it('renews an expired or forged basic token with the refresh token and retries the call once', async () => {
    const { client, sessions } = organisationFor(sandbox);
    await client.login('bob', passwords.bob);
    const first = (await sessions.load())!;
    clock.advanceS(61); // the basic token lives 60 s here
    expect((await client.listMine({ limit: 1 })).total_elements_amount).toBe(53);
    const renewed = (await sessions.load())!;
    expect(renewed.basic.token).not.toBe(first.basic.token);
    expect(renewed.refresh).toEqual(first.refresh);

    await sessions.save({ ...renewed, basic: { token_id: 'forged', token: 'not.a.jwt' } });
    expect((await client.listMine({ limit: 1 })).total_elements_amount).toBe(53);
    expect((await sessions.load())!.basic.token).not.toBe('not.a.jwt');
  });

  it('logs in again when the refresh token was deleted or has expired, if it may; otherwise says to log in', async () => {
    const password = async () => ({ username: 'bob', password: passwords.bob });
    const { client, sessions } = organisationFor(sandbox, password);
    await client.login('bob', passwords.bob);
    const ended = (await sessions.load())!;
    await rawTransport().call('DELETE', '/account/refresh-token', z.null(), { json: { token_id: ended.refresh.token_id }, retry: false });
    clock.advanceS(61);
    expect((await client.listMine({ limit: 1 })).total_elements_amount).toBe(53); // refresh: 404 → login again
    expect((await sessions.load())!.refresh.token_id).not.toBe(ended.refresh.token_id);

    // Past the refresh token's own life the server panics on it (dropped connection) and only a new login helps.
    const { client: noPassword, sessions: kept } = organisationFor(sandbox);
    await noPassword.login('bob', passwords.bob);
    clock.advanceS(3601);
    const error = await noPassword.listMine().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionError);
    expect((error as Error).message).toMatch(/has ended and cannot be renewed \(POST 127\.0\.0\.1:\d+\/account\/refresh-token: request refused by the server \(malformed request\?\)\); log in again/);
    expect(JSON.stringify(await kept.load())).not.toContain(passwords.bob);
    await client.listMine({ limit: 1 }); // the one with a password logs in again
  });

  it('ends the session on logout: the refresh token stops working', async () => {
    const { client, sessions } = organisationFor(sandbox);
    await client.login('alice', passwords.alice);
    const session = (await sessions.load())!;
    await client.logout();
    expect(await sessions.load()).toBeUndefined();
    await expect(client.listMine()).rejects.toThrow(/not logged in to http:\/\/127\.0\.0\.1:\d+; log in first/);
    const { client: revived, sessions: revivedSessions } = organisationFor(sandbox);
    await revivedSessions.save(session);
    await expectServerError(revived.refresh(), 'REFRESH_TOKEN_NOT_FOUND');
  });
});
