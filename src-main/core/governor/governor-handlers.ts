// The API's resource endpoints: the limits of Settings → Resources (read, replace), the governor's status, and
// snoozing. New limits apply to the running job at once (CPU-time share, pauses) or from the next job (threads,
// memory).
import { ApiError } from '../api/contract.js';
import type { ApiHandlers } from '../api/dispatcher.js';
import type { ResourcesView } from '../api/resource-schemas.js';
import type { DesktopSignals } from './desktop-signals.js';
import type { Governor } from './governor.js';
import { resourceFacts } from './resource-settings-store.js';

type Queries = Pick<ApiHandlers['queries'], 'resources.get' | 'governor.status'>;
type Commands = Pick<ApiHandlers['commands'], 'resources.set' | 'governor.snooze' | 'governor.pause' | 'governor.unsnooze'>;

/** A snooze longer than this is more likely a mistake than a wish; pausing the coordinators is the tool for that. */
const MAX_SNOOZE_MS = 7 * 24 * 60 * 60 * 1000;

export function governorHandlers({ governor, desktop, now = Date.now }: { governor: Governor; desktop: DesktopSignals; now?: () => number }): {
  queries: Queries;
  commands: Commands;
} {
  const view = (): ResourcesView => ({ settings: governor.settings(), facts: resourceFacts(desktop) });
  return {
    queries: {
      'resources.get': view,
      'governor.status': () => governor.status(),
    },
    commands: {
      'resources.set': async ({ settings }) => {
        await governor.setSettings(settings);
        return view();
      },
      'governor.snooze': async ({ scope, untilMs }) => {
        const left = untilMs - now();
        if (left <= 0) throw new ApiError('bad_request', 'untilMs: the snooze must end in the future');
        if (left > MAX_SNOOZE_MS) throw new ApiError('bad_request', 'untilMs: a snooze lasts at most a week (pause the coordinators instead)');
        return governor.snooze({ scope, untilMs });
      },
      'governor.pause': () => governor.snooze({ scope: 'all', untilMs: null }),
      'governor.unsnooze': () => governor.snooze(null),
    },
  };
}
