import { useAppInfoStore } from '../stores/app-info.js';

export function StatusFooter() {
  const info = useAppInfoStore((store) => store.info);
  const error = useAppInfoStore((store) => store.error);
  return (
    <footer className="status-footer">
      {info !== null ? (
        <span>
          ProverDesk {info.appVersion} · {info.mode === 'headless' ? 'headless' : 'desktop'} mode · {info.platform}
        </span>
      ) : (
        <span>{error ?? 'Connecting to ProverDesk…'}</span>
      )}
    </footer>
  );
}
