// The Succinct forms' pure pieces: the Pricing card's bid settings (dollars, percent and PROVE per bPGU to the
// API's units, refused as the API would), the Markets dialog's input (throughput required, the key checked and
// never echoed in an error), and how bids read.
import { describe, expect, it } from 'vitest';
import { outcomeText, shortRequestId, timeLeftText } from '../../../src-renderer/pages/markets/bid-text.js';
import { isSuccinctMarket, ledgerKindLabel } from '../../../src-renderer/pages/markets/coordinator-text.js';
import { keyRefusal } from '../../../src-renderer/pages/markets/market-form.js';
import { addInput, emptySuccinctForm, formFromRow, updateInput } from '../../../src-renderer/pages/markets/succinct-form.js';
import { formFromSettings, settingsFromForm } from '../../../src-renderer/pages/pricing/succinct-bid-form.js';

const KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';

describe('the Succinct bid settings form', () => {
  it('shows the stored settings in the units typed, and reads them back exactly', () => {
    const settings = { proveUsdMicros: 400_000, marginBasisPoints: 2_000, floorWeiPerPgu: '500000000' };
    const form = formFromSettings(settings);
    expect(form).toEqual({ proveUsd: '0.4', marginPercent: '20', floorProvePerBpgu: '0.5' });
    expect(settingsFromForm(form)).toEqual({ ok: true, settings });
    expect(settingsFromForm({ proveUsd: '1.25', marginPercent: '12.5', floorProvePerBpgu: '0' })).toEqual({
      ok: true,
      settings: { proveUsdMicros: 1_250_000, marginBasisPoints: 1_250, floorWeiPerPgu: '0' },
    });
  });

  it("refuses, per field and in the field's unit, what the API would", () => {
    expect(settingsFromForm({ proveUsd: '0', marginPercent: '12.345', floorProvePerBpgu: 'cheap' })).toEqual({
      ok: false,
      errors: { proveUsd: 'must be at least 0.000001', marginPercent: 'use at most two decimals', floorProvePerBpgu: 'enter a number' },
    });
    expect(settingsFromForm({ proveUsd: '2000000', marginPercent: '10001', floorProvePerBpgu: '0.0000000001' })).toEqual({
      ok: false,
      errors: { proveUsd: 'must be at most 1000000', marginPercent: 'must be at most 10000', floorProvePerBpgu: 'use at most 9 decimals' },
    });
  });
});

describe('the Succinct market dialog', () => {
  const filled = { ...emptySuccinctForm(), name: 'SPN', throughputPgusPerS: '2500000', privateKey: KEY };

  it('starts at mainnet with the current circuit version, and sends an imported or generated key', () => {
    expect(emptySuccinctForm()).toMatchObject({ url: 'https://rpc.mainnet.succinct.xyz', version: 'sp1-v6.1.0', chainId: '1', maxOutstanding: '2', keySource: 'import' });
    expect(addInput(filled)).toEqual({
      ok: true,
      input: { kind: 'succinct', name: 'SPN', url: 'https://rpc.mainnet.succinct.xyz', version: 'sp1-v6.1.0', chainId: 1, throughputPgusPerS: 2_500_000, maxOutstanding: 2, maxGasLimit: undefined, key: { source: 'import', privateKey: KEY } },
    });
    expect(addInput({ ...filled, keySource: 'generate' })).toMatchObject({ ok: true, input: { key: { source: 'generate' } } });
  });

  it('needs the throughput and a well-formed key, and says so at the field without repeating the key', () => {
    const checked = addInput({ ...filled, throughputPgusPerS: '', chainId: 'one', maxOutstanding: '1.5', privateKey: `${KEY}ff` });
    expect(checked).toEqual({
      ok: false,
      errors: {
        throughputPgusPerS: "enter your SP1 prover's speed",
        chainId: 'enter a number',
        maxOutstanding: 'must be a whole number',
        privateKey: 'must be 64 hexadecimal digits, optionally starting with 0x',
      },
    });
    expect(JSON.stringify(checked)).not.toContain(KEY.slice(2));
  });

  it('keeps the stored key on edit unless a new one is given', () => {
    const row = { name: 'SPN', url: 'http://127.0.0.1:9', succinct: { version: 'sp1-v6.1.0', chainId: 11155111, throughputPgusPerS: 1000, maxOutstanding: 3, maxGasLimit: null } };
    const form = formFromRow(row);
    expect(form).toMatchObject({ chainId: '11155111', throughputPgusPerS: '1000', maxOutstanding: '3', maxGasLimit: '', keySource: 'generate', privateKey: '' });
    const kept = updateInput('id-1', form);
    expect(kept.ok && 'privateKey' in kept.input).toBe(false);
    expect(updateInput('id-1', { ...form, keySource: 'import' })).toEqual({ ok: false, errors: { privateKey: 'enter the new key, or keep the stored one' } });
    expect(updateInput('id-1', { ...form, keySource: 'import', privateKey: KEY })).toMatchObject({ ok: true, input: { id: 'id-1', privateKey: KEY } });
  });

  it("finds the core's refusal of a key in its message", () => {
    expect(keyRefusal('privateKey: that private key is outside the secp256k1 range (zero or too large)')).toBe('that private key is outside the secp256k1 range (zero or too large)');
    expect(keyRefusal("invalid input for command 'coordinators.add': key.privateKey: must be 64 hexadecimal digits")).toBe('must be 64 hexadecimal digits');
    expect(keyRefusal("a coordinator named 'SPN' already exists")).toBeNull();
  });
});

describe('bid text', () => {
  it("says what became of a request, and where a won one's proof is", () => {
    expect(outcomeText({ outcome: 'won', job: { id: 'j', state: 'accepted' } })).toBe('won · accepted');
    expect(outcomeText({ outcome: 'won', job: null })).toBe('won');
    expect(outcomeText({ outcome: 'placed', job: null })).toBe('bid placed');
    expect(outcomeText({ outcome: 'refused', job: null })).toBe('refused by the network');
  });

  it('knows which markets bid, and names ledger kinds as Markets does', () => {
    expect(isSuccinctMarket({ protocol: 'succinct' })).toBe(true);
    expect(isSuccinctMarket({ protocol: 'batch-api' })).toBe(false);
    expect(isSuccinctMarket({ protocol: 'aztec' })).toBe(false);
    expect(ledgerKindLabel('practice succinct')).toBe('Practice · Succinct Prover Network');
    expect(ledgerKindLabel('batch-api')).toBe('Batch API');
  });

  it('shortens request ids and counts down to a deadline', () => {
    expect(shortRequestId(`0x${'ab'.repeat(32)}`)).toBe('0xababab…abab');
    expect(timeLeftText(200_000, 70_000)).toBe('2 min 10 s left');
    expect(timeLeftText(70_000, 70_000)).toBe('deadline passed');
  });
});
