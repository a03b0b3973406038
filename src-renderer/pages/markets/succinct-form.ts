// The Succinct market dialog's fields, to the add or update input the API takes, checked with the API's own
// schema (market-form.ts reads numbers and words the schema's issues). The private key is only ever in the
// field's text and the input sent; errors name the field, never the key.
import type { z } from 'zod';
import { CoordinatorAddInput, CoordinatorUpdateInput } from '../../../src-main/core/api/market-schemas.js';
import { checkedInput, keyToAdd, keyToUpdate, readNumber, type Checked, type FormErrors, type KeyChoice } from './market-form.js';

export const SUCCINCT_MAINNET_RPC = 'https://rpc.mainnet.succinct.xyz';
export const DEFAULT_CIRCUIT_VERSION = 'sp1-v6.1.0';
export const DEFAULT_CHAIN_ID = '1';
export const DEFAULT_MAX_OUTSTANDING = '2';

export interface SuccinctForm extends KeyChoice {
  name: string;
  url: string;
  version: string;
  chainId: string;
  throughputPgusPerS: string;
  maxOutstanding: string;
  maxGasLimit: string;
}

export type SuccinctField = Exclude<keyof SuccinctForm, 'keySource'>;
export type SuccinctFormErrors = FormErrors<SuccinctField>;

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
  const settings = {
    kind: 'succinct' as const,
    name: form.name,
    url: form.url,
    version: form.version,
    chainId: readNumber(form.chainId, 'chainId', errors),
    throughputPgusPerS: readNumber(form.throughputPgusPerS, 'throughputPgusPerS', errors),
    maxOutstanding: readNumber(form.maxOutstanding, 'maxOutstanding', errors),
    maxGasLimit: form.maxGasLimit,
  };
  // Optional for the API (the practice network times requests itself); a real SP1 prover cannot bid without it.
  if (settings.throughputPgusPerS === undefined) errors.throughputPgusPerS = "enter your SP1 prover's speed";
  return settings;
}

export function addInput(form: SuccinctForm): Checked<z.output<typeof CoordinatorAddInput>, SuccinctField> {
  const errors: SuccinctFormErrors = {};
  const settings = settingsOf(form, errors);
  return checkedInput(CoordinatorAddInput.safeParse({ ...settings, key: keyToAdd(form) }), errors);
}

export function updateInput(id: string, form: SuccinctForm): Checked<z.output<typeof CoordinatorUpdateInput>, SuccinctField> {
  const errors: SuccinctFormErrors = {};
  const settings = settingsOf(form, errors);
  return checkedInput(CoordinatorUpdateInput.safeParse({ id, ...settings, ...keyToUpdate(form, errors) }), errors);
}
