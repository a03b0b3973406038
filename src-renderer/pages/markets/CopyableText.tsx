// A value to paste elsewhere (a market's prover address, to stake to it; its quote provider's address, for the
// prover node), with a button that copies it. A prover address is the public half of a signing key: the key itself
// never leaves the keychain.
import { useState } from 'react';

export function CopyableText({ text, copyLabel, testId }: { text: string; copyLabel: string; testId: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <>
      <span className="path" data-testid={testId}>
        {text}
      </span>{' '}
      <button type="button" className="copy-button" onClick={() => void copy()} aria-label={copyLabel}>
        Copy
      </button>{' '}
      <span className="muted" aria-live="polite">
        {copied === 'yes' ? 'Copied.' : copied === 'failed' ? 'Could not copy: select it instead.' : ''}
      </span>
    </>
  );
}
