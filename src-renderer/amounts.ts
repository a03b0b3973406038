// Money as the API sends it — integers in a currency's smallest unit (wei, cents) as decimal strings — and how it
// reads on screen: whole units with the currency's decimals, PROVE per billion PGU for Succinct prices, Aztec's
// fee token (FEE), and US dollars at the user's rate. Amounts stay exact (bigint) until they are turned into a
// dollar estimate.

/** 1 PROVE per billion PGU is 10^9 wei per PGU (succinct-network.md §6). */
export const PROVE_PER_BPGU_DECIMALS = 9;
/** The user's PROVE price is kept in millionths of a dollar. */
export const USD_MICROS_DECIMALS = 6;
/** US cents: two decimals of a dollar. */
export const CENTS_DECIMALS = 2;
/** Aztec's fee asset has 18 decimals: amounts come in its wei. */
export const FEE_DECIMALS = 18;

/** Digits after the point for everyday amounts; smaller ones get more, for two significant digits. */
const FRACTION_DIGITS = 4;
const SMALL_SIGNIFICANT_DIGITS = 2;

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/**
 * An amount of `minor` smallest units as whole units: 12_300_000_000_000_000n with 18 decimals → "0.0123",
 * 1_500_000_000n with 9 → "1.5000", 820_000_000_000n with 18 → "0.00000082" (never a bare "0.0000" for a
 * non-zero amount). Rounded half up, with thousands separators.
 */
export function formatUnits(minor: bigint, decimals: number): string {
  const negative = minor < 0n;
  const magnitude = negative ? -minor : minor;
  const unit = pow10(decimals);
  let digits = Math.min(decimals, FRACTION_DIGITS);
  if (magnitude > 0n && magnitude < unit) {
    const zerosAfterPoint = decimals - magnitude.toString().length;
    digits = Math.min(decimals, Math.max(digits, zerosAfterPoint + SMALL_SIGNIFICANT_DIGITS));
  }
  const scaled = (magnitude * pow10(digits) + unit / 2n) / unit;
  const whole = (scaled / pow10(digits)).toLocaleString('en-US');
  const text = digits === 0 ? whole : `${whole}.${(scaled % pow10(digits)).toString().padStart(digits, '0')}`;
  return negative ? `−${text}` : text;
}

/** An exact decimal without trailing zeros, as a form field shows it: 400_000n with 6 decimals → "0.4". */
export function decimalText(minor: bigint, decimals: number): string {
  const unit = pow10(decimals);
  const fraction = (minor % unit).toString().padStart(decimals, '0').replace(/0+$/, '');
  return fraction === '' ? (minor / unit).toString() : `${minor / unit}.${fraction}`;
}

export type ParsedAmount = { ok: true; minor: bigint } | { ok: false; error: string };

/** What a user typed ("12", "0.5", ".25") in smallest units; refuses signs, exponents and more decimals than the unit has. */
export function parseUnits(text: string, decimals: number): ParsedAmount {
  const trimmed = text.trim();
  if (/^-\s*[\d.]/.test(trimmed)) return { ok: false, error: 'must be at least 0' };
  const match = /^(\d*)(?:\.(\d*))?$/.exec(trimmed);
  if (match === null || (match[1] === '' && (match[2] ?? '') === '')) return { ok: false, error: 'enter a number' };
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > decimals) return { ok: false, error: decimals === 0 ? 'must be a whole number' : `use at most ${decimals} decimals` };
  return { ok: true, minor: BigInt(match[1] || '0') * pow10(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0') };
}

/** A Succinct price in wei per PGU (decimal string) as PROVE per billion PGU: "500000000" → "0.5000". */
export const formatProvePerBpgu = (weiPerPgu: string | bigint): string => formatUnits(BigInt(weiPerPgu), PROVE_PER_BPGU_DECIMALS);

/** A reward of `weiPerPgu` for `pgus` PGUs, in PROVE: what a won request pays if all its gas is used. */
export const formatProveForGas = (weiPerPgu: string, pgus: string): string => `${formatUnits(BigInt(weiPerPgu) * BigInt(pgus), 18)} PROVE`;

/** Fee-token wei (decimal string) as whole tokens: "1500000000000000000" → "1.5000 FEE". */
export const formatFee = (wei: string | bigint): string => `${formatUnits(BigInt(wei), FEE_DECIMALS)} FEE`;

/** A size in PGUs with thousands separators. */
export const formatPgus = (pgus: string): string => BigInt(pgus).toLocaleString('en-US');

/**
 * An amount's worth in US dollars at `usdMicrosPerUnit` (millionths of a dollar per whole unit). A float:
 * for display and charts only, as an estimate at the user's rate.
 */
export function usdEstimate(minor: bigint, decimals: number, usdMicrosPerUnit: number): number {
  // Exact down to a millionth of a micro-dollar, so small rewards are not rounded away before display.
  const picoDollars = (minor * BigInt(usdMicrosPerUnit) * 1_000_000n) / pow10(decimals);
  return Number(picoDollars) / 1e12;
}

/** Dollars to the cent ("$1,234.56"); amounts under a cent with two significant digits ("$0.00000033"), never "$0.00". */
export function formatUsd(dollars: number): string {
  const magnitude = Math.abs(dollars);
  const digits = magnitude === 0 || magnitude >= 0.005 ? 2 : Math.min(12, Math.ceil(-Math.log10(magnitude)) + 1);
  const text = magnitude.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${dollars < 0 ? '−' : ''}$${text}`;
}
