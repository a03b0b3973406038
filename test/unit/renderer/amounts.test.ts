// Money on screen: exact amounts in smallest units as whole units with their decimals, Succinct prices as PROVE
// per billion PGU, typed amounts back to smallest units, and dollar estimates at the user's rate.
import { describe, expect, it } from 'vitest';
import { decimalText, formatProvePerBpgu, formatProveForGas, formatUnits, formatUsd, parseUnits, usdEstimate } from '../../../src-renderer/amounts.js';

const PROVE = 10n ** 18n;

describe('formatUnits', () => {
  it('shows four decimals, rounded half up, with thousands separators', () => {
    expect(formatUnits(12_300_000_000_000_000n, 18)).toBe('0.0123');
    expect(formatUnits(1_234_567n * PROVE + PROVE / 2n, 18)).toBe('1,234,567.5000');
    expect(formatUnits(99_995n * 10n ** 12n, 18)).toBe('0.1000');
    expect(formatUnits(0n, 18)).toBe('0.0000');
    expect(formatUnits(-15_000n, 4)).toBe('−1.5000');
  });

  it('never shows a non-zero amount as zero: small ones keep two significant digits', () => {
    expect(formatUnits(820_000_000_000n, 18)).toBe('0.00000082');
    expect(formatUnits(825_000_000_000n, 18)).toBe('0.00000083');
    expect(formatUnits(1n, 18)).toBe('0.000000000000000001');
  });

  it('keeps to the currency decimals (cents have two, whole units none)', () => {
    expect(formatUnits(12_345n, 2)).toBe('123.45');
    expect(formatUnits(7n, 2)).toBe('0.07');
    expect(formatUnits(42n, 0)).toBe('42');
  });
});

describe('Succinct prices', () => {
  it('reads wei per PGU as PROVE per billion PGU', () => {
    expect(formatProvePerBpgu('500000000')).toBe('0.5000');
    expect(formatProvePerBpgu('1000000000')).toBe('1.0000');
    expect(formatProvePerBpgu(10_000_000n)).toBe('0.0100');
    expect(formatProvePerBpgu('3000')).toBe('0.0000030');
  });

  it("prices a request's gas in PROVE", () => {
    expect(formatProveForGas('500000000', '16384')).toBe('0.0000082 PROVE');
    expect(formatProveForGas('1000000000', '1000000000')).toBe('1.0000 PROVE');
  });
});

describe('parseUnits and decimalText', () => {
  it('reads what a user typed in smallest units, exactly', () => {
    expect(parseUnits('0.4', 6)).toEqual({ ok: true, minor: 400_000n });
    expect(parseUnits(' .25 ', 9)).toEqual({ ok: true, minor: 250_000_000n });
    expect(parseUnits('12', 2)).toEqual({ ok: true, minor: 1_200n });
    expect(parseUnits('1.50000', 2)).toEqual({ ok: true, minor: 150n });
  });

  it('refuses what is not a plain non-negative decimal in the unit', () => {
    expect(parseUnits('', 6)).toEqual({ ok: false, error: 'enter a number' });
    expect(parseUnits('1e3', 6)).toEqual({ ok: false, error: 'enter a number' });
    expect(parseUnits('-1', 6)).toEqual({ ok: false, error: 'must be at least 0' });
    expect(parseUnits('0.1234567', 6)).toEqual({ ok: false, error: 'use at most 6 decimals' });
    expect(parseUnits('1.5', 0)).toEqual({ ok: false, error: 'must be a whole number' });
  });

  it('writes an amount back as the shortest exact decimal', () => {
    expect(decimalText(400_000n, 6)).toBe('0.4');
    expect(decimalText(2_000n, 2)).toBe('20');
    expect(decimalText(0n, 9)).toBe('0');
    expect(decimalText(1_500_000_001n, 9)).toBe('1.500000001');
  });
});

describe('dollars', () => {
  it('converts an amount at a rate in millionths of a dollar per whole unit', () => {
    expect(usdEstimate(25n * PROVE / 10n, 18, 400_000)).toBeCloseTo(1, 12);
    expect(usdEstimate(123n, 2, 1_000_000)).toBeCloseTo(1.23, 12);
    expect(usdEstimate(8_192_000_000_000n, 18, 400_000)).toBeCloseTo(3.2768e-6, 15);
  });

  it('shows cents, and amounts under a cent with two significant digits', () => {
    expect(formatUsd(1234.5)).toBe('$1,234.50');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(-0.25)).toBe('−$0.25');
    expect(formatUsd(0.0000032768)).toBe('$0.0000033');
    expect(formatUsd(0.004)).toBe('$0.0040');
  });
});
