// `proverdesk coordinator add|list|remove`: manage coordinators from scripts, with the same rules as the
// Markets page (coordinator-admin.ts). Secrets (the batch API's participant ID) go to the keychain, never to
// the database or the output.
import { ApiError } from '../../core/api/contract.js';
import { addCoordinator, findCoordinatorByName, removeCoordinator, type NewCoordinator } from '../../core/coordinators/coordinator-admin.js';
import { readFile } from 'node:fs/promises';
import { DEFAULT_SUCCINCT_VERSION } from '../../core/coordinators/succinct/config.js';
import { parseInteger, parseOptions, requireOption, UsageError } from '../cli-options.js';
import { openCliParts, dataDirOption, type CliParts } from '../cli-parts.js';

export const COORDINATOR_HELP = `Options for coordinator (all take --data-dir DIR):
  coordinator add batch-api --name N --url URL --participant ID [--submit-path P] [--deployment-version V]
  coordinator add donation --name N --url URL [--programs ID,ID]
                           (without --programs: every program the server lists)
  coordinator add succinct --name N --url URL --throughput PGU_PER_S (--key-file F | --generate-key)
                           [--version sp1-v6.1.0] [--chain-id 1] [--max-outstanding 2] [--max-gas PGU]
                           (the key is read from a file, never from the command line, and kept in the keychain;
                           only its address is printed)
  coordinator add aztec --name N --node-url URL --chain-id N --rollup ADDRESS (--key-file F | --generate-key)
                           [--l1-url URL] [--provider-host 127.0.0.1] [--provider-port 0] [--slots-per-epoch 32]
                           (quote-era Aztec networks and forks only: Aztec removed quotes in Feb 2025)
  coordinator add aztec ... --no-submit --prover ADDRESS
                           (the prover node signs the quotes; no key here, its claims are found by ADDRESS)
  coordinator list [--json]
  coordinator remove N     (disabled instead while jobs refer to it; its keychain entry is deleted)
`;

export async function coordinator(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'add') return add(rest);
  if (action === 'list') return list(rest);
  if (action === 'remove') return remove(rest);
  throw new UsageError(`coordinator needs add, list or remove. Run "proverdesk --help" for the options.`);
}

/** The flag that sets each field of coordinator-admin's input, for its error messages. */
const FLAGS: Record<string, string> = {
  kind: 'the kind',
  name: '--name',
  url: '--url',
  participantId: '--participant',
  submitPath: '--submit-path',
  deploymentVersion: '--deployment-version',
  programIds: '--programs',
  version: '--version',
  chainId: '--chain-id',
  throughputPgusPerS: '--throughput',
  maxOutstanding: '--max-outstanding',
  maxGasLimit: '--max-gas',
  key: '--key-file',
  proverAddress: '--prover',
  nodeUrl: '--node-url',
  l1RpcUrl: '--l1-url',
  rollupAddress: '--rollup',
  providerHost: '--provider-host',
  providerPort: '--provider-port',
  slotsPerEpoch: '--slots-per-epoch',
  privateKey: '--key-file',
};

/** How a market coordinator gets its signing key (see keyOption). */
const KEY_OPTIONS = { 'key-file': { type: 'string' }, 'generate-key': { type: 'boolean', default: false } } as const;

async function add(args: string[]): Promise<number> {
  const [kind, ...rest] = args;
  const options = { ...dataDirOption, name: { type: 'string' }, url: { type: 'string' } } as const;
  let input: NewCoordinator;
  let dataDir: string | undefined;
  if (kind === 'batch-api') {
    const values = parseOptions(rest, { ...options, participant: { type: 'string' }, 'submit-path': { type: 'string' }, 'deployment-version': { type: 'string' } });
    dataDir = values['data-dir'];
    input = {
      kind,
      name: requireOption(values.name, '--name'),
      url: requireOption(values.url, '--url'),
      participantId: requireOption(values.participant, '--participant'),
      submitPath: values['submit-path'],
      deploymentVersion: values['deployment-version'],
    };
  } else if (kind === 'donation') {
    const values = parseOptions(rest, { ...options, programs: { type: 'string' } });
    dataDir = values['data-dir'];
    const programIds = values.programs?.split(',').map((id) => id.trim()).filter((id) => id !== '');
    input = { kind, name: requireOption(values.name, '--name'), url: requireOption(values.url, '--url'), ...(programIds ? { programIds } : {}) };
  } else if (kind === 'succinct') {
    const values = parseOptions(rest, {
      ...options,
      version: { type: 'string', default: DEFAULT_SUCCINCT_VERSION },
      'chain-id': { type: 'string' },
      throughput: { type: 'string' },
      'max-outstanding': { type: 'string' },
      'max-gas': { type: 'string' },
      ...KEY_OPTIONS,
    });
    dataDir = values['data-dir'];
    input = {
      kind,
      name: requireOption(values.name, '--name'),
      url: requireOption(values.url, '--url'),
      version: values.version,
      throughputPgusPerS: parseNumber('--throughput', requireOption(values.throughput, '--throughput')),
      ...(values['chain-id'] === undefined ? {} : { chainId: parseInteger('--chain-id', values['chain-id'], 1, 2 ** 53 - 1) }),
      ...(values['max-outstanding'] === undefined ? {} : { maxOutstanding: parseInteger('--max-outstanding', values['max-outstanding'], 1, 100) }),
      ...(values['max-gas'] === undefined ? {} : { maxGasLimit: values['max-gas'] }),
      key: await keyOption(values['key-file'], values['generate-key'], 'succinct'),
    };
  } else if (kind === 'aztec') {
    const values = parseOptions(rest, {
      ...dataDirOption,
      name: { type: 'string' },
      'node-url': { type: 'string' },
      'l1-url': { type: 'string' },
      'chain-id': { type: 'string' },
      rollup: { type: 'string' },
      'provider-host': { type: 'string' },
      'provider-port': { type: 'string' },
      'slots-per-epoch': { type: 'string' },
      'no-submit': { type: 'boolean', default: false },
      prover: { type: 'string' },
      ...KEY_OPTIONS,
    });
    dataDir = values['data-dir'];
    if (values.prover !== undefined && !values['no-submit']) throw new UsageError('--prover is for --no-submit (the prover node signs); to sign here, give --key-file F or --generate-key');
    const nodeSigns = values['no-submit'] && values.prover !== undefined;
    input = {
      kind,
      name: requireOption(values.name, '--name'),
      nodeUrl: requireOption(values['node-url'], '--node-url'),
      chainId: parseInteger('--chain-id', requireOption(values['chain-id'], '--chain-id'), 1, 2 ** 53 - 1),
      rollupAddress: requireOption(values.rollup, '--rollup'),
      ...(values['l1-url'] === undefined ? {} : { l1RpcUrl: values['l1-url'] }),
      ...(values['provider-host'] === undefined ? {} : { providerHost: values['provider-host'] }),
      ...(values['provider-port'] === undefined ? {} : { providerPort: parseInteger('--provider-port', values['provider-port'], 0, 65_535) }),
      ...(values['slots-per-epoch'] === undefined ? {} : { slotsPerEpoch: parseInteger('--slots-per-epoch', values['slots-per-epoch'], 1, 100_000) }),
      submitQuotes: !values['no-submit'],
      ...(nodeSigns ? { proverAddress: values.prover } : { key: await keyOption(values['key-file'], values['generate-key'], 'aztec') }),
    };
  } else {
    throw new UsageError(`coordinator add takes a kind: batch-api, donation, succinct or aztec (got '${kind ?? ''}')`);
  }
  return withParts(dataDir, async (parts) => {
    const added = await addCoordinator(parts, input);
    const url = String(added.config.url);
    if (added.kind === 'succinct') {
      process.stdout.write(`added Succinct coordinator '${added.name}' (${url}); signing key in the keychain, address ${String(added.config.signerAddress)}\n`);
    } else if (added.kind === 'aztec') {
      const signing = added.config.submitQuotes === false ? 'the prover node signs; its claims are found by' : 'signing key in the keychain,';
      process.stdout.write(
        `added Aztec coordinator '${added.name}' (node ${String(added.config.nodeUrl)}); ${signing} address ${String(added.config.signerAddress)}; ` +
          `the running app answers quote requests at http://${String(added.config.providerHost)}:${String(added.config.providerPort)}/ (see Markets for the port when it is 0)\n`,
      );
    } else if (added.kind === 'batch-api') {
      process.stdout.write(`added batch-api coordinator '${added.name}' (${url}); participant ID stored in the keychain\n`);
    } else {
      const programs = Array.isArray(added.config.programIds) ? added.config.programIds.join(', ') : '';
      process.stdout.write(`added donation coordinator '${added.name}' (${url}), proving for ${programs === '' ? 'every program it lists' : `programs ${programs}`}\n`);
    }
    return 0;
  });
}

async function list(args: string[]): Promise<number> {
  const values = parseOptions(args, { ...dataDirOption, json: { type: 'boolean', default: false } });
  return withParts(values['data-dir'], async (parts) => {
    const rows = parts.store.coordinators.list().map((c) => ({ name: c.name, kind: c.kind, url: String(c.config.url ?? c.config.nodeUrl ?? ''), enabled: c.enabled, pausedReason: c.pausedReason }));
    if (values.json) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    } else if (rows.length === 0) {
      process.stdout.write('no coordinators; add one with "proverdesk coordinator add"\n');
    } else {
      for (const row of rows) {
        const status = !row.enabled ? 'disabled' : row.pausedReason ? `paused: ${row.pausedReason}` : 'active';
        process.stdout.write(`${row.name}  ${row.kind}  ${row.url}  ${status}\n`);
      }
    }
    return 0;
  });
}

async function remove(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (!name) throw new UsageError('coordinator remove needs the coordinator name');
  const values = parseOptions(rest, dataDirOption);
  return withParts(values['data-dir'], async (parts) => {
    const found = findCoordinatorByName(parts.store, name);
    if (!found) throw new UsageError(`no coordinator named '${name}'`);
    const { outcome, jobs } = await removeCoordinator(parts, found.id);
    process.stdout.write(outcome === 'removed' ? `removed '${found.name}'\n` : `disabled '${found.name}': its ${jobs} job(s) stay in the history\n`);
    return 0;
  });
}

/** Runs with the data folder open; the user's mistakes (bad settings, a name taken) become usage errors. */
async function withParts(dataDir: string | undefined, run: (parts: CliParts) => Promise<number>): Promise<number> {
  const parts = await openCliParts(dataDir);
  try {
    return await run(parts);
  } catch (error) {
    if (error instanceof ApiError && (error.code === 'bad_request' || error.code === 'conflict' || error.code === 'not_found')) {
      throw new UsageError(error.message.replace(/(^|; )(\w+)[.\w]*: /g, (_match, start: string, field: string) => `${start}${FLAGS[field] ?? field} `));
    }
    throw error;
  } finally {
    parts.close();
  }
}

function parseNumber(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`${flag} must be a number above 0 (got '${text}')`);
  return value;
}

/** The signing key a market coordinator is added with: read from a file (never the command line), or generated. */
async function keyOption(keyFile: string | undefined, generate: boolean, kind: string): Promise<{ source: 'import'; privateKey: string } | { source: 'generate' }> {
  if ((keyFile === undefined) === !generate) throw new UsageError(`coordinator add ${kind} needs exactly one of --key-file F or --generate-key`);
  return keyFile === undefined ? { source: 'generate' } : { source: 'import', privateKey: await readKeyFile(keyFile) };
}

async function readKeyFile(path: string): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (error) {
    throw new UsageError(`cannot read the key file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
