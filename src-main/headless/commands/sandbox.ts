// `proverdesk sandbox batch-api|donation|succinct|aztec --port N`: one sandbox coordinator alone, serving practice-format work
// (practice-formats.md) until Ctrl-C, so anyone can try their own client against it.
import { randomBytes } from 'node:crypto';
import { startBatchApiSandbox } from '../../core/coordinators/batch-api/sandbox-server.js';
import { startDonationSandbox } from '../../core/coordinators/donation/sandbox-server.js';
import { startAztecSandbox } from '../../core/coordinators/aztec/sandbox-node.js';
import { MIN_STAKE_WEI } from '../../core/coordinators/succinct/sandbox/network-state.js';
import { startSuccinctSandbox } from '../../core/coordinators/succinct/sandbox/sandbox-network.js';
import { toHex } from '../../core/secrets/eth-signer.js';
import { releaseSnarkjsWorkers } from '../../core/engine/snarkjs-workers.js';
import { practiceCircuit } from '../../core/practice/practice-circuits.js';
import { loadPracticePackages, type PracticePackage } from '../../core/practice/practice-packages.js';
import { parseInteger, parseOptions, UsageError } from '../cli-options.js';
import { findPackage, practicePackagesDir } from '../package-root.js';

export const SANDBOX_HELP = `Options for sandbox (a coordinator server on 127.0.0.1 for trying clients; runs until Ctrl-C):
  sandbox batch-api [--port N] [--participants N] [--batches N]
      Prints "participant: <id>" for each participant (default 2), each with N batches (default 5).
  sandbox donation [--port N] [--groups N] [--lock-timeout S]
      A program distributor with one organisation and a program per practice circuit, each with N input
      groups (default 5) reserved for S seconds (default 600). Prints "account: <user> <password>".
  sandbox succinct [--port N] [--every S] [--stake ADDRESS,...]
      A Succinct Prover Network (gRPC, h2c) whose requester posts a practice request every S seconds
      (default 20). The listed prover addresses are staked, so they may bid.
  sandbox aztec [--port N] [--provider URL] [--slot-ms MS] [--escrow ADDRESS,...]
      A quote-era Aztec node (JSON-RPC, with a minimal L1) that asks the quote provider at URL for a quote at
      each epoch end; the listed provers have 10^21 wei in escrow for bonds.
`;

export async function sandbox(args: string[]): Promise<number> {
  const [kind, ...rest] = args;
  if (kind === 'batch-api') return batchApi(rest);
  if (kind === 'donation') return donation(rest);
  if (kind === 'succinct') return succinct(rest);
  if (kind === 'aztec') return aztec(rest);
  throw new UsageError(`sandbox takes a kind: batch-api, donation, succinct or aztec (got '${kind ?? ''}')`);
}

async function batchApi(args: string[]): Promise<number> {
  const values = parseOptions(args, {
    port: { type: 'string', default: '0' },
    participants: { type: 'string', default: '2' },
    batches: { type: 'string', default: '5' },
  });
  const port = parseInteger('--port', values.port, 0, 65_535);
  const participantCount = parseInteger('--participants', values.participants, 1, 100);
  const batchCount = parseInteger('--batches', values.batches, 1, 1000);
  const packages = await loadPracticePackages(practicePackagesDir(findPackage().root));
  const batch = (index: number) => {
    const circuit = packages[index % packages.length]!;
    return { circuit, input: inputFor(circuit) };
  };
  const server = await startBatchApiSandbox({
    port,
    participants: Array.from({ length: participantCount }, () => ({
      id: randomBytes(12).toString('base64url'),
      batches: Array.from({ length: batchCount }, (_, i) => batch(i)),
    })),
    example: batch(0),
  });
  process.stdout.write(`batch-API sandbox: ${server.url}\n`);
  for (const id of server.participantIds) process.stdout.write(`participant: ${id}\n`);
  await untilInterrupted();
  process.stderr.write(`stopping; ${server.submissions().length} proof(s) accepted, ${server.rejectedCount()} rejected\n`);
  await server.close();
  await releaseSnarkjsWorkers();
  return 0;
}

async function donation(args: string[]): Promise<number> {
  const values = parseOptions(args, {
    port: { type: 'string', default: '0' },
    groups: { type: 'string', default: '5' },
    'lock-timeout': { type: 'string', default: '600' },
  });
  const port = parseInteger('--port', values.port, 0, 65_535);
  const groups = parseInteger('--groups', values.groups, 0, 10_000);
  const lockTimeoutS = parseInteger('--lock-timeout', values['lock-timeout'], 1, 30 * 86_400);
  const packages = await loadPracticePackages(practicePackagesDir(findPackage().root));
  const account = { username: 'organisation', password: randomBytes(12).toString('base64url'), name: 'Sandbox organisation', description: 'Practice programs' };
  const server = await startDonationSandbox({
    port,
    accounts: [account],
    programs: packages.map((pkg) => ({
      owner: account.username,
      name: pkg.name,
      description: `Practice circuit, ${pkg.constraints} constraints`,
      inputLockTimeoutS: lockTimeoutS,
      packageBytes: pkg.packageBytes,
      inputGroups: Array.from({ length: groups }, () => [inputFor(pkg)]),
    })),
  });
  process.stdout.write(`donation sandbox: ${server.url}\n`);
  process.stdout.write(`account: ${account.username} ${account.password}\n`);
  await untilInterrupted();
  process.stderr.write(`stopping; ${server.proofs().length} proof(s) uploaded\n`);
  await server.close();
  await releaseSnarkjsWorkers();
  return 0;
}

async function succinct(args: string[]): Promise<number> {
  const values = parseOptions(args, { port: { type: 'string', default: '0' }, every: { type: 'string', default: '20' }, stake: { type: 'string', default: '' } });
  const port = parseInteger('--port', values.port, 0, 65_535);
  const everyS = parseInteger('--every', values.every, 1, 86_400);
  const provers = addresses('--stake', values.stake);
  const packages = await loadPracticePackages(practicePackagesDir(findPackage().root));
  let next = 0;
  const server = await startSuccinctSandbox({
    port,
    accounts: provers.map((address) => ({ address, stakedWei: MIN_STAKE_WEI })),
    requester: {
      intervalMs: everyS * 1000,
      next: () => {
        const circuit = packages[next++ % packages.length]!;
        return { circuit, input: inputFor(circuit), deadlineInS: 600, minAuctionPeriodS: 5 };
      },
    },
  });
  process.stdout.write(`Succinct sandbox network: ${server.url} (artifacts ${server.artifactsUrl})\n`);
  process.stdout.write(`version: ${server.state.params.version}\nchain id: ${server.chainId}\n`);
  await untilInterrupted();
  const fulfilled = [...server.state.provers.values()].reduce((sum, p) => sum + p.fulfilled, 0);
  process.stderr.write(`stopping; ${server.state.all().length} request(s) posted, ${fulfilled} fulfilled\n`);
  await server.close();
  await releaseSnarkjsWorkers();
  return 0;
}

async function aztec(args: string[]): Promise<number> {
  const values = parseOptions(args, { port: { type: 'string', default: '0' }, provider: { type: 'string' }, 'slot-ms': { type: 'string', default: '2000' }, escrow: { type: 'string', default: '' } });
  const port = parseInteger('--port', values.port, 0, 65_535);
  const slotMs = parseInteger('--slot-ms', values['slot-ms'], 100, 600_000);
  const escrow = new Map(addresses('--escrow', values.escrow).map((address) => [address, 10n ** 21n]));
  const server = await startAztecSandbox({ port, slotMs, slotsPerEpoch: 8, claimDurationSlots: 4, escrowDepositsWei: escrow, ...(values.provider ? { quoteProviderUrl: values.provider } : {}) });
  process.stdout.write(`Aztec sandbox node: ${server.url}\nchain id: ${server.chainId}\nrollup: ${toHex(server.rollupAddress)}\n`);
  await untilInterrupted();
  process.stderr.write(`stopping at slot ${server.currentSlot()}\n`);
  await server.close();
  return 0;
}

function addresses(flag: string, list: string): string[] {
  const items = list.split(',').map((item) => item.trim()).filter((item) => item !== '');
  for (const item of items) if (!/^0x[0-9a-fA-F]{40}$/.test(item)) throw new UsageError(`${flag} takes 0x-prefixed 20-byte addresses, separated by commas (got '${item}')`);
  return items;
}

function inputFor(circuit: PracticePackage): Record<string, unknown> {
  const definition = practiceCircuit(circuit.name);
  if (!definition) throw new Error(`no input generator for the practice circuit ${circuit.name}`);
  return definition.nextInput();
}

function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
