import { useEffect } from 'react';
import { useBridge } from '../bridge/context.js';
import { useSecretsStore } from '../stores/secrets.js';
import { DataLocationCard } from './settings/DataLocationCard.js';
import { DesktopCard } from './settings/DesktopCard.js';
import { ExternalBackendCard } from './settings/ExternalBackendCard.js';
import { KeychainCard } from './settings/KeychainCard.js';

export function SettingsPage() {
  const bridge = useBridge();
  const refreshSecrets = useSecretsStore((store) => store.refresh);

  useEffect(() => {
    void refreshSecrets(bridge);
  }, [bridge, refreshSecrets]);

  return (
    <div className="page">
      <h1>Settings</h1>
      <DataLocationCard />
      <KeychainCard />
      <ExternalBackendCard />
      <DesktopCard />
    </div>
  );
}
