// `proverdesk org …`: an organisation's side of a donation server (program distributor) from scripts: account,
// session, uploads, proven groups, verification, accept and reject. The session's tokens live in the keychain
// (one entry per server); passwords come from the environment or standard input, never from the command line,
// and neither tokens nor passwords are ever printed.
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { PRODUCT_NAME } from '../../core/data-dir.js';
import { decodeInputRows, mergeJobInputRows } from '../../core/coordinators/donation/csv-input.js';
import { OrganisationClient } from '../../core/coordinators/donation/organisation-client.js';
import { secretSessionStore } from '../../core/coordinators/donation/organisation-session.js';
import type { PagedProgramInputGroups, PagedPrograms } from '../../core/coordinators/donation/wire.js';
import { createKeychain } from '../../core/secrets/keychain.js';
import { parseInteger, parseOptions, requireOption, UsageError } from '../cli-options.js';

export const ORGANISATION_HELP = `Options for org (an organisation on a donation server; its session stays in the keychain):
  org register --url URL --username U --name N [--description D] [--password-stdin]
  org login --url URL --username U [--password-stdin]
  org logout --url URL
  org programs --url URL [--json]
  org upload-program --url URL --file PACKAGE.tar --name N --timeout SECONDS [--description D]
  org upload-inputs --url URL --program ID (--csv FILE | --json FILE) [--name N]
  org proofs --url URL [--program ID] [--json]
  org verify --url URL --program ID --group ID [--inputs FILE.json|FILE.csv]
  org accept|reject --url URL --program ID --group ID
  The password is read from PROVERDESK_ORG_PASSWORD, or with --password-stdin from the first line of
  standard input; with PROVERDESK_ORG_PASSWORD set, an ended session is renewed by logging in again.
`;

/** Keychain account of the organisation session with the server at `url` (one per origin). */
export const organisationSessionAccount = (url: string) => `organisation:${new URL(url).origin}`;

const PASSWORD_ENV = 'PROVERDESK_ORG_PASSWORD';
const urlOption = { url: { type: 'string' } } as const;
const groupOptions = { ...urlOption, program: { type: 'string' }, group: { type: 'string' } } as const;

const ACTIONS: Record<string, (args: string[]) => Promise<number>> = {
  register,
  login,
  logout,
  programs,
  'upload-program': uploadProgram,
  'upload-inputs': uploadInputs,
  proofs,
  verify,
  accept: (args) => judge(args, 'accept'),
  reject: (args) => judge(args, 'reject'),
};

export async function organisation(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const run = action !== undefined && Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
  if (!run) throw new UsageError(`org needs one of ${Object.keys(ACTIONS).join(', ')}. Run "proverdesk --help" for the options.`);
  return run(rest);
}

async function register(args: string[]): Promise<number> {
  const values = parseOptions(args, { ...urlOption, username: { type: 'string' }, name: { type: 'string' }, description: { type: 'string' }, 'password-stdin': { type: 'boolean' } });
  const username = requireOption(values.username, '--username');
  const { client, url } = clientFor(values.url);
  await client.register({ username, password: await readPassword(values['password-stdin']), name: requireOption(values.name, '--name'), description: values.description ?? '' });
  process.stdout.write(`registered '${username}' on ${url}; log in with "proverdesk org login"\n`);
  return 0;
}

async function login(args: string[]): Promise<number> {
  const values = parseOptions(args, { ...urlOption, username: { type: 'string' }, 'password-stdin': { type: 'boolean' } });
  const username = requireOption(values.username, '--username');
  const { client, url } = clientFor(values.url);
  await client.login(username, await readPassword(values['password-stdin']));
  process.stdout.write(`logged in to ${url} as '${username}'; the session is kept in the keychain\n`);
  return 0;
}

async function logout(args: string[]): Promise<number> {
  const { client, url } = clientFor(parseOptions(args, urlOption).url);
  await client.logout();
  process.stdout.write(`logged out of ${url}\n`);
  return 0;
}

async function programs(args: string[]): Promise<number> {
  const values = parseOptions(args, { ...urlOption, json: { type: 'boolean', default: false } });
  const { client } = clientFor(values.url);
  const mine = await allPages((page) => client.listMine({ page }), (p: PagedPrograms) => p.programs);
  if (values.json) process.stdout.write(`${JSON.stringify(mine, null, 2)}\n`);
  else if (mine.length === 0) process.stdout.write('no programs yet; upload one with "proverdesk org upload-program"\n');
  else for (const p of mine) process.stdout.write(`${p.program_id}  ${p.name}  reservations last ${p.input_lock_timeout} s\n`);
  return 0;
}

async function uploadProgram(args: string[]): Promise<number> {
  const values = parseOptions(args, { ...urlOption, file: { type: 'string' }, name: { type: 'string' }, description: { type: 'string' }, timeout: { type: 'string' } });
  const file = requireOption(values.file, '--file');
  if (extname(file) !== '.tar') throw new UsageError('--file must be a .tar (the server fetches program.tar when it hands work out)');
  const executionTimeoutS = parseInteger('--timeout', requireOption(values.timeout, '--timeout'), 1, 365 * 24 * 3600);
  const { client } = clientFor(values.url);
  const programId = await client.uploadProgram(await readFile(file), { name: requireOption(values.name, '--name'), description: values.description ?? '', executionTimeoutS });
  process.stdout.write(`${programId}\n`);
  return 0;
}

async function uploadInputs(args: string[]): Promise<number> {
  const values = parseOptions(args, { ...urlOption, program: { type: 'string' }, csv: { type: 'string' }, json: { type: 'string' }, name: { type: 'string' } });
  const programId = requireOption(values.program, '--program');
  if ((values.csv === undefined) === (values.json === undefined)) throw new UsageError('give the inputs with exactly one of --csv FILE or --json FILE');
  const file = (values.csv ?? values.json)!;
  const content = values.csv !== undefined ? await readFile(file, 'utf8') : jsonRows(await readFile(file, 'utf8'), file);
  const { client } = clientFor(values.url);
  // The reference uploader names a group after its file.
  const groupId = await client.uploadInputGroup(programId, values.name ?? basename(file, extname(file)), content);
  process.stdout.write(`${groupId}\n`);
  return 0;
}

async function proofs(args: string[]): Promise<number> {
  const values = parseOptions(args, { ...urlOption, program: { type: 'string' }, json: { type: 'boolean', default: false } });
  const { client } = clientFor(values.url);
  const programIds = values.program ? [values.program] : (await allPages((page) => client.listProven({ page }), (p: PagedPrograms) => p.programs)).map((p) => p.program_id);
  const proven: Array<{ programId: string; inputGroupId: string; name: string; provenAt: string | null }> = [];
  for (const programId of programIds) {
    const groups = await allPages((page) => client.listProvenGroups(programId, { page }), (p: PagedProgramInputGroups) => p.program_input_groups);
    proven.push(...groups.map((g) => ({ programId, inputGroupId: g.input_group_id, name: g.name, provenAt: g.proven_datetime && `${g.proven_datetime}Z` })));
  }
  if (values.json) process.stdout.write(`${JSON.stringify(proven, null, 2)}\n`);
  else if (proven.length === 0) process.stdout.write('no proven groups waiting\n');
  else for (const g of proven) process.stdout.write(`${g.programId}  ${g.inputGroupId}  ${g.name}  proven ${g.provenAt}\n`);
  return 0;
}

async function verify(args: string[]): Promise<number> {
  const values = parseOptions(args, { ...groupOptions, inputs: { type: 'string' } });
  const [programId, groupId] = [requireOption(values.program, '--program'), requireOption(values.group, '--group')];
  const input = values.inputs === undefined ? undefined : await groupInput(values.inputs);
  const { client } = clientFor(values.url);
  const verdict = await client.verify(programId, groupId, input);
  process.stdout.write(`${verdict.valid ? 'valid' : 'invalid'}: ${verdict.reason}\n`);
  return verdict.valid ? 0 : 1;
}

async function judge(args: string[], verdict: 'accept' | 'reject'): Promise<number> {
  const values = parseOptions(args, groupOptions);
  const [programId, groupId] = [requireOption(values.program, '--program'), requireOption(values.group, '--group')];
  const { client } = clientFor(values.url);
  await (verdict === 'accept' ? client.accept(programId, groupId) : client.reject(programId, groupId));
  process.stdout.write(verdict === 'accept' ? `accepted: group ${groupId} is done and removed\n` : `rejected: group ${groupId} can be reserved again\n`);
  return 0;
}

function clientFor(urlFlag: string | undefined): { client: OrganisationClient; url: string } {
  const url = requireOption(urlFlag, '--url');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--url is not a URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new UsageError('--url must be an http:// or https:// address');
  const keychain = createKeychain({ service: process.env.PROVERDESK_KEYCHAIN_SERVICE ?? PRODUCT_NAME });
  const sessions = secretSessionStore(keychain, organisationSessionAccount(url));
  const password = async () => {
    const session = await sessions.load();
    const secret = process.env[PASSWORD_ENV];
    return session && secret ? { username: session.username, password: secret } : undefined;
  };
  return { client: new OrganisationClient({ url, sessions, password }), url: parsed.origin };
}

async function readPassword(fromStdin: boolean | undefined): Promise<string> {
  if (fromStdin) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    const line = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
    if (!line) throw new UsageError('--password-stdin: standard input holds no password');
    return line;
  }
  const password = process.env[PASSWORD_ENV];
  if (!password) throw new UsageError(`give the password in ${PASSWORD_ENV} or on standard input with --password-stdin (never on the command line)`);
  return password;
}

/** A JSON file of one job-input object, or an array of them (one CSV row each). */
function jsonRows(text: string, file: string): Array<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`${file} is not JSON`);
  }
  const rows = Array.isArray(value) ? value : [value];
  if (rows.length === 0 || rows.some((row) => typeof row !== 'object' || row === null || Array.isArray(row))) {
    throw new UsageError(`${file} must hold a JSON object of circuit inputs, or an array of them`);
  }
  return rows as Array<Record<string, unknown>>;
}

/** The group's job input from the file it was uploaded from (CSV) or its JSON rows, merged as donors merge them. */
async function groupInput(file: string): Promise<Record<string, unknown>> {
  const text = await readFile(file, 'utf8');
  const rows = extname(file) === '.csv' ? decodeInputRows(text) : jsonRows(text, file).map((row) => Buffer.from(JSON.stringify(row)));
  return mergeJobInputRows(rows);
}

async function allPages<P, T>(fetchPage: (page: number) => Promise<P & { total_elements_amount: number }>, items: (page: P) => T[]): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; ; page++) {
    const answer = await fetchPage(page);
    const found = items(answer);
    all.push(...found);
    if (found.length === 0 || all.length >= answer.total_elements_amount) return all;
  }
}
