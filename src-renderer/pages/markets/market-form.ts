// What the market dialogs (Succinct, Aztec) share: where the signing key comes from, numbers read as numbers
// before the API's schema sees them (so a typo reads "enter a number", not a schema message), the schema's issues
// as one message per form field, and the core's refusal of a key found in its message. Errors name the field,
// never the key.
import type { z } from 'zod';

export type KeySource = 'import' | 'generate';

export type FormErrors<F extends string> = Partial<Record<F, string>>;

export type Checked<T, F extends string> = { ok: true; input: T } | { ok: false; errors: FormErrors<F> };

/** The key fields of a market dialog. Adding: import a key or have one made. Editing: `import` replaces the stored key, `generate` keeps it. */
export interface KeyChoice {
  keySource: KeySource;
  privateKey: string;
}

/** Adding: the key to import, or a new one to make. */
export function keyToAdd(form: KeyChoice): { source: 'generate' } | { source: 'import'; privateKey: string } {
  return form.keySource === 'generate' ? { source: 'generate' } : { source: 'import', privateKey: form.privateKey };
}

/** Editing: the new key to import, or nothing to keep the stored one; replacing with no key typed is marked at the field. */
export function keyToUpdate(form: KeyChoice, errors: FormErrors<'privateKey'>): { privateKey?: string } {
  if (form.keySource !== 'import') return {};
  if (form.privateKey.trim() === '') errors.privateKey = 'enter the new key, or keep the stored one';
  return { privateKey: form.privateKey };
}

/** A number field's text as a number, undefined when empty; a text that is no number is marked at its field. */
export function readNumber<F extends string>(text: string, field: F, errors: FormErrors<F>): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) errors[field] = 'enter a number';
  return value;
}

/** The schema's answer with the errors found before it; a key's issue (`key.privateKey`) goes to the key field. */
export function checkedInput<T, F extends string>(parsed: z.ZodSafeParseResult<T>, errors: FormErrors<F>): Checked<T, F> {
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = (issue.path[0] === 'key' ? 'privateKey' : String(issue.path[0])) as F;
      errors[field] ??= describe(issue);
    }
  }
  return parsed.success && Object.keys(errors).length === 0 ? { ok: true, input: parsed.data } : { ok: false, errors };
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small' && issue.origin === 'number') return `must be at least ${issue.minimum}`;
  if (issue.code === 'too_big' && issue.origin === 'number') return `must be at most ${issue.maximum}`;
  if (issue.code === 'invalid_type' && issue.expected === 'int') return 'must be a whole number';
  return issue.message;
}

/**
 * The field a refusal from the core is about, if it names the key: the core checks what the schema cannot (a key
 * out of the secp256k1 range) and says "privateKey: why".
 */
export function keyRefusal(message: string): string | null {
  const match = /(?:^|: )(?:key\.)?privateKey: (.+)$/.exec(message);
  return match === null ? null : match[1]!;
}
