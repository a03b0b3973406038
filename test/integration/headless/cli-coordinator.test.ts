// `proverdesk coordinator` as a script runs it (a real process from the build, the real keychain under
// test/with-keyring.sh): adding donation and batch-API coordinators, the refusals, and removal.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeychain } from '../../../src-main/core/secrets/keychain.js';

const BIN = join(process.cwd(), 'bin', 'proverdesk.js');
const dataDir = mkdtempSync(join(tmpdir(), 'proverdesk-cli-coordinator-'));
const service = `ProverDeskTest-${randomBytes(4).toString('hex')}`;
const keychain = createKeychain({ service });

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'coordinator', ...args, '--data-dir', dataDir], { env: { ...process.env, PROVERDESK_KEYCHAIN_SERVICE: service } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}
const listed = async () => JSON.parse((await cli('list', '--json')).stdout) as { name: string; kind: string; url: string; enabled: boolean; pausedReason: string | null }[];

beforeAll(() => {
  if (!existsSync(join(process.cwd(), 'dist', 'main', 'headless', 'cli.js'))) throw new Error('the build is missing: run "npm run build" first (npm test does)');
});

afterAll(async () => {
  for (const account of await keychain.listAccounts().catch(() => [])) await keychain.delete(account);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('proverdesk coordinator', () => {
  it('adds a donation coordinator for some programs, or for every program', async () => {
    const some = await cli('add', 'donation', '--name', 'Gifts', '--url', 'https://donate.example/', '--programs', 'p1, p2,');
    expect(some).toEqual({ code: 0, stdout: "added donation coordinator 'Gifts' (https://donate.example/), proving for programs p1, p2\n", stderr: '' });
    const every = await cli('add', 'donation', '--name', 'All gifts', '--url', 'http://127.0.0.1:9/');
    expect(every.stdout).toBe("added donation coordinator 'All gifts' (http://127.0.0.1:9/), proving for every program it lists\n");
    expect(await listed()).toEqual([
      { name: 'Gifts', kind: 'donation', url: 'https://donate.example/', enabled: true, pausedReason: null },
      { name: 'All gifts', kind: 'donation', url: 'http://127.0.0.1:9/', enabled: true, pausedReason: null },
    ]);
  });

  it('refuses bad settings and a name in use with exit code 2, naming the flag, and stores nothing', async () => {
    const refusals: [string[], RegExp][] = [
      [['add', 'donation', '--name', 'Bad', '--url', 'ftp://donate.example/'], /--url must be an http:\/\/ or https:\/\/ address/],
      [['add', 'donation', '--name', 'Bad', '--url', 'https://donate.example/', '--programs', 'x'.repeat(201)], /--programs must be at most 200 characters/],
      [['add', 'donation', '--name', 'gifts', '--url', 'https://donate.example/'], /a coordinator named 'Gifts' already exists/],
      [['add', 'donation', '--name', 'Bad'], /--url is required/],
      [['add', 'donation', '--name', 'Bad', '--url', 'https://donate.example/', '--participant', 'x'], /Unknown option '--participant'/],
      [['add', 'batch-api', '--name', 'Bad', '--url', 'https://batches.example/', '--participant', 'secret-id', '--submit-path', 'submit'], /--submit-path must start with \/ and have no spaces/],
      [['add', 'aztec-ish', '--name', 'Bad'], /coordinator add takes a kind: batch-api, donation, succinct or aztec \(got 'aztec-ish'\)/],
      [['add', 'succinct', '--name', 'Bad', '--url', 'http://127.0.0.1:9', '--throughput', '1000'], /needs exactly one of --key-file F or --generate-key/],
    ];
    for (const [args, message] of refusals) {
      const result = await cli(...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toContain('secret-id');
    }
    expect((await listed()).map((c) => c.name)).toEqual(['Gifts', 'All gifts']);
    expect(await keychain.listAccounts()).toEqual([]);
  });

  it('removes coordinators by name; a batch-API one takes its keychain entry with it', async () => {
    expect(await cli('add', 'batch-api', '--name', 'Batches', '--url', 'https://batches.example/', '--participant', 'secret-id')).toMatchObject({ code: 0 });
    expect(await keychain.listAccounts()).toEqual([expect.stringMatching(/^coordinator:.+:participant$/)]);
    expect(await cli('remove', 'Batches')).toEqual({ code: 0, stdout: "removed 'Batches'\n", stderr: '' });
    expect(await keychain.listAccounts()).toEqual([]);
    expect(await cli('remove', 'Gifts')).toMatchObject({ code: 0, stdout: "removed 'Gifts'\n" });
    expect((await listed()).map((c) => c.name)).toEqual(['All gifts']);
    expect(await cli('remove', 'Gifts')).toMatchObject({ code: 2, stderr: expect.stringContaining("no coordinator named 'Gifts'") });
  });

  it('adds a Succinct coordinator with a key from a file, keeps the key in the keychain and prints only its address', async () => {
    const keyFile = join(dataDir, 'prover.key');
    const key = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
    writeFileSync(keyFile, `${key}\n`, { mode: 0o600 });
    const added = await cli('add', 'succinct', '--name', 'SPN', '--url', 'https://rpc.mainnet.succinct.xyz', '--throughput', '2000000', '--chain-id', '1', '--key-file', keyFile);
    expect(added).toEqual({ code: 0, stdout: "added Succinct coordinator 'SPN' (https://rpc.mainnet.succinct.xyz); signing key in the keychain, address 0x2c7536E3605D9C16a7a3D7b1898e529396a65c23\n", stderr: '' });
    const account = (await keychain.listAccounts()).find((a) => a.endsWith(':signer'))!;
    expect(await keychain.get(account)).toBe(key);
    const generated = await cli('add', 'succinct', '--name', 'SPN 2', '--url', 'https://rpc.mainnet.succinct.xyz', '--throughput', '1000', '--generate-key');
    expect(generated.stdout).toMatch(/address 0x[0-9a-fA-F]{40}\n$/);
    writeFileSync(keyFile, 'f'.repeat(64));
    const outOfRange = await cli('add', 'succinct', '--name', 'SPN 3', '--url', 'https://rpc.mainnet.succinct.xyz', '--throughput', '1000', '--key-file', keyFile);
    expect(outOfRange).toMatchObject({ code: 2, stderr: expect.stringContaining('--key-file that private key is outside the secp256k1 range') });
    expect(outOfRange.stderr).not.toContain('ffff');
    const aztec = await cli('add', 'aztec', '--name', 'Fork', '--node-url', 'http://127.0.0.1:9', '--chain-id', '31337', '--rollup', '0x5FbDB2315678afecb367f032d93F642f64180aa3', '--provider-port', '8590', '--key-file', join(dataDir, 'aztec.key'));
    expect(aztec).toMatchObject({ code: 2, stderr: expect.stringContaining('cannot read the key file') });
    const generatedAztec = await cli('add', 'aztec', '--name', 'Fork', '--node-url', 'http://127.0.0.1:9', '--chain-id', '31337', '--rollup', '0x5FbDB2315678afecb367f032d93F642f64180aa3', '--provider-port', '8590', '--generate-key');
    expect(generatedAztec.stdout).toMatch(/^added Aztec coordinator 'Fork' \(node http:\/\/127\.0\.0\.1:9\); signing key in the keychain, address 0x[0-9a-fA-F]{40}; the running app answers quote requests at http:\/\/127\.0\.0\.1:8590\//);
    expect((await listed()).find((c) => c.name === 'Fork')).toMatchObject({ kind: 'aztec', url: 'http://127.0.0.1:9' });
    // The prover node may sign its quotes itself: no key is kept here, only its address.
    const accountsBefore = await keychain.listAccounts();
    const nodeSigns = await cli('add', 'aztec', '--name', 'Node signs', '--node-url', 'http://127.0.0.1:9', '--chain-id', '31337', '--rollup', '0x5FbDB2315678afecb367f032d93F642f64180aa3', '--no-submit', '--prover', '0x2c7536e3605d9c16a7a3d7b1898e529396a65c23');
    expect(nodeSigns.stdout).toMatch(/^added Aztec coordinator 'Node signs' \(node http:\/\/127\.0\.0\.1:9\); the prover node signs; its claims are found by address 0x2c7536E3605D9C16a7a3D7b1898e529396a65c23; /);
    expect(await keychain.listAccounts()).toEqual(accountsBefore);
    expect(await cli('add', 'aztec', '--name', 'No prover', '--node-url', 'http://127.0.0.1:9', '--chain-id', '31337', '--rollup', '0x5FbDB2315678afecb367f032d93F642f64180aa3', '--no-submit')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('needs exactly one of --key-file F or --generate-key'),
    });
    for (const name of ['SPN', 'SPN 2', 'Fork', 'Node signs']) expect(await cli('remove', name)).toMatchObject({ code: 0 });
    expect((await keychain.listAccounts()).filter((a) => a.endsWith(':signer'))).toEqual([]);
  });

  it('lists the donation form in its help', async () => {
    const help = await new Promise<string>((resolve) => execFile(process.execPath, [BIN, '--help'], (_error, stdout) => resolve(stdout)));
    expect(help).toContain('coordinator add donation --name N --url URL [--programs ID,ID]');
  });
});
