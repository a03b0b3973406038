// A market's prover address (the public half of its signing key; the key itself never leaves the keychain),
// with a button that copies it, e.g. to stake PROVE to it on the network.
import { useState } from 'react';

export function ProverAddress({ address }: { address: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(address);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <>
      <span className="path" data-testid="prover-address">
        {address}
      </span>{' '}
      <button type="button" className="copy-button" onClick={() => void copy()} aria-label="Copy the prover address">
        Copy
      </button>{' '}
      <span className="muted" aria-live="polite">
        {copied === 'yes' ? 'Copied.' : copied === 'failed' ? 'Could not copy: select the address instead.' : ''}
      </span>
    </>
  );
}
