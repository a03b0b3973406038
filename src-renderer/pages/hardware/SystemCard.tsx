import { Card } from '../../components/Card.js';
import { useHardwareStore } from '../../stores/hardware.js';
import { WaitingForSample } from './WaitingForSample.js';

export function SystemCard() {
  const os = useHardwareStore((store) => store.machine?.os ?? null);
  if (os === null) {
    return (
      <Card title="System">
        <WaitingForSample />
      </Card>
    );
  }
  return (
    <Card title="System">
      <dl className="facts">
        <dt>Operating system</dt>
        <dd>{`${os.distro} ${os.release}`.trim() || os.platform}</dd>
        <dt>Kernel</dt>
        <dd>{os.kernel}</dd>
        <dt>Architecture</dt>
        <dd>{os.arch}</dd>
        <dt>Host name</dt>
        <dd>{os.hostname}</dd>
      </dl>
    </Card>
  );
}
