// What an Aztec market can and cannot do today, said first in its dialog and on its card: quotes were removed from
// Aztec, so only quote-era networks and forks still ask for them.
const QUOTE_ERA_STATEMENT =
  'Aztec removed epoch proof quotes in February 2025 (multi-proofs): current Aztec networks accept no quotes. This serves quote-era networks and forks that still use them.';

export function AztecQuoteEraNote() {
  return (
    <p className="notice notice-info" role="note">
      {QUOTE_ERA_STATEMENT}
    </p>
  );
}
