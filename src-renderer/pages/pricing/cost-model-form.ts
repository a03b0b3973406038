// The cost-model form: the text in each field, to and from the model the API takes. The margin is shown in
// percent and stored in basis points; everything else is whole cents, watts or cents per kWh. Ranges come
// from the API's own schema, so the form refuses exactly what the core would.
import type { z } from 'zod';
import { CostModelSchema, type CostModel } from '../../../src-main/core/api/pricing-schemas.js';

export const COST_FIELDS = [
  { key: 'electricityCentsPerKwh', label: 'Electricity (¢ per kWh)', unit: '¢/kWh' },
  { key: 'powerWatts', label: 'Power draw while proving (W)', unit: 'W' },
  { key: 'fixedCentsPerHour', label: 'Fixed cost (¢ per hour of proving)', unit: '¢/h' },
  { key: 'overheadCentsPerProof', label: 'Overhead (¢ per proof)', unit: '¢' },
  { key: 'marginPercent', label: 'Margin (%)', unit: '%' },
  { key: 'minimumPriceCents', label: 'Minimum price (¢)', unit: '¢' },
] as const;

export type CostFieldKey = (typeof COST_FIELDS)[number]['key'];
export type CostForm = Record<CostFieldKey, string>;
export type CostFormErrors = Partial<Record<CostFieldKey, string>>;

export function formFromModel(model: CostModel): CostForm {
  return {
    electricityCentsPerKwh: String(model.electricityCentsPerKwh),
    powerWatts: String(model.powerWatts),
    fixedCentsPerHour: String(model.fixedCentsPerHour),
    overheadCentsPerProof: String(model.overheadCentsPerProof),
    marginPercent: String(model.marginBasisPoints / 100),
    minimumPriceCents: String(model.minimumPriceCents),
  };
}

export type FormResult = { ok: true; model: CostModel } | { ok: false; errors: CostFormErrors };

export function modelFromForm(form: CostForm): FormResult {
  const errors: CostFormErrors = {};
  const numbers: Partial<Record<CostFieldKey, number>> = {};
  for (const { key } of COST_FIELDS) {
    const text = form[key].trim();
    const value = Number(text);
    if (text === '' || !Number.isFinite(value)) errors[key] = 'enter a number';
    else numbers[key] = value;
  }
  const marginPercent = numbers.marginPercent;
  const marginBasisPoints = marginPercent === undefined ? undefined : Math.round(marginPercent * 100);
  if (marginPercent !== undefined && Math.abs(marginPercent * 100 - marginBasisPoints!) > 1e-6) {
    errors.marginPercent = 'use at most two decimals';
  }
  const parsed = CostModelSchema.safeParse({
    electricityCentsPerKwh: numbers.electricityCentsPerKwh,
    powerWatts: numbers.powerWatts,
    fixedCentsPerHour: numbers.fixedCentsPerHour,
    overheadCentsPerProof: numbers.overheadCentsPerProof,
    marginBasisPoints,
    minimumPriceCents: numbers.minimumPriceCents,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]);
      const key: CostFieldKey = field === 'marginBasisPoints' ? 'marginPercent' : (field as CostFieldKey);
      errors[key] ??= describe(issue, key === 'marginPercent' ? 100 : 1);
    }
  }
  return parsed.success && Object.keys(errors).length === 0 ? { ok: true, model: parsed.data } : { ok: false, errors };
}

/** An issue in the field's own unit (`scale`: stored units per shown unit, 100 for the margin). */
function describe(issue: z.core.$ZodIssue, scale: number): string {
  if (issue.code === 'too_small') return `must be at least ${Number(issue.minimum) / scale}`;
  if (issue.code === 'too_big') return `must be at most ${Number(issue.maximum) / scale}`;
  if (issue.code === 'invalid_type' && issue.expected === 'int') return 'must be a whole number';
  return issue.message;
}
