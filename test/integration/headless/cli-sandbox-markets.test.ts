// `proverdesk sandbox succinct` and `proverdesk sandbox aztec` as someone trying their own client runs them: a
// real process from the build that prints where it listens, serves the protocol there, and stops on Ctrl-C.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, expect, it } from 'vitest';
import { L1Client } from '../../../src-main/core/coordinators/aztec/node-rpc-client.js';
import { SuccinctClient } from '../../../src-main/core/coordinators/succinct/network-client.js';
import { FulfillmentStatus } from '../../../src-main/core/coordinators/succinct/gen/types_pb.js';
import { generatePrivateKey } from '../../../src-main/core/secrets/eth-signer.js';
import { signerFromKey } from '../../../src-main/core/secrets/signing-keys.js';

const BIN = join(process.cwd(), 'bin', 'proverdesk.js');
let child: ChildProcessWithoutNullStreams | undefined;

afterEach(() => {
  child?.kill('SIGINT');
  child = undefined;
});

/** Starts the sandbox and collects its stdout lines until `ready` says enough. */
function startSandbox(args: string[], ready: (lines: string[]) => boolean): Promise<string[]> {
  child = spawn(process.execPath, [BIN, 'sandbox', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    createInterface({ input: child!.stdout }).on('line', (line) => {
      lines.push(line);
      if (ready(lines)) resolve(lines);
    });
    child!.once('exit', (code) => reject(new Error(`the sandbox exited with ${code} before it was ready`)));
  });
}

it('serves a Succinct network whose requester posts practice requests, open for bids', async () => {
  const prover = signerFromKey(generatePrivateKey());
  const lines = await startSandbox(['succinct', '--every', '1', '--stake', `0x${Buffer.from(prover.address).toString('hex')}`], (l) => l.some((x) => x.startsWith('chain id: ')));
  const url = /^Succinct sandbox network: (http:\/\/127\.0\.0\.1:\d+) /.exec(lines[0]!)![1]!;
  expect(lines).toContain('version: proverdesk-practice-groth16-v1');
  const client = new SuccinctClient({ url, signer: prover });
  await expect.poll(async () => (await client.filtered({ fulfillmentStatus: FulfillmentStatus.REQUESTED })).length, { timeout: 20_000 }).toBeGreaterThan(0);
  const [request] = await client.filtered({ fulfillmentStatus: FulfillmentStatus.REQUESTED });
  expect(request!.programPublicUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/artifacts\/artifact_/);
  expect(await client.owner()).toEqual(prover.address);
});

it('serves a quote-era Aztec node whose L1 answers on the same address', async () => {
  const lines = await startSandbox(['aztec', '--slot-ms', '200'], (l) => l.some((x) => x.startsWith('rollup: ')));
  const url = /^Aztec sandbox node: (http:\/\/127\.0\.0\.1:\d+)$/.exec(lines[0]!)![1]!;
  expect(lines).toContain('chain id: 31337');
  const l1 = new L1Client({ url });
  expect(await l1.chainId()).toBe(31337);
  const first = await l1.blockNumber();
  await expect.poll(() => l1.blockNumber(), { timeout: 10_000 }).toBeGreaterThan(first);
});
