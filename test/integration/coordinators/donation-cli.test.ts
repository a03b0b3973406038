// `proverdesk org …` as an organisation scripts it, against the donation sandbox, with the session in the real
// keychain (run under test/with-keyring.sh, as npm test does): register, log in, upload a circuit and inputs,
// see the proven group, verify the donor's native proof, accept it, log out. Tokens and passwords never show.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDonationSandbox, type DonationSandbox } from '../../../src-main/core/coordinators/donation/sandbox-server.js';
import type { SandboxCircuit } from '../../../src-main/core/coordinators/batch-api/sandbox-server.js';
import { EngineHost } from '../../../src-main/core/engine/engine-host.js';
import { forkEngineProcess } from '../../../src-main/core/engine/fork-engine.js';
import { releaseSnarkjsWorkers } from '../../../src-main/core/engine/snarkjs-workers.js';
import { createKeychain } from '../../../src-main/core/secrets/keychain.js';
import { organisation, organisationSessionAccount } from '../../../src-main/headless/commands/organisation.js';
import { UsageError } from '../../../src-main/headless/cli-options.js';
import { poseidonChainInput } from '../../fixtures/circuits/inputs.js';
import { donorFor, proveReservation } from '../../support/donation-sandbox.js';
import { sandboxCircuit } from '../../support/sandbox-circuits.js';

const scratch = mkdtempSync(join(tmpdir(), 'proverdesk-org-cli-'));
const service = `ProverDeskTest-${randomBytes(4).toString('hex')}`;
const password = `pw-${randomBytes(8).toString('hex')}`;
const engine = new EngineHost(forkEngineProcess);
const saved = { service: process.env.PROVERDESK_KEYCHAIN_SERVICE, password: process.env.PROVERDESK_ORG_PASSWORD };
let circuit: SandboxCircuit;
let sandbox: DonationSandbox;

/** Runs `proverdesk org …` in this process and returns its exit code and what it printed. */
async function org(...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += chunk.toString();
    return true;
  });
  try {
    const code = await organisation([...args, '--url', sandbox.url]);
    return { code, out };
  } finally {
    write.mockRestore();
  }
}

beforeAll(async () => {
  process.env.PROVERDESK_KEYCHAIN_SERVICE = service;
  process.env.PROVERDESK_ORG_PASSWORD = password;
  circuit = await sandboxCircuit('poseidon-chain-small');
  writeFileSync(join(scratch, 'circuit.tar'), circuit.packageBytes);
  writeFileSync(join(scratch, 'circuit.zkey'), circuit.circuit.zkey);
  writeFileSync(join(scratch, 'batch-7.json'), JSON.stringify([{ ...poseidonChainInput(), salt: '7' }, { salt: '8' }]));
  sandbox = await startDonationSandbox();
});

afterAll(async () => {
  const keychain = createKeychain({ service });
  for (const account of await keychain.listAccounts().catch(() => [])) await keychain.delete(account);
  process.env.PROVERDESK_KEYCHAIN_SERVICE = saved.service;
  process.env.PROVERDESK_ORG_PASSWORD = saved.password;
  await sandbox?.close();
  engine.close();
  await releaseSnarkjsWorkers();
  rmSync(scratch, { recursive: true, force: true });
});

describe('proverdesk org', () => {
  it('registers, uploads, verifies and accepts a donated proof, keeping the session in the keychain', async () => {
    expect(await org('register', '--username', 'gil', '--name', 'Gil Research')).toEqual({ code: 0, out: `registered 'gil' on ${sandbox.url}; log in with "proverdesk org login"\n` });
    const loggedIn = await org('login', '--username', 'gil');
    expect(loggedIn.code).toBe(0);
    const stored = await createKeychain({ service }).get(organisationSessionAccount(sandbox.url));
    expect(JSON.parse(stored!)).toMatchObject({ username: 'gil', basic: { token: expect.any(String) }, refresh: { token: expect.any(String) } });
    expect(stored).not.toContain(password);

    const programId = (await org('upload-program', '--file', join(scratch, 'circuit.tar'), '--name', 'cli-circuit', '--timeout', '600')).out.trim();
    const groupId = (await org('upload-inputs', '--program', programId, '--json', join(scratch, 'batch-7.json'))).out.trim();
    expect((await org('programs')).out).toBe(`${programId}  cli-circuit  reservations last 600 s\n`);
    expect(sandbox.groups(programId).map((g) => [g.inputGroupId, g.name])).toEqual([[groupId, 'batch-7']]);

    // A donor proves the group with the native engine and uploads the proof.
    const donor = donorFor(sandbox);
    const outcome = await donor.reserve(programId);
    if (outcome.kind !== 'reserved') throw new Error(`expected a reservation, got ${outcome.kind}`);
    const proof = await proveReservation(engine, join(scratch, 'circuit.zkey'), outcome.reservation);
    await donor.uploadProof({ organizationId: sandbox.organizationId('gil'), programId, inputGroupId: groupId, proof });

    const proofs = JSON.parse((await org('proofs', '--json')).out) as Array<{ programId: string; inputGroupId: string; name: string }>;
    expect(proofs.map((p) => [p.programId, p.inputGroupId, p.name])).toEqual([[programId, groupId, 'batch-7']]);
    const verified = await org('verify', '--program', programId, '--group', groupId, '--inputs', join(scratch, 'batch-7.json'));
    expect(verified).toEqual({ code: 0, out: "valid: the proof verifies and its public signals are the group input's\n" });
    expect((await org('accept', '--program', programId, '--group', groupId)).out).toBe(`accepted: group ${groupId} is done and removed\n`);
    expect((await org('proofs')).out).toBe('no proven groups waiting\n');

    for (const out of [loggedIn.out, (await org('logout')).out]) {
      expect(out).not.toContain(password);
      expect(out).not.toContain(JSON.parse(stored!).basic.token);
    }
    expect(await createKeychain({ service }).get(organisationSessionAccount(sandbox.url))).toBeNull();
    await expect(org('programs')).rejects.toThrow(/not logged in to http:\/\/127\.0\.0\.1:\d+; log in first/);
  });

  it('refuses unclear calls with usage errors, and passwords on the command line', async () => {
    await expect(organisation(['launch'])).rejects.toThrow(UsageError);
    await expect(org('login', '--username', 'gil', '--password', password)).rejects.toThrow(/Unknown option '--password'/);
    await expect(org('upload-program', '--file', 'x.zip', '--name', 'n', '--timeout', '60')).rejects.toThrow('--file must be a .tar');
    await expect(org('upload-inputs', '--program', 'p')).rejects.toThrow('exactly one of --csv FILE or --json FILE');
  });
});
