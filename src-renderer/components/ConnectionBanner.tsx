// Shown while the page has lost its live connection to the core (headless mode only; IPC never drops).
import { useConnectionStore } from '../stores/connection.js';

export function ConnectionBanner() {
  const state = useConnectionStore((store) => store.state);
  if (state === 'open' || state === 'connecting') return null;
  return (
    <div className="banner banner-error" role="alert">
      <strong>Disconnected from ProverDesk.</strong>{' '}
      {state === 'reconnecting'
        ? 'Trying to reconnect; figures on this page are not updating.'
        : 'ProverDesk refused or ended the connection. ' +
          'Open the link ProverDesk printed when it started, or reload the page.'}
    </div>
  );
}
