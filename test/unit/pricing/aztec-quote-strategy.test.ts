// The Aztec quote strategy on hand-worked numbers: the epoch's cost in cents converted to fee-token wei, the
// margin, the fee rounded up against the epoch's fees and rewards, the 1 bp floor, declines above the user's max
// fee or with nothing to pay from, and the quote's expiry slot. Also the stored settings' schema.
import { describe, expect, it } from 'vitest';
import type { QuoteRequest } from '../../../src-main/core/coordinators/aztec/quote-wire.js';
import { AztecQuoteSettingsSchema } from '../../../src-main/core/api/aztec-schemas.js';
import { aztecQuoteSettingsFromInput, aztecQuoteSettingsToInput } from '../../../src-main/core/pricing/aztec-quote-settings.js';
import { DEFAULT_AZTEC_QUOTE_SETTINGS, formatFeeTokens, quoteEpoch, type AztecQuoteSettings } from '../../../src-main/core/pricing/aztec-quote-strategy.js';

const TOKEN = 10n ** 18n;

/** $2 a token; 100 ¢ an epoch plus 5 ¢ a tx; 20 % margin. */
const settings: AztecQuoteSettings = {
  costCentsPerTx: 5,
  costCentsPerEpoch: 100,
  feeTokenUsdMicros: 2_000_000,
  rewardPerBlockWei: 0n,
  marginBasisPoints: 2_000,
  maxBasisPointFee: 10_000,
  bondWei: 10n ** 21n,
  validForSlots: 0,
};

/** Blocks 10 to 13 (four blocks) with 16 txs. */
const request = (totalFeesWei: bigint): QuoteRequest => ({ epochNumber: 3, fromBlock: 10, toBlock: 13, totalFeesWei, txCount: 16 });

describe('Aztec quote strategy', () => {
  it('converts the cost at the token rate, adds the margin and rounds the fee up', () => {
    // Cost: 100 + 16 × 5 = 180 ¢ = $1.80 = 0.9 token at $2; with 20 % margin 1.08 token.
    // Fee against 7 tokens of fees: 10000 × 1.08 / 7 = 1542.86 → 1543 bp, which earns 7 × 0.1543 = 1.0801 tokens.
    expect(quoteEpoch(settings, request(7n * TOKEN))).toEqual({
      basisPointFee: 1543,
      bondAmountWei: 10n ** 21n,
      costWei: 900_000_000_000_000_000n,
      expectedRevenueWei: 1_080_100_000_000_000_000n,
    });
  });

  it('counts the block reward of every block of the epoch in the pool the fee is taken from', () => {
    // 3 tokens of fees + 4 blocks × 1 token of reward = the same 7 tokens as above.
    expect(quoteEpoch({ ...settings, rewardPerBlockWei: TOKEN }, request(3n * TOKEN))).toMatchObject({ basisPointFee: 1543 });
  });

  it('rounds the converted cost up to a whole wei', () => {
    // 100 ¢ at $3 a token is a third of a token; no margin, and a pool of 10^22 wei asks 10000 × 0.33… / 10000 → 1 bp.
    const third = quoteEpoch({ ...settings, costCentsPerTx: 0, feeTokenUsdMicros: 3_000_000, marginBasisPoints: 0 }, request(10_000n * TOKEN));
    expect(third).toMatchObject({ costWei: 333_333_333_333_333_334n, basisPointFee: 1 });
  });

  it('asks at least 1 bp, even for an epoch that costs nothing (0 is "missing" to the node)', () => {
    expect(quoteEpoch({ ...settings, costCentsPerTx: 0, costCentsPerEpoch: 0 }, request(TOKEN))).toMatchObject({ basisPointFee: 1, costWei: 0n, expectedRevenueWei: TOKEN / 10_000n });
  });

  it('quotes at exactly the max fee and declines above it, saying why', () => {
    expect(quoteEpoch({ ...settings, maxBasisPointFee: 1543 }, request(7n * TOKEN))).toMatchObject({ basisPointFee: 1543 });
    expect(quoteEpoch({ ...settings, maxBasisPointFee: 1542 }, request(7n * TOKEN))).toEqual({
      decline: "the epoch's fees (7 FEE) cannot pay its cost (1.08 FEE) within your max fee of 1542 bp",
    });
    // Even 100 % of 1 token cannot pay 1.08 tokens.
    expect(quoteEpoch(settings, request(TOKEN))).toEqual({ decline: "the epoch's fees (1 FEE) cannot pay its cost (1.08 FEE) within your max fee of 10000 bp" });
  });

  it('declines an epoch with no fees and no reward to take a share of', () => {
    expect(quoteEpoch(settings, request(0n))).toEqual({ decline: "the epoch's fees (0 FEE) cannot pay its cost (1.08 FEE) within your max fee of 10000 bp" });
    expect(quoteEpoch({ ...settings, costCentsPerTx: 0, costCentsPerEpoch: 0 }, request(0n))).toMatchObject({ decline: expect.stringContaining('(0 FEE)') });
  });

  it('sets validUntilSlot to the current slot plus validForSlots, and leaves it out for 0 or an unknown slot', () => {
    const valid = { ...settings, validForSlots: 5 };
    expect(quoteEpoch(valid, request(7n * TOKEN), 24n)).toMatchObject({ validUntilSlot: 29n });
    expect(quoteEpoch(valid, request(7n * TOKEN))).not.toHaveProperty('validUntilSlot');
    expect(quoteEpoch(settings, request(7n * TOKEN), 24n)).not.toHaveProperty('validUntilSlot');
  });

  it('writes fee-token amounts in tokens, and tiny ones in wei', () => {
    expect(formatFeeTokens(16n * 10n ** 15n)).toBe('0.016 FEE');
    expect(formatFeeTokens(1234n * TOKEN)).toBe('1234 FEE');
    expect(formatFeeTokens(5n)).toBe('5 wei');
    expect(formatFeeTokens(0n)).toBe('0 FEE');
  });

  it('stores settings with wei as decimal strings, and refuses a bond below the rollup minimum or a fee above 10000 bp', () => {
    const stored = aztecQuoteSettingsToInput(DEFAULT_AZTEC_QUOTE_SETTINGS);
    expect(stored).toMatchObject({ bondWei: '1000000000000000000000', rewardPerBlockWei: '0', maxBasisPointFee: 10_000 });
    expect(aztecQuoteSettingsFromInput(AztecQuoteSettingsSchema.parse(stored))).toEqual(DEFAULT_AZTEC_QUOTE_SETTINGS);
    expect(AztecQuoteSettingsSchema.safeParse({ ...stored, bondWei: '999' }).error?.issues[0]?.message).toBe("must be at least 1000 wei (the rollup's minimum bond)");
    expect(AztecQuoteSettingsSchema.safeParse({ ...stored, maxBasisPointFee: 10_001 }).success).toBe(false);
    expect(AztecQuoteSettingsSchema.safeParse({ ...stored, feeTokenUsdMicros: 0 }).success).toBe(false);
    expect(AztecQuoteSettingsSchema.safeParse({ ...stored, bondWei: 1000 }).success).toBe(false); // a JSON number loses precision: strings only
  });
});
