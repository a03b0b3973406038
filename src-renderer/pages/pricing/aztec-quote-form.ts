// The Aztec quotes form: the text in each field, to and from the settings the API takes (unit-fields.ts). Costs
// are typed in dollars and stored in cents; the fee token's price in dollars, stored in millionths; the margin and
// the max fee in percent, stored in basis points; the bond and the block reward in FEE, stored in wei; the
// validity in slots. Ranges come from the API's own schema.
import { AztecQuoteSettingsSchema, type AztecQuoteSettingsInput } from '../../../src-main/core/api/aztec-schemas.js';
import { CENTS_DECIMALS, FEE_DECIMALS, USD_MICROS_DECIMALS } from '../../amounts.js';
import { formFromUnits, unitsFromForm, type UnitField, type UnitForm, type UnitFormResult } from './unit-fields.js';

/** Basis points in percent: 250 bp = 2.50 %. */
const PERCENT_DECIMALS = 2;

export const AZTEC_FIELDS = [
  {
    key: 'costPerTxUsd',
    label: 'Cost per tx (US $)',
    hint: "What proving one of an epoch's txs costs this machine, in dollars and cents.",
    setting: 'costCentsPerTx',
    decimals: CENTS_DECIMALS,
    stored: 'number',
  },
  {
    key: 'costPerEpochUsd',
    label: 'Cost per epoch (US $)',
    hint: "On top of its txs: the epoch's root rollup and submitting its proof.",
    setting: 'costCentsPerEpoch',
    decimals: CENTS_DECIMALS,
    stored: 'number',
  },
  {
    key: 'feeTokenUsd',
    label: 'Fee token price (US $)',
    hint: 'What one whole fee token (FEE) is worth to you: the cost in dollars becomes FEE at this rate.',
    setting: 'feeTokenUsdMicros',
    decimals: USD_MICROS_DECIMALS,
    stored: 'number',
  },
  { key: 'marginPercent', label: 'Quote margin (%)', hint: 'Over the cost.', setting: 'marginBasisPoints', decimals: PERCENT_DECIMALS, stored: 'number' },
  {
    key: 'maxFeePercent',
    label: 'Max fee (%)',
    hint: "Never ask more than this share of an epoch's fees and rewards: an epoch that would need more is declined. At most 100.",
    setting: 'maxBasisPointFee',
    decimals: PERCENT_DECIMALS,
    stored: 'number',
  },
  {
    key: 'bondFee',
    label: 'Bond (FEE)',
    hint: "Staked from the prover's escrow when the proposer claims an epoch with the quote, lost if the proof is not delivered: the escrow must hold it.",
    setting: 'bondWei',
    decimals: FEE_DECIMALS,
    stored: 'text',
  },
  { key: 'validForSlots', label: 'Valid for (slots)', hint: 'How long a quote stays valid after its epoch ends; 0 for no expiry.', setting: 'validForSlots', decimals: 0, stored: 'number' },
  {
    key: 'rewardPerBlockFee',
    label: 'Reward per block (FEE)',
    hint: "The block reward the fee also takes its share of, as the network pays it; 0 where blocks pay only their txs' fees.",
    setting: 'rewardPerBlockWei',
    decimals: FEE_DECIMALS,
    stored: 'text',
  },
] as const satisfies readonly UnitField<string, AztecQuoteSettingsInput>[];

export type AztecFieldKey = (typeof AZTEC_FIELDS)[number]['key'];
export type AztecQuoteForm = UnitForm<AztecFieldKey>;

export const formFromSettings = (settings: AztecQuoteSettingsInput): AztecQuoteForm => formFromUnits(AZTEC_FIELDS, settings);

export const settingsFromForm = (form: AztecQuoteForm): UnitFormResult<AztecFieldKey, AztecQuoteSettingsInput> => unitsFromForm(AZTEC_FIELDS, AztecQuoteSettingsSchema, form);
