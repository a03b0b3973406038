import { Card } from '../../components/Card.js';
import { Meter } from '../../components/Meter.js';
import { useHardwareStore } from '../../stores/hardware.js';
import { WaitingForSample } from './WaitingForSample.js';

const SOURCE_NAMES = { ac: 'Mains power', battery: 'Battery', unknown: 'Not reported' } as const;

export function PowerCard() {
  const power = useHardwareStore((store) => store.latest?.power ?? null);
  if (power === null) {
    return (
      <Card title="Power">
        <WaitingForSample />
      </Card>
    );
  }
  return (
    <Card title="Power">
      <dl className="facts">
        <dt>Source</dt>
        <dd>{SOURCE_NAMES[power.source]}</dd>
        <dt>Battery</dt>
        <dd>
          {!power.hasBattery
            ? 'none'
            : [
                power.batteryPct === null ? 'level not reported' : `${power.batteryPct.toFixed(0)} %`,
                power.charging === null ? null : power.charging ? 'charging' : 'not charging',
              ]
                .filter((part) => part !== null)
                .join(', ')}
        </dd>
      </dl>
      {power.hasBattery && power.batteryPct !== null && <Meter label="Battery level" pct={power.batteryPct} />}
    </Card>
  );
}
