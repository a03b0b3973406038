// An Aztec market's settings on its card, as terms of a facts list: where its quote provider listens now (to copy
// into the prover node's QUOTE_PROVIDER_URL), the chain and rollup its quotes are signed for, and the node it
// quotes for.
import type { Coordinator } from '../../stores/markets.js';
import { CopyableText } from './CopyableText.js';

type AztecSettings = NonNullable<Coordinator['aztec']>;

export function AztecFacts({ settings }: { settings: AztecSettings }) {
  return (
    <>
      <dt>Quote provider</dt>
      <dd>
        {settings.providerUrl === null ? (
          <span className="muted">not listening: it starts while the market is enabled and not paused</span>
        ) : (
          <>
            <CopyableText text={settings.providerUrl} copyLabel="Copy the quote provider's address" testId="provider-url" />
            <span className="field-hint">Set the prover node&apos;s QUOTE_PROVIDER_URL to this.</span>
          </>
        )}
      </dd>
      <dt>Chain ID</dt>
      <dd data-testid="aztec-chain-id">{settings.chainId}</dd>
      <dt>Rollup</dt>
      <dd className="path" data-testid="rollup-address">
        {settings.rollupAddress}
      </dd>
      <dt>Node</dt>
      <dd className="path">{settings.nodeUrl}</dd>
      {settings.l1RpcUrl !== null && (
        <>
          <dt>L1 RPC</dt>
          <dd className="path">{settings.l1RpcUrl}</dd>
        </>
      )}
      <dt>Quotes</dt>
      <dd>
        {settings.submitQuotes ? 'signed here and sent to the node' : 'answered to the prover node, which signs and sends them'} · epochs of {settings.slotsPerEpoch} slots
      </dd>
    </>
  );
}
