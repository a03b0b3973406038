// The Aztec market dialog's fields, to the add or update input the API takes, checked with the API's own schema
// (market-form.ts reads numbers and words the schema's issues). The private key is only ever in the field's text
// and the input sent; errors name the field, never the key.
import type { z } from 'zod';
import { CoordinatorAddInput, CoordinatorUpdateInput, type CoordinatorRow } from '../../../src-main/core/api/market-schemas.js';
import { checkedInput, keyToAdd, keyToUpdate, readNumber, type Checked, type FormErrors, type KeyChoice } from './market-form.js';

const DEFAULT_PROVIDER_HOST = '127.0.0.1';
const DEFAULT_PROVIDER_PORT = '0';
/** AZTEC_EPOCH_DURATION of the quote-era networks. */
const DEFAULT_SLOTS_PER_EPOCH = '32';

export interface AztecForm extends KeyChoice {
  name: string;
  nodeUrl: string;
  /** Empty: the node's URL. */
  l1RpcUrl: string;
  chainId: string;
  rollupAddress: string;
  providerHost: string;
  /** 0: any free port. */
  providerPort: string;
  slotsPerEpoch: string;
  /** Sign quotes here and send them to the node; off, the prover node signs what the provider answers. */
  submitQuotes: boolean;
  /** With submitQuotes off: the prover node's publisher address, by which its claims and payouts are found. */
  proverAddress: string;
}

export type AztecField = Exclude<keyof AztecForm, 'keySource' | 'submitQuotes'>;
type AztecFormErrors = FormErrors<AztecField>;

export function emptyAztecForm(): AztecForm {
  return {
    name: 'Aztec epoch proof quotes',
    nodeUrl: '',
    l1RpcUrl: '',
    chainId: '',
    rollupAddress: '',
    providerHost: DEFAULT_PROVIDER_HOST,
    providerPort: DEFAULT_PROVIDER_PORT,
    slotsPerEpoch: DEFAULT_SLOTS_PER_EPOCH,
    submitQuotes: true,
    proverAddress: '',
    keySource: 'import',
    privateKey: '',
  };
}

/** A stored market's settings in the form; the key field starts empty, set to keep the stored key. */
export function formFromRow(row: Pick<CoordinatorRow, 'name' | 'aztec' | 'signerAddress'>): AztecForm {
  const settings = row.aztec;
  if (settings === null) return { ...emptyAztecForm(), name: row.name, keySource: 'generate' };
  return {
    name: row.name,
    nodeUrl: settings.nodeUrl,
    l1RpcUrl: settings.l1RpcUrl ?? '',
    chainId: String(settings.chainId),
    rollupAddress: settings.rollupAddress,
    providerHost: settings.providerHost,
    providerPort: String(settings.providerPort),
    slotsPerEpoch: String(settings.slotsPerEpoch),
    submitQuotes: settings.submitQuotes,
    proverAddress: settings.submitQuotes ? '' : (row.signerAddress ?? ''),
    keySource: 'generate',
    privateKey: '',
  };
}

/** The settings shared by add and update; numbers as numbers (undefined when the field is empty). */
function settingsOf(form: AztecForm, errors: AztecFormErrors) {
  const settings = {
    kind: 'aztec' as const,
    name: form.name,
    nodeUrl: form.nodeUrl,
    l1RpcUrl: form.l1RpcUrl,
    chainId: readNumber(form.chainId, 'chainId', errors),
    rollupAddress: form.rollupAddress,
    providerHost: form.providerHost,
    providerPort: readNumber(form.providerPort, 'providerPort', errors),
    submitQuotes: form.submitQuotes,
    slotsPerEpoch: readNumber(form.slotsPerEpoch, 'slotsPerEpoch', errors),
  };
  // The quotes are signed for this chain's rollup: there is no default to fall back on.
  if (settings.chainId === undefined) errors.chainId = "enter the L1 chain's id";
  return settings;
}

export function addInput(form: AztecForm): Checked<z.output<typeof CoordinatorAddInput>, AztecField> {
  const errors: AztecFormErrors = {};
  const settings = settingsOf(form, errors);
  // With the prover node signing, no key is kept here: only the node's address, to find its claims.
  const signing = form.submitQuotes ? { key: keyToAdd(form) } : { proverAddress: form.proverAddress.trim() || undefined };
  return checkedInput(CoordinatorAddInput.safeParse({ ...settings, ...signing }), errors);
}

export function updateInput(id: string, form: AztecForm): Checked<z.output<typeof CoordinatorUpdateInput>, AztecField> {
  const errors: AztecFormErrors = {};
  const settings = settingsOf(form, errors);
  const signing = form.submitQuotes ? keyToUpdate(form, errors) : { proverAddress: form.proverAddress.trim() || undefined };
  return checkedInput(CoordinatorUpdateInput.safeParse({ id, ...settings, ...signing }), errors);
}
