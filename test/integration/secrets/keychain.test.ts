// The keychain against the real OS store (under test/with-keyring.sh: a private, unlocked gnome-keyring).
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { KeychainStatus } from '../../../src-main/core/api/schemas.js';
import { KeychainInputError } from '../../../src-main/core/secrets/keychain-errors.js';
import { createKeychain, type Keychain } from '../../../src-main/core/secrets/keychain.js';

const keychain = createKeychain({ service: `ProverDesk-test-${randomUUID()}` });
const otherKeychain = createKeychain({ service: `ProverDesk-test-${randomUUID()}` });

afterAll(async () => {
  for (const chain of [keychain, otherKeychain]) {
    for (const account of await chain.listAccounts()) await chain.delete(account);
  }
});

async function rejection(work: Promise<unknown>): Promise<Error> {
  const outcome = await work.then(
    () => null,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Error)) throw new Error('expected the call to reject with an Error');
  return outcome;
}

describe('keychain', () => {
  it('stores, replaces, lists without values and deletes a secret', async () => {
    const account = 'batch-api:participant';
    const first = `first-${randomUUID()}`;
    const second = `second-${randomUUID()}`;

    await keychain.set(account, first);
    expect(await keychain.get(account)).toBe(first);

    await keychain.set(account, second);
    expect(await keychain.get(account)).toBe(second);

    expect(await keychain.listAccounts()).toEqual([account]);
    const status = await keychain.status();
    expect(status).toEqual({
      available: true,
      backend: keychain.backend,
      service: keychain.service,
      problem: null,
      accounts: [{ account, stored: true }],
    });
    expect(KeychainStatus.safeParse(status).success).toBe(true);
    expect(JSON.stringify(status)).not.toContain(second);
    expect(JSON.stringify(status)).not.toContain(first);

    expect(await keychain.delete(account)).toBe(true);
    expect(await keychain.get(account)).toBeNull();
    expect(await keychain.delete(account)).toBe(false);
    expect(await keychain.listAccounts()).toEqual([]);
  });

  it('keeps the accounts of two services apart', async () => {
    const shared = 'aztec:quote-signer';
    await keychain.set(shared, 'value-of-the-first-service');
    await otherKeychain.set(shared, 'value-of-the-second-service');
    await otherKeychain.set('succinct:prover', 'only-in-the-second-service');

    expect(await keychain.listAccounts()).toEqual([shared]);
    expect(await otherKeychain.listAccounts()).toEqual([shared, 'succinct:prover']);
    expect(await keychain.get(shared)).toBe('value-of-the-first-service');
    expect(await keychain.get('succinct:prover')).toBeNull();

    expect(await otherKeychain.delete(shared)).toBe(true);
    expect(await keychain.get(shared)).toBe('value-of-the-first-service');
    expect(await keychain.delete(shared)).toBe(true);
    expect(await otherKeychain.delete('succinct:prover')).toBe(true);
  });

  it('keeps any characters of a secret, up to 16384 of them', async () => {
    const secrets = ['line one\nline two\t"quoted" \\ 🔑 ключ 鍵', 'k'.repeat(16_384)];
    for (const secret of secrets) {
      await keychain.set('donation:api-token', secret);
      expect(await keychain.get('donation:api-token')).toBe(secret);
    }
    expect(await keychain.delete('donation:api-token')).toBe(true);
  });

  it('refuses bad accounts and secrets with a clear error that names no secret, and changes nothing', async () => {
    const account = 'batch-api:token';
    const kept = `kept-${randomUUID()}`;
    await keychain.set(account, kept);
    const offered = `offered-${randomUUID()}`;

    const cases: Array<{ call: (chain: Keychain) => Promise<unknown>; message: RegExp }> = [
      { call: (chain) => chain.set('', offered), message: /account must not be empty/ },
      { call: (chain) => chain.set('   ', offered), message: /account must not be empty/ },
      { call: (chain) => chain.set('a'.repeat(201), offered), message: /account must be at most 200 characters/ },
      { call: (chain) => chain.set('has spaces in it', offered), message: /account may contain letters, digits/ },
      { call: (chain) => chain.set(account, ''), message: /secret must not be empty/ },
      { call: (chain) => chain.set(account, offered.padEnd(16_385, 'x')), message: /at most 16384 characters/ },
      { call: (chain) => chain.set(account, 42 as unknown as string), message: /Invalid keychain secret/ },
      { call: (chain) => chain.get(''), message: /account must not be empty/ },
      { call: (chain) => chain.delete('a'.repeat(201)), message: /account must be at most 200 characters/ },
    ];
    for (const { call, message } of cases) {
      const error = await rejection(call(keychain));
      expect(error).toBeInstanceOf(KeychainInputError);
      expect(error).toMatchObject({ code: 'bad_request' });
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain(offered);
      expect(error.message).not.toContain(kept);
    }

    expect(await keychain.get(account)).toBe(kept);
    expect(await keychain.listAccounts()).toEqual([account]);
    expect(await keychain.delete(account)).toBe(true);
  });

  it('trims account names as the API contract does', async () => {
    await keychain.set('  succinct:prover  ', 'trimmed-account-secret');
    expect(await keychain.listAccounts()).toEqual(['succinct:prover']);
    expect(await keychain.get('succinct:prover')).toBe('trimmed-account-secret');
    expect(await keychain.delete(' succinct:prover')).toBe(true);
  });

  it('refuses a bad service name or timeout when created', () => {
    expect(() => createKeychain({ service: '' })).toThrow(/service name/);
    expect(() => createKeychain({ service: 'ProverDesk', timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => createKeychain({ service: 'ProverDesk', timeoutMs: 1.5 })).toThrow(/timeoutMs/);
  });
});
