// The Succinct bids form: the text in each field, to and from the settings the API takes (unit-fields.ts). The
// PROVE price is typed in dollars and stored in millionths of a dollar; the margin in percent, stored in basis
// points; the floor in PROVE per billion PGU, stored in wei per PGU. Ranges come from the API's own schema.
import { SuccinctBidSettingsSchema, type SuccinctBidSettingsInput } from '../../../src-main/core/api/pricing-schemas.js';
import { PROVE_PER_BPGU_DECIMALS, USD_MICROS_DECIMALS } from '../../amounts.js';
import { formFromUnits, unitsFromForm, type UnitField, type UnitForm, type UnitFormResult } from './unit-fields.js';

export const SUCCINCT_FIELDS = [
  {
    key: 'proveUsd',
    label: 'PROVE price (US $)',
    hint: 'What one PROVE is worth to you; bids turn your cost in dollars into PROVE at this rate.',
    setting: 'proveUsdMicros',
    decimals: USD_MICROS_DECIMALS,
    stored: 'number',
  },
  { key: 'marginPercent', label: 'Bid margin (%)', hint: 'Over break-even (what a PGU costs this machine).', setting: 'marginBasisPoints', decimals: 2, stored: 'number' },
  {
    key: 'floorProvePerBpgu',
    label: 'Bid floor (PROVE per bPGU)',
    hint: 'Never bid below this, in PROVE per billion PGU (1 = 10⁹ wei per PGU); 0 for none.',
    setting: 'floorWeiPerPgu',
    decimals: PROVE_PER_BPGU_DECIMALS,
    stored: 'text',
  },
] as const satisfies readonly UnitField<string, SuccinctBidSettingsInput>[];

export type SuccinctFieldKey = (typeof SUCCINCT_FIELDS)[number]['key'];
export type SuccinctForm = UnitForm<SuccinctFieldKey>;

export const formFromSettings = (settings: SuccinctBidSettingsInput): SuccinctForm => formFromUnits(SUCCINCT_FIELDS, settings);

export const settingsFromForm = (form: SuccinctForm): UnitFormResult<SuccinctFieldKey, SuccinctBidSettingsInput> => unitsFromForm(SUCCINCT_FIELDS, SuccinctBidSettingsSchema, form);
