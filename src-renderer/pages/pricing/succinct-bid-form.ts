// The Succinct bids form: the text in each field, to and from the settings the API takes. The PROVE price is
// typed in dollars and stored in millionths of a dollar; the margin in percent, stored in basis points; the
// floor in PROVE per billion PGU, stored in wei per PGU. Ranges come from the API's own schema.
import type { z } from 'zod';
import { SuccinctBidSettingsSchema, type SuccinctBidSettingsInput } from '../../../src-main/core/api/pricing-schemas.js';
import { decimalText, parseUnits, PROVE_PER_BPGU_DECIMALS, USD_MICROS_DECIMALS } from '../../amounts.js';

export const SUCCINCT_FIELDS = [
  { key: 'proveUsd', label: 'PROVE price (US $)', hint: 'What one PROVE is worth to you; bids turn your cost in dollars into PROVE at this rate.' },
  { key: 'marginPercent', label: 'Bid margin (%)', hint: 'Over break-even (what a PGU costs this machine).' },
  { key: 'floorProvePerBpgu', label: 'Bid floor (PROVE per bPGU)', hint: 'Never bid below this, in PROVE per billion PGU (1 = 10⁹ wei per PGU); 0 for none.' },
] as const;

export type SuccinctFieldKey = (typeof SUCCINCT_FIELDS)[number]['key'];
export type SuccinctForm = Record<SuccinctFieldKey, string>;
export type SuccinctFormErrors = Partial<Record<SuccinctFieldKey, string>>;
export type SuccinctFormResult = { ok: true; settings: SuccinctBidSettingsInput } | { ok: false; errors: SuccinctFormErrors };

export function formFromSettings(settings: SuccinctBidSettingsInput): SuccinctForm {
  return {
    proveUsd: decimalText(BigInt(settings.proveUsdMicros), USD_MICROS_DECIMALS),
    marginPercent: decimalText(BigInt(settings.marginBasisPoints), 2),
    floorProvePerBpgu: decimalText(BigInt(settings.floorWeiPerPgu), PROVE_PER_BPGU_DECIMALS),
  };
}

/** Which field an issue of the API's schema belongs to, and how many stored units make one shown unit. */
const SCHEMA_FIELDS: Record<string, { key: SuccinctFieldKey; decimals: number }> = {
  proveUsdMicros: { key: 'proveUsd', decimals: USD_MICROS_DECIMALS },
  marginBasisPoints: { key: 'marginPercent', decimals: 2 },
  floorWeiPerPgu: { key: 'floorProvePerBpgu', decimals: PROVE_PER_BPGU_DECIMALS },
};

export function settingsFromForm(form: SuccinctForm): SuccinctFormResult {
  const errors: SuccinctFormErrors = {};
  const parse = (key: SuccinctFieldKey, decimals: number): bigint | undefined => {
    const parsed = parseUnits(form[key], decimals);
    if (parsed.ok) return parsed.minor;
    errors[key] = parsed.error;
    return undefined;
  };
  const proveUsdMicros = parse('proveUsd', USD_MICROS_DECIMALS);
  const marginBasisPoints = parse('marginPercent', 2);
  const floorWeiPerPgu = parse('floorProvePerBpgu', PROVE_PER_BPGU_DECIMALS);
  if (errors.marginPercent === 'use at most 2 decimals') errors.marginPercent = 'use at most two decimals';
  const parsed = SuccinctBidSettingsSchema.safeParse({
    proveUsdMicros: proveUsdMicros === undefined ? undefined : Number(proveUsdMicros),
    marginBasisPoints: marginBasisPoints === undefined ? undefined : Number(marginBasisPoints),
    floorWeiPerPgu: floorWeiPerPgu?.toString(),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = SCHEMA_FIELDS[String(issue.path[0])];
      if (field) errors[field.key] ??= describe(issue, field.decimals);
    }
  }
  return parsed.success && Object.keys(errors).length === 0 ? { ok: true, settings: parsed.data } : { ok: false, errors };
}

/** An issue in the field's own unit (`decimals`: digits between a stored unit and a shown one). */
function describe(issue: z.core.$ZodIssue, decimals: number): string {
  if (issue.code === 'too_small') return `must be at least ${decimalText(BigInt(issue.minimum as number), decimals)}`;
  if (issue.code === 'too_big') return `must be at most ${decimalText(BigInt(issue.maximum as number), decimals)}`;
  if (issue.code === 'invalid_format') return 'is too large';
  return issue.message;
}
