// How numbers look on screen.
const GIB = 1024 ** 3;

export const formatPercent = (pct: number): string => `${pct.toFixed(1)} %`;
export const formatGiB = (bytes: number): string => `${(bytes / GIB).toFixed(1)} GiB`;
export const formatCelsius = (celsius: number): string => `${celsius.toFixed(0)} °C`;

export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

/** Integer US cents as dollars, e.g. 1234 → "$12.34". */
export const formatCents = (cents: number): string => `${cents < 0 ? '−' : ''}$${(Math.abs(cents) / 100).toFixed(2)}`;
