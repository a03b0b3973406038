// A Succinct market's settings on its card, as terms of a facts list.
import type { Coordinator } from '../../stores/markets.js';

type SuccinctSettings = NonNullable<Coordinator['succinct']>;

const CHAINS: Partial<Record<number, string>> = { 1: 'mainnet', 11155111: 'Sepolia' };

/** `practice`: the practice network's PGUs are circuit constraints, timed by this machine's measured speed. */
export function SuccinctFacts({ settings, practice }: { settings: SuccinctSettings; practice: boolean }) {
  return (
    <>
      <dt>Circuit version</dt>
      <dd data-testid="circuit-version">{settings.version}</dd>
      {settings.chainId !== null && (
        <>
          <dt>Chain</dt>
          <dd>
            {settings.chainId}
            {CHAINS[settings.chainId] === undefined ? '' : ` (${CHAINS[settings.chainId]})`}
          </dd>
        </>
      )}
      <dt>Throughput</dt>
      <dd>
        {practice
          ? "this machine's measured speed (Pricing)"
          : settings.throughputPgusPerS === null
            ? 'not set: edit to set it'
            : `${settings.throughputPgusPerS.toLocaleString('en-US')} PGU/s`}
      </dd>
      <dt>Outstanding at most</dt>
      <dd>
        {settings.maxOutstanding} bid{settings.maxOutstanding === 1 ? '' : 's'} or proof{settings.maxOutstanding === 1 ? '' : 's'}
      </dd>
      {settings.maxGasLimit !== null && (
        <>
          <dt>Max gas</dt>
          <dd>{BigInt(settings.maxGasLimit).toLocaleString('en-US')} PGU</dd>
        </>
      )}
    </>
  );
}
