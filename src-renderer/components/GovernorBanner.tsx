// The governor's decision in one place: whether proving runs, is throttled or paused, each reason, and snoozing
// (everything or GPU work only, for 1 h, 3 h or until midnight). Shown on the Dashboard and the Jobs page.
import { useEffect, useId } from 'react';
import type { GovernorReason, GovernorStatus, SnoozeState } from '../../src-main/core/api/resource-schemas.js';
import { useBridge } from '../bridge/context.js';
import { useGovernorStore, type SnoozeRequest } from '../stores/governor.js';
import { ErrorNotice } from './ErrorNotice.js';

const HOUR_MS = 3_600_000;

const SNOOZE_LENGTHS: { label: string; untilMs(now: Date): number }[] = [
  { label: '1 h', untilMs: (now) => now.getTime() + HOUR_MS },
  { label: '3 h', untilMs: (now) => now.getTime() + 3 * HOUR_MS },
  { label: 'Until tomorrow', untilMs: (now) => startOfDay(now, 1).getTime() },
];

const SNOOZE_SCOPES: { scope: SnoozeState['scope']; label: string }[] = [
  { scope: 'all', label: 'Snooze everything' },
  { scope: 'gpu', label: 'Snooze GPU work only' },
];

export function GovernorBanner() {
  const bridge = useBridge();
  const { status, loadError, snoozeError, load, snooze, pause, unsnooze } = useGovernorStore();

  useEffect(() => {
    void load(bridge);
  }, [bridge, load]);

  if (status === null) {
    return loadError === null ? null : <ErrorNotice message={`The proving status could not be read: ${loadError}`} onRetry={() => void load(bridge)} />;
  }
  // The snooze has its own line with "Resume now"; listing it among the reasons too would say it twice.
  const reasons = status.reasons.filter((reason) => reason.rule !== 'snooze');
  return (
    <>
      <div role="status" aria-label="Proving status" className={`governor-banner governor-${bannerStyle(status)}`}>
        <p className="governor-summary">{status.summary}</p>
        {reasons.length > 0 && (
          <ul className="governor-reasons" aria-label="Reasons">
            {reasons.map((reason, index) => (
              <li key={index}>
                {reason.text} <span className="muted">· {effectText(reason)}</span>
              </li>
            ))}
          </ul>
        )}
        {status.snooze === null ? (
          <SnoozeMenu onSnooze={(choice) => void snooze(bridge, choice)} onPause={() => void pause(bridge)} />
        ) : (
          <p className="governor-snooze">
            {snoozeText(status.snooze, new Date())} —{' '}
            <button type="button" onClick={() => void unsnooze(bridge)}>
              Resume now
            </button>
          </p>
        )}
      </div>
      {snoozeError !== null && <ErrorNotice message={snoozeError} />}
    </>
  );
}

function SnoozeMenu({ onSnooze, onPause }: { onSnooze(choice: SnoozeRequest): void; onPause(): void }) {
  const labelId = useId();
  return (
    <div className="snooze-menu">
      <button type="button" onClick={onPause}>
        Pause until I resume
      </button>
      {SNOOZE_SCOPES.map(({ scope, label }) => (
        <div key={scope} role="group" aria-labelledby={`${labelId}-${scope}`} className="snooze-row">
          <span id={`${labelId}-${scope}`} className="muted">
            {label}:
          </span>
          {SNOOZE_LENGTHS.map((length) => (
            <button key={length.label} type="button" onClick={() => onSnooze({ scope, untilMs: length.untilMs(new Date()) })}>
              {length.label}
            </button>
          ))}
        </div>
      ))}
    </div>
  );
}

/** A job kept going past the reasons (to meet its deadline) reads differently from plain running or throttled. */
const bannerStyle = (status: GovernorStatus): GovernorStatus['state'] | 'finishing' => (status.finishing !== null ? 'finishing' : status.state);

function effectText(reason: GovernorReason): string {
  if (reason.effect === 'throttle') return `throttled to ${reason.cpuPct ?? 0} %`;
  return reason.scope === 'gpu' ? 'GPU work paused' : 'paused';
}

/** "Snoozed until 15:30", "GPU work snoozed until tomorrow 00:00", "Snoozed until Sat 09:00". */
function snoozeText(snooze: SnoozeState, now: Date): string {
  if (snooze.untilMs === null) return 'Paused until you resume';
  const until = new Date(snooze.untilMs);
  const time = until.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  const days = Math.round((startOfDay(until, 0).getTime() - startOfDay(now, 0).getTime()) / (24 * HOUR_MS));
  const when = days === 0 ? time : days === 1 ? `tomorrow ${time}` : `${until.toLocaleDateString(undefined, { weekday: 'short' })} ${time}`;
  return `${snooze.scope === 'gpu' ? 'GPU work snoozed' : 'Snoozed'} until ${when}`;
}

/** Local midnight at the start of the day `plusDays` after `date`'s. */
function startOfDay(date: Date, plusDays: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + plusDays);
}
