// The Succinct market dialog's fields, to the add or update input the API takes, checked with the API's own
// schema; numbers are checked as numbers first so that a typo reads "enter a number", not a schema message.
// The private key is only ever in the field's text and the input sent; errors name the field, never the key.
import type { z } from 'zod';
import { CoordinatorAddInput, CoordinatorUpdateInput } from '../../../src-main/core/api/market-schemas.js';

export const SUCCINCT_MAINNET_RPC = 'https://rpc.mainnet.succinct.xyz';
export const DEFAULT_CIRCUIT_VERSION = 'sp1-v6.1.0';
export const DEFAULT_CHAIN_ID = '1';
export const DEFAULT_MAX_OUTSTANDING = '2';

export type KeySource = 'import' | 'generate';

export interface SuccinctForm {
  name: string;
  url: string;
  version: string;
  chainId: string;
  throughputPgusPerS: string;
  maxOutstanding: string;
  maxGasLimit: string;
  /** Adding: import a key or have one made. Editing: `import` replaces the stored key, `generate` keeps it. */
  keySource: KeySource;
  privateKey: string;
}

export type SuccinctField = Exclude<keyof SuccinctForm, 'keySource'>;
export type SuccinctFormErrors = Partial<Record<SuccinctField, string>>;

type Checked<T> = { ok: true; input: T } | { ok: false; errors: SuccinctFormErrors };

export function emptySuccinctForm(): SuccinctForm {
  return {
    name: 'Succinct Prover Network',
    url: SUCCINCT_MAINNET_RPC,
    version: DEFAULT_CIRCUIT_VERSION,
    chainId: DEFAULT_CHAIN_ID,
    throughputPgusPerS: '',
    maxOutstanding: DEFAULT_MAX_OUTSTANDING,
    maxGasLimit: '',
    keySource: 'import',
    privateKey: '',
  };
}

/** A stored market's settings in the form; the key field starts empty, set to keep the stored key. */
export function formFromRow(row: { name: string; url: string | null; succinct: { version: string; chainId: number | null; throughputPgusPerS: number | null; maxOutstanding: number; maxGasLimit: string | null } | null }): SuccinctForm {
  const settings = row.succinct;
  return {
    name: row.name,
    url: row.url ?? '',
    version: settings?.version ?? DEFAULT_CIRCUIT_VERSION,
    chainId: settings?.chainId == null ? '' : String(settings.chainId),
    throughputPgusPerS: settings?.throughputPgusPerS == null ? '' : String(settings.throughputPgusPerS),
    maxOutstanding: String(settings?.maxOutstanding ?? DEFAULT_MAX_OUTSTANDING),
    maxGasLimit: settings?.maxGasLimit ?? '',
    keySource: 'generate',
    privateKey: '',
  };
}

/** The settings shared by add and update; numbers as numbers (undefined when the field is empty). */
function settingsOf(form: SuccinctForm, errors: SuccinctFormErrors) {
  const number = (field: 'chainId' | 'throughputPgusPerS' | 'maxOutstanding'): number | undefined => {
    const text = form[field].trim();
    if (text === '') return undefined;
    const value = Number(text);
    if (!Number.isFinite(value)) errors[field] = 'enter a number';
    return value;
  };
  const settings = {
    kind: 'succinct' as const,
    name: form.name,
    url: form.url,
    version: form.version,
    chainId: number('chainId'),
    throughputPgusPerS: number('throughputPgusPerS'),
    maxOutstanding: number('maxOutstanding'),
    maxGasLimit: form.maxGasLimit,
  };
  // Optional for the API (the practice network times requests itself); a real SP1 prover cannot bid without it.
  if (settings.throughputPgusPerS === undefined) errors.throughputPgusPerS = "enter your SP1 prover's speed";
  return settings;
}

/** Schema issues as one message per form field, in the field's terms. */
function collect(error: z.ZodError, errors: SuccinctFormErrors): void {
  for (const issue of error.issues) {
    const field = (issue.path[0] === 'key' ? 'privateKey' : String(issue.path[0])) as SuccinctField;
    errors[field] ??= describe(issue);
  }
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small' && issue.origin === 'number') return `must be at least ${issue.minimum}`;
  if (issue.code === 'too_big' && issue.origin === 'number') return `must be at most ${issue.maximum}`;
  if (issue.code === 'invalid_type' && issue.expected === 'int') return 'must be a whole number';
  return issue.message;
}

function result<T>(parsed: z.ZodSafeParseResult<T>, errors: SuccinctFormErrors): Checked<T> {
  if (!parsed.success) collect(parsed.error, errors);
  return parsed.success && Object.keys(errors).length === 0 ? { ok: true, input: parsed.data } : { ok: false, errors };
}

export function addInput(form: SuccinctForm): Checked<z.output<typeof CoordinatorAddInput>> {
  const errors: SuccinctFormErrors = {};
  const settings = settingsOf(form, errors);
  const key = form.keySource === 'generate' ? { source: 'generate' as const } : { source: 'import' as const, privateKey: form.privateKey };
  return result(CoordinatorAddInput.safeParse({ ...settings, key }), errors);
}

export function updateInput(id: string, form: SuccinctForm): Checked<z.output<typeof CoordinatorUpdateInput>> {
  const errors: SuccinctFormErrors = {};
  const settings = settingsOf(form, errors);
  const replacing = form.keySource === 'import';
  if (replacing && form.privateKey.trim() === '') errors.privateKey = 'enter the new key, or keep the stored one';
  return result(CoordinatorUpdateInput.safeParse({ id, ...settings, ...(replacing ? { privateKey: form.privateKey } : {}) }), errors);
}

/**
 * The field a refusal from the core is about, if it names the key: the core checks what the schema cannot (a key
 * out of the secp256k1 range) and says "privateKey: why".
 */
export function keyRefusal(message: string): string | null {
  const match = /(?:^|: )(?:key\.)?privateKey: (.+)$/.exec(message);
  return match === null ? null : match[1]!;
}
