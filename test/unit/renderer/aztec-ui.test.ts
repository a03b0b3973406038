// The Aztec UI's pure pieces: fees in basis points and percent, FEE amounts, how quotes read, the Pricing card's
// quote settings (dollars, percent, FEE and slots to the API's units, refused as the API would), its what-if
// total, and the Markets dialog's input (the key checked and never echoed in an error).
import { describe, expect, it } from 'vitest';
import { AztecQuoteSettingsSchema, type AztecPreview } from '../../../src-main/core/api/aztec-schemas.js';
import { formatFee } from '../../../src-renderer/amounts.js';
import { addInput, emptyAztecForm, formFromRow, updateInput } from '../../../src-renderer/pages/markets/aztec-form.js';
import { isAztecMarket, kindLabel, ledgerKindLabel } from '../../../src-renderer/pages/markets/coordinator-text.js';
import { basisPointsPercent, basisPointsText, quoteOutcomeText, submittedText } from '../../../src-renderer/pages/markets/quote-text.js';
import { formFromSettings, settingsFromForm } from '../../../src-renderer/pages/pricing/aztec-quote-form.js';
import { whatIfTotalText } from '../../../src-renderer/pages/pricing/aztec-what-if.js';

const KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
const ROLLUP = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const FEE = 10n ** 18n;

describe('basis points and FEE', () => {
  it('shows a fee in basis points with its percent: 100 bp = 1 %', () => {
    expect(basisPointsPercent(250)).toBe('2.50 %');
    expect(basisPointsPercent(1)).toBe('0.01 %');
    expect(basisPointsText(620)).toBe('620 bp (6.20 %)');
    expect(basisPointsText(10_000)).toBe('10,000 bp (100.00 %)');
  });

  it('shows fee-token wei as whole FEE, small amounts with two significant digits', () => {
    expect(formatFee('1500000000000000000')).toBe('1.5000 FEE');
    expect(formatFee(1000n * FEE)).toBe('1,000.0000 FEE');
    expect(formatFee('1000')).toBe('0.0000000000000010 FEE');
    expect(formatFee(0n)).toBe('0.0000 FEE');
  });
});

describe('quote text', () => {
  it('says how far a quoted epoch went, and what became of the others', () => {
    expect(quoteOutcomeText({ outcome: 'quoted', claimedAtMs: null, paidAtMs: null, won: null })).toBe('quoted');
    expect(quoteOutcomeText({ outcome: 'quoted', claimedAtMs: null, paidAtMs: null, won: false })).toBe('quoted · lost');
    expect(quoteOutcomeText({ outcome: 'quoted', claimedAtMs: 1, paidAtMs: null, won: true })).toBe('quoted · claimed');
    expect(quoteOutcomeText({ outcome: 'quoted', claimedAtMs: 1, paidAtMs: 2, won: true })).toBe('quoted · paid');
    expect(quoteOutcomeText({ outcome: 'declined', claimedAtMs: null, paidAtMs: null, won: null })).toBe('declined');
    expect(quoteOutcomeText({ outcome: 'refused', claimedAtMs: null, paidAtMs: null, won: null })).toBe('request refused');
  });

  it('says whether the quote reached the node', () => {
    expect(submittedText('sent')).toBe('sent');
    expect(submittedText('not-configured')).toBe('left to the prover node');
    expect(submittedText('node_addEpochProofQuote: quote for the wrong epoch')).toBe('not sent: node_addEpochProofQuote: quote for the wrong epoch');
    expect(submittedText(null)).toBe('–');
  });

  it('knows which markets quote (real or practice), and names them as Markets does', () => {
    expect(isAztecMarket({ protocol: 'aztec' })).toBe(true);
    expect(isAztecMarket({ protocol: 'succinct' })).toBe(false);
    expect(kindLabel('aztec')).toBe('Aztec epoch proof quotes');
    expect(ledgerKindLabel('practice aztec')).toBe('Practice · Aztec epoch proof quotes');
  });
});

describe('the Aztec quote settings form', () => {
  const settings = {
    costCentsPerTx: 1,
    costCentsPerEpoch: 100,
    feeTokenUsdMicros: 1_000_000,
    rewardPerBlockWei: '0',
    marginBasisPoints: 2_000,
    maxBasisPointFee: 10_000,
    bondWei: (1000n * FEE).toString(),
    validForSlots: 0,
  };
  const form = formFromSettings(settings);

  it('shows the stored settings in the units typed (dollars, percent, FEE, slots) and reads them back exactly', () => {
    expect(form).toEqual({
      costPerTxUsd: '0.01',
      costPerEpochUsd: '1',
      feeTokenUsd: '1',
      marginPercent: '20',
      maxFeePercent: '100',
      bondFee: '1000',
      validForSlots: '0',
      rewardPerBlockFee: '0',
    });
    expect(settingsFromForm(form)).toEqual({ ok: true, settings });
    expect(settingsFromForm({ ...form, costPerTxUsd: '0.25', feeTokenUsd: '0.000123', marginPercent: '12.5', maxFeePercent: '2.5', bondFee: '0.5', validForSlots: '64', rewardPerBlockFee: '50' })).toEqual({
      ok: true,
      settings: {
        ...settings,
        costCentsPerTx: 25,
        feeTokenUsdMicros: 123,
        marginBasisPoints: 1_250,
        maxBasisPointFee: 250,
        bondWei: (FEE / 2n).toString(),
        validForSlots: 64,
        rewardPerBlockWei: (50n * FEE).toString(),
      },
    });
  });

  it("refuses, per field and in the field's unit, what the API would", () => {
    expect(settingsFromForm({ ...form, costPerTxUsd: '0.001', feeTokenUsd: '0', maxFeePercent: '100.01', validForSlots: '1.5', rewardPerBlockFee: '1e5' })).toEqual({
      ok: false,
      errors: {
        costPerTxUsd: 'use at most two decimals',
        feeTokenUsd: 'must be at least 0.000001',
        maxFeePercent: 'must be at most 100',
        validForSlots: 'must be a whole number',
        rewardPerBlockFee: 'enter a number',
      },
    });
    expect(settingsFromForm({ ...form, maxFeePercent: '0', bondFee: '0.000000000000000999', costPerEpochUsd: '-1' })).toEqual({
      ok: false,
      errors: { maxFeePercent: 'must be at least 0.01', bondFee: "must be at least 1000 wei (the rollup's minimum bond)", costPerEpochUsd: 'must be at least 0' },
    });
    expect(settingsFromForm({ ...form, bondFee: `1${'0'.repeat(30)}` })).toEqual({ ok: false, errors: { bondFee: 'is too large' } });
  });

  it('accepts exactly what the API accepts', () => {
    const checked = settingsFromForm({ ...form, marginPercent: '0', validForSlots: '1000000' });
    expect(checked.ok && AztecQuoteSettingsSchema.parse(checked.settings)).toEqual({ ...settings, marginBasisPoints: 0, validForSlots: 1_000_000 });
  });
});

describe('the Aztec what-if total', () => {
  const epoch = { coordinatorId: 'a', atMs: 0, txCount: 24, totalFeesWei: (24n * FEE).toString(), outcome: 'quoted' as const, recordedBasisPointFee: 620 };
  const whatIf: AztecPreview = {
    epochs: [
      { ...epoch, epoch: '7', basisPointFee: 620, declineReason: null, costWei: (124n * FEE) / 100n, expectedRevenueWei: (1488n * FEE) / 1000n },
      { ...epoch, epoch: '8', basisPointFee: 700, declineReason: null, costWei: (124n * FEE) / 100n, expectedRevenueWei: (1680n * FEE) / 1000n },
      { ...epoch, epoch: '9', basisPointFee: null, declineReason: 'too cheap', costWei: null, expectedRevenueWei: null },
    ].map((e) => ({ ...e, costWei: e.costWei?.toString() ?? null, expectedRevenueWei: e.expectedRevenueWei?.toString() ?? null })),
  };

  it('sums what the quoted epochs would earn against their cost, in FEE and in dollars at the token price', () => {
    expect(whatIfTotalText(whatIf, 2_000_000)).toBe('2 of 3 epochs quoted; claimed and proven, they would earn 3.1680 FEE against a cost of 2.4800 FEE (≈ $6.34 against $4.96 at your token price).');
    expect(whatIfTotalText({ epochs: [] }, null)).toBe('0 of 0 epochs quoted; claimed and proven, they would earn 0.0000 FEE against a cost of 0.0000 FEE.');
  });
});

describe('the Aztec market dialog', () => {
  const filled = { ...emptyAztecForm(), name: 'Aztec lab', nodeUrl: 'http://127.0.0.1:9', chainId: '31337', rollupAddress: ROLLUP, privateKey: KEY };

  it('starts with the provider on loopback, any free port and 32-slot epochs, and sends an imported or generated key', () => {
    expect(emptyAztecForm()).toMatchObject({ providerHost: '127.0.0.1', providerPort: '0', slotsPerEpoch: '32', submitQuotes: true, keySource: 'import', l1RpcUrl: '' });
    expect(addInput(filled)).toEqual({
      ok: true,
      input: {
        kind: 'aztec',
        name: 'Aztec lab',
        nodeUrl: 'http://127.0.0.1:9',
        chainId: 31337,
        rollupAddress: ROLLUP,
        providerHost: '127.0.0.1',
        providerPort: 0,
        submitQuotes: true,
        slotsPerEpoch: 32,
        key: { source: 'import', privateKey: KEY },
      },
    });
    expect(addInput({ ...filled, keySource: 'generate', l1RpcUrl: 'http://127.0.0.1:8545', providerHost: '0.0.0.0' })).toMatchObject({
      ok: true,
      input: { key: { source: 'generate' }, l1RpcUrl: 'http://127.0.0.1:8545', providerHost: '0.0.0.0', submitQuotes: true },
    });
  });

  it('needs the chain id and a rollup address, and says so at the field without repeating the key', () => {
    const checked = addInput({ ...filled, chainId: '', rollupAddress: '0x5FbDB2315678afecb367f032d93F642f64180aa', providerPort: '70000', nodeUrl: 'ftp://node', privateKey: `${KEY}ff` });
    expect(checked).toEqual({
      ok: false,
      errors: {
        chainId: "enter the L1 chain's id",
        rollupAddress: 'must be 0x and 40 hexadecimal digits',
        providerPort: 'must be at most 65535',
        nodeUrl: 'must be an http:// or https:// address',
        privateKey: 'must be 64 hexadecimal digits, optionally starting with 0x',
      },
    });
    expect(JSON.stringify(checked)).not.toContain(KEY.slice(2));
    expect(addInput({ ...filled, slotsPerEpoch: 'many' })).toEqual({ ok: false, errors: { slotsPerEpoch: 'enter a number' } });
  });

  it('shows a stored market in the form and keeps the stored key on edit unless a new one is given', () => {
    const row = {
      name: 'Aztec lab',
      signerAddress: '0x2c7536E3605D9C16a7a3D7b1898e529396a65c23',
      aztec: { nodeUrl: 'http://127.0.0.1:9', l1RpcUrl: null, chainId: 31337, rollupAddress: ROLLUP, providerHost: '0.0.0.0', providerPort: 8081, submitQuotes: true, slotsPerEpoch: 16, providerUrl: null },
    };
    const form = formFromRow(row);
    expect(form).toMatchObject({ l1RpcUrl: '', chainId: '31337', providerHost: '0.0.0.0', providerPort: '8081', slotsPerEpoch: '16', submitQuotes: true, keySource: 'generate', privateKey: '' });
    const kept = updateInput('id-1', form);
    expect(kept).toMatchObject({ ok: true, input: { id: 'id-1', kind: 'aztec', providerPort: 8081, submitQuotes: true } });
    expect(kept.ok && 'privateKey' in kept.input).toBe(false);
    expect(updateInput('id-1', { ...form, keySource: 'import' })).toEqual({ ok: false, errors: { privateKey: 'enter the new key, or keep the stored one' } });
    expect(updateInput('id-1', { ...form, keySource: 'import', privateKey: KEY })).toMatchObject({ ok: true, input: { privateKey: KEY } });
  });

  it('takes the prover node\'s address instead of a key when the node signs the quotes', () => {
    const row = {
      name: 'Aztec lab',
      signerAddress: '0x2c7536E3605D9C16a7a3D7b1898e529396a65c23',
      aztec: { nodeUrl: 'http://127.0.0.1:9', l1RpcUrl: null, chainId: 31337, rollupAddress: ROLLUP, providerHost: '0.0.0.0', providerPort: 8081, submitQuotes: false, slotsPerEpoch: 16, providerUrl: null },
    };
    const form = formFromRow(row);
    expect(form.proverAddress).toBe('0x2c7536E3605D9C16a7a3D7b1898e529396a65c23');
    expect(updateInput('id-1', form)).toMatchObject({ ok: true, input: { submitQuotes: false, proverAddress: '0x2c7536E3605D9C16a7a3D7b1898e529396a65c23' } });
    const fresh = { ...emptyAztecForm(), nodeUrl: 'http://127.0.0.1:9', chainId: '31337', rollupAddress: ROLLUP, submitQuotes: false };
    expect(addInput(fresh)).toMatchObject({ ok: false, errors: { proverAddress: expect.stringContaining('prover node signs') } });
    const added = addInput({ ...fresh, proverAddress: '0x2c7536e3605d9c16a7a3d7b1898e529396a65c23' });
    expect(added).toMatchObject({ ok: true, input: { submitQuotes: false, proverAddress: '0x2c7536e3605d9c16a7a3d7b1898e529396a65c23' } });
    expect(added.ok && 'key' in added.input).toBe(false);
  });
});
