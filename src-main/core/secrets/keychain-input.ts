// Checks what callers hand the keychain, with the rules of the API contract. Messages name the rule, never the value.
import type { z } from 'zod';
import { SecretAccount, SecretSetInput } from '../api/schemas.js';
import { KeychainInputError } from './keychain-errors.js';

const SecretValue = SecretSetInput.shape.secret;
const SERVICE_MAX_CHARS = 200;

function parseWith<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const reason = parsed.error.issues[0]?.message ?? 'not accepted';
  throw new KeychainInputError(`Invalid keychain ${what}: ${reason}`);
}

/** The account name, trimmed as the contract trims it. */
export function parseAccount(value: unknown): string {
  return parseWith(SecretAccount, value, 'account');
}

export function parseSecret(value: unknown): string {
  return parseWith(SecretValue, value, 'secret');
}

export function parseServiceName(value: unknown): string {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > SERVICE_MAX_CHARS) {
    throw new KeychainInputError(`Invalid keychain service name: it must be 1 to ${SERVICE_MAX_CHARS} characters`);
  }
  return value;
}
