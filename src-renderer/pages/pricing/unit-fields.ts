// A pricing settings form whose fields are amounts typed in a shown unit and stored in a smaller one (dollars
// stored in cents or millionths, percent in basis points, tokens in wei): each field's text to and from the
// settings the API takes, exactly (no floating point), with ranges checked by the API's own schema and told in
// the field's own unit.
import type { z } from 'zod';
import { decimalText, parseUnits } from '../../amounts.js';

export interface UnitField<Key extends string, Settings> {
  key: Key;
  label: string;
  hint: string;
  /** The setting it fills. */
  setting: keyof Settings & string;
  /** Digits between a stored unit and a shown one (2: cents in dollars, basis points in percent). */
  decimals: number;
  /** Whether the API takes the setting as a number or as a decimal string (wei amounts). */
  stored: 'number' | 'text';
}

export type UnitForm<Key extends string> = Record<Key, string>;
export type UnitFormErrors<Key extends string> = Partial<Record<Key, string>>;
export type UnitFormResult<Key extends string, Settings> = { ok: true; settings: Settings } | { ok: false; errors: UnitFormErrors<Key> };

/** The settings as the fields show them: 125 cents → "1.25", 2000 bp → "20". */
export function formFromUnits<Key extends string, Settings>(fields: readonly UnitField<Key, Settings>[], settings: Settings): UnitForm<Key> {
  const form = {} as UnitForm<Key>;
  for (const field of fields) form[field.key] = decimalText(BigInt(settings[field.setting] as number | string), field.decimals);
  return form;
}

/** The fields as settings, or what is wrong with each field that is. */
export function unitsFromForm<Key extends string, Settings>(
  fields: readonly UnitField<Key, Settings>[],
  schema: z.ZodType<Settings>,
  form: UnitForm<Key>,
): UnitFormResult<Key, Settings> {
  const errors: UnitFormErrors<Key> = {};
  const input: Record<string, number | string | undefined> = {};
  for (const field of fields) {
    const parsed = parseUnits(form[field.key], field.decimals);
    if (!parsed.ok) {
      errors[field.key] = parsed.error === 'use at most 2 decimals' ? 'use at most two decimals' : parsed.error;
      continue;
    }
    input[field.setting] = field.stored === 'number' ? Number(parsed.minor) : parsed.minor.toString();
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fields.find((f) => f.setting === String(issue.path[0]));
      if (field) errors[field.key] ??= describe(issue, field.decimals);
    }
  }
  return parsed.success && Object.keys(errors).length === 0 ? { ok: true, settings: parsed.data } : { ok: false, errors };
}

/** An issue in the field's own unit (`decimals`: digits between a stored unit and a shown one). */
function describe(issue: z.core.$ZodIssue, decimals: number): string {
  if (issue.code === 'too_small') return `must be at least ${decimalText(BigInt(issue.minimum as number), decimals)}`;
  if (issue.code === 'too_big') return `must be at most ${decimalText(BigInt(issue.maximum as number), decimals)}`;
  // A wei amount's only format is up to 40 digits.
  if (issue.code === 'invalid_format') return 'is too large';
  return issue.message;
}
