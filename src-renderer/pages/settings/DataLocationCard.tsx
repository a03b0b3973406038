import { Card } from '../../components/Card.js';
import { useAppInfoStore } from '../../stores/app-info.js';

export function DataLocationCard() {
  const info = useAppInfoStore((store) => store.info);
  return (
    <Card title="Data">
      {info === null ? (
        <p className="muted">Waiting for ProverDesk…</p>
      ) : (
        <dl className="facts">
          <dt>Data folder</dt>
          <dd className="path">{info.dataDir}</dd>
          <dt>Database file</dt>
          <dd className="path">{info.databaseFile}</dd>
        </dl>
      )}
    </Card>
  );
}
