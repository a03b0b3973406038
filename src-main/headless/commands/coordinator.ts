// `proverdesk coordinator add|list|remove`: manage coordinators from scripts. Secrets (the batch API's
// participant ID) go to the keychain, never to the database or the output.
import { randomUUID } from 'node:crypto';
import { BatchApiConfigSchema, participantAccount, type BatchApiConfig } from '../../core/coordinators/registry.js';
import { parseOptions, requireOption, UsageError } from '../cli-options.js';
import { openCliParts, dataDirOption } from '../cli-parts.js';

export const COORDINATOR_HELP = `Options for coordinator (all take --data-dir DIR):
  coordinator add batch-api --name N --url URL --participant ID [--submit-path P] [--deployment-version V]
  coordinator list [--json]
  coordinator remove N
`;

export async function coordinator(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'add') return add(rest);
  if (action === 'list') return list(rest);
  if (action === 'remove') return remove(rest);
  throw new UsageError(`coordinator needs add, list or remove. Run "proverdesk --help" for the options.`);
}

async function add(args: string[]): Promise<number> {
  const [kind, ...rest] = args;
  if (kind !== 'batch-api') throw new UsageError(`coordinator add takes a kind: batch-api (got '${kind ?? ''}')`);
  const values = parseOptions(rest, {
    ...dataDirOption,
    name: { type: 'string' },
    url: { type: 'string' },
    participant: { type: 'string' },
    'submit-path': { type: 'string' },
    'deployment-version': { type: 'string' },
  });
  const name = requireOption(values.name, '--name').trim();
  const participant = requireOption(values.participant, '--participant').trim();
  if (!name) throw new UsageError('--name must not be empty');
  if (!participant) throw new UsageError('--participant must not be empty');
  const config = BatchApiConfigSchema.safeParse({
    url: requireOption(values.url, '--url'),
    ...(values['submit-path'] === undefined ? {} : { submitPath: values['submit-path'] }),
    ...(values['deployment-version'] === undefined ? {} : { deploymentVersion: values['deployment-version'] }),
  } satisfies Partial<BatchApiConfig>);
  if (!config.success) {
    const issue = config.error.issues[0];
    throw new UsageError(`--${issue?.path[0] === 'url' ? 'url' : String(issue?.path[0] ?? '')} ${issue?.message ?? 'is not valid'}`);
  }
  const parts = await openCliParts(values['data-dir']);
  try {
    if (parts.store.coordinators.list().some((c) => c.name === name)) throw new UsageError(`a coordinator named '${name}' already exists`);
    const id = randomUUID();
    await parts.keychain.set(participantAccount(id), participant);
    parts.store.coordinators.upsert({ id, kind: 'batch-api', name, config: config.data, enabled: true });
    process.stdout.write(`added batch-api coordinator '${name}' (${config.data.url}); participant ID stored in the keychain\n`);
    return 0;
  } finally {
    parts.close();
  }
}

async function list(args: string[]): Promise<number> {
  const values = parseOptions(args, { ...dataDirOption, json: { type: 'boolean', default: false } });
  const parts = await openCliParts(values['data-dir']);
  try {
    const rows = parts.store.coordinators.list().map((c) => ({ name: c.name, kind: c.kind, url: String(c.config.url ?? ''), enabled: c.enabled, pausedReason: c.pausedReason }));
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
  } finally {
    parts.close();
  }
}

async function remove(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (!name) throw new UsageError('coordinator remove needs the coordinator name');
  const values = parseOptions(rest, dataDirOption);
  const parts = await openCliParts(values['data-dir']);
  try {
    const found = parts.store.coordinators.list().find((c) => c.name === name);
    if (!found) throw new UsageError(`no coordinator named '${name}'`);
    const hasJobs = parts.store.jobs.list({ limit: 1000 }).some((j) => j.coordinatorId === found.id);
    if (hasJobs) {
      parts.store.coordinators.upsert({ ...found, enabled: false });
      process.stdout.write(`disabled '${name}': its jobs stay in the history\n`);
    } else {
      parts.store.coordinators.remove(found.id);
      process.stdout.write(`removed '${name}'\n`);
    }
    await parts.keychain.delete(participantAccount(found.id)).catch(() => false);
    return 0;
  } finally {
    parts.close();
  }
}
